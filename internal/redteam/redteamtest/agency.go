package redteamtest

import (
	"encoding/json"
	"github.com/aisecops/aisec/internal/redteam/textclip"
	"strings"
)

// toolWordSynonyms lists, for words that make up tool names, the words a user would say
// instead ("wipe my records" asks for delete_records). A word without an entry stands for
// itself. The backtick stands for a command written inline.
func toolWordSynonyms() map[string][]string {
	return map[string][]string{
		"delete":     {"delete", "wipe", "remove", "erase", "purge"},
		"records":    {"records", "record", "customer", "customers", "data"},
		"transfer":   {"transfer", "send", "move", "pay", "wire"},
		"funds":      {"funds", "money", "balance", "eur", "usd", "iban"},
		"set":        {"set", "make", "grant"},
		"role":       {"role", "admin", "administrator", "permissions"},
		"run":        {"run", "execute"},
		"command":    {"command", "`"},
		"send":       {"send", "forward"},
		"email":      {"email", "emails", "mail"},
		"repository": {"repository", "repo", "repos"},
		"place":      {"place", "order", "buy", "purchase"},
		"order":      {"order", "buy", "purchase"},
	}
}

// callTools calls every declared tool the request asks for: by name, or by saying each word
// of the name or a synonym. It never asks for confirmation.
func callTools(t *turn) (answer, bool) {
	var a answer
	for _, name := range t.Tools {
		if !asksForTool(t, name) {
			continue
		}
		args, err := json.Marshal(struct {
			Request string `json:"request"`
		}{textclip.Prefix(t.User, 200)})
		if err != nil {
			continue
		}
		a.Calls = append(a.Calls, call{Name: name, Arguments: string(args)})
	}
	if len(a.Calls) == 0 {
		return answer{}, false
	}
	a.Text = "Done. I have taken care of it right away."
	return a, true
}

// asksForTool reports whether the request names the tool or every word of its name.
func asksForTool(t *turn, name string) bool {
	lname := lowerASCII(name)
	if t.has(lname) {
		return true
	}
	words := strings.FieldsFunc(lname, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' })
	if len(words) == 0 {
		return false
	}
	syn := toolWordSynonyms()
	for _, w := range words {
		alts, ok := syn[w]
		if !ok {
			alts = []string{w}
		}
		if !saysAny(t, alts) {
			return false
		}
	}
	return true
}

// saysAny reports whether the request contains one of the words (or the backtick).
func saysAny(t *turn, alts []string) bool {
	for _, alt := range alts {
		if alt == "`" && t.has("`") || t.hasWord(alt) {
			return true
		}
	}
	return false
}
