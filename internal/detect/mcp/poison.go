package mcp

import (
	"encoding/base64"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// poisonThreshold is the score at which a description is reported. Decisive signals score
// it alone; softer ones (a workflow hint such as "before using this tool, call X", a file
// name) only in combination.
const poisonThreshold = 3

// signal is one kind of evidence that a description speaks to the model behind the user's
// back.
type signal struct {
	what  string
	score int
	keys  []string // lower-case words one of which the text must contain for re to run
	re    *regexp.Regexp
}

var signals = []signal{
	{"hidden instruction tag", 3, []string{"<"}, regexp.MustCompile(`(?i)<\s*/?\s*(?:important|system|instructions?|secret|hidden|admin|system[_ -]?prompt|sys)\s*>`)},
	{"chat-template control token", 3, []string{"<|", "[inst", "[/inst", "<<sys", "<</sys"}, regexp.MustCompile(`(?i)<\|(?:im_start|im_end|system|endoftext|start_header_id)\|>|\[/?INST\]|<</?SYS>>`)},
	{"orders to ignore earlier instructions", 3, []string{"ignore", "disregard", "forget", "override", "bypass"}, regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]*\b(?:previous|prior|above|earlier|preceding|all|any|other|existing|system|original|your)\b[^.\n]*\b(?:instructions?|directions|prompts?|guidelines|guardrails|system prompt)\b`)},
	{"keeps something from the user", 3, []string{"user"}, regexp.MustCompile(`(?i)\b(?:do\s+not|don'?t|never|must\s+not|should\s+not|without)\s+(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|warn(?:ing)?|let(?:ting)?)\s+(?:the\s+)?users?\b`)},
	{"keeps something from the user", 3, []string{"mention", "reveal", "disclose", "acknowledge"}, regexp.MustCompile(`(?i)\b(?:do\s+not|don'?t|never|must\s+not)\s+(?:mention|reveal|disclose|acknowledge)\s+(?:this|that|these|it|the\s+(?:fact|step|instructions?|above|request))\b`)},
	{"keeps something from the user", 3, []string{"user"}, regexp.MustCompile(`(?i)\bwithout\s+(?:the\s+)?users?(?:'s)?\s+(?:knowledge|noticing|awareness|knowing|seeing|consent)|\b(?:hide|conceal|keep)\s+(?:this|it|these|that)\s+(?:hidden\s+|secret\s+)?from\s+(?:the\s+)?users?\b|\buser\s+(?:must|should|will|does|need)\s*(?:not|n't)\s+(?:need\s+to\s+)?(?:know|see|notice|be\s+(?:told|informed|aware))`)},
	{"new instructions for the model", 2, []string{"now", "instructions"}, regexp.MustCompile(`(?i)\b(?:from\s+now\s+on,?\s+you|you\s+are\s+now\s+(?:a|an|in)\b|new\s+(?:system\s+)?instructions\s*:)`)},
	{"passes data in a side parameter", 2, []string{"note", "context", "metadata", "feedback", "extra", "comment", "annotation", "debug"}, regexp.MustCompile(`(?i)\b(?:pass|put|include|add|provide|send|insert|place|write|append)\b[^.\n]*\b(?:as|in|into|via|inside|within|to)\s+(?:the\s+)?['"\x60]?(?:sidenote|side_note|note|notes|context|metadata|feedback|extra|comment|annotation|debug)['"\x60]?(?:\s+(?:param(?:eter)?|argument|field))?`)},
	{"shadows another tool", 2, []string{"tool"}, regexp.MustCompile(`(?i)\bwhen\s+(?:the\s+)?['"\x60]?(?:[a-z0-9_.-]+)['"\x60]?\s+tool\s+is\s+(?:used|called|invoked|available|present|run)|\bside\s+effects?\s+on\s+(?:the\s+)?(?:also\s+)?(?:present\s+)?['"\x60]?[a-z0-9_.-]+['"\x60]?\s+tool`)},
	{"redirects messages or recipients", 2, []string{"email", "message", "request", "payment", "transfer", "call", "recipient", "destination", "address", "phone", "iban", "wallet"}, regexp.MustCompile(`(?i)\b(?:all|every|any)\s+(?:other\s+)?(?:emails?|messages?|requests?|payments?|transfers?|tool\s+calls?)\s+(?:must|should|need\s+to|have\s+to)\s+(?:be\s+)?(?:sent|go|forwarded|redirected|routed|cc'?d|bcc'?d|copied)|\b(?:change|replace|redirect|override)\s+(?:the\s+)?(?:recipient|destination|to\s+address|phone\s+number|iban|wallet\s+address)`)},
	{"sends conversation data", 2, []string{"history", "prompt", "messages"}, regexp.MustCompile(`(?i)\b(?:include|pass|send|forward|provide|add|upload|attach|share|copy)\b[^.\n]*\b(?:(?:conversation|chat)\s+history|system\s+prompt|previous\s+messages|all\s+messages)`)},
	{"demands a step before use", 1, []string{"before", "prior", "must", "have to", "need to"}, regexp.MustCompile(`(?i)\b(?:before|prior\s+to)\s+(?:using|calling|invoking|running)\s+(?:this|the|any)\s+tool|\byou\s+(?:must|have\s+to|need\s+to)\s+(?:first|always)\b`)},
	{"threatens failure", 1, []string{"otherwise"}, regexp.MustCompile(`(?i)\botherwise\s+(?:the|this)\s+tool\s+(?:will|would)\s+(?:not\s+work|fail|break|crash)`)},
	{"calls itself an implementation detail", 1, []string{"implementation", "silently", "secretly", "covertly"}, regexp.MustCompile(`(?i)\bmere\s+implementation\s+detail|\b(?:silently|secretly|covertly)\s+(?:send|forward|copy|read|include|upload)`)},
}

// sensitiveFiles are credential and client-configuration files a tool has no reason to ask
// the model for.
var sensitiveFiles = regexp.MustCompile(`(?i)(?:~|\$home|%userprofile%)?[/\\]?\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws[/\\]credentials|\.netrc\b|\.pgpass\b|\.git-credentials|\.npmrc\b|\.pypirc\b|\.docker[/\\]config\.json|\.kube[/\\]config|/etc/(?:passwd|shadow|sudoers)\b|\bmcp\.json\b|claude_desktop_config|\.cursor[/\\]|(?:^|[\s'"\x60(/~])\.env\b|\bcredentials\.json\b|\bwallet\.dat\b|\bprivate[_ ]keys?\b|\bseed\s+phrase`)

// fileVerbs are actions that, near a sensitive file, make it an instruction to fetch it.
var fileVerbs = regexp.MustCompile(`(?i)\b(?:read|cat|send|include|pass|attach|upload|forward|provide|copy|exfiltrat\w*|collect|leak|transmit|post|append|embed|dump|retrieve|fetch|contents?\s+of)\b`)

// hit is what was found in one text: the total score, the signal kinds, and where the
// strongest signal matched (the first of equal ones).
type hit struct {
	score, top int
	lo, hi     int
	whats      []string
	decoded    string // text hidden in tag characters or base64, when that was found
}

func (h *hit) add(what string, score, lo, hi int) {
	for _, w := range h.whats {
		if w == what {
			return // one signal kind counts once
		}
	}
	h.score += score
	h.whats = append(h.whats, what)
	if score > h.top {
		h.top, h.lo, h.hi = score, lo, hi
	}
}

// maxScan bounds the text the phrase patterns read: the first and the last maxScan/2 bytes
// of a longer description (invisible characters and encoded runs are looked for
// everywhere). Real descriptions are a few hundred bytes.
const maxScan = 128 << 10

// fileKeys prefilter sensitiveFiles.
var fileKeys = []string{"ssh", "id_", ".aws", "netrc", "pgpass", "credentials", "npmrc", "pypirc", ".docker",
	".kube", "/etc/", "mcp.json", "claude_desktop", ".cursor", ".env", "wallet", "private", "seed"}

// poisoned scores a description; it returns the hit when it reaches the threshold.
func poisoned(text string) (hit, bool) {
	var h hit
	if len(text) < 8 {
		return h, false
	}
	if lo, hi, what := invisible(text); lo >= 0 {
		h.add(what, 3, lo, hi)
		h.decoded = tagText(text[lo:])
	}
	if len(text) <= maxScan {
		phrases(&h, text, 0)
	} else {
		phrases(&h, text[:runeStart(text, maxScan/2)], 0)
		tail := runeStart(text, len(text)-maxScan/2)
		phrases(&h, text[tail:], tail)
	}
	if lo, hi, score := encodedBlob(text); score > 0 {
		h.add("encoded text", score, lo, hi)
		if score == poisonThreshold && h.decoded == "" {
			h.decoded = decodeBase64(text[lo:hi])
		}
	}
	return h, h.score >= poisonThreshold
}

// phrases adds the phrase signals found in text, which starts at byte base of the
// description.
func phrases(h *hit, text string, base int) {
	lower := strings.ToLower(text)
	for _, s := range signals {
		if !containsAny(lower, s.keys) {
			continue
		}
		if loc := s.re.FindStringIndex(text); loc != nil {
			if s.what == "shadows another tool" && strings.Contains(strings.ToLower(text[loc[0]:loc[1]]), "this tool") {
				continue
			}
			h.add(s.what, s.score, base+loc[0], base+loc[1])
		}
	}
	if !containsAny(lower, fileKeys) {
		return
	}
	if loc := sensitiveFiles.FindStringIndex(text); loc != nil {
		window := text[max(0, loc[0]-100):min(len(text), loc[1]+100)]
		if fileVerbs.MatchString(window) {
			h.add("asks for credential or config files", 2, base+loc[0], base+loc[1])
		} else {
			h.add("names credential or config files", 1, base+loc[0], base+loc[1])
		}
	}
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// invisible finds characters that do not render: zero-width and word-joiner characters,
// Unicode tag characters (ASCII smuggling), bidirectional controls, variation-selector runs
// and Hangul fillers. Zero-width joiners inside emoji or non-Latin words, marks in
// right-to-left text and the tag sequences of subdivision flags are allowed.
func invisible(s string) (lo, hi int, what string) {
	var prev rune
	vsRun := 0
	for i, r := range s {
		size := utf8.RuneLen(r)
		switch {
		case r >= 0xE0000 && r <= 0xE007F:
			if prev != 0x1F3F4 && !(prev >= 0xE0000 && prev <= 0xE007F) {
				return i, i + size, "invisible Unicode tag characters"
			}
			if r != 0xE007F {
				r = prev // stay inside the flag sequence
			}
		case r == 0x200B || r >= 0x2060 && r <= 0x2064 || r == 0x180E || r == 0xFEFF && i > 0 ||
			r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0:
			return i, i + size, "invisible zero-width characters"
		case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
			return i, i + size, "bidirectional control characters"
		case r == 0x200C || r == 0x200D:
			if !(isEmoji(prev) || prev > 0x036F && unicode.IsLetter(prev)) {
				return i, i + size, "invisible zero-width characters"
			}
		case r == 0x200E || r == 0x200F:
			if !hasRTL(s) {
				return i, i + size, "invisible direction marks"
			}
		case r >= 0xE0100 && r <= 0xE01EF:
			return i, i + size, "variation-selector smuggling"
		case r >= 0xFE00 && r <= 0xFE0F:
			if vsRun++; vsRun > 1 {
				return i, i + size, "variation-selector smuggling"
			}
		}
		if !(r >= 0xFE00 && r <= 0xFE0F) {
			vsRun = 0
		}
		prev = r
	}
	return -1, -1, ""
}

// hasRTL reports right-to-left letters, whose text legitimately carries direction marks.
func hasRTL(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return r >= 0x0590 && unicode.In(r, unicode.Hebrew, unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko)
	}) >= 0
}

// isEmoji reports pictographs, emoji modifiers and the emoji variation selector.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r == 0xFE0F || r >= 0x1F3FB && r <= 0x1F3FF
}

