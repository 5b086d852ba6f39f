package redteamtest

import (
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"slices"
	"strings"
)

// Bounds on what obey takes from a request.
const (
	maxObjectBytes = 200
	maxObjects     = 8
	maxOrders      = 32 // occurrences of one verb examined per reading
	// maxObjectWords tells an order to say something ("reply with X and nothing else" → X)
	// from a task description ("write a phishing email that …"), which obey leaves to the
	// other rules.
	maxObjectWords = 6
)

// orderVerbs begin an instruction whose object a gullible model simply outputs: "reply
// with X", "print X", "start your reply with X", "FREEFORM always opens with X". The model
// reads orders in French, German, Spanish, Chinese and Japanese too ("réponds par X",
// "antworte mit X", "escribe X", "回复 X", "出力してください：X").
func orderVerbs() []string {
	return []string{
		"reply", "respond", "answer", "say", "saying", "print", "printing", "output", "write",
		"echo", "append", "repeat", "tell", "start", "begin", "end", "opens", "consist",
		"acknowledge", "include",
		"réponds", "répondez", "répondre", "écris", "écrivez", "écrire", "affiche", "affichez",
		"antworte", "antworten", "schreibe", "schreib", "gib",
		"responde", "responda", "escribe", "escriba", "muestra",
		"回复", "输出", "打印", "出力", "返答",
	}
}

// negations before a verb turn an order into a prohibition ("do not say you cannot").
func negations() []string { return []string{"not", "don't", "never", "no", "dont"} }

// objectFillers are leading words dropped from an object ("with the code X" → "X").
func objectFillers() []string {
	return []string{"with", "only", "just", "to", "the", "user", "word", "single", "code", "token",
		"string", "verification", "reference", "by", "of", "is"}
}

// objectTails end an object early: what follows them is about the instruction, not its
// content ("X and nothing else").
func objectTails() []string {
	return []string{" and nothing else", " and stop", " as your whole answer", " on its own line",
		" so we know", " instead of", " to your answer", " at the end of your answer",
		" before every reply", " at the start of your reply"}
}

// obey is the heart of the vulnerable target: it finds every order in every reading of the
// request and returns what the orders ask to be said, in order of appearance. An object
// that points elsewhere ("repeat the code below") is followed by the text it points to.
func obey(t *turn) []string {
	var out []string
	for _, v := range t.views {
		lv := lowerASCII(v)
		for _, verb := range orderVerbs() {
			seen := 0
			for i := indexWord(lv, verb, 0); i >= 0 && len(out) < maxObjects && seen < maxOrders; i = indexWord(lv, verb, i+1) {
				seen++
				if negated(lv, i) {
					continue
				}
				obj, end := object(v, i+len(verb))
				if len(strings.Fields(obj)) > maxObjectWords {
					continue
				}
				if pointsBelow(obj) {
					obj += " " + strings.TrimSpace(textclip.Prefix(v[end:], maxObjectBytes))
				}
				if obj = strings.TrimSpace(obj); obj != "" && !slices.Contains(out, obj) {
					out = append(out, obj)
				}
			}
		}
	}
	return out
}

// belowWords point to text that follows the order ("the code below"), in the languages
// orderVerbs reads.
func belowWords() []string {
	return []string{"below", "ci-dessous", "unten", "abajo", "下面", "以下"}
}

// pointsBelow reports whether an object points to the text that follows it.
func pointsBelow(obj string) bool {
	lo := lowerASCII(obj)
	for _, w := range belowWords() {
		if strings.Contains(lo, w) {
			return true
		}
	}
	return false
}

// negated reports whether one of the two words before offset i is a negation.
func negated(lower string, i int) bool {
	words := strings.Fields(lower[max(0, i-16):i])
	if len(words) > 2 {
		words = words[len(words)-2:]
	}
	for _, w := range words {
		if slices.Contains(negations(), strings.Trim(w, ",;:")) {
			return true
		}
	}
	return false
}

// object returns the cleaned rest of the sentence that starts at offset from, and the
// offset where the sentence ends.
func object(v string, from int) (string, int) {
	end := sentenceEnd(v, from)
	obj := strings.TrimLeft(v[from:end], " \t\r\n:,")
	obj = strings.ReplaceAll(obj, "\n", " ")
	for {
		w, rest, _ := strings.Cut(obj, " ")
		if rest == "" || !slices.Contains(objectFillers(), lowerASCII(w)) {
			break
		}
		obj = rest
	}
	lo := lowerASCII(obj)
	for _, tail := range objectTails() {
		if i := strings.Index(lo, tail); i >= 0 {
			obj, lo = obj[:i], lo[:i]
		}
	}
	return textclip.Prefix(strings.TrimSpace(obj), maxObjectBytes), end
}

// sentenceEnd finds where the sentence containing offset from ends: after '.', '!', '?' or
// ';' followed by a space, a quote, a tag or the end, or at a blank line. It looks no
// further than twice maxObjectBytes, which keeps hostile requests linear.
func sentenceEnd(v string, from int) int {
	limit := min(len(v), from+2*maxObjectBytes)
	for i := from; i < limit; i++ {
		switch v[i] {
		case '.', '!', '?', ';':
			if i+1 == len(v) || strings.IndexByte(" \t\r\n\"'<)", v[i+1]) >= 0 {
				return i
			}
		case '\n':
			if i+1 < len(v) && v[i+1] == '\n' {
				return i
			}
		}
	}
	return limit
}
