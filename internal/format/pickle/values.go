package pickle

import "encoding/binary"

// kind is the type of a symbolic value on the stack, in the memo or inside a container.
type kind uint8

const (
	kUnknown   kind = iota // nothing known (bad memo key, out-of-band buffer, opaque)
	kNone                  // None
	kBool                  // i = 0 or 1
	kInt                   // i = value
	kBigInt                // i = arena ref of decimal digits (flag fOpaque: too large to keep)
	kFloat                 // i = IEEE bits
	kStr                   // i = arena ref (see arena); a = bytes kept
	kBytes                 // like kStr
	kByteArray             // like kStr
	kTuple                 // i = node index (or -1 when opaque)
	kList                  //
	kDict                  //
	kSet                   //
	kFrozenSet             //
	kGlobal                // i = arena ref of "module\nname"; a = import index + 1 (0: none)
	kCall                  // i = node index: result of REDUCE/NEWOBJ/NEWOBJ_EX/OBJ/INST
	kPersID                // i = node index: persistent_load(pid)
	kArray                 // a numpy array joblib read from inline bytes
)

// Value flags.
const (
	fTrunc    uint8 = 1 << iota // str/bytes: only a prefix is kept; bigint: digits cut
	fLatin1                     // str: bytes are latin-1 code points (STRING family), not UTF-8
	fOpaque                     // nothing kept (a budget ran out)
	fUnres                      // global: STACK_GLOBAL operands were not constants
	fExt                        // global: from EXT1/2/4
	fBuffer                     // unknown: an out-of-band buffer (NEXT_BUFFER)
	fMemoMiss                   // unknown: GET of a missing memo key (i = key)
)

// val is a symbolic value. It holds no Go pointers, so the stack, the memo and the container
// pools are never scanned by the garbage collector and cost one copy of 16 bytes to move. The
// small fields sit in an embedded struct so that val has two fields: the compiler then keeps
// values in registers instead of assembling them in memory, which stalls store forwarding on
// every push.
type val struct {
	vhdr
	i int64
}

// vhdr holds val's small fields.
type vhdr struct {
	k kind
	f uint8
	x uint16 // global: opcode that resolved it; other kinds: memo key + 1 of the GET
	a uint32
}

// node is the heap part of containers, calls and persistent ids, kept in a ring and addressed
// by a monotonic index. Its items live in the item ring.
type node struct {
	k     kind
	op    byte  // call: the opcode that made it
	flags uint8 // nJoblib...
	nkept uint8 // items kept
	capk  uint8 // items reserved at items
	items int64 // absolute position of the first kept item in the item ring
	n     int64 // containers: number of elements a real unpickler would hold
	// w is the value's size with every memo reference copied out (leaves, saturating at
	// maxWeight): linear for ordinary pickles, exponential for a "billion laughs".
	w int64
}

// maxWeight caps node weights so that sums cannot overflow.
const maxWeight = 1 << 62

// Node flags.
const (
	nJoblib uint8 = 1 << iota // call: instance of joblib's NumpyArrayWrapper
	nBuilt                    // call: BUILD set its state (kept as the last item)
	nTrunc                    // container: later items were not kept
)

// Call node item layout: fn, args, kwargs, state.
const (
	callFn = iota
	callArgs
	callKwargs
	callState
	callItems
)

// Storage geometry. Nodes and items live in rings: memory stays fixed however large the pickle,
// and only values created long ago (more than a ring ago) lose their contents. Such a value
// keeps its kind but renders as "...", and a call reached through it has no Roots, which
// detectors treat as untraceable (fail closed). Strings and globals live in the arena and are
// never recycled, so STACK_GLOBAL resolution through the memo is unaffected.
const (
	nodeChunk  = 1024
	nodeRing   = 1 << 16
	itemChunk  = 2048
	itemRing   = 1 << 18
	arenaChunk = 1 << 20 // the largest arena chunk; the first ones are smaller
	memoChunk  = 1 << 8
)

// pools owns the value storage of one stream.
type pools struct {
	nodes    [][]node
	nnodes   int64 // nodes handed out so far (the next index)
	items    [][]val
	ihead    int64 // next absolute item position
	arena    [][]byte
	arenaLen int64 // bytes stored in total
}

// newNode stores a node and returns its index.
// The fields are written in place: building a node value first and copying it stalls store
// forwarding (node has too many fields to live in registers).
func (p *pools) newNode(k kind, op byte, flags uint8) int64 {
	slot := uint64(p.nnodes) % nodeRing
	c := slot / nodeChunk
	if c == uint64(len(p.nodes)) {
		p.nodes = append(p.nodes, make([]node, nodeChunk))
	}
	nd := &p.nodes[c][slot%nodeChunk]
	nd.k, nd.op, nd.flags, nd.nkept, nd.capk, nd.items, nd.n, nd.w = k, op, flags, 0, 0, 0, 0, 1
	p.nnodes++
	return p.nnodes - 1
}

