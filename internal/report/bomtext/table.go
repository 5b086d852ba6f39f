package bomtext

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/aisecops/aisec/internal/bom"
)

// ANSI SGR sequences; colour is decided by the caller (a terminal, no NO_COLOR).
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiGrey   = "\x1b[90m"
)

var toneColors = map[tone]string{bad: ansiRed, warn: ansiYellow, info: ansiBlue, dim: ansiGrey}

// Table writes the summary as aligned columns for a terminal, with ANSI colours when color is
// set. Columns are padded on the visible text, so colour codes never break the alignment
// (text/tabwriter would count them as width).
func Table(w io.Writer, b *bom.BOM, color bool) error {
	s := build(b)
	bw := bufio.NewWriter(w)
	p := tablePrinter{w: bw, color: color}
	fmt.Fprintf(bw, "%s (%s)\n%s\n", p.paint(ansiBold, s.title), s.subtitle, s.counts)
	empty := true
	for _, sec := range s.sections {
		if len(sec.rows) == 0 {
			continue
		}
		empty = false
		p.section(sec)
	}
	if empty {
		fmt.Fprintf(bw, "\nNo AI assets found.\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("unable to write BOM table: %w", err)
	}
	return nil
}

type tablePrinter struct {
	w     io.Writer
	color bool
}

func (p tablePrinter) paint(color, s string) string {
	if !p.color || color == "" {
		return s
	}
	return color + s + ansiReset
}

func (p tablePrinter) section(sec section) {
	fmt.Fprintf(p.w, "\n%s\n", p.paint(ansiBold, sec.title))
	widths := make([]int, len(sec.headers))
	for i, h := range sec.headers {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, row := range sec.rows {
		for i, cl := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cl.text))
		}
	}
	headers := make([]cell, len(sec.headers))
	for i, h := range sec.headers {
		headers[i] = cell{text: h}
	}
	p.row(headers, widths)
	for _, row := range sec.rows {
		p.row(row, widths)
	}
	if sec.note != "" {
		fmt.Fprintf(p.w, "  %s\n", sec.note)
	}
}

// row prints one line: two spaces of indent, columns two spaces apart, no trailing spaces.
func (p tablePrinter) row(cells []cell, widths []int) {
	var b strings.Builder
	b.WriteString("  ")
	for i, cl := range cells {
		b.WriteString(p.paint(toneColors[cl.tone], cl.text))
		if i < len(cells)-1 {
			b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cl.text)+2))
		}
	}
	fmt.Fprintln(p.w, b.String())
}
