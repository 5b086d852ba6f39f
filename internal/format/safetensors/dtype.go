package safetensors

import "math/bits"

// dtypeBits are the element sizes of the dtypes the reference loader knows (Dtype::bitsize in
// the Rust crate, 0.6/0.7). Names are case-sensitive, as serde matches enum variants.
var dtypeBits = map[string]uint64{
	"BOOL": 8, "F4": 4, "F6_E2M3": 6, "F6_E3M2": 6, "U8": 8, "I8": 8,
	"F8_E5M2": 8, "F8_E4M3": 8, "F8_E8M0": 8, "F8_E4M3FNUZ": 8, "F8_E5M2FNUZ": 8,
	"I16": 16, "U16": 16, "F16": 16, "BF16": 16, "I32": 32, "U32": 32, "F32": 32,
	"C64": 64, "F64": 64, "I64": 64, "U64": 64,
}

// DTypeBits returns the element size in bits of a dtype, or false for a dtype the reference
// loader does not know.
func DTypeBits(dtype string) (uint64, bool) {
	b, ok := dtypeBits[dtype]
	return b, ok
}

// sizeStatus is the outcome of computing dtype × shape.
type sizeStatus int

const (
	sizeOK sizeStatus = iota
	sizeUnknownDType
	sizeOverflow
	sizeSubByte
)

// tensorBytes computes dtype × shape in bytes with overflow checks, like Metadata::validate:
// the element count times the bit size must not overflow and must end on a byte boundary.
func tensorBytes(dtype string, shape []uint64) (uint64, sizeStatus) {
	bitsPer, ok := dtypeBits[dtype]
	if !ok {
		return 0, sizeUnknownDType
	}
	n := uint64(1)
	for _, d := range shape {
		hi, lo := bits.Mul64(n, d)
		if hi != 0 {
			return 0, sizeOverflow
		}
		n = lo
	}
	hi, nbits := bits.Mul64(n, bitsPer)
	if hi != 0 {
		return 0, sizeOverflow
	}
	if nbits%8 != 0 {
		return 0, sizeSubByte
	}
	return nbits / 8, sizeOK
}
