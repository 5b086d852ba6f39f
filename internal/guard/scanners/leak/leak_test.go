package leak

import (
	"context"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

func mustNew(t testing.TB, o Options) *Scanner {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scan(t testing.TB, s *Scanner, system, output string) []scanners.Finding {
	t.Helper()
	fs, err := s.Scan(context.Background(), &scanners.Request{
		Direction: scanners.Output, System: system,
		Segments: []scanners.Segment{{Role: scanners.RoleAssistant, Text: output}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestLabelledCases(t *testing.T) {
	s := mustNew(t, Options{})
	for _, c := range leakCases() {
		t.Run(c.name, func(t *testing.T) {
			fs := scan(t, s, c.system, c.output)
			if got := len(fs) > 0; got != c.leak {
				t.Fatalf("leak=%v, want %v (%+v)", got, c.leak, fs)
			}
			for _, f := range fs {
				if f.Start < 0 || f.End > len(c.output) || f.Start >= f.End {
					t.Fatalf("bad span %d-%d of %d", f.Start, f.End, len(c.output))
				}
				if f.Score < 0.5 || f.Score > 1 {
					t.Fatalf("score %v", f.Score)
				}
			}
		})
	}
}

func TestNotDetectedDocumented(t *testing.T) {
	s := mustNew(t, Options{})
	for _, c := range notDetected() {
		if fs := scan(t, s, c.system, c.output); len(fs) != 0 {
			t.Logf("%s: now detected (%+v); move it to leakCases", c.name, fs)
		}
	}
}

func TestRunSpanAndKind(t *testing.T) {
	s := mustNew(t, Options{})
	out := "Intro text. " + sysGate[:200] + " trailing words here."
	fs := scan(t, s, sysGate, out)
	if len(fs) != 1 || fs[0].Kind != "verbatim-run" {
		t.Fatalf("got %+v", fs)
	}
	got := out[fs[0].Start:fs[0].End]
	if !strings.HasPrefix(got, "You are an online") || strings.Contains(got, "trailing") {
		t.Fatalf("span %q", got)
	}
	if strings.Contains(fs[0].Excerpt, "quagmire") {
		t.Fatalf("excerpt repeats the prompt: %q", fs[0].Excerpt)
	}
}

func TestCoverageWithoutLongRun(t *testing.T) {
	// Every sentence of a short prompt, each copied with an edit that keeps runs under 12.
	sys := "Answer only in formal English. Refuse any questions about competitors or pricing. Mention the spring sale when shoes come up. Never use emojis in replies."
	out := "I answer only in formal English. Also, as you asked, I refuse any questions about competitors or pricing. And then, when it fits, I mention the spring sale when shoes come up."
	fs := scan(t, mustNew(t, Options{}), sys, out)
	if len(fs) != 1 || fs[0].Kind != "overlap" {
		t.Fatalf("got %+v", fs)
	}
}

func TestAllowedPhrases(t *testing.T) {
	s := mustNew(t, Options{AllowedPhrases: []string{"Refunds are processed within five to seven business days once the returned item reaches our warehouse."}})
	sys := "You are the Acme returns bot. When asked about refunds reply with: Refunds are processed within five to seven business days once the returned item reaches our warehouse."
	out := "Refunds are processed within five to seven business days once the returned item reaches our warehouse."
	if fs := scan(t, s, sys, out); len(fs) != 0 {
		t.Fatalf("allowed phrase reported: %+v", fs)
	}
	if fs := scan(t, mustNew(t, Options{}), sys, out); len(fs) != 1 {
		t.Fatalf("without allowed phrase, want a finding: %+v", fs)
	}
}

func TestOptions(t *testing.T) {
	bad := []Options{{MinRunWords: 5}, {Threshold: 1.5}, {Threshold: -0.1}, {MaxSystemBytes: -1}, {CacheSize: -2}}
	for _, o := range bad {
		if _, err := New(o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	if _, err := New(Options{CacheSize: -1}); err != nil {
		t.Errorf("cache off rejected: %v", err)
	}
}

func TestCacheCollisionSafe(t *testing.T) {
	s := mustNew(t, Options{CacheSize: 1})
	for range 3 {
		if fs := scan(t, s, sysGate, sysGate); len(fs) != 1 {
			t.Fatalf("gate: %v", fs)
		}
		if fs := scan(t, s, sysRAG, sysGate); len(fs) != 0 {
			t.Fatalf("rag vs gate: %v", fs)
		}
	}
}

func TestCancelled(t *testing.T) {
	s := mustNew(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	long := strings.Repeat("word ", 10000)
	_, err := s.Scan(ctx, &scanners.Request{System: sysBank, Segments: []scanners.Segment{{Text: long}}})
	if err == nil {
		t.Fatal("cancelled context not honoured")
	}
}

func TestWords(t *testing.T) {
	var got []string
	text := "Don’t  **STOP**, do\u200bn't stop! ＡＢＣ 東京 café"
	eachWord(text, func(w word) bool {
		got = append(got, text[w.start:w.end])
		return true
	})
	want := []string{"Don’t", "STOP", "do\u200bn't", "stop", "ＡＢＣ", "東", "京", "café"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("words %q", got)
	}
	hash := func(s string) uint64 {
		var h uint64
		eachWord(s, func(w word) bool { h = w.h; return false })
		return h
	}
	if hash("Don’t") != hash("dont") || hash("ＡＢＣ") != hash("abc") || hash("do\u200bn't") != hash("dont") {
		t.Fatal("normalisation differs")
	}
}

// TestStreamingWindows replays a verbatim dump the way the proxy inspects a stream: each
// window is the new chunk plus a tail of at least 256 bytes of what came before.
func TestStreamingWindows(t *testing.T) {
	s := mustNew(t, Options{})
	out := "Sure, here it is:\n\n" + sysBank
	hit := 0
	for _, w := range windows(out, 40, 256) {
		if fs := scan(t, s, sysBank, w); len(fs) > 0 {
			hit++
		}
	}
	if hit == 0 {
		t.Fatal("no streaming window reported the dump")
	}
}

// windows cuts text into chunk-sized deliveries and returns, per delivery, the window
// (tail of at least tail bytes before the chunk, plus the chunk).
func windows(text string, chunk, tail int) []string {
	var out []string
	for end := chunk; ; end += chunk {
		end = min(end, len(text))
		start := max(0, end-chunk-tail)
		out = append(out, text[start:end])
		if end == len(text) {
			return out
		}
	}
}

// TestConcurrent shares one scanner (and its profile cache) between goroutines; run with
// -race.
func TestConcurrent(t *testing.T) {
	s := mustNew(t, Options{CacheSize: 2})
	systems := []string{sysBank, sysCode, sysGate, sysRAG}
	done := make(chan bool)
	for g := range 8 {
		go func() {
			ok := true
			for i := range 50 {
				sys := systems[(g+i)%len(systems)]
				fs, err := s.Scan(context.Background(), &scanners.Request{System: sys, Segments: []scanners.Segment{{Text: sys}}})
				ok = ok && err == nil && len(fs) == 1
			}
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Fatal("a concurrent scan missed its own system prompt")
		}
	}
}
