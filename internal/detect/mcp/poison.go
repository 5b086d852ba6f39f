package mcp

import (
	"encoding/base64"
	"fmt"
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
	{"orders to ignore earlier instructions", 3, []string{"ignore", "disregard", "forget"}, regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget)\s+(?:all|everything|anything)\s+(?:that\s+)?you(?:\s+were|\s+have\s+been|'ve\s+been)?\s+(?:told|given|instructed|asked)\b|\b(?:ignore|disregard|forget)\s+(?:all|everything)\s+(?:above|previous(?:ly)?|prior|earlier)\s*(?:[.,;:!]|and\b|$)`)},
	{"keeps something from the user", 3, []string{"user"}, regexp.MustCompile(`(?i)\b(?:do\s+not|don'?t|never|must\s+not|should\s+not|without)\s+(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|warn(?:ing)?|let(?:ting)?)\s+(?:the\s+)?users?\b`)},
	{"keeps something from the user", 3, []string{"mention", "reveal", "disclose", "acknowledge"}, regexp.MustCompile(`(?i)\b(?:do\s+not|don'?t|never|must\s+not)\s+(?:mention|reveal|disclose|acknowledge)\s+(?:this|that|these|it|the\s+(?:fact|step|instructions?|above|request))\b`)},
	{"keeps something from the user", 3, []string{"user"}, regexp.MustCompile(`(?i)\bwithout\s+(?:the\s+)?users?(?:'s)?\s+(?:knowledge|noticing|awareness|knowing|seeing|consent)|\b(?:hide|conceal|keep)\s+(?:this|it|these|that)\s+(?:hidden\s+|secret\s+)?from\s+(?:the\s+)?users?\b|\buser\s+(?:must|should|will|does|need)\s*(?:not|n't)\s+(?:need\s+to\s+)?(?:know|see|notice|be\s+(?:told|informed|aware))`)},
	{"keeps something from the user", 3, []string{"utilisat"}, regexp.MustCompile(`(?i)\bne\s+(?:le\s+|la\s+|les\s+|lui\s+|leur\s+|en\s+|rien\s+)?(?:dis|dites|dire|mentionne[zr]?|r[ée]v[èe]le[zr]?|signale[zr]?|parle[zr]?|informe[zr]?|pr[ée]viens|pr[ée]venez)\s+(?:pas|rien|jamais)\b[^.\n]*?\butilisat(?:eur|rice)|\bsans\s+(?:le\s+)?(?:dire|pr[ée]venir|informer|avertir)\s+(?:à\s+)?l'utilisat(?:eur|rice)|\bn'en\s+parle[zr]?\s+(?:pas|jamais)[^.\n]*?utilisat(?:eur|rice)`)},
	{"keeps something from the user", 3, []string{"usuari"}, regexp.MustCompile(`(?i)\bno\s+(?:se\s+lo\s+|le\s+|les\s+|lo\s+)?(?:digas|diga|menciones|mencione|reveles|revele|informes|informe|avises|avise|cuentes|cuente)\b[^.\n]*?\busuari[oa]|\bsin\s+(?:que\s+(?:el|la)\s+usuari[oa]\s+(?:lo\s+)?sepa|decirle\s+al\s+usuari[oa]|avisar\s+al\s+usuari[oa])`)},
	{"keeps something from the user", 3, []string{"benutzer", "nutzer", "anwender"}, regexp.MustCompile(`(?i)\b(?:sag|erwähne|verrate|informiere|teile)\w*\s+(?:es\s+|das\s+|dies\s+|davon\s+)?(?:dem|der|den)\s+(?:benutzer|nutzer|anwender)\w*\s+nicht|\bohne\s+(?:den|dem|die)\s+(?:benutzer|nutzer|anwender)\w*\s+zu\s+(?:informieren|benachrichtigen|warnen)|\b(?:benutzer|nutzer|anwender)\w*\s+(?:darf|soll|muss)\s+(?:davon\s+|das\s+|es\s+)?nichts?\s+(?:wissen|erfahren|merken|sehen)`)},
	{"new instructions for the model", 2, []string{"now", "instructions"}, regexp.MustCompile(`(?i)\b(?:from\s+now\s+on,?\s+you|you\s+are\s+now\s+(?:a|an|in)\b|new\s+(?:system\s+)?instructions\s*:)`)},
	{"passes data in a side parameter", 2, []string{"note", "context", "metadata", "feedback", "extra", "comment", "annotation", "debug"}, regexp.MustCompile(`(?i)\b(?:pass|put|include|add|provide|send|insert|place|write|append)\b[^.\n]*\b(?:as|in|into|via|inside|within|to)\s+(?:the\s+)?['"\x60]?(?:sidenote|side_note|note|notes|context|metadata|feedback|extra|comment|annotation|debug)['"\x60]?(?:\s+(?:param(?:eter)?|argument|field))?`)},
	{"shadows another tool", 2, []string{"tool"}, regexp.MustCompile(`(?i)\bwhen\s+(?:the\s+)?['"\x60]?(?:[a-z0-9_.-]+)['"\x60]?\s+tool\s+is\s+(?:used|called|invoked|available|present|run)|\bside\s+effects?\s+on\s+(?:the\s+)?(?:also\s+)?(?:present\s+)?['"\x60]?[a-z0-9_.-]+['"\x60]?\s+tool`)},
	{"redirects messages or recipients", 2, []string{"email", "message", "request", "payment", "transfer", "call", "recipient", "destination", "address", "phone", "iban", "wallet"}, regexp.MustCompile(`(?i)\b(?:all|every|any)\s+(?:other\s+)?(?:emails?|messages?|requests?|payments?|transfers?|tool\s+calls?)\s+(?:must|should|need\s+to|have\s+to)\s+(?:be\s+)?(?:sent|go|forwarded|redirected|routed|cc'?d|bcc'?d|copied)|\b(?:change|replace|redirect|override)\s+(?:the\s+)?(?:recipient|destination|to\s+address|phone\s+number|iban|wallet\s+address)`)},
	{"sends conversation data", 2, []string{"history", "prompt", "messages"}, regexp.MustCompile(`(?i)\b(?:include|pass|send|forward|provide|add|upload|attach|share|copy)\b[^.\n]*\b(?:(?:conversation|chat)\s+history|system\s+prompt|previous\s+messages|all\s+messages)`)},
	{"demands a step before use", 1, []string{"before", "prior", "must", "have to", "need to"}, regexp.MustCompile(`(?i)\b(?:before|prior\s+to)\s+(?:using|calling|invoking|running)\s+(?:this|the|any)\s+tool|\byou\s+(?:must|have\s+to|need\s+to)\s+(?:first|always)\b`)},
	{"threatens failure", 1, []string{"otherwise"}, regexp.MustCompile(`(?i)\botherwise\s+(?:the|this)\s+tool\s+(?:will|would)\s+(?:not\s+work|fail|break|crash)`)},
	{"calls itself an implementation detail", 1, []string{"implementation", "silently", "secretly", "covertly"}, regexp.MustCompile(`(?i)\bmere\s+implementation\s+detail|\b(?:silently|secretly|covertly)\s+(?:send|forward|copy|read|include|upload)`)},
}

// pairedSignals run only when the text holds one of keys and one of also: orders to ignore
// instructions, in English and other languages, need both the verb and the noun.
var pairedSignals = []struct {
	signal
	also []string
}{
	{signal{"orders to ignore earlier instructions", 3, []string{"ignore", "disregard", "forget", "override", "bypass"}, regexp.MustCompile(`(?i)\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]*(?:\n[^.\n]*)?\b(?:previous|prior|above|earlier|preceding|all|any|other|existing|system|original|your)\b[^.\n]*(?:\n[^.\n]*)?\b(?:instructions?|directions|prompts?|guidelines|guardrails|system prompt)\b`)}, []string{"instruction", "direction", "prompt", "guideline", "guardrail"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"ignor", "oubli", "glige", "compte"}, regexp.MustCompile(`(?i)\b(?:ignore[rz]?|oublie[rz]?|n[ée]glige[rz]?|ne\s+tiens?\s+pas\s+compte\s+d)[^.\n]*?(?:instructions|consignes|directives|r[èe]gles)\s+(?:pr[ée]c[ée]dentes|ant[ée]rieures|ci-dessus|initiales|du\s+syst[èe]me|d'origine)`)}, []string{"instructions", "consignes", "directives", "gles"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"ignor", "olvid", "omit", "omiso"}, regexp.MustCompile(`(?i)\b(?:ignora|ignorar|ignore|olvida|olvidar|olvide|omite|haz\s+caso\s+omiso\s+de)\b[^.\n]*?\binstrucciones\s+(?:anteriores|previas|de\s+arriba|del\s+sistema|originales)`)}, []string{"instrucciones"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"ignorier", "vergiss", "vergessen", "missacht"}, regexp.MustCompile(`(?i)\b(?:ignorier\w*|vergiss|vergessen\s+sie|missachte\w*)\s[^.\n]*?\b(?:vorherigen|vorigen|früheren|bisherigen|obigen|vorangegangenen|alle|alten|ursprünglichen)\s[^.\n]*?(?:anweisungen|instruktionen|befehle|vorgaben|regeln)`)}, []string{"anweisungen", "instruktionen", "befehle", "vorgaben", "regeln"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"ignora", "dimentica", "trascura", "esque"}, regexp.MustCompile(`(?i)\b(?:ignora|dimentica|trascura)\b[^.\n]*?\bistruzioni\s+(?:precedenti|sopra|del\s+sistema|originali)|\b(?:ignore|ignora|esque[çc]a)\s[^.\n]*?\binstru[çc][õo]es\s+(?:anteriores|pr[ée]vias|acima|do\s+sistema|originais)`)}, []string{"istruzioni", "instruç", "instruc"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"игнор", "забуд", "не обращай"}, regexp.MustCompile(`(?i)(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте|не\s+обращай)[^.\n]*?(?:предыдущие|прежние|все|вышеуказанные|системные)[^.\n]*?(?:инструкции|указания|команды|правила)`)}, []string{"инструкции", "указания", "команды", "правила"}},
	{signal{"orders to ignore earlier instructions", 3, []string{"忽略", "无视", "無視", "忘记", "忘記", "理会", "理會", "忘れ"}, regexp.MustCompile(`(?:忽略|无视|無視|忘记|忘記|不要理会|不要理會)[^。\n]*?(?:之前|以前|先前|上面|上述|所有|原有|系统|系統)[^。\n]*?(?:指令|指示|说明|說明|提示|规则|規則)|(?:以前|前|上記|これまで)の(?:指示|命令|指令)(?:を|は)?(?:すべて)?(?:無視|忘れ)`)}, []string{"指令", "指示", "说明", "說明", "提示", "规则", "規則", "命令"}},
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
	spans      []span // per entry of whats
	decoded    string // text hidden in tag characters or base64, when that was found
}

