package testgen

import (
	"fmt"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// A tiny value language for gadget payloads, so each chain reads like the Python it encodes:
// apply{glob{"os", "system"}, args(Cmd)} is os.system("echo aisec-test").
type (
	tup   []any                      // a tuple
	list  []any                      // a list
	glob  struct{ mod, name string } // GLOBAL module name (protocol 0-3 shape)
	sglob struct{ mod, name string } // STACK_GLOBAL (protocol 4 shape; name may be dotted)
	apply struct {
		fn   any
		args []any
	} // fn(*args) via REDUCE
	emptyDict struct{} // {}
	dictOf    struct {
		keys   []string
		values []any
	} // {keys[i]: values[i]}
)

// args is shorthand for a call's argument list.
func args(a ...any) []any { return a }

// push appends the opcodes that leave v on the stack.
func push(p *pickletest.Builder, v any) {
	switch v := v.(type) {
	case nil:
		p.None()
	case string:
		binUnicode(p, v)
	case int:
		intArg(p, int64(v))
	case bool:
		p.Raw(map[bool]byte{true: opNewTrue, false: opNewFalse}[v])
	case []byte:
		p.BinBytes(v)
	case tup:
		p.Mark()
		for _, x := range v {
			push(p, x)
		}
		p.Tuple()
	case list:
		p.EmptyList().Mark()
		for _, x := range v {
			push(p, x)
		}
		p.Appends()
	case emptyDict:
		p.EmptyDict()
	case dictOf:
		p.EmptyDict().Mark()
		for i, k := range v.keys {
			binUnicode(p, k)
			push(p, v.values[i])
		}
		p.SetItems()
	case glob:
		p.Global(v.mod, v.name)
	case sglob:
		p.StackGlobal(v.mod, v.name)
	case apply:
		push(p, v.fn)
		push(p, tup(v.args))
		p.Reduce()
	default:
		panic(fmt.Sprintf("testgen: no pickle encoding for %T", v)) // programming error in a fixture table
	}
}

// pickleOf is a complete protocol-2 pickle whose value is v.
func pickleOf(v any) []byte {
	p := pickletest.New().Proto(2)
	push(p, v)
	return p.Stop().Bytes()
}

// pickle4Of is a complete framed protocol-4 pickle whose value is v (use with sglob).
func pickle4Of(v any) []byte {
	p := pickletest.New()
	push(p, v)
	return framed(p.Stop().Bytes())
}

// call is apply{glob{mod, name}, args}: the plain module.name(args...) gadget.
func call(mod, name string, a ...any) apply { return apply{glob{mod, name}, a} }

// osModule is importlib.import_module("os"): how gadget chains obtain os without importing it.
func osModule() apply { return call("importlib", "import_module", "os") }
