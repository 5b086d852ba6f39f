package pickle

import (
	"encoding/binary"
	"math"
	"math/big"
)

// Arena pressure: past arenaSoft stored bytes constants keep a short prefix, past arenaHard
// nothing (they become opaque and cannot resolve a STACK_GLOBAL, which fails closed).
const (
	arenaSoft  = 16 << 20
	arenaHard  = 128 << 20
	shortKeep  = 64
	maxLongLen = 512 // LONG1/LONG4 byte length still converted to decimal digits
)

func (w *walker) keepLimit() int {
	switch {
	case w.pool.arenaLen < arenaSoft:
		return keepConst
	case w.pool.arenaLen < arenaHard:
		return shortKeep
	}
	return 0
}

// storeText stores the kept prefix of a str/bytes constant whose full length is full.
func (w *walker) storeText(k kind, f uint8, b []byte, off, full int64) val {
	keep := w.keepLimit()
	if keep == 0 {
		return val{vhdr: vhdr{k: k, f: f | fOpaque, a: uint32(min(full, math.MaxUint32))}}
	}
	if len(b) > keep {
		b = b[:keep]
	}
	if int64(len(b)) < full {
		f |= fTrunc
	}
	return val{vhdr: vhdr{k: k, f: f, a: uint32(len(b))}, i: w.pool.store(b, off, full)}
}

// lenConst handles a length-prefixed str/bytes argument of n bytes at the current position:
// it keeps and inspects a bounded prefix and skips the rest without reading it when it can.
func (w *walker) lenConst(op byte, k kind, f uint8, n int64) error {
	s := w.src
	// Fast path for short buffered ASCII text that cannot hold a pickle or a code marker:
	// too short for base64/hex, no byte a marker needs, and no opcode that starts a pickle.
	if n < 16 && int64(s.end-s.pos) >= n && (n < minInspect || !canStart(s.buf[s.pos:s.pos+1])) {
		b := s.buf[s.pos : s.pos+int(n)]
		if cls := classify(b); cls.any&(cHigh|cSpecial) == 0 {
			v := w.storeText(k, f, b, s.offset(), n)
			s.pos += int(n)
			return w.push(v)
		}
	}
	if left := s.left(); left >= 0 && n > left {
		return w.failf("%s length %d exceeds the %d bytes left", opName(op), n, left)
	}
	off := s.offset()
	look := int(min(n, keepConst))
	if s.end-s.pos < look && !s.fill(look) {
		return w.truncated(opName(op), n)
	}
	b := s.buf[s.pos : s.pos+look]
	cls := classify(b)
	if cls.any&cHigh != 0 && (op == opBinUnicode || op == opShortBinUnicode || op == opBinUnicode8) && !validUTF8Pass(b, int64(look) < n) {
		return w.failf("'utf-8' codec can't decode the %s argument", opName(op))
	}
	v := w.storeText(k, f, b, off, n)
	consumed := false
	if look >= minInspect {
		var err error
		if consumed, err = w.inspect(v, b, cls, off, n); err != nil {
			return err
		}
	}
	if !consumed {
		s.pos += look
		if n > int64(look) && !s.skip(n-int64(look)) {
			return w.truncated(opName(op), n)
		}
	}
	return w.push(v)
}

// lineConst handles STRING and UNICODE, whose value is a decoded line.
func (w *walker) lineConst(op byte) error {
	off := w.src.offset()
	line, total, last, ok := w.src.readLine(maxNestedBytes)
	if !ok {
		return w.unterminated(opName(op))
	}
	var dec []byte
	var err error
	f := uint8(0)
	if op == opString {
		if int64(len(line)) < total { // cut: the closing quote is the line's last byte
			if len(line) < 1 || line[0] != last || (last != '\'' && last != '"') {
				return w.failf("%v", errQuote)
			}
			dec, err = decodeEscape(line[1:], w.decBuf[:0])
		} else {
			dec, err = unquoteString(line, w.decBuf[:0])
		}
		f = fLatin1
	} else {
		dec, err = decodeRawUnicodeEscape(line, w.decBuf[:0])
	}
	if err != nil {
		return w.failf("%s: %v", opName(op), err)
	}
	w.decBuf = dec[:0] // reused: the value is copied by storeText, and parsed before returning
	full := int64(len(dec))
	if int64(len(line)) < total {
		full = total // approximate: the undecoded length
	}
	v := w.storeText(kStr, f, dec, off, full)
	if len(dec) >= minInspect {
		if _, err := w.inspectMem(v, dec, off, full); err != nil {
			return err
		}
	}
	return w.push(v)
}

