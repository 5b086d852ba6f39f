package vuln

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

func TestOpenZipMatchesDir(t *testing.T) {
	want := render(t, fixtureQueries, mustMatch(t, openFixtureDB(t), fixtureQueries))
	zipPath := filepath.Join(t.TempDir(), "osv.zip")
	writeZip(t, zipPath, fixtureDir, map[string][]byte{"README.md": []byte("not an advisory"), "nested/deeper/": nil})
	m, err := Open(zipPath, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db := m.(*DB)
	if db.Loaded() != 10 || db.Skipped() != 1 {
		t.Errorf("zip: loaded %d skipped %d", db.Loaded(), db.Skipped())
	}
	if got := render(t, fixtureQueries, mustMatch(t, m, fixtureQueries)); got != want {
		t.Errorf("zip results differ from directory results:\n%s", got)
	}
}

// TestOpenDirOfDumps lays out the fixtures as osv.dev serves them: <ECOSYSTEM>/all.zip.
func TestOpenDirOfDumps(t *testing.T) {
	want := render(t, fixtureQueries, mustMatch(t, openFixtureDB(t), fixtureQueries))
	dir := t.TempDir()
	entries, err := os.ReadDir(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		sub := filepath.Join(dir, e.Name())
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		writeZip(t, filepath.Join(sub, "all.zip"), filepath.Join(fixtureDir, e.Name()), nil)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("ignored"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := OpenDB(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, fixtureQueries, mustMatch(t, db, fixtureQueries)); got != want {
		t.Errorf("dump-layout results differ from directory results:\n%s", got)
	}
}

func TestOpenSingleJSON(t *testing.T) {
	db, err := OpenDB(filepath.Join(fixtureDir, "PyPI", "GHSA-53q9-r3pm-6pq6.json"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := mustMatch(t, db, []Query{{"PyPI", "torch", "2.0.0"}}); len(r[0]) != 1 {
		t.Fatalf("single advisory: %v", r)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	corrupt := filepath.Join(dir, "corrupt.zip")
	if err := os.WriteFile(corrupt, []byte("PK\x03\x04 this is not a zip archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, spec := range []string{filepath.Join(dir, "missing"), corrupt, text, dir} {
		if _, err := Open(spec, Options{}); err == nil {
			t.Errorf("Open(%s) succeeded", spec)
		}
	}
}

func TestZipOversizeSkipped(t *testing.T) {
	big := fmt.Sprintf(`{"id":"GHSA-big0-big0-big0","summary":%q,"affected":[{"package":{"ecosystem":"PyPI","name":"torch"},"versions":["1.0"]}]}`, strings.Repeat("x", 4096))
	small := `{"id":"GHSA-sma1-sma1-sma1","affected":[{"package":{"ecosystem":"PyPI","name":"torch"},"versions":["1.0"]}]}`
	zipPath := filepath.Join(t.TempDir(), "db.zip")
	writeZip(t, zipPath, "", map[string][]byte{"big.json": []byte(big), "small.json": []byte(small)})
	db, err := OpenDB(zipPath, Options{MaxAdvisoryBytes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	if db.Loaded() != 1 || db.Skipped() != 1 {
		t.Fatalf("loaded %d skipped %d, want 1 1", db.Loaded(), db.Skipped())
	}
	if r := mustMatch(t, db, []Query{{"PyPI", "torch", "1.0"}}); len(r[0]) != 1 || r[0][0].ID != "GHSA-sma1-sma1-sma1" {
		t.Fatalf("got %v", r)
	}
}

// TestZipLyingSize: a member whose header declares 10 bytes but inflates to 1 MiB is cut off
// at the advisory limit and skipped.
func TestZipLyingSize(t *testing.T) {
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	payload := append([]byte(`{"id":"GHSA-lie0-lie0-lie0","summary":"`), bytes.Repeat([]byte("A"), 1<<20)...)
	payload = append(payload, `"}`...)
	fw.Write(payload)
	fw.Close()
	zipPath := filepath.Join(t.TempDir(), "lie.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "lie.json", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(payload),
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	f.Close()
	db, err := OpenDB(zipPath, Options{MaxAdvisoryBytes: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	if db.Loaded() != 0 || db.Skipped() != 1 {
		t.Fatalf("loaded %d skipped %d, want 0 1", db.Loaded(), db.Skipped())
	}
}

// TestZipBomb: many small, highly compressible members add up past MaxTotalBytes.
func TestZipBomb(t *testing.T) {
	extra := map[string][]byte{}
	for i := range 200 {
		extra[fmt.Sprintf("bomb/%03d.json", i)] = fmt.Appendf(nil, `{"id":"GHSA-bomb-%04d","details":"%s"}`, i, strings.Repeat(" ", 60<<10))
	}
	zipPath := filepath.Join(t.TempDir(), "bomb.zip")
	writeZip(t, zipPath, "", extra)
	if fi, _ := os.Stat(zipPath); fi.Size() > 1<<20 {
		t.Fatalf("test zip is %d bytes, expected a small bomb", fi.Size())
	}
	_, err := OpenDB(zipPath, Options{MaxTotalBytes: 4 << 20})
	if !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("err = %v, want a budget error", err)
	}
	if _, err := OpenDB(zipPath, Options{}); err != nil {
		t.Fatalf("within the default budget: %v", err)
	}
}

func TestMaxAdvisories(t *testing.T) {
	_, err := OpenDB(fixtureDir, Options{MaxAdvisories: 3})
	if !errors.Is(err, limits.ErrExceeded) {
		t.Fatalf("err = %v, want a budget error", err)
	}
}

func TestDirOversizeAndSymlink(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.json", `{"id":"GHSA-okok-okok-okok","affected":[{"package":{"ecosystem":"npm","name":"x"},"versions":["1.0.0"]}]}`)
	write("big.json", `{"id":"GHSA-bigg-bigg-bigg","details":"`+strings.Repeat("x", 2048)+`"}`)
	target, _ := filepath.Abs(filepath.Join(fixtureDir, "PyPI", "GHSA-53q9-r3pm-6pq6.json"))
	if err := os.Symlink(target, filepath.Join(dir, "link.json")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	db, err := OpenDB(dir, Options{MaxAdvisoryBytes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	if db.Loaded() != 1 || db.Skipped() != 1 {
		t.Fatalf("loaded %d skipped %d, want 1 1 (symlink not followed)", db.Loaded(), db.Skipped())
	}
}
