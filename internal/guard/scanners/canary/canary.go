// Package canary detects the per-request canary token the guard plants in the system prompt
// (see NewToken and Instruction) when it shows up in a model's output: the model has repeated
// its instructions, i.e. the system prompt leaked. Besides the verbatim token it finds the
// forms a prompt-extraction attack asks for to slip past filters: changed case, separators,
// whitespace or zero-width characters between the characters, look-alike letters, reversed,
// base64, hex and rot13. All of it is one linear pass over the text plus a few substring
// searches, so it works on the proxy's streaming windows as well as on whole outputs.
package canary

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// Name is the rule key.
const Name = "canary"

// defaultMinLength is the shortest token core (letters and digits) for which the obfuscated
// forms are searched: below it, a skeleton match could come from ordinary text.
const defaultMinLength = 8

// Options configures the canary scanner. The zero value is the default.
type Options struct {
	// MinLength is how many letters and digits a token needs before obfuscated and encoded
	// forms are searched too; shorter tokens only match verbatim. Default 8, at least 6.
	MinLength int `yaml:"min_length"`
	// VerbatimOnly turns off the obfuscated and encoded forms.
	VerbatimOnly bool `yaml:"verbatim_only"`
}

// Scanner finds Request.Canary in output segments. It is safe for concurrent use.
type Scanner struct {
	minLength    int
	verbatimOnly bool
	pool         sync.Pool // *skeleton buffers, reused across calls
}

// New validates opts and returns a scanner.
func New(opts Options) (*Scanner, error) {
	switch {
	case opts.MinLength < 0:
		return nil, errors.New("canary: min_length must not be negative")
	case opts.MinLength == 0:
		opts.MinLength = defaultMinLength
	case opts.MinLength < 6:
		return nil, fmt.Errorf("canary: min_length %d is too short to tell a token from ordinary text (at least 6)", opts.MinLength)
	}
	s := &Scanner{minLength: opts.MinLength, verbatimOnly: opts.VerbatimOnly}
	s.pool.New = func() any { return new(skeleton) }
	return s, nil
}

// Name returns "canary".
func (s *Scanner) Name() string { return Name }

// Directions returns Output: the canary only means something in what the model says.
func (s *Scanner) Directions() scanners.Direction { return scanners.Output }

// Scan reports, per segment, the first form of the canary found (score 1).
func (s *Scanner) Scan(ctx context.Context, req *scanners.Request) ([]scanners.Finding, error) {
	if req == nil || strings.TrimSpace(req.Canary) == "" {
		return nil, nil
	}
	ns := s.needles(req.Canary)
	sk := s.pool.Get().(*skeleton)
	defer s.pool.Put(sk)
	var out []scanners.Finding
	for i, seg := range req.Segments {
		if err := ctx.Err(); err != nil {
			return out, fmt.Errorf("unable to finish the canary scan: %w", err)
		}
		kind, start, end, ok := find(seg.Text, req.Canary, ns, sk)
		if !ok {
			continue
		}
		out = append(out, scanners.Finding{
			Rule: Name, Kind: kind, Score: 1, Segment: i, Start: start, End: end,
			Excerpt: "canary token in output (" + kind + ")",
		})
	}
	return out, nil
}

// needle is one form of the token searched in a skeleton.
type needle struct {
	kind  string
	b     []byte
	exact bool // search the case-preserving skeleton
}

// needles derives the searched forms of token, strongest evidence first.
func (s *Scanner) needles(token string) []needle {
	c := core(token)
	plain := alnumLower(c)
	if s.verbatimOnly || len(plain) < s.minLength {
		return nil
	}
	ns := []needle{
		{kind: "obfuscated", b: plain},
		{kind: "reversed", b: reversed(plain)},
	}
	for _, b := range base64Forms(c) {
		if len(b) >= s.minLength {
			ns = append(ns, needle{kind: "base64", b: b, exact: true})
		}
	}
	ns = append(ns, needle{kind: "hex", b: []byte(hex.EncodeToString([]byte(c)))})
	if r := rot13(plain); !bytes.Equal(r, plain) {
		ns = append(ns, needle{kind: "rot13", b: r})
	}
	return append(ns, extraNeedles(c, plain, s.minLength)...)
}

// find looks for token in text: verbatim first, then each needle in the skeleton.
func find(text, token string, ns []needle, sk *skeleton) (kind string, start, end int, ok bool) {
	if i := strings.Index(text, token); i >= 0 {
		return "verbatim", i, i + len(token), true
	}
	if len(ns) == 0 {
		if i := indexFold(text, token); i >= 0 {
			return "verbatim", i, i + len(token), true
		}
		return "", 0, 0, false
	}
	sk.reset(text)
	k, i := sk.m.find(sk.lower, ns, false)
	if ke, ie := sk.m.find(sk.exact, ns, true); ke >= 0 && (k < 0 || ke < k) {
		k, i = ke, ie
	}
	if k < 0 {
		return "", 0, 0, false
	}
	start, end = sk.span(text, i, i+len(ns[k].b))
	return ns[k].kind, start, end, true
}

// indexFold is a case-insensitive strings.Index that keeps byte offsets of text (no case
// mapping that changes lengths). Work is bounded by maxFoldToken*len(text).
func indexFold(text, token string) int {
	if len(token) == 0 || len(token) > maxFoldToken {
		return -1
	}
	for i := 0; i+len(token) <= len(text); i++ {
		if strings.EqualFold(text[i:i+len(token)], token) {
			return i
		}
	}
	return -1
}

// maxFoldToken bounds the token length for the case-insensitive search.
const maxFoldToken = 128

func alnumLower(s string) []byte {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isAlnum(s[i]) {
			out = append(out, toLower(s[i]))
		}
	}
	return out
}

func reversed(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}

func rot13(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			c = 'a' + (c-'a'+13)%26
		}
		out[i] = c
	}
	return out
}

// base64Forms returns the parts of base64(x + c + y) that depend only on c, for the three
// alignments of c in the encoded stream, with the characters the skeleton drops (+ / - _ =)
// removed, so that standard and URL alphabets and line-wrapped output all match.
func base64Forms(c string) [][]byte {
	var out [][]byte
	for pad := range 3 {
		buf := make([]byte, pad+len(c))
		copy(buf[pad:], c)
		enc := base64.RawStdEncoding.EncodeToString(buf)
		skip := (8*pad + 5) / 6    // characters that mix in the padding bytes
		keep := (8 * len(buf)) / 6 // characters fully determined by buf
		if keep <= skip {
			continue
		}
		var b []byte
		for i := skip; i < keep; i++ {
			if isAlnum(enc[i]) {
				b = append(b, enc[i])
			}
		}
		out = append(out, b)
	}
	return out
}

var _ scanners.Scanner = (*Scanner)(nil)
