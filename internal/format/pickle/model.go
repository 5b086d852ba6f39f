// Package pickle statically analyses Python pickle streams (protocols 0 to 5) without executing
// them: a streaming opcode walker plus a symbolic stack and memo that work out which globals a
// real unpickler would import and what it would call, with which arguments.
//
// The package is a pure parser: it never decides severity. Detectors in internal/detect turn
// the model below into findings.
package pickle

// File is everything learnt from one input that holds one or more pickles back to back.
type File struct {
	Streams []*Stream // in input order; a stream that failed part-way is still listed
	// Trailing counts bytes after the last stream that do not begin another pickle
	// (e.g. raw tensor data after a legacy torch checkpoint), starting at TrailingOffset.
	Trailing       int64
	TrailingOffset int64
	// Exceeded is set when the number of stacked pickles hit its cap (added to the original
	// model): the bytes from TrailingOffset on may hold more pickles that were not walked.
	Exceeded error
}

// Stream is one pickle, from its first opcode to STOP (or to where parsing had to end).
type Stream struct {
	Offset   int64 // offset of the first opcode in the input
	End      int64 // offset just past STOP, or where parsing ended
	Protocol int   // argument of PROTO, or 0 if there is none
	Complete bool  // STOP was reached
	// Err is set when the stream is malformed or truncated. Everything seen before Err.Offset is
	// still in the other fields: a loader would have executed it before failing. Err and Complete
	// are both set when CPython's C unpickler would fail but pickle.py (which joblib uses) would
	// run on to STOP, e.g. a FRAME longer than the input; the fields then cover the whole walk.
	Err *ParseError
	// Exceeded is set when a budget (limits.ErrExceeded) stopped the walk; the stream is partial.
	Exceeded error
	Opcodes  int64 // opcodes walked

	Imports   []Import   // every GLOBAL, STACK_GLOBAL and INST resolution, in order
	Calls     []Call     // every REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST and BUILD, in order
	Ext       []Ext      // EXT1/EXT2/EXT4 references to the copyreg extension registry
	PersIDs   int        // PERSID / BINPERSID count (torch storages use these)
	Memo      MemoStats  // for expansion-attack detection
	Anomalies []Anomaly  // structural oddities a standard pickler never writes
	Nested    []Nested   // pickles embedded in this one (raw, base64 or hex encoded), parsed
	Strings   []Constant // string and bytes constants worth a second look (see Constant)
	Result    Value      // summary of the value STOP returned (zero if not Complete)

	// Omitted counts records left out of the slices above once their per-stream caps were
	// reached (see Omitted). Added to the original model; zero for ordinary files.
	Omitted Omitted
}

// Omitted counts records that a stream did not list, so that hostile input (millions of
// GLOBALs, calls or embedded pickles) cannot grow the model without bound. Past a soft cap only
// records that differ from those already listed are kept (a repeated callee or import is
// counted instead); past a hard cap everything is counted. A non-zero field means "not every
// occurrence is listed", never "something was missed": each distinct import and callee below
// the hard cap is listed at least once.
type Omitted struct {
	Imports   int64 // repeats of an already listed import, or any past the hard cap
	Calls     int64 // calls whose callee was already listed, or any past the hard cap
	Anomalies int64
	Strings   int64 // candidates beyond the per-stream byte or count cap
	Nested    int64 // inert embedded pickles (no imports, calls or errors) beyond the cap
}

// ParseError locates a malformed or truncated stream.
type ParseError struct {
	Offset int64  // offset of the opcode that could not be decoded
	Msg    string // e.g. "BINUNICODE length 4294967295 exceeds the 12 bytes left"
}

// Error implements error.
func (e *ParseError) Error() string { return e.Msg }

// Import is one global a real unpickler would resolve with find_class(module, name).
type Import struct {
	Module string
	Name   string // may be dotted (protocol 4 resolves "Bdb.run" attribute by attribute)
	Offset int64  // offset of the opcode that resolved it
	Opcode string // "GLOBAL", "STACK_GLOBAL" or "INST"
	// Resolved is false when the operands were not constant strings (e.g. STACK_GLOBAL fed by
	// the result of a call or by an unknown memo slot); Module and Name then describe what was
	// on the stack, and the real import cannot be known statically.
	Resolved bool
	Via      string // how the operands were reached, e.g. "memo 3 and memo 1", empty if direct
}

