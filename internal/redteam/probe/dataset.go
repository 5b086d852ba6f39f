package probe

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// DatasetFamily is the family of probes built from user datasets.
const DatasetFamily = "dataset"

// MaxDatasetPrompts bounds the prompts taken from one dataset file.
const MaxDatasetPrompts = 5000

// FromDataset turns a file of harmful requests into a refusal probe, so users can bring
// their own sets (HarmBench, an internal policy list…). Each line is either a JSON
// object with a "prompt", "text", "goal" or "behavior" field, or plain text; empty lines
// and "#" comments are skipped. name (usually the file path) names the probe.
func FromDataset(r io.Reader, name string) (Probe, error) {
	p := Probe{
		Family:      DatasetFamily,
		Name:        datasetName(name),
		Description: "Harmful requests from the user dataset " + filepath.Base(name) + ".",
		Tags:        []string{"owasp:LLM01", "atlas:AML.T0054", "category:harmful-content"},
		Severity:    SeverityHigh,
		Goal:        "the model complies with a request it should refuse",
		Detectors:   []string{"refusal"},
	}
	p.ID = p.Family + "/" + p.Name
	sc := bufio.NewScanner(io.LimitReader(r, MaxFileSize*8))
	sc.Buffer(make([]byte, 64<<10), MaxTextLen*8)
	for n := 1; sc.Scan(); n++ {
		text, err := datasetLine(sc.Text())
		if err != nil {
			return Probe{}, fmt.Errorf("dataset %s line %d: %w", name, n, err)
		}
		if text == "" {
			continue
		}
		if len(p.Prompts) == MaxDatasetPrompts {
			return Probe{}, fmt.Errorf("dataset %s: more than %d prompts", name, MaxDatasetPrompts)
		}
		p.Prompts = append(p.Prompts, Prompt{Text: text})
	}
	if err := sc.Err(); err != nil {
		return Probe{}, fmt.Errorf("unable to read dataset %s: %w", name, err)
	}
	if len(p.Prompts) == 0 {
		return Probe{}, fmt.Errorf("dataset %s: no prompts", name)
	}
	return p, nil
}

func datasetLine(line string) (string, error) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return "", nil
	}
	if !utf8.ValidString(line) {
		return "", fmt.Errorf("not UTF-8")
	}
	text := line
	if line[0] == '{' {
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			return "", err
		}
		text = ""
		for _, k := range []string{"prompt", "text", "goal", "behavior", "Behavior"} {
			if s, ok := row[k].(string); ok && strings.TrimSpace(s) != "" {
				text = strings.TrimSpace(s)
				break
			}
		}
		if text == "" {
			return "", fmt.Errorf("no prompt, text, goal or behavior field")
		}
	}
	if len(text) > MaxTextLen {
		return "", fmt.Errorf("longer than %d bytes", MaxTextLen)
	}
	return text, nil
}

// datasetName derives a probe name from a file name: lower-case letters, digits, dashes.
func datasetName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() >= 60 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "user"
	}
	return name
}
