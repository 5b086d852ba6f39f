package manifest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLessPathPythonOrder(t *testing.T) {
	tests := []struct{ a, b string }{
		{"a/x", "a-b/c"},
		{"a-b/c", "a.b"},
		{"model/x.bin", "model.safetensors"},
		{"a", "a/b"},
		{"A", "a"},
	}
	for _, tc := range tests {
		if !lessPath(tc.a, tc.b) || lessPath(tc.b, tc.a) {
			t.Errorf("want %q < %q", tc.a, tc.b)
		}
	}
}

func names(m *Manifest) []string {
	out := make([]string, len(m.Entries))
	for i, e := range m.Entries {
		out[i] = e.Name
	}
	return out
}

func build(t *testing.T, dir string, o Options) *Manifest {
	t.Helper()
	m, err := Build(context.Background(), dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBuildOrderingAndIgnores(t *testing.T) {
	dir := tree(func(add func(string, string)) {
		for _, p := range []string{"a.b", "a-b/c", "a/x", ".hidden", ".git/config", "sub/.git/kept",
			".github/w", ".gitignore", ".gitattributes", "model.sig", "skip/me", "skipped"} {
			add(p, p)
		}
	})(t, filepath.Join(t.TempDir(), "m"))
	o := DefaultOptions()
	o.SignatureFile = filepath.Join(dir, "model.sig")
	o.IgnorePaths = []string{"skip", filepath.Join(dir, "skipped"), "/elsewhere/x", "../up"}
	m := build(t, dir, o)
	want := []string{".hidden", "a/x", "a-b/c", "a.b", "sub/.git/kept"}
	if got := names(m); !reflect.DeepEqual(got, want) {
		t.Fatalf("names %v, want %v", got, want)
	}
	wantIgn := []string{".git", ".gitattributes", ".github", ".gitignore", "model.sig", "skip", "skipped"}
	if !reflect.DeepEqual(m.IgnorePaths, wantIgn) {
		t.Fatalf("ignore paths %v, want %v", m.IgnorePaths, wantIgn)
	}
	o.IgnoreGitPaths = false
	if got := names(build(t, dir, o)); len(got) != 9 {
		t.Fatalf("without git ignores got %v", got)
	}
}

func TestShardOrderNumeric(t *testing.T) {
	dir := tree(func(add func(string, string)) { add("f", strings.Repeat("x", 23)) })(t, filepath.Join(t.TempDir(), "m"))
	m := build(t, dir, Options{Serialization: MethodShards, ShardSize: 8})
	if got := names(m); !reflect.DeepEqual(got, []string{"f:0:8", "f:8:16", "f:16:23"}) {
		t.Fatalf("got %v", got)
	}
	if m.Entries[0].Algorithm != "sha256-sharded-8" {
		t.Fatalf("algorithm %s", m.Entries[0].Algorithm)
	}
}

func TestSymlinkPolicy(t *testing.T) {
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "outside.txt"), "secret")
	dir := tree(func(add func(string, string)) {
		add("real/file", "data")
		add("link", "->real/file")
		add("dirlink", "->real")
	})(t, filepath.Join(tmp, "m"))
	if _, err := Build(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Fatalf("want symlink error, got %v", err)
	}
	m := build(t, dir, Options{AllowSymlinks: true})
	if got := names(m); !reflect.DeepEqual(got, []string{"link", "real/file"}) {
		t.Fatalf("got %v (symlinked dirs must not be descended)", got)
	}
	if err := os.Symlink(filepath.Join(tmp, "outside.txt"), filepath.Join(dir, "escape")); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), dir, Options{AllowSymlinks: true})
	if err == nil || !strings.Contains(err.Error(), "escapes") {
		t.Fatalf("want escape error, got %v", err)
	}
}

func TestBuildHashes(t *testing.T) {
	dir := tree(func(add func(string, string)) { add("f", "abc") })(t, filepath.Join(t.TempDir(), "m"))
	tests := map[string]int{HashSHA256: 32, HashBLAKE2b: 64, "blake2": 64, HashBLAKE3: 32}
	for h, size := range tests {
		m := build(t, dir, Options{Hash: h})
		if len(m.Entries[0].Digest) != size || m.Serialization.HashType == "blake2" {
			t.Errorf("%s: digest %d bytes, hash_type %s", h, len(m.Entries[0].Digest), m.Serialization.HashType)
		}
	}
	if _, err := Build(context.Background(), dir, Options{Hash: "md5"}); err == nil {
		t.Fatal("md5 accepted")
	}
}

