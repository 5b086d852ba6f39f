package limits

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// TestEstimateTokensCalibration compares EstimateTokens with cl100k_base counts. English
// prose and code must be within 15%; other languages are looser (German compounds split
// into more tokens than the estimate assumes).
func TestEstimateTokensCalibration(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "tokens", "cl100k.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, count, _ := strings.Cut(sc.Text(), " ")
		want, _ := strconv.Atoi(count)
		b, err := os.ReadFile(filepath.Join("testdata", "tokens", name))
		if err != nil {
			t.Fatal(err)
		}
		got := EstimateTokens(string(b))
		tol := 0.15
		if strings.HasPrefix(name, "de_") || strings.HasPrefix(name, "fr_") ||
			strings.HasPrefix(name, "ru_") || strings.HasPrefix(name, "zh_") {
			tol = 0.35
		}
		rel := float64(got)/float64(want) - 1
		t.Logf("%-16s cl100k %4d estimate %4d (%+.0f%%)", name, want, got, 100*rel)
		if rel > tol || rel < -tol {
			t.Errorf("%s: estimate %d is %+.0f%% off cl100k's %d", name, got, 100*rel, want)
		}
	}
}

func TestEstimateTokensSmall(t *testing.T) {
	for s, want := range map[string]int{
		"":             0,
		"   ":          1,
		"hello":        1,
		"Hello world.": 3,
		"1234567":      3,
		"你好世界":         4,
	} {
		if got := EstimateTokens(s); got != want {
			t.Errorf("EstimateTokens(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestLimits(t *testing.T) {
	sc, err := New(Options{MaxBytes: 200, MaxTokens: 20, MaxMessages: 2})
	if err != nil {
		t.Fatal(err)
	}
	req := func(texts ...string) *scanners.Request {
		r := &scanners.Request{}
		for i, s := range texts {
			r.Segments = append(r.Segments, scanners.Segment{Role: scanners.RoleUser, Index: i, Text: s})
		}
		return r
	}
	cases := []struct {
		req  *scanners.Request
		want []string
	}{
		{req("short", "question"), nil},
		{req(strings.Repeat(" ", 200) + "x"), []string{KindBytes}}, // two tokens
		{req("a", "b", "c"), []string{KindMessages}},
		{req(strings.Repeat("word ", 19)), nil},
		{req(strings.Repeat("word ", 22)), []string{KindTokens}},
		{req(strings.Repeat("word ", 50), "b", "c"), []string{KindBytes, KindMessages, KindTokens}},
	}
	for _, c := range cases {
		fs, err := sc.Scan(context.Background(), c.req)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Kind)
			if f.Rule != Name || f.Start != 0 || f.End != 0 || f.Redactable || f.Excerpt == "" {
				t.Errorf("bad finding %+v", f)
			}
		}
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("got %v, want %v", got, c.want)
		}
	}
	// A message's content and its tool call share an index: one message.
	two := &scanners.Request{Segments: []scanners.Segment{{Index: 0, Text: "a"}, {Index: 0, Text: "{}"}, {Index: 1, Text: "b"}}}
	if fs, _ := sc.Scan(context.Background(), two); len(fs) != 0 {
		t.Errorf("segments of one message counted apart: %+v", fs)
	}
}

func TestNewAndZero(t *testing.T) {
	if _, err := New(Options{MaxTokens: -1}); err == nil {
		t.Error("negative limit accepted")
	}
	sc, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	big := &scanners.Request{Segments: []scanners.Segment{{Text: strings.Repeat("x", 1<<20)}}}
	if fs, _ := sc.Scan(context.Background(), big); len(fs) != 0 || sc.Name() != Name || sc.Directions() != scanners.Both {
		t.Errorf("zero options: %+v", fs)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tok, _ := New(Options{MaxTokens: 10})
	if _, err := tok.Scan(ctx, big); err == nil {
		t.Error("cancelled scan succeeded")
	}
}

// FuzzEstimateTokens: any text gets a count between 0 and about its length in bytes (no
// byte costs more than one token before the calibration scale), and a non-empty text at
// least one.
func FuzzEstimateTokens(f *testing.F) {
	for _, s := range []string{"", "hello world", "你好", "\xff\xfe", "a1b2c3d4e5f6g7h8", "\n\n\t  x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := EstimateTokens(s)
		if n < 0 || n > len(s)+len(s)/50+1 || len(s) > 0 && n == 0 {
			t.Fatalf("EstimateTokens(%q) = %d", s, n)
		}
	})
}

func BenchmarkLimits4KiB(b *testing.B) {
	sc, err := New(Options{MaxBytes: 1 << 20, MaxTokens: 100000, MaxMessages: 100})
	if err != nil {
		b.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join("testdata", "tokens", "en_prose.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat(string(text), 4096/len(text)+1)[:4096]
	req := &scanners.Request{Segments: []scanners.Segment{{Text: s}}}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sc.Scan(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
