package testgen

import (
	"strconv"

	"github.com/aisecops/aisec/internal/format/pickle/pickletest"
)

// tensorSpec is one float32 tensor of a synthetic state_dict.
type tensorSpec struct {
	name  string
	shape []int64
}

func (t tensorSpec) numel() int64 {
	n := int64(1)
	for _, d := range t.shape {
		n *= d
	}
	return n
}

// strides are the contiguous (C order) strides of shape.
func (t tensorSpec) strides() []int64 {
	s := make([]int64, len(t.shape))
	acc := int64(1)
	for i := len(t.shape) - 1; i >= 0; i-- {
		s[i] = acc
		acc *= t.shape[i]
	}
	return s
}

// memoPickler tracks memo indices and which globals were already written, so repeated globals
// become BINGETs exactly as CPython's pickler writes them.
type memoPickler struct {
	p       *pickletest.Builder
	next    uint32
	globals map[string]uint32
}

func newMemoPickler() *memoPickler {
	return &memoPickler{p: pickletest.New().Proto(2), globals: map[string]uint32{}}
}

func (m *memoPickler) put() {
	m.p.Put(m.next)
	m.next++
}

func (m *memoPickler) global(mod, name string) {
	key := mod + "\n" + name
	if idx, ok := m.globals[key]; ok {
		m.p.Get(idx)
		return
	}
	m.p.Global(mod, name)
	m.globals[key] = m.next
	m.put()
}

func (m *memoPickler) str(s string) {
	binUnicode(m.p, s)
	m.put()
}

func (m *memoPickler) intTuple(v []int64) {
	m.p.Mark()
	for _, x := range v {
		intArg(m.p, x)
	}
	m.p.Tuple()
	m.put()
}

// tensor writes torch._utils._rebuild_tensor_v2(storage, 0, shape, stride, False, OrderedDict())
// with the storage loaded through BINPERSID. legacy selects the pre-1.6 persistent id, which has
// a sixth element (view metadata, None).
func (m *memoPickler) tensor(t tensorSpec, key string, legacy bool) {
	m.global("torch._utils", "_rebuild_tensor_v2")
	m.p.Mark().Mark()
	m.str("storage")
	m.global("torch", "FloatStorage")
	m.str(key)
	m.str("cpu")
	intArg(m.p, t.numel())
	if legacy {
		m.p.None()
	}
	m.p.Tuple()
	m.put()
	m.p.Raw(opBinPersID)
	intArg(m.p, 0)
	m.intTuple(t.shape)
	m.intTuple(t.strides())
	m.p.Raw(opNewFalse)
	m.global("collections", "OrderedDict")
	m.p.EmptyTuple().Reduce()
	m.put()
	m.p.Tuple()
	m.put()
	m.p.Reduce()
	m.put()
}

// stateDictBody appends an OrderedDict of tensors (storage keys "0", "1", ...), with the
// _metadata attribute real state_dicts carry, leaving it on the stack.
func (m *memoPickler) stateDictBody(tensors []tensorSpec, legacy bool) {
	m.global("collections", "OrderedDict")
	m.p.EmptyTuple().Reduce()
	m.put()
	for start := 0; start < len(tensors); start += 1000 { // CPython batches SETITEMS by 1000
		m.p.Mark()
		for i := start; i < min(start+1000, len(tensors)); i++ {
			m.str(tensors[i].name)
			m.tensor(tensors[i], strconv.Itoa(i), legacy)
		}
		m.p.SetItems()
	}
	m.p.EmptyDict()
	m.put()
	m.str("_metadata")
	m.global("collections", "OrderedDict")
	m.p.EmptyTuple().Reduce()
	m.put()
	m.str("")
	m.p.EmptyDict()
	m.put()
	m.str("version")
	intArg(m.p, 1)
	m.p.SetItem().SetItem().SetItem().Build()
}

// stateDictPickle is a complete data.pkl for tensors, like torch.save(model.state_dict()).
func stateDictPickle(tensors []tensorSpec, legacy bool) []byte {
	m := newMemoPickler()
	m.stateDictBody(tensors, legacy)
	return m.p.Stop().Bytes()
}

// injectedStateDict is stateDictPickle with an os.system call (result discarded) spliced in
// front of the body, the way fickling-style injectors backdoor a real checkpoint.
func injectedStateDict(tensors []tensorSpec, legacy bool, cmd string) []byte {
	m := newMemoPickler()
	p2Call(m.p, "os", "system", cmd).Pop()
	m.stateDictBody(tensors, legacy)
	return m.p.Stop().Bytes()
}

// tinyTensors is a two-layer MLP's parameters: fc1 4->3, fc2 3->2.
func tinyTensors() []tensorSpec {
	return []tensorSpec{
		{"fc1.weight", []int64{3, 4}}, {"fc1.bias", []int64{3}},
		{"fc2.weight", []int64{2, 3}}, {"fc2.bias", []int64{2}},
	}
}
