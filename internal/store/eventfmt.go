package store

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"
)

// Output helpers for `aisec guard events`. Stored fields come from untrusted requests, so the
// human-oriented formats neutralise what could attack the reader's tools: the table strips
// control, bidi and invisible characters (terminal escapes, spoofed text), the CSV defuses
// spreadsheet formulas. JSONL is exact; JSON escaping already makes it safe.

// WriteJSONL writes one JSON object per event and line.
func WriteJSONL(w io.Writer, events []Event) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range events {
		if err := enc.Encode(&events[i]); err != nil {
			return fmt.Errorf("unable to write event %s as JSON: %w", events[i].ID, err)
		}
	}
	return nil
}

// csvHeader lists WriteCSV's columns; findings is the JSON array, rules its distinct rules.
var csvHeader = []string{"id", "time", "request_id", "identity", "route", "model", "upstream",
	"direction", "action", "flagged", "rules", "findings", "prompt_hash", "prompt", "status",
	"latency_ms", "stream"}

// WriteCSV writes a header row and one row per event. Text cells that a spreadsheet would run
// as a formula get a leading apostrophe.
func WriteCSV(w io.Writer, events []Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return fmt.Errorf("unable to write CSV header: %w", err)
	}
	for i := range events {
		e := &events[i]
		findings, err := json.Marshal(nonNil(e.Findings))
		if err != nil {
			return fmt.Errorf("unable to encode findings of event %s: %w", e.ID, err)
		}
		row := []string{e.ID, e.Time.UTC().Format(time.RFC3339Nano), e.RequestID, e.Identity,
			e.Route, e.Model, e.Upstream, e.Direction, e.Action, strconv.FormatBool(e.Flagged),
			strings.Join(Rules(e.Findings), " "), string(findings), e.PromptHash, e.Prompt,
			strconv.Itoa(e.Status), strconv.FormatInt(e.LatencyMS, 10), strconv.FormatBool(e.Stream)}
		for j := range row {
			row[j] = defuseFormula(row[j])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("unable to write event %s as CSV: %w", e.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("unable to write CSV: %w", err)
	}
	return nil
}

// defuseFormula prefixes cells that spreadsheets evaluate (OWASP CSV injection guidance).
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Table column widths: wider cells are cut with an ellipsis so one hostile row cannot wreck the
// layout.
const (
	tableIdentityWidth = 32
	tableRulesWidth    = 32
	tableExcerptWidth  = 60
)

// WriteTable writes events as aligned columns: time, identity, direction, action, rules and the
// first finding's excerpt.
func WriteTable(w io.Writer, events []Event) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tIDENTITY\tDIRECTION\tACTION\tRULES\tEXCERPT")
	for i := range events {
		e := &events[i]
		excerpt := ""
		for _, f := range e.Findings {
			if f.Excerpt != "" {
				excerpt = f.Excerpt
				break
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Time.UTC().Format(time.RFC3339),
			cell(e.Identity, tableIdentityWidth), cell(e.Direction, 12), cell(e.Action, 12),
			cell(strings.Join(Rules(e.Findings), ","), tableRulesWidth), cell(excerpt, tableExcerptWidth))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("unable to write event table: %w", err)
	}
	return nil
}

// Rules returns the distinct rules of findings, in first-seen order.
func Rules(findings []Finding) []string {
	var out []string
	for i, f := range findings {
		if f.Rule != "" && !seenRule(findings[:i], f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}

// cell makes s safe and short for a terminal table: whitespace becomes a space, other control,
// format (bidi, zero-width) and invalid characters become U+FFFD, and the result is cut to
// limit runes. "-" stands for empty.
func cell(s string, limit int) string {
	if s == "" {
		return "-"
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == limit {
			return strings.TrimRight(b.String(), " ") + "…"
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			r = ' '
		case r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			r = utf8.RuneError
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
