package classifier

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unicode/utf8"
)

// The model file, little-endian:
//
//	magic "aisecGC\n" · version u16 · bits u8 · wordMax u8 · charMin u8 · charMax u8
//	head u32 · tail u32 · seed u32 · bias f32 · threshold f32 · scale f32
//	sources u16, then per source: length u8 + UTF-8 bytes
//	weights: 2^bits int8 values, each × scale
//	crc32 (IEEE) of everything above
//
// 2^18 int8 weights make a 256 KiB file.
const (
	fileMagic   = "aisecGC\n"
	fileVersion = 1
	headerSize  = len(fileMagic) + 2 + 4 + 12 + 12
	maxSources  = 1024
	maxFileSize = headerSize + 2 + maxSources*256 + 1<<maxBits + 4
)

// ErrFormat is wrapped by every error Read returns for bytes that are not a valid model file.
var ErrFormat = errors.New("not a valid classifier model file")

// WriteTo writes the model in its binary format. It implements io.WriterTo.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(m.marshal())
	if err != nil {
		return int64(n), fmt.Errorf("unable to write the classifier model: %w", err)
	}
	return int64(n), nil
}

func (m *Model) marshal() []byte {
	s := m.spec
	b := make([]byte, 0, headerSize+len(m.weights)+64)
	b = append(b, fileMagic...)
	b = binary.LittleEndian.AppendUint16(b, fileVersion)
	b = append(b, s.Bits, s.WordMax, s.CharMin, s.CharMax)
	for _, v := range []uint32{s.Head, s.Tail, s.Seed} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, f := range []float32{m.bias, m.threshold, m.scale} {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(m.sources)))
	for _, name := range m.sources {
		b = append(b, byte(len(name)))
		b = append(b, name...)
	}
	for _, w := range m.weights {
		b = append(b, byte(w))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// quantized is a weight table as the model keeps it: int8 values and one scale.
type quantized struct {
	w     []int8
	scale float32
}

// quantize rounds weights to int8 with one scale, max |w| / 127.
func quantize(w []float64) quantized {
	var top float64
	for _, v := range w {
		top = max(top, math.Abs(v))
	}
	q := quantized{w: make([]int8, len(w)), scale: 1}
	if top == 0 {
		return q
	}
	q.scale = float32(top / 127)
	for i, v := range w {
		q.w[i] = int8(max(-127, min(127, math.Round(v/float64(q.scale)))))
	}
	return q
}

// Read decodes a model written by WriteTo. It reads at most the largest valid file size and
// checks every size, range and the checksum before building the model.
func Read(r io.Reader) (*Model, error) {
	b, err := io.ReadAll(io.LimitReader(r, int64(maxFileSize)+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read the classifier model: %w", err)
	}
	if len(b) > maxFileSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrFormat, maxFileSize)
	}
	m, err := unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	return m, nil
}

func unmarshal(b []byte) (*Model, error) {
	if len(b) < headerSize+4 || string(b[:len(fileMagic)]) != fileMagic {
		return nil, errors.New("bad magic or truncated header")
	}
	body := b[:len(b)-4]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errors.New("checksum mismatch")
	}
	d := decoder{b: body[len(fileMagic):]}
	if v := d.u16(); v != fileVersion {
		return nil, fmt.Errorf("unsupported version %d", v)
	}
	spec := featureSpec{Bits: d.u8(), WordMax: d.u8(), CharMin: d.u8(), CharMax: d.u8(),
		Head: d.u32(), Tail: d.u32(), Seed: d.u32()}
	bias, threshold, scale := d.f32(), d.f32(), d.f32()
	if err := checkHeader(spec, bias, threshold, scale); err != nil {
		return nil, err
	}
	sources, err := d.sources()
	if err != nil {
		return nil, err
	}
	if len(d.b) != spec.dims() {
		return nil, fmt.Errorf("weights take %d bytes, want %d", len(d.b), spec.dims())
	}
	q := quantized{w: make([]int8, spec.dims()), scale: scale}
	for i, v := range d.b {
		q.w[i] = int8(v)
	}
	return newModel(spec, q, bias, threshold, sources), nil
}

func checkHeader(spec featureSpec, bias, threshold, scale float32) error {
	if err := spec.validate(); err != nil {
		return err
	}
	if !finite(bias) || !finite(scale) || scale <= 0 || !(threshold >= 0 && threshold <= 1) {
		return fmt.Errorf("bias %v, threshold %v or scale %v out of range", bias, threshold, scale)
	}
	return nil
}
func finite(f float32) bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// decoder reads fixed-size fields; the header size was checked up front, so those reads
// cannot run past the end.
type decoder struct{ b []byte }

func (d *decoder) u8() uint8 { v := d.b[0]; d.b = d.b[1:]; return v }
func (d *decoder) u16() uint16 {
	v := binary.LittleEndian.Uint16(d.b)
	d.b = d.b[2:]
	return v
}
func (d *decoder) u32() uint32 {
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}
func (d *decoder) f32() float32 { return math.Float32frombits(d.u32()) }

func (d *decoder) sources() ([]string, error) {
	if len(d.b) < 2 {
		return nil, errors.New("truncated source list")
	}
	n := int(d.u16())
	if n > maxSources {
		return nil, fmt.Errorf("%d sources, more than %d", n, maxSources)
	}
	out := make([]string, 0, n)
	for range n {
		if len(d.b) < 1 || len(d.b) < 1+int(d.b[0]) {
			return nil, errors.New("truncated source name")
		}
		l := int(d.u8())
		name := string(d.b[:l])
		d.b = d.b[l:]
		if !utf8.ValidString(name) {
			return nil, errors.New("source name is not UTF-8")
		}
		out = append(out, name)
	}
	return out, nil
}

var _ io.WriterTo = (*Model)(nil)
