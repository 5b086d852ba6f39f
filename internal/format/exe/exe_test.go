package exe

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/binary"
	"flag"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "unused here: this package has no golden files")

// goTestdata returns a file from the Go distribution's own test data (real executables built
// by gcc, clang, mingw), skipping the test when the Go source tree is not installed.
func goTestdata(t *testing.T, rel string) []byte {
	t.Helper()
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("SKIPPING: go env GOROOT failed: %v", err)
	}
	p := filepath.Join(strings.TrimSpace(string(root)), "src", rel)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("SKIPPING: Go source test data %s not available: %v", p, err)
	}
	switch {
	case strings.HasSuffix(p, ".base64"):
		b, err = base64.StdEncoding.DecodeString(string(bytes.Join(bytes.Fields(b), nil)))
	case strings.HasSuffix(p, ".gz"):
		var r *gzip.Reader
		if r, err = gzip.NewReader(bytes.NewReader(b)); err == nil {
			b, err = io.ReadAll(r)
		}
	}
	if err != nil {
		t.Fatalf("decode %s: %v", p, err)
	}
	return b
}

func TestIdentifyRealExecutables(t *testing.T) {
	tests := []struct {
		file   string
		kind   Kind
		detail string
	}{
		{"debug/elf/testdata/gcc-amd64-linux-exec", ELF, "ELF 64-bit LSB executable, x86-64"},
		{"debug/elf/testdata/gcc-386-freebsd-exec", ELF, "ELF 32-bit LSB executable, x86"},
		{"debug/elf/testdata/gcc-riscv64-linux-exec", ELF, "ELF 64-bit LSB executable, RISC-V"},
		{"debug/elf/testdata/go-relocation-test-gcc531-s390x.obj", ELF, "ELF 64-bit MSB relocatable, S/390"},
		{"debug/elf/testdata/go-relocation-test-gcc5-ppc.obj", ELF, "ELF 32-bit MSB relocatable, PowerPC"},
		{"debug/elf/testdata/hello-world-core.gz", ELF, "ELF 64-bit LSB core file, x86-64"},
		{"debug/elf/testdata/libtiffxx.so_", ELF, "ELF 64-bit LSB shared object, x86-64"},
		{"debug/pe/testdata/gcc-amd64-mingw-exec", PE, "PE32+ executable, x86-64"},
		{"debug/pe/testdata/gcc-386-mingw-exec", PE, "PE32 executable, x86"},
		{"debug/pe/testdata/vmlinuz-4.15.0-47-generic", PE, "PE32+ executable, x86-64"},
		{"debug/macho/testdata/gcc-amd64-darwin-exec.base64", MachO, "Mach-O 64-bit executable, x86-64"},
		{"debug/macho/testdata/gcc-386-darwin-exec.base64", MachO, "Mach-O 32-bit executable, i386"},
		{"debug/macho/testdata/clang-amd64-darwin.obj.base64", MachO, "Mach-O 64-bit object, x86-64"},
		{"debug/macho/testdata/fat-gcc-386-amd64-darwin-exec.base64", FatMach, "Mach-O universal binary, 2 architectures [i386 x86-64]"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			b := goTestdata(t, tt.file)
			h, ok := Describe(b)
			if !ok || h.Kind != tt.kind || h.Detail != tt.detail {
				t.Fatalf("Describe = %+v, %v; want %s %q", h, ok, tt.kind, tt.detail)
			}
			// Embedded after unrelated bytes, Scan finds it at its offset.
			buf := append(bytes.Repeat([]byte{0x5a}, 333), b...)
			hits := Scan(buf)
			if len(hits) == 0 || hits[0].Offset != 333 || hits[0].Kind != tt.kind {
				t.Fatalf("Scan = %+v, want %s at 333", hits, tt.kind)
			}
		})
	}
}

// TestIdentifyNonExecutables covers real non-executable files that share magic bytes or look
// similar: COFF objects (no MZ stub), a Java class file (0xcafebabe), DOS-only MZ programs and
// text that starts like a shebang.
func TestIdentifyNonExecutables(t *testing.T) {
	coff := goTestdata(t, "debug/pe/testdata/gcc-amd64-mingw-obj")
	javaClass := []byte("\xca\xfe\xba\xbe\x00\x00\x00\x34\x00\x1d\x0a\x00\x06\x00\x0f\x09\x00\x10\x00\x11\x08\x00\x12")
	javaPreview := []byte("\xca\xfe\xba\xbe\xff\xff\x00\x41\x00\x1d\x0a\x00\x06\x00\x0f\x09\x00\x10\x00\x11\x08\x00\x12")
	dos := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), make([]byte, 200)...)
	tests := map[string][]byte{
		"coff object":             coff,
		"java class":              javaClass,
		"java preview class":      javaPreview,
		"dos program":             dos,
		"markdown heading":        []byte("#!important notice\n"),
		"shebang relative":        []byte("#!python\nprint(1)\n"),
		"shebang odd dir":         []byte("#!/home/u/x\n"),
		"shebang binary line":     []byte("#!/bin/sh\x01\n"),
		"shebang dir only":        []byte("#!/usr/bin/\n"),
		"elf magic only":          append([]byte("\x7fELF"), make([]byte, 60)...),
		"macho magic only":        append([]byte("\xcf\xfa\xed\xfe"), make([]byte, 60)...),
		"json":                    []byte(`{"format":"pt"}`),
		"empty":                   nil,
		"pe signature, bad mach":  peHeader(0x1234, 0x20b),
		"pe signature, bad magic": peHeader(0x8664, 0x30b),
	}
	for name, b := range tests {
		if k, ok := Identify(b); ok {
			t.Errorf("%s: Identify = %s, want no match", name, k)
		}
		if h := Scan(b); len(h) != 0 {
			t.Errorf("%s: Scan = %+v, want none", name, h)
		}
	}
}

