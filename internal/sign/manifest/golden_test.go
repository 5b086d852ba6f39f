package manifest

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/xtest"
)

func goldensDir(t *testing.T) string {
	return filepath.Join(xtest.SharedDir(t), "vectors", "model-signing", "goldens")
}

// splitVariant splits "sample_model_folder_small_shards" into fixture and variant.
func splitVariant(name string) (string, string) {
	for _, v := range []string{"_small_shards", "_shard"} {
		if f, ok := strings.CutSuffix(name, v); ok {
			return f, v
		}
	}
	return name, ""
}

// TestSerializerGoldens reproduces tests/_serialization/testdata/{file,file_shard}: one
// "name:hex" line per entry, compared as sets like upstream.
func TestSerializerGoldens(t *testing.T) {
	base := filepath.Join(goldensDir(t), "_serialization", "testdata")
	for _, kind := range []string{"file", "file_shard"} {
		dir := filepath.Join(base, kind, "TestSerializer")
		names, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			t.Run(kind+"/"+n.Name(), func(t *testing.T) {
				fx, variant := splitVariant(n.Name())
				if kind == "file_shard" && variant == "" {
					variant = "_shard"
				}
				m, err := Build(context.Background(), makeFixture(t, fx), goldenOptions(variant))
				if err != nil {
					t.Fatal(err)
				}
				want := readLines(t, filepath.Join(dir, n.Name()))
				got := manifestLines(m)
				if !reflect.DeepEqual(sorted(got), sorted(want)) {
					t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
				}
			})
		}
	}
}

// TestPayloadGoldens checks every TestPayload golden two ways: ParsePayload → Payload is
// JSON-equivalent to the golden, and Build over the recreated fixture yields it too.
func TestPayloadGoldens(t *testing.T) {
	dir := filepath.Join(goldensDir(t), "_signing", "testdata", "signing", "TestPayload")
	names, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		t.Run(n.Name(), func(t *testing.T) {
			golden, err := os.ReadFile(filepath.Join(dir, n.Name()))
			if err != nil {
				t.Fatal(err)
			}
			parsed, _, err := ParsePayload(golden)
			if err != nil {
				t.Fatalf("ParsePayload: %v", err)
			}
			assertJSONEqual(t, mustPayload(t, parsed), golden)

			fx, variant := splitVariant(n.Name())
			built, err := Build(context.Background(), makeFixture(t, fx), goldenOptions(variant))
			if err != nil {
				t.Fatal(err)
			}
			built.IgnorePaths = nil // upstream goldens were made without ignore paths
			assertJSONEqual(t, mustPayload(t, built), golden)
			if !reflect.DeepEqual(built.Entries, parsed.Entries) && len(built.Entries)+len(parsed.Entries) > 0 {
				t.Fatalf("entries differ:\n%v\n%v", built.Entries, parsed.Entries)
			}
		})
	}
}

func mustPayload(t *testing.T, m *Manifest) []byte {
	t.Helper()
	b, err := m.Payload()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertJSONEqual compares parsed JSON; numbers decode to float64 so 8 == 8.0.
func assertJSONEqual(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("got is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("payload differs\ngot:\n%s\nwant:\n%s", got, want)
	}
}

func manifestLines(m *Manifest) []string {
	out := make([]string, 0, len(m.Entries))
	for _, e := range m.Entries {
		out = append(out, e.Name+":"+hex.EncodeToString(e.Digest))
	}
	return out
}

func readLines(t *testing.T, p string) []string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func sorted(s []string) []string {
	c := append([]string{}, s...)
	sort.Strings(c)
	return c
}
