package eval

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/guard/classifier"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/injection"
)

func TestZZDebugFold(t *testing.T) {
	srcs := strings.Split(os.Getenv("ZZSRC"), ",")
	if srcs[0] == "" {
		t.Skip()
	}
	exs := allExamples(t)
	out, _ := os.Create("/tmp/zz_" + strings.Join(srcs, "_") + ".txt")
	defer out.Close()
	for _, src := range srcs {
		var train, test []classifier.Example
		for _, ex := range exs {
			if ex.Source == src {
				test = append(test, ex)
			} else {
				train = append(train, ex)
			}
		}
		m, err := classifier.Train(train, classifier.TrainOptions{})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := injection.New(injection.Options{Model: m})
		for _, ex := range test {
			req := &scanners.Request{Direction: scanners.Input, Segments: []scanners.Segment{{Role: scanners.RoleUser, Text: ex.Text}}}
			f, _ := s.Scan(context.Background(), req)
			flag := len(f) > 0
			if flag == ex.Label {
				continue
			}
			var kinds []string
			for _, x := range f {
				kinds = append(kinds, fmt.Sprintf("%s=%.2f[%s]", x.Kind, x.Score, x.Excerpt))
			}
			txt := ex.Text
			if len(txt) > 700 {
				txt = txt[:700] + "…"
			}
			fmt.Fprintf(out, "=== %s label=%v clf=%.3f thr=%.3f %v\n%s\n", src, ex.Label, m.Score(ex.Text), m.Threshold(), kinds, txt)
		}
	}
}