// peHeader builds a minimal PE image header with the given machine and optional-header magic.
func peHeader(machine, magic uint16) []byte {
	b := make([]byte, 0x40+24+0xf0)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x40)
	p := b[0x40:]
	copy(p, "PE\x00\x00")
	binary.LittleEndian.PutUint16(p[4:], machine)
	binary.LittleEndian.PutUint16(p[6:], 3)
	binary.LittleEndian.PutUint16(p[20:], 0xf0)
	binary.LittleEndian.PutUint16(p[22:], 0x22)
	binary.LittleEndian.PutUint16(p[24:], magic)
	return b
}

func TestShebang(t *testing.T) {
	tests := []struct {
		in     string
		detail string
	}{
		{"#!/bin/sh\necho hi\n", "script for /bin/sh"},
		{"#! /bin/bash -e\n", "script for /bin/bash"},
		{"#!/usr/bin/env python3\nimport os\n", "script for python3"},
		{"#!/usr/bin/env -S python3 -u\n", "script for python3"},
		{"#!/usr/bin/perl", "script for /usr/bin/perl"},
		{"#!/bin/sh\r\n", "script for /bin/sh"},
	}
	for _, tt := range tests {
		h, ok := Describe([]byte(tt.in))
		if !ok || h.Kind != Shebang || h.Detail != tt.detail {
			t.Errorf("Describe(%q) = %+v, %v; want %q", tt.in, h, ok, tt.detail)
		}
	}
	if h := Scan([]byte("notes\n#!/bin/sh\nid\n")); len(h) != 1 || h[0].Offset != 6 {
		t.Errorf("Scan after newline = %+v", h)
	}
	if h := Scan([]byte("see x#!/bin/sh\n")); len(h) != 0 {
		t.Errorf("Scan mid-line = %+v, want none", h)
	}
	long := "#!/bin/sh " + strings.Repeat("a", 300) + "\n"
	if _, ok := Identify([]byte(long)); ok {
		t.Error("a line longer than the kernel reads must not match")
	}
}

func TestPEHeader(t *testing.T) {
	h, ok := Describe(peHeader(0xaa64, 0x20b))
	if !ok || h.Detail != "PE32+ executable, ARM64" {
		t.Fatalf("Describe = %+v, %v", h, ok)
	}
	trunc := peHeader(0x8664, 0x20b)[:0x40+20]
	if _, ok := Identify(trunc); ok {
		t.Fatal("a PE header cut before the optional header must not match")
	}
}

// TestRandomBytesNeverMatch is the false-positive guard: 64 MiB of seeded random bytes, as
// tensor data looks, checked in 4 KiB windows with Identify and with Scan at every offset.
func TestRandomBytesNeverMatch(t *testing.T) {
	total := 64 << 20
	if testing.Short() {
		total = 8 << 20
	}
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 4096)
	for off := 0; off < total; off += len(buf) {
		for i := 0; i < len(buf); i += 8 {
			binary.LittleEndian.PutUint64(buf[i:], rng.Uint64())
		}
		if k, ok := Identify(buf); ok {
			t.Fatalf("window at %d identified as %s", off, k)
		}
		if h := Scan(buf); len(h) != 0 {
			t.Fatalf("window at %d: Scan = %+v", off, h)
		}
	}
}

// TestRandomWithMagicNeverMatch plants each magic at the start of random windows, so that
// only the validation behind the magic stands between random data and a match.
func TestRandomWithMagicNeverMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	buf := make([]byte, 4096)
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for _, m := range magics {
		for range n {
			for i := 0; i < len(buf); i += 8 {
				binary.LittleEndian.PutUint64(buf[i:], rng.Uint64())
			}
			copy(buf, m.magic)
			if k, ok := Identify(buf); ok {
				t.Fatalf("random bytes after %q identified as %s: % x", m.magic, k, buf[:64])
			}
		}
	}
}

func TestScanBounded(t *testing.T) {
	elf := goTestdata(t, "debug/elf/testdata/gcc-amd64-linux-exec")[:64]
	var buf []byte
	for range 100 {
		buf = append(buf, elf...)
	}
	if h := Scan(buf); len(h) != MaxHits {
		t.Fatalf("Scan returned %d hits, want the cap %d", len(h), MaxHits)
	}
}