// span is where one signal matched and what it scored.
type span struct{ score, lo, hi int }

func (h *hit) add(what string, score, lo, hi int) {
	for _, w := range h.whats {
		if w == what {
			return // one signal kind counts once
		}
	}
	h.score += score
	h.whats = append(h.whats, what)
	h.spans = append(h.spans, span{score, lo, hi})
	if score > h.top {
		h.top, h.lo, h.hi = score, lo, hi
	}
}

// maxScan bounds the text the phrase patterns read: the first and the last maxScan/2 bytes
// of a longer description (invisible characters and encoded runs are looked for
// everywhere). Real descriptions are a few hundred bytes; a longer one is reported as such,
// since padding is how a payload is pushed past what a reviewer reads.
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
	scan(&h, text)
	if folded, idx, changed := fold(text); changed {
		var f hit
		scan(&f, folded)
		for i, what := range f.whats {
			sp := f.spans[i]
			before := len(h.whats)
			h.add(what, sp.score, idx[sp.lo], idx[sp.hi])
			if len(h.whats) > before {
				h.add("look-alike or invisible characters inside words", 1, idx[sp.lo], idx[sp.hi])
			}
		}
	}
	if len(text) > maxScan { // padding that pushes instructions past what anyone reads
		h.add(fmt.Sprintf("oversized text (%d KB; only the first and last %d KB were read)", len(text)>>10, maxScan>>11), 3, maxScan/2, maxScan/2)
	}
	if lo, hi, score := encodedBlob(text); score > 0 {
		h.add("encoded text", score, lo, hi)
		if score == poisonThreshold && h.decoded == "" {
			h.decoded = decodeBlob(text[lo:hi])
		}
	}
	return h, h.score >= poisonThreshold
}