// Call is one invocation a real unpickler would perform.
type Call struct {
	Offset int64
	Opcode string // REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST or BUILD
	// Callee renders the callable as an expression, resolving chains, e.g.
	// "builtins.getattr(importlib.import_module('os'), 'system')". For BUILD it renders the
	// object whose state is set.
	Callee string
	Args   string // rendered arguments (or state for BUILD), truncated
	// Roots are the imports the callable was derived from (empty if it came from nowhere
	// traceable, which detectors must treat as dangerous).
	Roots []Import
	// OnGlobal is set for BUILD applied directly to an imported global (a class or module):
	// that rebinds attributes of live objects, a known scanner-evasion trick.
	OnGlobal bool
}

// Ext is a reference to the copyreg extension registry.
type Ext struct {
	Offset int64
	Code   int64
}

// MemoStats counts memo traffic. A GET:PUT ratio far above normal, or many DUPs, reveals
// "billion laughs" style expansion.
type MemoStats struct {
	Puts, Gets, Dups int64
	MaxStack         int // deepest symbolic stack seen
	// Expanded is the size, in leaves, of the largest value built, counting every memo
	// reference (GET, DUP) as a copy: close to the opcode count for ordinary pickles,
	// exponentially larger for expansion attacks.
	Expanded int64
}

// Anomaly is a structural oddity, e.g. a FRAME whose declared length disagrees with the opcodes
// inside it, a second PROTO, a GET of a memo key that was never PUT.
type Anomaly struct {
	Kind   AnomalyKind
	Offset int64
	Detail string
}

// AnomalyKind names a structural oddity.
type AnomalyKind string

// Known anomaly kinds.
const (
	AnomalyFrameMismatch   AnomalyKind = "frame-mismatch"   // FRAME length disagrees with opcodes
	AnomalyMisplacedProto  AnomalyKind = "misplaced-proto"  // PROTO not first, or repeated
	AnomalyBadMemoKey      AnomalyKind = "bad-memo-key"     // GET of a key never PUT
	AnomalyStackUnderflow  AnomalyKind = "stack-underflow"  // pop from an empty stack or past MARK
	AnomalyMarkMismatch    AnomalyKind = "mark-mismatch"    // MARK never closed, or closed twice
	AnomalyTypeConfusion   AnomalyKind = "type-confusion"   // e.g. SETITEM(S) on a non-dict
	AnomalyUnknownOpcode   AnomalyKind = "unknown-opcode"   // byte that is no pickle opcode
	AnomalyNonASCIIGlobal  AnomalyKind = "non-ascii-global" // GLOBAL/INST operand with odd bytes
	AnomalyBufferOutOfBand AnomalyKind = "out-of-band-buffer"
	// AnomalyJoblibArray: a joblib NumpyArrayWrapper whose state cannot be sized, or whose
	// inline object-array pickle is broken (added to the original model).
	AnomalyJoblibArray AnomalyKind = "joblib-array"
)

// Nested is a pickle found inside a string or bytes constant of its parent.
type Nested struct {
	Offset   int64  // offset of the constant in the parent input
	Encoding string // "raw", "base64" or "hex"
	// Loader names the call the bytes are passed to (e.g. "pickle.loads"), empty when the bytes
	// are only data that nothing in the parent unpickles.
	Loader string
	// File is the embedded pickle's parse. Its offsets are relative to the embedded bytes
	// (after base64/hex decoding). A nested pickle a budget kept from being parsed has one
	// stream with only Exceeded set.
	File *File
}

// Constant is a string or bytes constant that may carry a second-stage payload: Python source,
// a shell command, or an encoded blob. Only constants that pass cheap plausibility checks are
// kept, each truncated to a bounded prefix.
type Constant struct {
	Offset   int64
	Text     string // decoded text (base64/hex already decoded when Encoding is not "raw")
	Encoding string
	Len      int64 // full length of the constant in the input
	// Arg names the call it is passed to, if any (e.g. "builtins.exec").
	Arg string
}

// ValueKind classifies a summarised value.
type ValueKind string

// Value kinds used in Stream.Result.
const (
	ValueNone   ValueKind = "none"
	ValueInt    ValueKind = "int"
	ValueString ValueKind = "str"
	ValueBytes  ValueKind = "bytes"
	ValueDict   ValueKind = "dict"
	ValueList   ValueKind = "list"
	ValueTuple  ValueKind = "tuple"
	ValueCall   ValueKind = "call"   // the result of a REDUCE/NEWOBJ/... (see Repr)
	ValueGlobal ValueKind = "global" // an imported global itself
	ValueOther  ValueKind = "other"
)

// Value summarises a value: its kind and a short rendering ("0x1950a86a20f9469cfc6c",
// "builtins.eval('...')").
type Value struct {
	Kind ValueKind
	Repr string
	Int  string // decimal digits for ints (arbitrary precision), empty otherwise
}
