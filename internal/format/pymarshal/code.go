package pymarshal

import (
	"errors"
	"fmt"

	"github.com/aisecops/aisec/internal/limits"
)

// maxCount bounds argument, local and stack counts. CPython has no hard limit, but no real code
// object comes near it, and a wrong layout guess reads flags or lengths into these fields.
const maxCount = 1 << 24

// Local kinds of 3.11+ localspluskinds (Include/internal/pycore_code.h).
const (
	fastCell = 0x40
	fastFree = 0x80
)

// code reads a TYPE_CODE object with the decoder's layout. Field types are checked as CPython's
// code constructor checks them, which is also what tells the layouts apart.
func (d *decoder) code(flag bool) (*Value, error) {
	idx := d.reserve(flag)
	c := &Code{Layout: d.layout}
	var err error
	switch d.layout {
	case LayoutPy311:
		err = d.code311(c)
	case LayoutPy27, LayoutPy30, LayoutPy38:
		err = d.codeClassic(c)
	default:
		err = d.fail("no code-object layout chosen")
	}
	if err != nil {
		return nil, err
	}
	v := &Value{Kind: KindCode, Code: c}
	d.insert(idx, v)
	return v, nil
}

// header reads the leading int32 fields named by layout into c.
func (d *decoder) header(c *Code, fields ...*int) error {
	for _, f := range fields {
		n, err := d.i32()
		if err != nil {
			return err
		}
		if n < 0 || n > maxCount {
			return d.fail("code-object count %d out of range", n)
		}
		*f = int(n)
	}
	flags, err := d.i32()
	if err != nil {
		return err
	}
	c.Flags = uint32(flags)
	if c.PosOnlyArgCount > c.ArgCount {
		return d.fail("posonlyargcount %d > argcount %d", c.PosOnlyArgCount, c.ArgCount)
	}
	return nil
}

// codeClassic reads the 2.7, 3.0-3.7 and 3.8-3.10 layouts, which differ only in their leading
// counts.
func (d *decoder) codeClassic(c *Code) error {
	var nlocals int
	var err error
	switch d.layout {
	case LayoutPy27:
		err = d.header(c, &c.ArgCount, &nlocals, &c.StackSize)
	case LayoutPy30:
		err = d.header(c, &c.ArgCount, &c.KwOnlyArgCount, &nlocals, &c.StackSize)
	default:
		err = d.header(c, &c.ArgCount, &c.PosOnlyArgCount, &c.KwOnlyArgCount, &nlocals, &c.StackSize)
	}
	if err != nil {
		return err
	}
	if err := d.body(c); err != nil {
		return err
	}
	for _, dst := range []*[]string{&c.VarNames, &c.FreeVars, &c.CellVars} {
		if *dst, err = d.names(); err != nil {
			return err
		}
	}
	if c.Filename, err = d.str(); err != nil {
		return err
	}
	if c.Name, err = d.str(); err != nil {
		return err
	}
	return d.tail(c, 1)
}

// code311 reads the 3.11+ layout: locals, cells and free variables share one name tuple whose
// kinds byte string says which is which.
func (d *decoder) code311(c *Code) error {
	if err := d.header(c, &c.ArgCount, &c.PosOnlyArgCount, &c.KwOnlyArgCount, &c.StackSize); err != nil {
		return err
	}
	if err := d.body(c); err != nil {
		return err
	}
	locals, err := d.names()
	if err != nil {
		return err
	}
	kinds, err := d.bytes()
	if err != nil {
		return err
	}
	if len(kinds) != len(locals) {
		return d.fail("%d local kinds for %d local names", len(kinds), len(locals))
	}
	for i, name := range locals {
		switch k := kinds[i]; {
		case k&fastFree != 0:
			c.FreeVars = append(c.FreeVars, name)
		case k&fastCell != 0:
			c.CellVars = append(c.CellVars, name)
		default:
			c.VarNames = append(c.VarNames, name)
		}
	}
	for _, dst := range []*string{&c.Filename, &c.Name, &c.QualName} {
		if *dst, err = d.str(); err != nil {
			return err
		}
	}
	return d.tail(c, 2)
}

// body reads co_code, co_consts and co_names, common to every layout.
func (d *decoder) body(c *Code) error {
	code, err := d.bytes()
	if err != nil {
		return err
	}
	c.BytecodeLen = len(code)
	consts, err := d.typed(KindTuple)
	if err != nil {
		return err
	}
	c.Consts = consts.Items
	c.Names, err = d.names()
	return err
}

// tail reads co_firstlineno and the trailing byte tables (lnotab or linetable, and the
// exception table from 3.11).
func (d *decoder) tail(c *Code, tables int) error {
	line, err := d.i32()
	if err != nil {
		return err
	}
	c.FirstLine = int(line)
	for range tables {
		if _, err := d.bytes(); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) typed(want Kind) (*Value, error) {
	at := d.pos
	v, err := d.object()
	if err != nil {
		return nil, err
	}
	if v == nil || v.Kind != want {
		got := "NULL"
		if v != nil {
			got = v.Kind.String()
		}
		return nil, &MalformedError{Offset: at, Reason: fmt.Sprintf("code-object field is %s, want %s", got, want)}
	}
	return v, nil
}

func (d *decoder) bytes() (string, error) {
	if d.layout == LayoutPy27 {
		return d.str() // Python 2 str is bytes
	}
	v, err := d.typed(KindBytes)
	if err != nil {
		return "", err
	}
	return v.Str, nil
}

func (d *decoder) str() (string, error) {
	v, err := d.typed(KindStr)
	if err != nil {
		return "", err
	}
	return v.Str, nil
}

// names reads a tuple of str, as co_names, co_varnames and friends must be.
func (d *decoder) names() ([]string, error) {
	at := d.pos
	v, err := d.typed(KindTuple)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(v.Items))
	for _, it := range v.Items { // Items were each decoded, so their number is already bounded
		if it.Kind != KindStr {
			return nil, &MalformedError{Offset: at, Reason: "non-string in a code-object name tuple"}
		}
		out = append(out, it.Str)
	}
	return out, nil
}

// layouts lists the layouts ReadCode tries, newest first: most Keras models were saved by a
// recent Python.
var layouts = [...]Layout{LayoutPy311, LayoutPy38, LayoutPy30, LayoutPy27}

// ReadCode decodes data as one marshalled code object, trying each CPython layout. A layout that
// consumes the data exactly wins; otherwise the first that decodes is returned with Trailing
// set. When none fits, the error of the attempt that read furthest is returned.
func ReadCode(data []byte, lim Limits) (*Code, error) {
	var best *Code
	var bestErr error
	furthest := -1
	for _, l := range layouts {
		v, n, err := Decode(data, l, lim)
		if errors.Is(err, limits.ErrExceeded) {
			return nil, err
		}
		if err != nil {
			if n > furthest {
				furthest, bestErr = n, err
			}
			continue
		}
		if v.Kind != KindCode {
			return nil, fmt.Errorf("unable to read code object: marshal data holds a %s: %w", v.Kind, ErrMalformed)
		}
		if n == len(data) {
			return v.Code, nil
		}
		if best == nil {
			best = v.Code
			best.Trailing = len(data) - n
		}
	}
	if best != nil {
		return best, nil
	}
	return nil, fmt.Errorf("unable to read code object with any known layout: %w", bestErr)
}