// scan runs phrases over text: all of it up to maxScan bytes, else its first and last
// maxScan/2 bytes (the regexp engine is linear but slow on text dense with key words, and no
// client shows the middle of such a description anyway; poisoned reports its size).
func scan(h *hit, text string) {
	if len(text) <= maxScan {
		phrases(h, text, 0)
		return
	}
	phrases(h, text[:runeStart(text, maxScan/2)], 0)
	tail := runeStart(text, len(text)-maxScan/2)
	phrases(h, text[tail:], tail)
}

// phrases adds the phrase signals found in text, which starts at byte base of the
// description.
func phrases(h *hit, text string, base int) {
	lower := strings.ToLower(text)
	for i := range len(signals) + len(pairedSignals) {
		var s signal
		if i < len(signals) {
			s = signals[i]
		} else {
			p := pairedSignals[i-len(signals)]
			if !containsAny(lower, p.also) {
				continue
			}
			s = p.signal
		}
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
	comments(h, text, base)
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

var (
	// hiddenComment matches an HTML comment or a Markdown link-reference comment: text a
	// rendered description does not show.
	hiddenComment = regexp.MustCompile(`<!--([\s\S]*?)-->|(?m)^\s*\[//\]:\s*#\s*[("]([^)"\n]*)[)"]`)
	// orderWords in a hidden comment make it an instruction rather than a build note.
	orderWords = regexp.MustCompile(`(?i)\b(?:you|must|always|never|should|before|after|include|send|read|call|pass|ignore|don'?t|do\s+not|instead|assistant|model|ai|llm|claude|gpt|tool)\b`)
)

// comments adds a signal for text hidden in a comment: 2 when it gives orders, else 1.
func comments(h *hit, text string, base int) {
	if !(strings.Contains(text, "<!--") && strings.Contains(text, "-->")) && !strings.Contains(text, "[//]") {
		return
	}
	for _, m := range hiddenComment.FindAllStringSubmatchIndex(text, 8) {
		body := ""
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				body = text[m[g]:m[g+1]]
			}
		}
		if orderWords.MatchString(body) {
			h.add("instructions in a hidden comment", 2, base+m[0], base+m[1])
			return
		}
		h.add("hidden comment", 1, base+m[0], base+m[1])
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

// encodedBlob finds a base64 or hex run: decoding to readable text scores 3 (hidden
// instructions are the only reason to encode prose), a long undecodable run 1. Base64 wrapped
// over several lines (runs of a multiple of 4 characters separated by white space) is
// joined first.
func encodedBlob(s string) (lo, hi, score int) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isB64(s[j]) {
			j++
		}
		next := j
		if j-i >= 16 && (j-i)%4 == 0 {
			if end, joined := wrappedRun(s, i, j); end > j {
				if readableBase64(joined) {
					return i, end, 3
				}
				next = end // the runs joined were all read, in line
			}
		}
		if j-i >= 40 {
			if readableBase64(s[i:j]) || readableHex(s[i:j]) {
				return i, j, 3
			}
			if j-i >= 100 {
				lo, hi, score = i, j, 1
			}
		}
		i = next + 1
	}
	return lo, hi, score
}

