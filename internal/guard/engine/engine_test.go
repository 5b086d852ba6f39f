package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// wordScanner reports every occurrence of a word; it stands in for a real scanner so that the
// engine's mechanics can be tested in isolation.
type wordScanner struct {
	name       string
	word       string
	dir        scanners.Direction
	redactable bool
	err        error
	sleep      time.Duration
	panics     bool
}

func (w *wordScanner) Name() string                   { return w.name }
func (w *wordScanner) Directions() scanners.Direction { return w.dir }
func (w *wordScanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if w.panics {
		panic("boom")
	}
	if w.sleep > 0 {
		select {
		case <-time.After(w.sleep):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	var out []scanners.Finding
	for i, s := range req.Segments {
		for off := 0; ; {
			j := strings.Index(s.Text[off:], w.word)
			if j < 0 {
				break
			}
			start := off + j
			out = append(out, scanners.Finding{Rule: w.name, Kind: "email", Score: 1, Segment: i,
				Start: start, End: start + len(w.word), Redactable: w.redactable})
			off = start + len(w.word)
		}
	}
	return out, nil
}

var _ scanners.Scanner = (*wordScanner)(nil)

func request(d scanners.Direction, texts ...string) *scanners.Request {
	r := &scanners.Request{Direction: d}
	for i, t := range texts {
		r.Segments = append(r.Segments, scanners.Segment{Role: scanners.RoleUser, Index: i, Text: t})
	}
	return r
}

func TestInspectActions(t *testing.T) {
	tests := []struct {
		name    string
		scanner *wordScanner
		rule    Rule
		dir     scanners.Direction
		text    string
		action  Mode
		flagged bool
		errors  int
		out     string
	}{
		{name: "clean", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, text: "fine", action: Allow},
		{name: "block", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, rule: Rule{Mode: Block}, text: "a bad b", action: Block, flagged: true},
		{name: "log", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, rule: Rule{Mode: Log}, text: "a bad b", action: Log, flagged: true},
		{name: "redact", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both, redactable: true}, rule: Rule{Mode: Redact}, text: "a bad b bad", action: Redact, flagged: true, out: "a [REDACTED:EMAIL] b [REDACTED:EMAIL]"},
		{name: "redact needs a redactable finding", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, rule: Rule{Mode: Redact}, text: "a bad", action: Block, flagged: true},
		{name: "abort on input blocks", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, rule: Rule{Mode: Abort}, dir: scanners.Input, text: "bad", action: Block, flagged: true},
		{name: "abort on output", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both}, rule: Rule{Mode: Abort}, dir: scanners.Output, text: "bad", action: Abort, flagged: true},
		{name: "anonymize on output redacts", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Both, redactable: true}, rule: Rule{Mode: Anonymize}, dir: scanners.Output, text: "bad", action: Redact, flagged: true, out: "[REDACTED:EMAIL]"},
		{name: "direction filter", scanner: &wordScanner{name: "x", word: "bad", dir: scanners.Output}, rule: Rule{Mode: Block}, dir: scanners.Input, text: "bad", action: Allow},
		{name: "error fails closed", scanner: &wordScanner{name: "x", dir: scanners.Both, err: errors.New("model missing")}, text: "x", action: Block, errors: 1},
		{name: "error fails open when asked", scanner: &wordScanner{name: "x", dir: scanners.Both, err: errors.New("model missing")}, rule: Rule{Mode: Block, FailOpen: true}, text: "x", action: Log, errors: 1},
		{name: "timeout fails closed", scanner: &wordScanner{name: "x", dir: scanners.Both, sleep: time.Second}, rule: Rule{Mode: Log, Timeout: 20 * time.Millisecond}, text: "x", action: Block, errors: 1},
		{name: "panic fails closed", scanner: &wordScanner{name: "x", dir: scanners.Both, panics: true}, text: "x", action: Block, errors: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules := map[string]Rule{}
			if tt.rule.Mode != "" {
				rules["x"] = tt.rule
			}
			e, err := New([]scanners.Scanner{tt.scanner}, rules)
			if err != nil {
				t.Fatal(err)
			}
			dir := tt.dir
			if dir == 0 {
				dir = scanners.Input
			}
			v := e.Inspect(context.Background(), request(dir, tt.text))
			if v.Action != tt.action || v.Flagged != tt.flagged || len(v.Errors) != tt.errors {
				t.Fatalf("got action %s flagged %v errors %v", v.Action, v.Flagged, v.Errors)
			}
			if tt.out != "" && (len(v.Sanitized) != 1 || v.Sanitized[0] != tt.out) {
				t.Fatalf("sanitized = %q, want %q", v.Sanitized, tt.out)
			}
			if tt.out == "" && v.Sanitized != nil {
				t.Fatalf("unexpected sanitized text %q", v.Sanitized)
			}
		})
	}
}

