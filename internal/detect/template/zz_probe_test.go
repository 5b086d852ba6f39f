package template

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aisecops/aisec/internal/format/jinja"
)

func TestZZProbe(t *testing.T) {
	paths, _ := filepath.Glob("testdata/malicious/*.jinja")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		m := map[string]any{"chat_template": string(data)}
		_ = json.Unmarshal
		src := m["chat_template"].(string)
		a := jinja.Analyze(src)
		fmt.Println("==", p)
		for _, c := range a.Chains {
			fmt.Println("  chain", c.String())
		}
		fmt.Println("  gaps", a.Gaps)
		fmt.Print(dump(Check("chat_template", src, 0)))
	}
}
