package proxy

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/guard/api"
	"github.com/aisecops/aisec/internal/guard/engine"
)

func TestSpans(t *testing.T) {
	g := &streamGuard{}
	kt := &keyText{text: []byte("hello SECRET world SECRET!")}
	g.addSpan(kt, rspan{6, 12, "[R]"})
	g.addSpan(kt, rspan{6, 12, "[R]"})    // the same finding from the next window
	g.addSpan(kt, rspan{4, 14, "[WIDE]"}) // overlaps: only the uncovered parts are added
	g.addSpan(kt, rspan{19, 25, ""})
	if len(kt.spans) != 4 {
		t.Fatalf("spans %v", kt.spans)
	}
	// Render in pieces as events would be released: the replacement lands in the first piece
	// the span touches, the rest of the span disappears.
	var b strings.Builder
	for _, cut := range [][2]int{{0, 8}, {8, 13}, {13, 21}, {21, 26}} {
		b.WriteString(kt.render(cut[0], cut[1]))
	}
	if got := b.String(); got != "hell[WIDE][R]orld !" {
		t.Fatalf("rendered %q", got)
	}
	kt.released = 10
	g.addSpan(kt, rspan{8, 9, "[LATE]"}) // text already released cannot be changed
	if len(kt.spans) != 4 {
		t.Fatalf("a span in released text was added: %v", kt.spans)
	}
}

// FuzzStreamRedaction streams arbitrary text with the secret planted at an arbitrary place,
// cut into arbitrary deltas: in block mode the client never gets the secret; in redact mode it
// gets exactly the text with the secret replaced, whatever the cuts.
func FuzzStreamRedaction(f *testing.F) {
	f.Add("Hello there, here is the key: ", uint16(5), []byte{3, 7, 1, 30}, false)
	f.Add(strings.Repeat("long text ", 60), uint16(300), []byte{200, 2, 90}, true)
	f.Add("é∂ unicode ✓", uint16(2), []byte{1, 1, 1, 1, 1}, true)
	var mu sync.Mutex
	var chunks []string
	answer := func(captured) script {
		mu.Lock()
		defer mu.Unlock()
		return script{chunks: chunks}
	}
	block := newHarness(f, secretEngine(f, engine.Block), answer, func(rt *Runtime) { rt.StreamTail = 32 })
	redact := newHarness(f, secretEngine(f, engine.Redact), answer, func(rt *Runtime) { rt.StreamTail = 32 })
	f.Fuzz(func(t *testing.T, text string, at uint16, cuts []byte, useRedact bool) {
		text = strings.ToValidUTF8(text, "?")
		if len(text) > 4000 || len(cuts) > 200 {
			return
		}
		p := min(int(at), len(text))
		for p > 0 && p < len(text) && !utf8.RuneStart(text[p]) {
			p--
		}
		full := text[:p] + testSecret + text[p:]
		mu.Lock()
		chunks = chatContent(cutAt(full, cuts)...)
		mu.Unlock()
		h := block
		if useRedact {
			h = redact
		}
		h.t = t
		_, body := h.post("/v1/chat/completions", requestFor(api.ChatCompletions, true, ""))
		v := readStream(t, api.ChatCompletions, body)
		got := v.texts[api.Key{Kind: api.Content}]
		if !useRedact {
			if strings.Contains(got, testSecret) || v.errors == 0 {
				t.Fatalf("block mode leaked or did not stop: %q", got)
			}
			return
		}
		if want := strings.ReplaceAll(full, testSecret, "[REDACTED:TOKEN]"); got != want {
			t.Fatalf("redacted stream\n got %q\nwant %q", got, want)
		}
	})
}

// cutAt splits s into pieces at rune boundaries, with lengths taken from cuts.
func cutAt(s string, cuts []byte) []string {
	var out []string
	for i := 0; len(s) > 0; i++ {
		n := len(s)
		if i < len(cuts) {
			n = min(int(cuts[i])+1, len(s))
		}
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}