// intLine handles INT: strtol first (with "00"/"01" meaning False/True), then Python's int().
func (w *walker) intLine() error {
	line, total, _, ok := w.src.readLine(maxLineKeep)
	if !ok {
		return w.unterminated("INT")
	}
	if len(line) < 1 {
		return w.failf("INT: bad readline")
	}
	if x, ok := strtolC(line); ok {
		if len(line) == 2 && (x == 0 || x == 1) {
			return w.push(val{vhdr: vhdr{k: kBool}, i: x})
		}
		return w.push(val{vhdr: vhdr{k: kInt}, i: x})
	}
	return w.bigLine("INT", line, total)
}

// longLine handles LONG: an optional trailing 'L', then Python's int(s, 0).
func (w *walker) longLine() error {
	line, total, _, ok := w.src.readLine(maxLineKeep)
	if !ok {
		return w.unterminated("LONG")
	}
	if len(line) < 1 {
		return w.failf("LONG: bad readline")
	}
	if int64(len(line)) < total {
		return w.bigLine("LONG", line, total)
	}
	if line[len(line)-1] == 'L' {
		line = line[:len(line)-1]
	}
	return w.bigLine("LONG", line, int64(len(line)))
}

func (w *walker) bigLine(what string, line []byte, total int64) error {
	if int64(len(line)) < total {
		return w.push(val{vhdr: vhdr{k: kBigInt, f: fOpaque}, i: total / 2}) // digits beyond what is kept
	}
	n, err := pyIntLiteral(line, 0)
	if err != nil {
		return w.failf("%s: %v", what, err)
	}
	return w.pushBig(n)
}

// pushBig pushes an arbitrary-precision int, as int64 when it fits.
func (w *walker) pushBig(n *big.Int) error {
	if n.IsInt64() {
		return w.push(val{vhdr: vhdr{k: kInt}, i: n.Int64()})
	}
	d := n.Append(nil, 10)
	return w.push(val{vhdr: vhdr{k: kBigInt, a: uint32(len(d))}, i: w.pool.store(d, w.opStart, int64(len(d)))})
}

// longBytes handles LONG1/LONG4: n bytes of little-endian two's complement.
func (w *walker) longBytes(op byte, n int64) error {
	if n == 0 {
		return w.push(val{vhdr: vhdr{k: kInt}})
	}
	if n > maxLongLen {
		if left := w.src.left(); left >= 0 && n > left {
			return w.failf("%s length %d exceeds the %d bytes left", opName(op), n, left)
		}
		if !w.src.skip(n) {
			return w.truncated(opName(op), n)
		}
		return w.push(val{vhdr: vhdr{k: kBigInt, f: fOpaque}, i: n})
	}
	if err := w.need(int(n), op); err != nil {
		return err
	}
	b := w.src.buf[w.src.pos : w.src.pos+int(n)]
	w.src.pos += int(n)
	if n <= 8 {
		var u uint64
		for i := n - 1; i >= 0; i-- {
			u = u<<8 | uint64(b[i])
		}
		shift := 64 - 8*uint(n)
		return w.push(val{vhdr: vhdr{k: kInt}, i: int64(u<<shift) >> shift})
	}
	be := make([]byte, n)
	for i := range b {
		be[len(b)-1-i] = b[i]
	}
	x := new(big.Int).SetBytes(be)
	if b[n-1]&0x80 != 0 {
		x.Sub(x, new(big.Int).Lsh(big.NewInt(1), uint(8*n)))
	}
	return w.pushBig(x)
}

func (w *walker) floatLine() error {
	line, total, _, ok := w.src.readLine(maxLineKeep)
	if !ok {
		return w.unterminated("FLOAT")
	}
	f, err := parseFloatLine(line)
	if err != nil || int64(len(line)) < total {
		return w.failf("FLOAT: could not convert string to float")
	}
	return w.push(val{vhdr: vhdr{k: kFloat}, i: int64(math.Float64bits(f))})
}

// u8, u16, u32, u64, i32 read little-endian fixed-size arguments (after need).
func (w *walker) u8() int64 {
	v := w.src.buf[w.src.pos]
	w.src.pos++
	return int64(v)
}

func (w *walker) u16() int64 {
	v := binary.LittleEndian.Uint16(w.src.buf[w.src.pos:])
	w.src.pos += 2
	return int64(v)
}

func (w *walker) u32() int64 {
	v := binary.LittleEndian.Uint32(w.src.buf[w.src.pos:])
	w.src.pos += 4
	return int64(v)
}

func (w *walker) i32() int64 { return int64(int32(w.u32())) }

func (w *walker) u64() uint64 {
	v := binary.LittleEndian.Uint64(w.src.buf[w.src.pos:])
	w.src.pos += 8
	return v
}
