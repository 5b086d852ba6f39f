package target

import (
	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/textclip"
)

// maxToolNameBytes bounds a tool call's name.
const maxToolNameBytes = 256

// callList collects the tool calls of one reply within the caps: at most MaxToolCalls
// calls, each with at most MaxToolArgumentBytes of arguments, and MaxToolArgumentsTotal
// argument bytes in all, so that one journal record stays bounded. Once the total is
// spent, later calls keep their names with clipped or empty arguments: the name is what
// the tool-call detector judges, so dropping the call would hide it.
type callList struct {
	calls   []detect.ToolCall
	argLeft int
}

func newCallList() *callList { return &callList{argLeft: MaxToolArgumentsTotal} }

// add appends one call; it reports false once the list is full.
func (l *callList) add(name, args string) bool {
	if len(l.calls) >= MaxToolCalls {
		return false
	}
	args = textclip.Ellipsis(args, min(MaxToolArgumentBytes, l.argLeft))
	l.argLeft -= len(args)
	l.calls = append(l.calls, detect.ToolCall{Name: textclip.Ellipsis(name, maxToolNameBytes), Arguments: args})
	return len(l.calls) < MaxToolCalls
}
