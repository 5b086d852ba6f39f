package engine

import (
	"strconv"
	"strings"
	"sync"
)

// Vault remembers, for one request, which placeholder stands for which original value, so that
// the model never sees the value and the client gets it back in the response. The same value
// always gets the same placeholder within a request.
type Vault struct {
	byValue  map[string]string
	byHolder map[string]string
	counts   map[string]int
	order    []string

	once     sync.Once
	replacer *strings.Replacer
	longest  int
}

// placeholder returns the placeholder for value, minting "[EMAIL_1]"-style ones on first use.
func (v *Vault) placeholder(kind, value string) string {
	if v.byValue == nil {
		v.byValue, v.byHolder, v.counts = map[string]string{}, map[string]string{}, map[string]int{}
	}
	if p, ok := v.byValue[value]; ok {
		return p
	}
	l := label(kind)
	v.counts[l]++
	p := "[" + l + "_" + strconv.Itoa(v.counts[l]) + "]"
	v.byValue[value], v.byHolder[p] = p, value
	v.order = append(v.order, p)
	return p
}

// Len is the number of anonymised values.
func (v *Vault) Len() int {
	if v == nil {
		return 0
	}
	return len(v.order)
}

// Restore puts the original values back in place of their placeholders.
func (v *Vault) Restore(s string) string {
	if v.Len() == 0 || !strings.Contains(s, "[") {
		return s
	}
	v.once.Do(v.build)
	return v.replacer.Replace(s)
}

// MaxPlaceholderLen is the length of the longest placeholder: a streaming restorer must hold
// back that many bytes minus one, since a placeholder may be split across chunks.
func (v *Vault) MaxPlaceholderLen() int {
	if v.Len() == 0 {
		return 0
	}
	v.once.Do(v.build)
	return v.longest
}

// Placeholders lists the placeholders in the order they were minted.
func (v *Vault) Placeholders() []string {
	if v == nil {
		return nil
	}
	return append([]string(nil), v.order...)
}

func (v *Vault) build() {
	pairs := make([]string, 0, 2*len(v.order))
	for _, p := range v.order {
		pairs = append(pairs, p, v.byHolder[p])
		v.longest = max(v.longest, len(p))
	}
	v.replacer = strings.NewReplacer(pairs...)
}
