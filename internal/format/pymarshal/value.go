// Package pymarshal reads CPython marshal data (the format of .pyc bodies and of the bytecode
// Keras stores for Lambda layers) far enough to name what a code object loads, calls and
// carries: co_names, string constants, variable names and nested code objects. It never
// executes, compiles or imports anything, and every count, length and nesting level read from
// the input is bounded.
package pymarshal

// Kind is the type of one decoded marshal value.
type Kind uint8

// Value kinds. Numbers are kept as text: aisec reports them, it never computes with them.
const (
	KindNone Kind = iota
	KindBool
	KindInt
	KindFloat
	KindComplex
	KindStr
	KindBytes
	KindTuple
	KindList
	KindDict // Items holds key, value, key, value…
	KindSet
	KindFrozenSet
	KindSlice // Items holds start, stop, step (marshal version 5, Python 3.14)
	KindCode
	KindEllipsis
	KindStopIteration
)

// String names the kind as Python does.
func (k Kind) String() string {
	names := [...]string{"None", "bool", "int", "float", "complex", "str", "bytes", "tuple", "list", "dict",
		"set", "frozenset", "slice", "code", "Ellipsis", "StopIteration"}
	if int(k) < len(names) {
		return names[k]
	}
	return "unknown"
}

// Value is one decoded marshal object. Containers may be shared and even cyclic (a marshalled
// list can hold a back-reference to itself), so walkers must bound their depth.
type Value struct {
	Kind Kind
	// Str holds the text of str values, the raw bytes of bytes values, and the decimal or
	// repr text of numbers ("True"/"False" for bools).
	Str   string
	Items []*Value
	Code  *Code // KindCode; nil while the object is still being read (a reference to itself)
}

// Layout is a CPython code-object field order. Marshal data does not record the Python version
// that wrote it, so the decoder tries every layout and keeps the one the bytes fit.
type Layout uint8

// Code-object layouts, oldest first.
const (
	LayoutUnknown Layout = iota
	LayoutPy27           // 2.7: argcount, nlocals, stacksize, flags, code, consts, names, varnames, freevars, cellvars, …
	LayoutPy30           // 3.0–3.7: adds kwonlyargcount after argcount
	LayoutPy38           // 3.8–3.10: adds posonlyargcount
	LayoutPy311          // 3.11–3.14: localsplusnames/kinds, qualname, exceptiontable; no nlocals
)

// String names the Python versions that write the layout.
func (l Layout) String() string {
	switch l {
	case LayoutPy27:
		return "python 2.7"
	case LayoutPy30:
		return "python 3.0-3.7"
	case LayoutPy38:
		return "python 3.8-3.10"
	case LayoutPy311:
		return "python 3.11+"
	}
	return "unknown layout"
}

// Code is the part of a CPython code object aisec reads.
type Code struct {
	Layout          Layout
	ArgCount        int
	PosOnlyArgCount int
	KwOnlyArgCount  int
	StackSize       int
	Flags           uint32
	BytecodeLen     int // length of co_code; the instructions themselves are not interpreted
	Consts          []*Value
	Names           []string // co_names: globals, attributes and imported modules the code loads
	VarNames        []string // co_varnames (arguments and locals)
	CellVars        []string
	FreeVars        []string
	Filename        string
	Name            string
	QualName        string // 3.11+ only
	FirstLine       int
	// Trailing counts bytes after a top-level code object. marshal.loads ignores them; real
	// Keras bytecode has none.
	Trailing int
}

// Nested returns the code objects among the constants (inner lambdas, comprehensions, functions).
func (c *Code) Nested() []*Code {
	var out []*Code
	for _, v := range c.Consts {
		if v != nil && v.Kind == KindCode && v.Code != nil {
			out = append(out, v.Code)
		}
	}
	return out
}
