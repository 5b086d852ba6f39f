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
	fTrunc   uint8 = 1 << iota // str/bytes: only a prefix is kept; bigint: digits cut
	fLatin1                    // str: bytes are latin-1 code points (STRING family), not UTF-8
	fOpaque                    // nothing kept (a budget ran out)
	fUnres                     // global: STACK_GLOBAL operands were not constants
	fExt                       // global: from EXT1/2/4
	fBuffer                    // unknown: an out-of-band buffer (NEXT_BUFFER)
	fMemoMiss                  // unknown: GET of a missing memo key (i = key)
)

// val is a symbolic value. It holds no Go pointers, so the stack, the memo and the container
// pools are never scanned by the garbage collector and cost one copy of 16 bytes to move.
type val struct {
	k kind
	f uint8
	x uint16 // global: opcode that resolved it
	a uint32
	i int64
}

// node is the heap part of containers, calls and persistent ids, kept in a pool and addressed
// by index. Items live in the items pool.
type node struct {
	k     kind
	op    byte   // call: the opcode that made it
	flags uint8  // nJoblib...
	nkept uint8  // items kept
	capk  uint8  // items reserved at items
	items uint32 // index of the first kept item in the items pool
	n     int64  // containers: number of items a real unpickler would hold
	off   int64  // input offset of the opcode that created it
	call  int32  // call: index of its Call record, -1 if none
}

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

// chunked pools: fixed-size chunks never move, so indexes stay valid and growth never copies.
const (
	nodeChunk  = 4096
	itemChunk  = 8192
	arenaChunk = 1 << 20
)

// pools owns the value storage of one stream.
type pools struct {
	nodes    [][]node
	nnodes   int
	items    [][]val
	nitems   int // items used in the last chunk
	arena    [][]byte
	arenaLen int64 // bytes stored in total
}

// newNode appends a node and returns its index.
func (p *pools) newNode(n node) int64 {
	c := p.nnodes / nodeChunk
	if c == len(p.nodes) {
		p.nodes = append(p.nodes, make([]node, nodeChunk))
	}
	p.nodes[c][p.nnodes%nodeChunk] = n
	p.nnodes++
	return int64(p.nnodes - 1)
}

// node returns a pointer to node i (valid until the pools are dropped).
func (p *pools) node(i int64) *node { return &p.nodes[i/nodeChunk][i%nodeChunk] }

// reserve returns the index of n consecutive free item slots (n <= itemChunk).
func (p *pools) reserve(n int) uint32 {
	if len(p.items) == 0 || p.nitems+n > itemChunk {
		p.items = append(p.items, make([]val, itemChunk))
		p.nitems = 0
	}
	i := (len(p.items)-1)*itemChunk + p.nitems
	p.nitems += n
	return uint32(i)
}

// slots returns n item slots starting at i (a region never spans chunks).
func (p *pools) slots(i uint32, n int) []val {
	c, o := i/itemChunk, i%itemChunk
	return p.items[c][o : o+uint32(n)]
}

// item returns a pointer to item slot i.
func (p *pools) item(i uint32) *val { return &p.items[i/itemChunk][i%itemChunk] }

// kept returns the kept items of node nd as a slice into the pool.
func (p *pools) kept(nd *node) []val {
	if nd.nkept == 0 {
		return nil
	}
	c, o := nd.items/itemChunk, nd.items%itemChunk
	return p.items[c][o : o+uint32(nd.nkept)]
}

// itemCount is the number of item slots handed out so far.
func (p *pools) itemCount() int {
	if len(p.items) == 0 {
		return 0
	}
	return (len(p.items)-1)*itemChunk + p.nitems
}

// arenaHdr is the header stored before each arena string: input offset and full length.
const arenaHdr = 16

// store copies b into the arena with its input offset and full length and returns its ref.
func (p *pools) store(b []byte, off, full int64) int64 {
	need := arenaHdr + len(b)
	c := len(p.arena) - 1
	if c < 0 || len(p.arena[c])+need > cap(p.arena[c]) {
		p.arena = append(p.arena, make([]byte, 0, max(arenaChunk, need)))
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
	return p.arena[c][o+arenaHdr : o+arenaHdr+int64(v.a)]
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
