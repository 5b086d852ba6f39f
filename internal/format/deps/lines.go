package deps

import "bytes"

// lineCounter maps byte offsets to 1-based line numbers. Offsets are expected to move forward
// mostly; each call costs the distance from the previous one.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func newLineCounter(data []byte) lineCounter { return lineCounter{data: data, line: 1} }

// at returns the line of the byte at off (clamped to the data).
func (l *lineCounter) at(off int) int {
	off = min(max(off, 0), len(l.data))
	if off >= l.off {
		l.line += bytes.Count(l.data[l.off:off], []byte{'\n'})
	} else {
		l.line -= bytes.Count(l.data[off:l.off], []byte{'\n'})
	}
	l.off = off
	return l.line
}

// forEachLine calls fn with every line of data (without the newline and a trailing "\r") and
// its 1-based number until fn returns false. Lines longer than MaxLineBytes are reported
// through long instead.
func forEachLine(data []byte, fn func(no int, line []byte) bool, long func(no int)) {
	no := 0
	for len(data) > 0 {
		no++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(line) > MaxLineBytes {
			long(no)
			continue
		}
		if !fn(no, bytes.TrimSuffix(line, []byte{'\r'})) {
			return
		}
	}
}
