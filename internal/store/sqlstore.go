package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// eventColumns is the column list of guard_events, in bind order (see recordArgs, scanEvent).
const eventColumns = "id, time, request_id, identity, route, model, upstream, direction, action, " +
	"flagged, findings, prompt_hash, prompt, status, latency_ms, stream"

const eventColumnCount = 16

// dialect holds what differs between the back ends once the schema exists. Scanning needs no
// hook because dbTime accepts both time representations.
type dialect struct {
	name    string
	timeArg func(time.Time) any
	// chunks are the row counts of the prepared multi-row INSERTs, largest first, ending in 1.
	// modernc looks up each $N parameter's name by a linear scan, so binding grows with the
	// square of a statement's parameters (a 64-row INSERT ran 3x slower than single rows): SQLite
	// gets single rows, which cost no round trip anyway. PostgreSQL pays a round trip per
	// statement: it gets large ones (64 × 16 parameters is far below its 65535 limit).
	chunks []int
}

// sqliteDialect stores times as INTEGER unix microseconds (UTC).
var sqliteDialect = dialect{name: "sqlite", timeArg: func(t time.Time) any { return t.UnixMicro() },
	chunks: []int{1}}

// postgresDialect stores times as timestamptz.
var postgresDialect = dialect{name: "postgres", timeArg: func(t time.Time) any { return t },
	chunks: []int{64, 8, 1}}

// sizedStmt is a prepared INSERT of rows rows.
type sizedStmt struct {
	rows int
	stmt *sql.Stmt
}

// sqlStore implements Store over database/sql for both back ends.
type sqlStore struct {
	writer *sql.DB // SQLite: a single connection, so writers queue in Go instead of on file locks
	reader *sql.DB // SQLite: a query_only pool (WAL lets it read while the writer writes); else writer
	d      dialect
	// insertEvents and insertRules follow d.chunks; prepared once, since parsing a statement
	// costs more than running it.
	insertEvents, insertRules []sizedStmt
}

// newSQLStore prepares the INSERT statements on a migrated database.
func newSQLStore(ctx context.Context, writer, reader *sql.DB, d dialect) (*sqlStore, error) {
	s := &sqlStore{writer: writer, reader: reader, d: d}
	for _, n := range d.chunks {
		ev, err := writer.PrepareContext(ctx, valuesSQL("INSERT INTO guard_events ("+eventColumns+") VALUES ",
			" ON CONFLICT (id) DO NOTHING", eventColumnCount, n))
		if err != nil {
			return nil, fmt.Errorf("unable to prepare guard event insert: %w", err)
		}
		s.insertEvents = append(s.insertEvents, sizedStmt{n, ev})
		ru, err := writer.PrepareContext(ctx, valuesSQL("INSERT INTO guard_event_rules (event_id, rule) VALUES ",
			" ON CONFLICT DO NOTHING", 2, n))
		if err != nil {
			return nil, fmt.Errorf("unable to prepare guard rule insert: %w", err)
		}
		s.insertRules = append(s.insertRules, sizedStmt{n, ru})
	}
	return s, nil
}

// Record inserts events and their rule index rows in one transaction.
func (s *sqlStore) Record(ctx context.Context, events ...Event) (err error) {
	if len(events) == 0 {
		return nil
	}
	eventArgs, ruleArgs, err := recordArgs(events, s.d)
	if err != nil {
		return err
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("unable to begin audit transaction: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback() // the insert error is the one worth reporting
		}
	}()
	if err = insertChunks(ctx, tx, s.insertEvents, eventColumnCount, eventArgs); err != nil {
		return fmt.Errorf("unable to insert %d guard events: %w", len(events), err)
	}
	if err = insertChunks(ctx, tx, s.insertRules, 2, ruleArgs); err != nil {
		return fmt.Errorf("unable to insert guard event rules: %w", err)
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("unable to commit %d guard events: %w", len(events), err)
	}
	return nil
}

