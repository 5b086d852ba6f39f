package pickle

import (
	"errors"
	"io"
)

// view exposes the next n bytes of a source as an io.ReadSeeker, so that a pickle embedded in
// a bytes constant can be parsed in place (streaming, with forward seeks) instead of being
// copied into memory. Seeks are lazy and forward-only: the size probe Parse performs (Current,
// End, back to Start) costs nothing.
type view struct {
	s    *source
	n    int64 // length of the window
	pos  int64 // bytes of the window consumed from s
	want int64 // position requested by Seek, applied on the next Read
}

var _ io.ReadSeeker = (*view)(nil)

func newView(s *source, n int64) *view { return &view{s: s, n: n} }

// errSeekBack is returned for a backward seek, which a streaming window cannot honour.
var errSeekBack = errors.New("cannot seek backwards in an embedded pickle")

// Read implements io.Reader. It returns io.EOF both at the end of the window and when the outer
// input ends early: the outer walker reports that truncation itself.
func (v *view) Read(p []byte) (int, error) {
	if v.want < v.pos {
		return 0, errSeekBack
	}
	if v.want > v.pos {
		ok := v.s.skip(v.want - v.pos)
		v.pos = v.want
		if !ok {
			return 0, v.endErr()
		}
	}
	if v.pos >= v.n {
		return 0, io.EOF
	}
	if v.s.avail() == 0 && !v.s.fill(1) {
		return 0, v.endErr()
	}
	p = p[:min(int64(len(p)), v.n-v.pos)]
	m := copy(p, v.s.buf[v.s.pos:v.s.end])
	v.s.pos += m
	v.pos += int64(m)
	v.want = v.pos
	return m, nil
}

func (v *view) endErr() error {
	if err := v.s.ioErr(); err != nil {
		return err
	}
	return io.EOF
}

// Seek implements io.Seeker (forward-only once bytes were read).
func (v *view) Seek(off int64, whence int) (int64, error) {
	var t int64
	switch whence {
	case io.SeekStart:
		t = off
	case io.SeekCurrent:
		t = v.want + off
	case io.SeekEnd:
		t = v.n + off
	default:
		return 0, errors.New("invalid whence")
	}
	if t < v.pos {
		return 0, errSeekBack
	}
	v.want = min(t, v.n)
	return v.want, nil
}

// finish consumes whatever the window still holds from the outer source and reports whether
// the outer input had all of it.
func (v *view) finish() bool {
	rest := v.n - v.pos
	v.pos, v.want = v.n, v.n
	return v.s.skip(rest)
}
