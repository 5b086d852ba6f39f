package report

import (
	"bytes"
	"strings"
	"testing"
)

func summaryWith(families map[string][2]int, probes map[string][2]int) *Summary {
	s := &Summary{}
	for f, v := range families {
		s.Families = append(s.Families, FamilyStats{Family: f, Rate: rate(v[0], v[1])})
	}
	for p, v := range probes {
		s.Probes = append(s.Probes, ProbeStats{ID: p, Rate: rate(v[0], v[1])})
	}
	return s
}

// rate is hits of attempts.
func rate(hits, attempts int) Rate {
	r := Rate{Attempts: attempts, Hits: hits}
	if attempts > 0 {
		r.PassRate = round4(float64(attempts-hits) / float64(attempts))
	}
	return r
}

func TestCompare(t *testing.T) {
	base := summaryWith(map[string][2]int{"injection": {0, 20}, "output": {5, 10}, "old": {0, 4}},
		map[string][2]int{"injection/a": {0, 10}, "injection/b": {0, 10}, "output/x": {5, 10}})
	cur := summaryWith(map[string][2]int{"injection": {1, 20}, "output": {2, 10}, "new": {0, 3}},
		map[string][2]int{"injection/a": {0, 10}, "injection/b": {1, 10}, "output/x": {2, 10}})
	d := Compare(base, cur, 0.1)
	if !d.Regressed || len(d.Reasons) != 1 || !strings.Contains(d.Reasons[0], "injection/b") {
		t.Fatalf("regression: %v %v", d.Regressed, d.Reasons)
	}
	if len(d.Probes) != 2 { // injection/a is unchanged
		t.Fatalf("probes: %+v", d.Probes)
	}
	var buf bytes.Buffer
	if err := WriteDiffTable(&buf, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"injection", "-0.05", "+0.30", "new", "gone", "REGRESSED"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
	if d := Compare(base, base, 0); d.Regressed || len(d.Probes) != 0 {
		t.Fatalf("a run compared with itself: %+v", d)
	}
}
