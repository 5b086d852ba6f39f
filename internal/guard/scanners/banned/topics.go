package banned

import (
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/textnorm"
)

// defaultMinHits is how many distinct keywords a topic needs by default: one word is a
// mention, two start to be a subject.
const defaultMinHits = 2

// topic is a validated Topic.
type topic struct {
	name     string
	keywords []string
	minHits  int
}

func newTopics(in []Topic) ([]topic, error) {
	var out []topic
	for _, t := range in {
		if t.Name == "" {
			return nil, fmt.Errorf("unable to use a banned topic with keywords %q: it needs a name", t.Keywords)
		}
		if len(t.Keywords) == 0 {
			return nil, fmt.Errorf("unable to use banned topic %q: it has no keywords", t.Name)
		}
		n := t.MinHits
		if n == 0 {
			n = min(defaultMinHits, len(t.Keywords))
		}
		if n < 1 || n > len(t.Keywords) {
			return nil, fmt.Errorf("unable to use banned topic %q: min_hits %d must be between 1 and its %d keywords", t.Name, n, len(t.Keywords))
		}
		out = append(out, topic{name: t.Name, keywords: t.Keywords, minHits: n})
	}
	return out, nil
}

// topicTally counts the distinct keywords of each topic seen in one text.
type topicTally struct {
	seen       [][]bool
	distinct   []int
	start, end []int // folded span from the first to the last keyword hit
}

func newTopicTally(topics []topic) *topicTally {
	t := &topicTally{
		seen:     make([][]bool, len(topics)),
		distinct: make([]int, len(topics)),
		start:    make([]int, len(topics)),
		end:      make([]int, len(topics)),
	}
	for i, tp := range topics {
		t.seen[i] = make([]bool, len(tp.keywords))
	}
	return t
}

func (t *topicTally) hit(topic, kw, start, end int) {
	if t.distinct[topic] == 0 && !t.seen[topic][kw] {
		t.start[topic] = start
	}
	t.end[topic] = max(t.end[topic], end)
	if !t.seen[topic][kw] {
		t.seen[topic][kw] = true
		t.distinct[topic]++
	}
}

// excerptKeywords is how many matched keywords an excerpt names.
const excerptKeywords = 3

// findings reports the topics with enough distinct keywords. The span runs from the first
// to the last keyword; replacing it would not remove a subject, so it is not redactable.
func (t *topicTally) findings(topics []topic, seg int, s string, m textnorm.Mapped, out []scanners.Finding) []scanners.Finding {
	for i, tp := range topics {
		if t.distinct[i] < tp.minHits {
			continue
		}
		var names []string
		for k, ok := range t.seen[i] {
			if ok && len(names) < excerptKeywords {
				names = append(names, tp.keywords[k])
			}
		}
		start, end := m.Span(t.start[i], t.end[i])
		score := min(1, 0.5+0.5*float64(t.distinct[i]-tp.minHits+1)/float64(len(tp.keywords)-tp.minHits+1))
		f := finding(seg, "topic:"+tp.name, score, s, start, end, false)
		f.Excerpt = fmt.Sprintf("%d of %d keywords: %s", t.distinct[i], len(tp.keywords), strings.Join(names, ", "))
		out = append(out, f)
	}
	return out
}