// maxWrapped bounds the base64 text joined across lines.
const maxWrapped = 16 << 10

// wrappedRun joins the base64 run s[i:j] with the runs that follow it after one white-space
// character while each joined run but the last is a multiple of 4 long; it returns where the
// last joined run ends and the joined text.
func wrappedRun(s string, i, j int) (int, string) {
	var b strings.Builder
	b.WriteString(s[i:j])
	end := j
	for end < len(s)-1 && (s[end] == '\n' || s[end] == ' ' || s[end] == '\r') && b.Len() < maxWrapped {
		k := end + 1
		if s[end] == '\r' && s[k] == '\n' {
			k++
		}
		m := k
		for m < len(s) && isB64(s[m]) {
			m++
		}
		if m-k < 4 {
			break
		}
		b.WriteString(s[k:m])
		end = m
		if (m-k)%4 != 0 {
			break
		}
	}
	return end, b.String()
}

// readableHex reports an even run of hex digits that decodes to readable text.
func readableHex(run string) bool {
	if len(run)%2 != 0 || !isHexString(run) {
		return false
	}
	dec := make([]byte, 0, len(run)/2)
	for i := 0; i+1 < len(run); i += 2 {
		dec = append(dec, unhex(run[i])<<4|unhex(run[i+1]))
	}
	return readable(dec)
}

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexByte(s[i]) {
			return false
		}
	}
	return true
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
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

// decodeBlob decodes a hex or (possibly wrapped) base64 run for evidence.
func decodeBlob(run string) string {
	if len(run)%2 == 0 && isHexString(run) && readableHex(run) {
		dec := make([]byte, 0, len(run)/2)
		for i := 0; i+1 < len(run); i += 2 {
			dec = append(dec, unhex(run[i])<<4|unhex(run[i+1]))
		}
		return strings.ToValidUTF8(string(dec), "?")
	}
	return decodeBase64(strings.Join(strings.Fields(run), ""))
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
	return readable([]byte(decodeBase64(run)))
}

// readable reports decoded bytes that read as text: a stretch of at least 24 printable ASCII
// bytes with spaces (so that a garbage prefix or suffix does not hide it), or text that is
// mostly printable with spaces as a whole (UTF-8 prose in other scripts).
func readable(dec []byte) bool {
	if len(dec) < 24 {
		return false
	}
	printable, spaces := 0, 0
	run, runSpaces := 0, 0
	for _, c := range dec {
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			printable++
			run++
		} else {
			run, runSpaces = 0, 0
		}
		if c == ' ' {
			spaces++
			runSpaces++
		}
		if run >= 24 && runSpaces*20 >= run {
			return true
		}
	}
	return utf8.Valid(dec) && printable*10 >= len(dec)*9 && spaces*20 >= len(dec)
}
