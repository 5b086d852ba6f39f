package finding

import (
	"fmt"
	"slices"
)

// Capper gathers a detector's findings for one artifact and keeps at most max per rule, so a
// file with a million bad nodes yields a readable report. The occurrences over the cap are
// counted and summarised by one finding per rule ("N more occurrences not listed"), so the
// report still says the rule fired more often. The zero value keeps no finding and summarises
// everything; use NewCapper.
type Capper struct {
	max   int
	out   []Finding
	kept  map[string]int
	extra map[string]int
	over  []Rule // rules with occurrences over the cap, in the order they first overflowed
}

// NewCapper returns a Capper keeping at most max findings per rule (a negative max keeps none).
func NewCapper(max int) *Capper {
	return &Capper{max: max}
}

// Add records one occurrence of r. A negative offset is stored as NoOffset.
func (c *Capper) Add(r Rule, evidence string, off int64) {
	if c.kept == nil {
		c.kept, c.extra = map[string]int{}, map[string]int{}
	}
	if off < 0 {
		off = NoOffset
	}
	if c.kept[r.ID] >= c.max {
		if c.extra[r.ID] == 0 {
			c.over = append(c.over, r)
		}
		c.extra[r.ID]++
		return
	}
	c.kept[r.ID]++
	c.out = append(c.out, r.New(evidence, off))
}

// Findings returns the kept findings in the order they were added, then one summary per rule
// over the cap, in the order the rules first went over it. It may be called more than once.
func (c *Capper) Findings() []Finding {
	out := slices.Clip(c.out)
	for _, r := range c.over {
		out = append(out, r.New(fmt.Sprintf("%d more occurrences not listed", c.extra[r.ID]), NoOffset))
	}
	return out
}