func TestAnonymizeRoundTrip(t *testing.T) {
	s := &wordScanner{name: "pii", word: "ann@example.com", dir: scanners.Both, redactable: true}
	e, err := New([]scanners.Scanner{s}, nil) // pii defaults to anonymize
	if err != nil {
		t.Fatal(err)
	}
	req := request(scanners.Input, "mail ann@example.com now", "no pii here", "again ann@example.com")
	v := e.Inspect(context.Background(), req)
	if v.Action != Anonymize {
		t.Fatalf("action %s", v.Action)
	}
	want := []string{"mail [EMAIL_1] now", "no pii here", "again [EMAIL_1]"}
	for i := range want {
		if v.Sanitized[i] != want[i] {
			t.Fatalf("segment %d = %q, want %q", i, v.Sanitized[i], want[i])
		}
	}
	if got := v.Vault.Restore("Dear [EMAIL_1], hello"); got != "Dear ann@example.com, hello" {
		t.Fatalf("restore = %q", got)
	}
	if v.Vault.Len() != 1 || v.Vault.MaxPlaceholderLen() != len("[EMAIL_1]") {
		t.Fatalf("vault len %d max %d", v.Vault.Len(), v.Vault.MaxPlaceholderLen())
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	a := &wordScanner{name: "a", dir: scanners.Both}
	if _, err := New([]scanners.Scanner{a, a}, nil); err == nil {
		t.Fatal("duplicate scanner accepted")
	}
	if _, err := New([]scanners.Scanner{a}, map[string]Rule{"typo": {Mode: Block}}); err == nil || !strings.Contains(err.Error(), "typo") {
		t.Fatalf("unknown rule accepted: %v", err)
	}
}

func TestModes(t *testing.T) {
	e, err := New([]scanners.Scanner{
		&wordScanner{name: "refusal", dir: scanners.Output},
		&wordScanner{name: "secrets", dir: scanners.Both},
	}, map[string]Rule{"secrets": {Mode: Abort}})
	if err != nil {
		t.Fatal(err)
	}
	m := e.Modes(scanners.Output)
	if !m[Log] || !m[Abort] || m[Block] {
		t.Fatalf("modes %v", m)
	}
	if in := e.Modes(scanners.Input); in[Log] {
		t.Fatalf("refusal is output only: %v", in)
	}
}

func TestParseMode(t *testing.T) {
	for _, s := range []string{"block", "abort", "redact", "anonymize", "log"} {
		if _, err := ParseMode(s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	if _, err := ParseMode("allow"); err == nil {
		t.Error("allow is not configurable")
	}
}

// BenchmarkInspectOverhead measures what the engine itself costs per inspection with ten
// instant scanners: the budget of the whole guard is one millisecond.
func BenchmarkInspectOverhead(b *testing.B) {
	var list []scanners.Scanner
	for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		list = append(list, &wordScanner{name: n, word: "zzz", dir: scanners.Both})
	}
	e, err := New(list, nil)
	if err != nil {
		b.Fatal(err)
	}
	req := request(scanners.Input, strings.Repeat("plain words ", 340))
	b.ReportAllocs()
	for b.Loop() {
		e.Inspect(context.Background(), req)
	}
}

// stuckScanner ignores its context for a while, as a buggy scanner might.
type stuckScanner struct{ d time.Duration }

func (s stuckScanner) Name() string                   { return "stuck" }
func (s stuckScanner) Directions() scanners.Direction { return scanners.Both }
func (s stuckScanner) Scan(context.Context, *scanners.Request) ([]scanners.Finding, error) {
	time.Sleep(s.d)
	return []scanners.Finding{{Rule: "stuck", Kind: "late", Score: 1}}, nil
}

var _ scanners.Scanner = stuckScanner{}

// TestInspectAbandonsOverrun: a scanner that ignores its deadline is abandoned at its rule's
// timeout (its late answer never counts), and the scanners after it still run.
func TestInspectAbandonsOverrun(t *testing.T) {
	e, err := New([]scanners.Scanner{
		&wordScanner{name: "before", word: "bad", dir: scanners.Both},
		stuckScanner{d: 300 * time.Millisecond},
		&wordScanner{name: "after", word: "bad", dir: scanners.Both},
	}, map[string]Rule{
		"before": {Mode: Log},
		"stuck":  {Mode: Log, Timeout: 20 * time.Millisecond},
		"after":  {Mode: Log},
	})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	v := e.Inspect(context.Background(), request(scanners.Input, "a bad b"))
	if took := time.Since(t0); took > 200*time.Millisecond {
		t.Fatalf("inspection waited %v for a stuck scanner", took)
	}
	if len(v.Errors) != 1 || v.Errors[0].Rule != "stuck" || !v.Errors[0].Timeout || v.Action != Block {
		t.Fatalf("errors %+v action %s, want one timeout of stuck failing closed", v.Errors, v.Action)
	}
	var rules []string
	for _, h := range v.Hits {
		rules = append(rules, h.Rule)
	}
	if strings.Join(rules, ",") != "before,after" {
		t.Fatalf("hits from %v, want before,after", rules)
	}
}

// TestInspectCallerGivesUp: when the caller's context ends, every scanner that has not
// answered is an error, and the verdict fails closed.
func TestInspectCallerGivesUp(t *testing.T) {
	e, err := New([]scanners.Scanner{
		&wordScanner{name: "slow", dir: scanners.Both, sleep: time.Second},
		&wordScanner{name: "next", word: "bad", dir: scanners.Both},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	v := e.Inspect(ctx, request(scanners.Input, "bad"))
	if len(v.Errors) != 2 || v.Action != Block || len(v.Hits) != 0 {
		t.Fatalf("errors %+v hits %+v action %s", v.Errors, v.Hits, v.Action)
	}
}

func TestHitsRecordTheirReplacement(t *testing.T) {
	s := &wordScanner{name: "pii", word: "ann@example.com", dir: scanners.Both, redactable: true}
	e, err := New([]scanners.Scanner{s}, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := e.Inspect(context.Background(), request(scanners.Input, "to ann@example.com and ann@example.com"))
	if len(v.Hits) != 2 || v.Hits[0].Replacement != "[EMAIL_1]" || v.Hits[1].Replacement != "[EMAIL_1]" {
		t.Fatalf("hits %+v", v.Hits)
	}
}