// recordArgs flattens events into bind arguments (eventColumnCount per event) and rule index
// arguments (event_id, rule pairs, one per distinct rule of an event). It fills missing IDs and
// times without touching the caller's slice.
func recordArgs(events []Event, d dialect) (eventArgs, ruleArgs []any, err error) {
	eventArgs = make([]any, 0, len(events)*eventColumnCount)
	now := time.Now()
	for i := range events {
		e := &events[i]
		id, at := e.ID, e.Time
		if id == "" {
			id = NewID()
		}
		if at.IsZero() {
			at = now
		}
		findings, err := json.Marshal(cleanFindings(e.Findings))
		if err != nil {
			return nil, nil, fmt.Errorf("unable to encode findings of event %s: %w", id, err)
		}
		var prompt any // NULL unless the operator chose to keep prompts
		if e.Prompt != "" {
			prompt = cleanText(e.Prompt)
		}
		eventArgs = append(eventArgs, cleanText(id), d.timeArg(normTime(at)), cleanText(e.RequestID),
			cleanText(e.Identity), cleanText(e.Route), cleanText(e.Model), cleanText(e.Upstream),
			cleanText(e.Direction), cleanText(e.Action), e.Flagged, string(findings),
			cleanText(e.PromptHash), prompt, e.Status, e.LatencyMS, e.Stream)
		for _, rule := range Rules(e.Findings) {
			ruleArgs = append(ruleArgs, cleanText(id), cleanText(rule))
		}
	}
	return eventArgs, ruleArgs, nil
}

// seenRule reports whether rule already occurs in earlier findings (findings lists are short).
func seenRule(earlier []Finding, rule string) bool {
	for _, f := range earlier {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

func nonNil(f []Finding) []Finding {
	if f == nil {
		return []Finding{}
	}
	return f
}

// cleanText replaces NUL bytes and invalid UTF-8 with U+FFFD. Text fields carry attacker input
// (identities, excerpts, prompts) and PostgreSQL rejects both; since a batch is all-or-nothing,
// one hostile request would otherwise lose every event stored with it. Both back ends store the
// same cleaned text, so they read back alike.
func cleanText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// cleanFindings returns findings ready for JSON: clean text, and a finite score (encoding/json
// refuses NaN and ±Inf, which would fail the whole batch).
func cleanFindings(in []Finding) []Finding {
	out := make([]Finding, len(in))
	for i, f := range in {
		if math.IsNaN(f.Score) || math.IsInf(f.Score, 0) {
			f.Score = 0
		}
		f.Rule, f.Kind, f.Action, f.Excerpt = cleanText(f.Rule), cleanText(f.Kind), cleanText(f.Action), cleanText(f.Excerpt)
		out[i] = f
	}
	return out
}

// normTime is the stored form of a time: UTC, truncated to the microsecond.
func normTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// insertChunks binds args (cols per row) to the largest prepared statements that fit.
func insertChunks(ctx context.Context, tx *sql.Tx, stmts []sizedStmt, cols int, args []any) error {
	for _, st := range stmts {
		size := st.rows * cols
		if len(args) < size {
			continue
		}
		txStmt := tx.StmtContext(ctx, st.stmt) // closed with the transaction
		for len(args) >= size {
			if _, err := txStmt.ExecContext(ctx, args[:size]...); err != nil {
				return err
			}
			args = args[size:]
		}
	}
	return nil
}

// valuesSQL builds a multi-row INSERT with numbered placeholders, which both drivers bind
// by position.
func valuesSQL(prefix, suffix string, cols, rows int) string {
	var b strings.Builder
	b.Grow(len(prefix) + len(suffix) + rows*cols*5)
	b.WriteString(prefix)
	p := 1
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "$%d", p)
			p++
		}
		b.WriteByte(')')
	}
	b.WriteString(suffix)
	return b.String()
}

// Close closes the store's connection pools.
func (s *sqlStore) Close() error {
	var errs []error
	for _, st := range append(s.insertEvents, s.insertRules...) {
		errs = append(errs, st.stmt.Close())
	}
	if s.reader != s.writer {
		errs = append(errs, s.reader.Close())
	}
	errs = append(errs, s.writer.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("unable to close %s audit store: %w", s.d.name, err)
	}
	return nil
}

var _ Store = (*sqlStore)(nil)
