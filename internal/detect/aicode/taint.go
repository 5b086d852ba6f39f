package aicode

import (
	"sort"
	"strings"

	"github.com/aisecops/aisec/internal/format/code"
)

// generative are method names whose call on an LLM client, model, chain or agent returns
// model output.
var generative = map[string]bool{
	"create": true, "acreate": true, "generate_content": true, "generate_content_async": true, "generate": true,
	"agenerate": true, "invoke": true, "ainvoke": true, "batch": true, "abatch": true, "stream": true, "astream": true,
	"predict": true, "apredict": true, "predict_messages": true, "run": true, "arun": true, "run_sync": true,
	"kickoff": true, "kickoff_async": true, "chat": true, "achat": true, "complete": true, "acomplete": true,
	"stream_chat": true, "stream_complete": true, "completion": true, "acompletion": true, "text_generation": true,
	"chat_completion": true, "query": true, "aquery": true, "converse": true, "invoke_model": true,
	"converse_stream": true, "invoke_model_with_response_stream": true, "send_message": true, "generate_text": true,
	"call": true, "content": true, "generateText": true, "streamText": true, "generateObject": true,
	"generateContent": true, "sendMessage": true, "createChatCompletion": true, "createCompletion": true,
	"CreateChatCompletion": true, "CreateCompletion": true, "New": true, "GenerateContent": true,
	"GenerateFromSinglePrompt": true, "Call": true, "Chat": true, "Generate": true, "prompt": true, "ask": true,
}

// needsChatContext are generative names that only count on chat/completion/message APIs
// (`client.files.create` is not model output).
var needsChatContext = map[string]bool{"create": true, "acreate": true, "New": true, "content": true, "call": true}

var chatContext = [...]string{"chat", "Chat", "completion", "Completion", "messages", "Messages", "responses",
	"Responses", "prompt()"}

// propagators are functions through which model output stays model output.
var propagators = map[string]bool{
	"str": true, "repr": true, "format": true, "join": true, "strip": true, "lstrip": true, "rstrip": true,
	"lower": true, "upper": true, "replace": true, "decode": true, "encode": true, "loads": true, "dumps": true,
	"literal_eval": true, "dedent": true, "indent": true, "unescape": true, "b64decode": true, "sub": true,
	"search": true, "match": true, "findall": true, "fullmatch": true, "group": true, "String": true,
	"parse": true, "stringify": true, "trim": true, "concat": true, "Sprintf": true, "Sprint": true, "Join": true,
	"TrimSpace": true, "valueOf": true, "toString": true, "get": true, "cast": true, "dict": true, "list": true,
}

// strongGenerative are method names that mean an LLM call even on a receiver the analysis
// cannot resolve (`chain = prompt | llm; chain.invoke(...)`), in files that use an LLM or
// agent package.
var strongGenerative = map[string]bool{"invoke": true, "ainvoke": true, "generate_content": true, "kickoff": true,
	"predict_messages": true, "text_generation": true, "chat_completion": true, "generateContent": true,
	"generateText": true, "streamText": true, "invoke_model": true, "converse": true}

// flow says where model output in a span came from.
type flow struct {
	name   string // the tainted name read ("" when an LLM call is in the span itself)
	assign int    // the assignment of name that holds model output
	callee string // the LLM call at the origin
	line   int    // line of that LLM call when name is ""
}

// taint tracks which assignments hold model output.
type taint struct {
	f        *code.File
	aiFile   bool   // the file calls an LLM client or agent package
	llm      []int8 // per call: 0 unknown, 1 an LLM call, -1 not
	byName   map[string][]int
	byOffset []int // call indexes sorted by offset
	tainted  []bool
	origin   []string
}

func newTaint(f *code.File) *taint {
	t := &taint{f: f, llm: make([]int8, len(f.Calls)), byName: map[string][]int{}, tainted: make([]bool, len(f.Assigns)),
		origin: make([]string, len(f.Assigns)), byOffset: make([]int, len(f.Calls))}
	for i := range f.Calls {
		t.byOffset[i] = i
		if e, ok := code.EntryOf(f.Lang, &f.Calls[i]); ok && (e.Category == code.CatLLMClient || e.Category == code.CatAgent) {
			t.aiFile = true
		}
	}
	sort.SliceStable(t.byOffset, func(a, b int) bool { return f.Calls[t.byOffset[a]].Offset < f.Calls[t.byOffset[b]].Offset })
	for i, as := range f.Assigns {
		t.byName[as.Name] = append(t.byName[as.Name], i)
	}
	for _, list := range t.byName {
		sort.SliceStable(list, func(a, b int) bool { return f.Assigns[list[a]].Start < f.Assigns[list[b]].Start })
	}
	t.propagate()
	return t
}