func TestBuildRoundTrip(t *testing.T) {
	dir := makeFixture(t, "sample_model_folder")
	for _, o := range []Options{DefaultOptions(), {Serialization: MethodShards, ShardSize: 8, Hash: HashBLAKE3}} {
		m := build(t, dir, o)
		p, err := m.Payload()
		if err != nil {
			t.Fatal(err)
		}
		back, po, err := ParsePayload(p)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(back, m) {
			t.Fatalf("round trip differs:\n%+v\n%+v", back, m)
		}
		if po.Serialization != m.Serialization.Method || po.Hash != m.Serialization.HashType {
			t.Fatalf("options %+v", po)
		}
		if strings.Contains(string(p), "8.0") {
			t.Fatal("shard_size must be an integer")
		}
	}
}

func TestCompareAndRehash(t *testing.T) {
	dir := makeFixture(t, "sample_model_folder")
	signed := build(t, dir, DefaultOptions())
	writeFile(t, filepath.Join(dir, "f0"), "tampered")
	writeFile(t, filepath.Join(dir, "new"), "unsigned")
	if err := os.Remove(filepath.Join(dir, "d1", "f12")); err != nil {
		t.Fatal(err)
	}
	d := Compare(signed, build(t, dir, DefaultOptions()))
	if !reflect.DeepEqual(d.Missing, []string{"d1/f12"}) || !reflect.DeepEqual(d.Extra, []string{"new"}) ||
		len(d.Changed) != 1 || d.Changed[0].Name != "f0" || d.OK() {
		t.Fatalf("diff %+v", d)
	}
	only, err := Rehash(context.Background(), dir, signed, DefaultOptions(), true)
	if err != nil {
		t.Fatal(err)
	}
	d = Compare(signed, only)
	if len(d.Extra) != 0 || len(d.Missing) != 1 || len(d.Changed) != 1 {
		t.Fatalf("only-listed diff %+v", d)
	}
}

func TestRehashRejectsEscapes(t *testing.T) {
	dir := makeFixture(t, "sample_model_folder")
	for _, name := range []string{"../etc/passwd", "/etc/passwd", "d0/../../x"} {
		signed := &Manifest{Entries: []Entry{{Name: name, Algorithm: "sha256", Digest: []byte{1}}},
			Serialization: Serialization{Method: MethodFiles, HashType: HashSHA256}}
		if _, err := Rehash(context.Background(), dir, signed, DefaultOptions(), true); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
}

func TestParsePayloadErrors(t *testing.T) {
	valid := `{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"m","digest":{"sha256":"%s"}}],` +
		`"predicateType":"https://model_signing/signature/v1.0","predicate":{"serialization":{"method":"%s",` +
		`"hash_type":"sha256","allow_symlinks":false%s},"resources":[{"name":"%s","algorithm":"sha256","digest":"00"}]}}`
	root := "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d" // sha256(0x00)
	tests := map[string]string{
		"not json":       `{`,
		"wrong root":     sprintf(valid, strings.Repeat("0", 64), "files", "", "a"),
		"dotdot":         sprintf(valid, root, "files", "", "../a"),
		"absolute":       sprintf(valid, root, "files", "", "/a"),
		"bad method":     sprintf(valid, root, "tensors", "", "a"),
		"shards no size": sprintf(valid, root, "shards", "", "a:0:1"),
		"bad shard":      sprintf(valid, root, "shards", `,"shard_size":8`, "a:1"),
		"float size":     sprintf(valid, root, "shards", `,"shard_size":8.5`, "a:0:1"),
		"bad ignore":     sprintf(valid, root, "files", `,"ignore_paths":["../x"]`, "a"),
		"wrong type":     strings.Replace(sprintf(valid, root, "files", "", "a"), "Statement/v1", "Statement/v0.1", 1),
	}
	for name, in := range tests {
		if _, _, err := ParsePayload([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	ok := sprintf(valid, root, "shards", `,"shard_size":8.0,"ignore_paths":["x"]`, "a:b:0:1")
	m, o, err := ParsePayload([]byte(ok))
	if err != nil || m.Serialization.ShardSize != 8 || o.ShardSize != 8 || o.IgnorePaths[0] != "x" {
		t.Fatalf("valid payload: %v %+v", err, o)
	}
}

func sprintf(format string, a ...any) string {
	return fmt.Sprintf(format, a...)
}
