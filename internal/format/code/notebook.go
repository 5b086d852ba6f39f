package code

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Notebook bounds.
const (
	// MaxNotebook is the largest .ipynb document read.
	MaxNotebook = 64 << 20
	// MaxCells bounds the cells kept; later cells are dropped and Notebook.Truncated set.
	MaxCells = 10_000
)

// Notebook is a Jupyter notebook (nbformat 4).
type Notebook struct {
	// Lang is the language of the code cells, from the kernel metadata (Python when absent);
	// "" when the kernel's language is not one Parse understands.
	Lang  Lang
	Cells []Cell
	// Kernel is the kernel language as written in the metadata ("python", "R"…).
	Kernel    string
	Truncated bool // more than MaxCells cells; the rest were dropped
}

// Cell is one notebook cell.
type Cell struct {
	Index  int    // 0-based position in the notebook
	Kind   string // code, markdown or raw
	Source string
	// Outputs are the textual outputs of a code cell: text/plain, stream text, error
	// tracebacks, text/html. Images and other binary data are skipped.
	Outputs []string
}

type rawNotebook struct {
	Cells      []rawCell       `json:"cells"`
	Worksheets json.RawMessage `json:"worksheets"`
	NBFormat   int             `json:"nbformat"`
	Metadata   struct {
		Kernelspec struct {
			Language string `json:"language"`
			Name     string `json:"name"`
		} `json:"kernelspec"`
		LanguageInfo struct {
			Name string `json:"name"`
		} `json:"language_info"`
	} `json:"metadata"`
}

type rawCell struct {
	CellType string      `json:"cell_type"`
	Source   multiline   `json:"source"`
	Outputs  []rawOutput `json:"outputs"`
}

type rawOutput struct {
	OutputType string                     `json:"output_type"`
	Text       multiline                  `json:"text"`
	Data       map[string]json.RawMessage `json:"data"`
	Traceback  []string                   `json:"traceback"`
	EName      string                     `json:"ename"`
	EValue     string                     `json:"evalue"`
}

// multiline is a notebook string: a string or a list of strings to concatenate.
type multiline string

// UnmarshalJSON implements json.Unmarshaler.
func (m *multiline) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*m = multiline(s)
	case b[0] == '[':
		var parts []string
		if err := json.Unmarshal(b, &parts); err != nil {
			return err
		}
		*m = multiline(strings.Join(parts, ""))
	default:
		return errors.New("expected a string or a list of strings")
	}
	return nil
}

// ParseNotebook reads a .ipynb document (nbformat 4). Documents larger than MaxNotebook,
// nbformat 3 (worksheets) and JSON that is not a notebook are errors.
func ParseNotebook(data []byte) (*Notebook, error) {
	if len(data) > MaxNotebook {
		return nil, fmt.Errorf("notebook is %d bytes, more than the %d MiB limit", len(data), MaxNotebook>>20)
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("not a notebook: the document is not a JSON object")
	}
	var raw rawNotebook
	if err := json.Unmarshal(trimmed, &raw); err != nil {
		return nil, fmt.Errorf("unable to parse notebook JSON: %w", err)
	}
	if raw.Cells == nil {
		if len(raw.Worksheets) > 0 {
			return nil, fmt.Errorf("unsupported notebook format %d (worksheets); only nbformat 4 is read", raw.NBFormat)
		}
		return nil, errors.New("not a notebook: no \"cells\" list")
	}
	nb := &Notebook{Kernel: raw.Metadata.Kernelspec.Language}
	if nb.Kernel == "" {
		nb.Kernel = raw.Metadata.LanguageInfo.Name
	}
	nb.Lang = kernelLang(nb.Kernel)
	cells := raw.Cells
	if len(cells) > MaxCells {
		cells, nb.Truncated = cells[:MaxCells], true
	}
	nb.Cells = make([]Cell, 0, len(cells))
	for i, rc := range cells {
		c := Cell{Index: i, Kind: rc.CellType, Source: string(rc.Source)}
		for _, o := range rc.Outputs {
			c.Outputs = append(c.Outputs, outputTexts(o)...)
		}
		nb.Cells = append(nb.Cells, c)
	}
	return nb, nil
}

// kernelLang maps a kernel language to a Lang; Python when none is given.
func kernelLang(kernel string) Lang {
	switch strings.ToLower(kernel) {
	case "", "python", "python3", "python2", "ipython", "ipython3":
		return Python
	case "javascript", "js", "node", "nodejs":
		return JavaScript
	case "typescript", "ts":
		return TypeScript
	case "go", "golang":
		return Go
	case "java":
		return Java
	}
	return ""
}

// textMIME are the output MIME types kept.
var textMIME = [...]string{"text/plain", "text/html", "text/markdown", "application/json", "text/latex"}

// outputTexts returns the textual parts of one output.
func outputTexts(o rawOutput) []string {
	var out []string
	if o.Text != "" {
		out = append(out, string(o.Text))
	}
	for _, mime := range textMIME {
		raw, ok := o.Data[mime]
		if !ok {
			continue
		}
		var s multiline
		if err := json.Unmarshal(raw, &s); err == nil && s != "" {
			out = append(out, string(s))
		} else if err != nil && mime == "application/json" {
			out = append(out, string(raw))
		}
	}
	if o.OutputType == "error" {
		if o.EName != "" || o.EValue != "" {
			out = append(out, o.EName+": "+o.EValue)
		}
		if len(o.Traceback) > 0 {
			out = append(out, stripANSI(strings.Join(o.Traceback, "\n")))
		}
	}
	return out
}

// stripANSI removes terminal colour escapes (ESC [ … letter) from tracebacks.
func stripANSI(s string) string {
	if strings.IndexByte(s, 0x1b) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] < '@' || s[j] > '~') {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// shellMagics are cell magics whose body is not in the kernel's language.
var shellMagics = set("bash", "sh", "script", "html", "javascript", "js", "writefile", "markdown", "latex", "svg",
	"perl", "ruby", "sql", "python2", "pypy", "system", "file", "capture_output")

// Code joins the code cells, each ending with a line break, IPython magic and shell lines
// (`%…`, `!…`) blanked so that line numbers are kept, and cells run by a non-Python cell magic
// (`%%bash`, `%%writefile`…) blanked entirely. It parses the result with nb.Lang and fills
// File.Cells.
func (nb *Notebook) Code() *File {
	var b strings.Builder
	var spans []CellSpan
	line := 1
	for _, c := range nb.Cells {
		if c.Kind != "code" {
			continue
		}
		src := c.Source
		if nb.Lang == Python || nb.Lang == "" {
			src = blankMagics(src)
		}
		if !strings.HasSuffix(src, "\n") {
			src += "\n"
		}
		n := strings.Count(src, "\n")
		spans = append(spans, CellSpan{Cell: c.Index, FirstLine: line, LastLine: line + n - 1})
		line += n
		b.WriteString(src)
		if b.Len() > MaxLen {
			break
		}
	}
	f := Parse(nb.Lang, []byte(b.String()))
	f.Cells = spans
	return f
}

// blankMagics blanks IPython magic and shell lines of a cell, keeping its line breaks.
func blankMagics(src string) string {
	if !strings.ContainsAny(src, "%!") {
		return src
	}
	lines := strings.Split(src, "\n")
	first := strings.TrimSpace(lines[0])
	if strings.HasPrefix(first, "%%") {
		name, _, _ := strings.Cut(strings.TrimPrefix(first, "%%"), " ")
		if shellMagics[name] {
			for i := range lines {
				lines[i] = ""
			}
			return strings.Join(lines, "\n")
		}
	}
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}
