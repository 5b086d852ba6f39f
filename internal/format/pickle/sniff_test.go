package pickle

import (
	"bytes"
	"math/rand/v2"
	"os"
	"testing"
)

func TestLooksLikePickle(t *testing.T) {
	yes := map[string][]byte{
		"protocol 0 list":            []byte("(lp0\nS'a'\np1\na."),
		"protocol 0 payload":         []byte("cos\nsystem\n(S'ls'\ntR."),
		"protocol 2 payload":         pickletestPayload("posix", "system", "id"),
		"PROTO 4 alone":              {0x80, 4},
		"PROTO 4 and a big FRAME":    append([]byte{0x80, 4, 0x95}, 0, 0, 1, 0, 0, 0, 0, 0, 0x8c, 3),
		"None":                       []byte("N."),
		"int":                        []byte("I12345\n."),
		"broken after GLOBAL":        []byte("cbuiltins\nexec\n(X\xff\xff\xff\x7f"),
		"payload then junk":          []byte("cos\nsystem\n(S'ls'\ntR\xff"),
		"STACK_GLOBAL string start":  []byte("S'os'\nS'system'\n\x93(S'id'\ntR."),
		"protocol 1 empty dict":      []byte("}q\x00."),
		"memoized unicode list":      []byte("(lp0\nVa\np1\naVb\np2\na."),
		"protocol 2 with BINBYTES":   append([]byte{0x80, 3, 'B', 0, 0, 1, 0}, bytes.Repeat([]byte{1}, 100)...),
		"protocol 3 truncated early": {0x80, 3, ']', 'q'},
	}
	for name, h := range yes {
		if !LooksLikePickle(h) {
			t.Errorf("%s: want true", name)
		}
	}
	no := map[string][]byte{
		"empty":         nil,
		"text":          []byte("Hello, world. This is a README file.\n"),
		"json":          []byte(`{"a": 1, "b": [1, 2]}`),
		"PNG":           {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'},
		"ZIP":           []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00\xa1\xb2\xc3\xd4data.pkl"),
		"ELF":           []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
		"gzip":          {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3},
		"PROTO 9":       {0x80, 9, 'N', '.'},
		"lone STOP":     []byte("."),
		"GET unknown":   []byte("h\x05."),
		"INST no MARK":  []byte("item1234"),
		"word None":     []byte("None of these"),
		"numpy header":  []byte("\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"),
		"torch tensors": {0x00, 0x10, 0, 0, 0, 0, 0, 0, 0x3f, 0x80, 0, 0},
		"ini file":      []byte("[section]\nkey = value\n"),
		"LONG junk":     []byte("L12x\n."),
	}
	for name, h := range no {
		if LooksLikePickle(h) {
			t.Errorf("%s: want false", name)
		}
	}
}

func TestLooksLikePickleRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 4096)
	hits := 0
	for i := 0; i < 20000; i++ {
		for j := range buf {
			buf[j] = byte(r.Uint32())
		}
		if LooksLikePickle(buf) {
			hits++
			if buf[0] != 0x80 || buf[1] < 2 || buf[1] > 5 {
				t.Fatalf("random block % x... looks like a pickle without a PROTO 2-5 start", buf[:16])
			}
		}
	}
	// A block starting with PROTO 2-5 (1 in 7300) is accepted unless its next opcodes fail.
	if hits > 5 {
		t.Fatalf("%d of 20000 random 4 KiB blocks look like pickles", hits)
	}
}

func TestLooksLikePickleCorpus(t *testing.T) {
	dir := shared(t, "corpus/models/picklescan/data")
	for _, n := range []string{"benign0_v0.pkl", "benign0_v3.pkl", "benign0_v4.pkl", "malicious11.pkl", "broken_model.pkl", "malicious13a.pkl", "pytorch_model.bin"} {
		h := readHead(t, dir+"/"+n)
		if !LooksLikePickle(h) {
			t.Errorf("%s: want true", n)
		}
	}
	for _, n := range []string{"bad_pytorch.pt", "malicious1.zip", "new_pytorch_model.bin", "malicious1.7z", "benign_password_protected.zip"} {
		if LooksLikePickle(readHead(t, dir+"/"+n)) {
			t.Errorf("%s: want false", n)
		}
	}
}

func readHead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b[:min(len(b), sniffLen)]
}