// weight is the expanded size of v: 1 for a scalar, the node weight for containers and calls
// (1 when the node was recycled).
func (p *pools) weight(v val) int64 {
	switch v.k {
	case kTuple, kList, kDict, kSet, kFrozenSet, kCall, kPersID:
		if nd := p.node(v.i); nd != nil {
			return nd.w
		}
	}
	return 1
}

// node returns node i, or nil when i is not a node or was recycled.
func (p *pools) node(i int64) *node {
	if i < 0 || i >= p.nnodes || p.nnodes-i > nodeRing {
		return nil
	}
	slot := uint64(i) % nodeRing
	return &p.nodes[slot/nodeChunk][slot%nodeChunk]
}

// reserve returns the absolute position of n consecutive item slots (n <= itemChunk) that
// do not cross a chunk boundary.
func (p *pools) reserve(n int) int64 {
	if o := uint64(p.ihead) % itemChunk; o+uint64(n) > itemChunk {
		p.ihead += int64(itemChunk - o)
	}
	slot := uint64(p.ihead) % itemRing
	if c := slot / itemChunk; c == uint64(len(p.items)) {
		p.items = append(p.items, make([]val, itemChunk))
	}
	pos := p.ihead
	p.ihead += int64(n)
	return pos
}

// slots returns n item slots starting at absolute position pos.
func (p *pools) slots(pos int64, n int) []val {
	slot := uint64(pos) % itemRing
	o := slot % itemChunk
	return p.items[slot/itemChunk][o : o+uint64(n)]
}

// kept returns the kept items of nd (nil when nd is nil or its items were recycled).
func (p *pools) kept(nd *node) []val {
	if nd == nil || nd.nkept == 0 || p.ihead-nd.items > itemRing {
		return nil
	}
	return p.slots(nd.items, int(nd.nkept))
}

// expired reports whether nd's items were recycled.
func (p *pools) expired(nd *node) bool {
	return nd == nil || (nd.nkept > 0 && p.ihead-nd.items > itemRing)
}

// arenaHdr is the header stored before each arena string: input offset and full length.
const arenaHdr = 16

// store copies b into the arena with its input offset and full length and returns its ref.
func (p *pools) store(b []byte, off, full int64) int64 {
	need := arenaHdr + len(b)
	c := len(p.arena) - 1
	if c < 0 || len(p.arena[c])+need > cap(p.arena[c]) {
		// Chunks double from 16 KiB so that the many small pickles (embedded ones) stay small.
		size := arenaChunk
		if n := len(p.arena); n < 6 {
			size = 16 << 10 << n
		}
		p.arena = append(p.arena, make([]byte, 0, max(size, need)))
		c++
	}
	ch := p.arena[c]
	ref := int64(c)<<32 | int64(len(ch))
	ch = binary.LittleEndian.AppendUint64(ch, uint64(off))
	ch = binary.LittleEndian.AppendUint64(ch, uint64(full))
	p.arena[c] = append(ch, b...)
	p.arenaLen += int64(need)
	return ref
}

// bytesOf returns the kept bytes of a str/bytes/bigint/global value.
func (p *pools) bytesOf(v val) []byte {
	if v.f&fOpaque != 0 {
		return nil
	}
	c, o := v.i>>32, v.i&0xffffffff
	n := int64(v.a)
	if v.k == kGlobal { // a holds the import index; the header holds the length
		n = int64(binary.LittleEndian.Uint64(p.arena[c][o+8:]))
	}
	return p.arena[c][o+arenaHdr : o+arenaHdr+n]
}

// constInfo returns the input offset and full length of a str/bytes value.
func (p *pools) constInfo(v val) (off, full int64) {
	if v.f&fOpaque != 0 {
		return -1, int64(v.a)
	}
	c, o := v.i>>32, v.i&0xffffffff
	h := p.arena[c][o : o+arenaHdr]
	return int64(binary.LittleEndian.Uint64(h)), int64(binary.LittleEndian.Uint64(h[8:]))
}

func isText(k kind) bool { return k == kStr || k == kBytes || k == kByteArray }

func isContainer(k kind) bool { return k >= kTuple && k <= kFrozenSet }

// contents returns the kept items of a container value, the number of elements it holds, and
// whether some elements are not kept (a cap, a budget, or recycled storage).
func (w *walker) contents(v val) (items []val, n int64, partial bool) {
	if v.i < 0 {
		return nil, 0, v.f&fOpaque != 0
	}
	nd := w.pool.node(v.i)
	if nd == nil {
		return nil, 1, true
	}
	items = w.pool.kept(nd)
	partial = nd.flags&nTrunc != 0 || w.pool.expired(nd) || int64(len(items)) < nd.n*pairSize(nd.k)
	return items, nd.n, partial
}