// propagate marks assignments that hold model output, to a fixed point (bounded passes).
func (t *taint) propagate() {
	for pass, changed := 0, true; changed && pass < 8; pass++ {
		changed = false
		for i := range t.f.Assigns {
			if t.tainted[i] {
				continue
			}
			as := &t.f.Assigns[i]
			fl, ok := t.spanFlow(as.Start, as.End, as.Calls)
			if !ok && as.Op != "=" && as.Op != ":=" { // x += y keeps x's taint
				if j := t.lastAssign(as.Name, as.Start); j >= 0 && t.tainted[j] {
					fl, ok = flow{assign: j, callee: t.origin[j]}, true
				}
			}
			if ok {
				t.tainted[i], t.origin[i], changed = true, fl.callee, true
			}
		}
	}
}

// isLLM reports whether call i is a call of an LLM API (see generative).
func (t *taint) isLLM(i int) bool {
	if t.llm[i] == 0 {
		t.llm[i] = -1
		if t.classify(&t.f.Calls[i]) {
			t.llm[i] = 1
		}
	}
	return t.llm[i] == 1
}

func (t *taint) classify(c *code.Call) bool {
	last := code.LastName(c.Callee)
	if strings.HasPrefix(c.Callee, "boto3.") {
		return strings.HasPrefix(last, "invoke_model") || strings.HasPrefix(last, "converse") || last == "invoke_agent"
	}
	e, ok := code.EntryOf(t.f.Lang, c)
	if !ok && t.aiFile && strongGenerative[last] && !c.Composite {
		return true
	}
	if !ok || c.Composite {
		return false
	}
	instance := strings.HasSuffix(c.Callee, ")") // calling a constructed object: pipe(prompt), llm("…")
	switch e.Category {
	case code.CatLLMClient, code.CatAgent:
	case code.CatMLFramework:
		if instance {
			return strings.Contains(last, "pipeline") || strings.Contains(last, "LLM") || strings.Contains(last, "Llama") || strings.Contains(last, "GPT4All")
		}
		return last == "generate" && strings.Contains(c.Callee, "(")
	default:
		return false
	}
	if instance {
		return true
	}
	if !generative[last] {
		return false
	}
	if needsChatContext[last] {
		for _, w := range chatContext {
			if strings.Contains(c.Callee, w) {
				return true
			}
		}
		return false
	}
	return true
}

// lastAssign returns the last assignment of name that ends before off, -1 when none.
func (t *taint) lastAssign(name string, off int) int {
	list := t.byName[name]
	j := sort.Search(len(list), func(k int) bool { return t.f.Assigns[list[k]].End > off }) - 1
	for ; j >= 0; j-- {
		if t.f.Assigns[list[j]].End <= off {
			return list[j]
		}
	}
	return -1
}

// callsIn returns the calls whose callee starts in [start, end), in source order.
func (t *taint) callsIn(start, end int) []int {
	k := sort.Search(len(t.byOffset), func(k int) bool { return t.f.Calls[t.byOffset[k]].Offset >= start })
	var out []int
	for ; k < len(t.byOffset) && t.f.Calls[t.byOffset[k]].Offset < end && len(out) < 256; k++ {
		out = append(out, t.byOffset[k])
	}
	return out
}

// spanFlow reports whether model output flows into the span [start, end), whose calls are
// calls: an LLM call in it, or a read of a name holding model output, that is not inside an
// argument of a call that does not propagate its input (len(x), sanitize(x)).
func (t *taint) spanFlow(start, end int, calls []int) (flow, bool) {
	for _, ci := range calls {
		c := &t.f.Calls[ci]
		if t.isLLM(ci) && t.flows(c.Offset, calls) {
			return flow{callee: c.Callee, line: c.Line, assign: -1}, true
		}
	}
	ids := t.f.Idents
	k := sort.Search(len(ids), func(k int) bool { return ids[k].Offset >= start })
	for n := 0; k < len(ids) && ids[k].Offset < end && n < 512; k, n = k+1, n+1 {
		j := t.lastAssign(ids[k].Name, ids[k].Offset)
		if j >= 0 && t.tainted[j] && t.flows(ids[k].Offset, calls) {
			return flow{name: ids[k].Name, assign: j, callee: t.origin[j]}, true
		}
	}
	return flow{}, false
}

// flows reports whether the value at off reaches the enclosing expression: every call among
// calls that has off inside one of its arguments propagates its input (or is an LLM call).
func (t *taint) flows(off int, calls []int) bool {
	for _, ci := range calls {
		c := &t.f.Calls[ci]
		for _, x := range c.Args {
			if off >= x.Start && off < x.End {
				if !c.Composite && !propagators[code.LastName(c.Callee)] && !t.isLLM(ci) {
					return false
				}
				break
			}
		}
	}
	return true
}
