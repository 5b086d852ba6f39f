package bomtext

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

// cellEscaper neutralises Markdown and HTML in table cells: cells end at "|", and names,
// paths and tool descriptions come from scanned files, so they must not inject links, images
// or HTML into a pull-request comment. Escaping ":" defeats GFM autolinks.
var cellEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`, "!", `\!`, ":", `\:`,
)

// Markdown writes the summary as GitHub-flavoured Markdown: a heading, the counts, then one
// table per non-empty section.
func Markdown(w io.Writer, b *bom.BOM) error {
	s := build(b)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n%s\n\n**%s**\n", cellEscaper.Replace(s.title), cellEscaper.Replace(s.subtitle), s.counts)
	empty := true
	for _, sec := range s.sections {
		if len(sec.rows) == 0 {
			continue
		}
		empty = false
		writeMarkdownSection(bw, sec)
	}
	if empty {
		fmt.Fprintf(bw, "\nNo AI assets found.\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("unable to write BOM Markdown: %w", err)
	}
	return nil
}

func writeMarkdownSection(w io.Writer, sec section) {
	fmt.Fprintf(w, "\n## %s\n\n", sec.title) // titles are aisec's own text
	fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(sec.headers, " | "), strings.Repeat("---|", len(sec.headers)))
	for _, row := range sec.rows {
		cells := make([]string, len(row))
		for i, cl := range row {
			cells[i] = cellEscaper.Replace(cl.text)
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	if sec.note != "" {
		fmt.Fprintf(w, "\n%s\n", cellEscaper.Replace(sec.note))
	}
}
