package extraction

import (
	"encoding/binary"
	"hash/maphash"
)

// Prompt hashing reads a bounded part of the prompt so that the cost per request is fixed:
// the first headBytes and the last tailBytes, plus the length when the middle is skipped.
// Long prompts that differ only in their middle and not in length count as one, which
// under-counts diversity slightly and never over-counts it.
const (
	headBytes = 512
	tailBytes = 128
)

// promptHash returns a 32-bit hash of prompt after a cheap normalisation (ASCII lower-case,
// runs of whitespace collapsed, leading and trailing whitespace dropped), so that trivial
// variants of one prompt count once. The text itself is never kept. A 32-bit hash suffices:
// it only counts distinct prompts among at most MaxEvents.
func promptHash(seed maphash.Seed, prompt string) uint32 {
	var buf [headBytes + tailBytes + 4]byte // + a separator + 3 length bytes
	var k int
	if len(prompt) <= headBytes+tailBytes {
		k = normalize(buf[:], 0, prompt)
		if k > 0 && buf[k-1] == ' ' {
			k--
		}
	} else {
		k = normalize(buf[:], 0, prompt[:headBytes])
		k = normalize(buf[:], k, prompt[len(prompt)-tailBytes:])
		n := len(prompt) // long prompts with the same ends differ by length, most likely
		buf[k], buf[k+1], buf[k+2] = byte(n), byte(n>>8), byte(n>>16)
		k += 3
	}
	sum := maphash.Bytes(seed, buf[:k])
	return uint32(sum ^ sum>>32)
}

// normalize appends s to dst[k:] with ASCII letters lower-cased and each run of whitespace
// turned into one space (none at the start), and returns the new length. dst must have room
// for len(s)+1 more bytes. A trailing space may remain; it only makes "x " and "x" differ
// when the text is long enough to be cut, which does not matter for counting.
//
// It works eight bytes at a time (SWAR) when those bytes need no collapsing, which is most of
// ordinary text, and byte by byte otherwise; normalizeBytes is the reference it must match.
func normalize(dst []byte, k int, s string) int {
	space := k == 0 || dst[k-1] == ' ' // suppress a leading space
	if !space {
		dst[k] = ' ' // separates a head from its tail
		k++
		space = true
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i : i+8])
		ctl := inRange(x, '\t', '\r')
		sp := inRange(x, ' ', ' ')
		if ctl != 0 || sp&(sp<<8) != 0 || (space && sp&0x80 != 0) {
			k, space = normalizeBytes(dst, k, s[i:i+8], space)
			continue
		}
		binary.LittleEndian.PutUint64(dst[k:], x|inRange(x, 'A', 'Z')>>2) // 0x80>>2 = 'a'-'A'
		k += 8
		space = sp>>56 != 0
	}
	k, _ = normalizeBytes(dst, k, s[i:], space)
	return k
}

// load64 reads 8 bytes little-endian (the compiler merges this into one load).
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// inRange returns 0x80 in each byte of x that lies in [lo, hi] (ASCII bounds), 0 elsewhere.
// Bytes with the high bit set never match, and masking it off first keeps the additions from
// carrying into the next byte.
func inRange(x uint64, lo, hi byte) uint64 {
	const low7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	x7 := x & low7
	ge := x7 + (0x80-uint64(lo))*0x0101010101010101 // high bit set where byte ≥ lo
	gt := x7 + (0x7f-uint64(hi))*0x0101010101010101 // high bit set where byte > hi
	return ge &^ gt &^ x & high
}

// normalizeBytes is normalize for one byte at a time, given whether the output ends in a
// space; it returns the new length and that state.
func normalizeBytes(dst []byte, k int, s string, space bool) (int, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c-'A' < 26 {
			c += 'a' - 'A'
		} else if c-'\t' < 5 { // \t \n \v \f \r
			c = ' '
		}
		// Always write, advance unless this is a repeated space: fewer unpredictable branches.
		sp := c == ' '
		dst[k] = c
		if !sp || !space {
			k++
		}
		space = sp
	}
	return k, space
}