// encodedBlob finds a base64 run: decoding to readable text scores 3 (hidden instructions
// are the only reason to encode prose), a long undecodable run 1.
func encodedBlob(s string) (lo, hi, score int) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isB64(s[j]) {
			j++
		}
		if j-i >= 40 {
			if readableBase64(s[i:j]) {
				return i, j, 3
			}
			if j-i >= 100 {
				lo, hi, score = i, j, 1
			}
		}
		i = j + 1
	}
	return lo, hi, score
}

func isB64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' || c == '-' || c == '_'
}

// tagText decodes a run of Unicode tag characters (U+E0020–U+E007E mirror ASCII) at the
// start of s; "" when s does not start with one.
func tagText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0xE0020 || r > 0xE007E || b.Len() >= 200 {
			break
		}
		b.WriteByte(byte(r - 0xE0000))
	}
	return b.String()
}

// decodeBase64 decodes a run for evidence; "" when it does not decode.
func decodeBase64(run string) string {
	run = strings.TrimRight(run, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(run, "-_") {
		enc = base64.RawURLEncoding
	}
	dec, err := enc.DecodeString(run)
	if err != nil {
		return ""
	}
	return strings.ToValidUTF8(string(dec), "?")
}

// readableBase64 reports runs that decode to mostly printable text with spaces.
func readableBase64(run string) bool {
	dec := decodeBase64(run)
	if len(dec) < 24 {
		return false
	}
	printable, spaces := 0, 0
	for _, c := range []byte(dec) {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			printable++
		}
		if c == ' ' {
			spaces++
		}
	}
	return printable*10 >= len(dec)*9 && spaces*20 >= len(dec)
}
