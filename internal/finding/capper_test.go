package finding

import (
	"fmt"
	"reflect"
	"testing"
)

func TestCapper(t *testing.T) {
	a := Rule{ID: "AISEC-T-001", Severity: High, Title: "a"}
	b := Rule{ID: "AISEC-T-002", Severity: Low, Title: "b"}
	type add struct {
		r   Rule
		ev  string
		off int64
	}
	many := func(r Rule, n int) []add {
		var out []add
		for i := range n {
			out = append(out, add{r, fmt.Sprint(r.Title, i), int64(i)})
		}
		return out
	}
	tests := []struct {
		name string
		max  int
		adds []add
		want []string // rule ID and evidence of each finding, in order
	}{
		{"nothing", 3, nil, nil},
		{"under the cap", 3, many(a, 2), []string{"AISEC-T-001 a0", "AISEC-T-001 a1"}},
		{"at the cap", 2, many(a, 2), []string{"AISEC-T-001 a0", "AISEC-T-001 a1"}},
		{"over the cap", 2, many(a, 5), []string{"AISEC-T-001 a0", "AISEC-T-001 a1", "AISEC-T-001 3 more occurrences not listed"}},
		{"per rule", 1, append(append(many(a, 3), many(b, 2)...), many(a, 1)...), []string{
			"AISEC-T-001 a0", "AISEC-T-002 b0",
			"AISEC-T-001 3 more occurrences not listed", "AISEC-T-002 1 more occurrences not listed"}},
		{"summaries in overflow order", 1, append(many(b, 2), many(a, 2)...), []string{
			"AISEC-T-002 b0", "AISEC-T-001 a0",
			"AISEC-T-002 1 more occurrences not listed", "AISEC-T-001 1 more occurrences not listed"}},
		{"zero keeps none", 0, many(a, 2), []string{"AISEC-T-001 2 more occurrences not listed"}},
		{"negative keeps none", -5, many(b, 1), []string{"AISEC-T-002 1 more occurrences not listed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCapper(tt.max)
			for _, x := range tt.adds {
				c.Add(x.r, x.ev, x.off)
			}
			fs := c.Findings()
			var got []string
			for _, f := range fs {
				got = append(got, f.Rule+" "+f.Evidence)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %q\nwant %q", got, tt.want)
			}
			if again := c.Findings(); !reflect.DeepEqual(again, fs) {
				t.Fatal("a second Findings call differs")
			}
		})
	}
}

func TestCapperFindingFields(t *testing.T) {
	r := Rule{ID: "AISEC-T-009", Severity: Critical, Title: "t", CWE: "CWE-1"}
	c := NewCapper(1)
	c.Add(r, "first", -7)
	c.Add(r, "second", 42)
	fs := c.Findings()
	if len(fs) != 2 {
		t.Fatalf("%d findings", len(fs))
	}
	if fs[0] != r.New("first", NoOffset) {
		t.Errorf("kept finding %+v: a negative offset must become NoOffset", fs[0])
	}
	if fs[1] != r.New("1 more occurrences not listed", NoOffset) {
		t.Errorf("summary %+v", fs[1])
	}
	var zero Capper
	zero.Add(r, "x", 1)
	if got := zero.Findings(); len(got) != 1 || got[0].Evidence != "1 more occurrences not listed" {
		t.Errorf("zero Capper: %+v", got)
	}
}
