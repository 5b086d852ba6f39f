package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Query returns the events matching f, ordered by time (then ID).
func (s *sqlStore) Query(ctx context.Context, f Filter) ([]Event, error) {
	query, args, err := buildQuery(f, s.d)
	if err != nil {
		return nil, err
	}
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("unable to query guard events: %w", err)
	}
	defer func() { _ = rows.Close() }() // rows.Err below reports what matters
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unable to read guard events: %w", err)
	}
	return out, nil
}

// buildQuery renders f as one SELECT whose text is valid for both dialects.
func buildQuery(f Filter, d dialect) (string, []any, error) {
	var order string
	switch f.Order {
	case "", Desc:
		order = "DESC"
	case Asc:
		order = "ASC"
	default:
		return "", nil, fmt.Errorf("unable to query guard events: order %q (want asc or desc)", f.Order)
	}
	var where []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if !f.Since.IsZero() {
		add("time >= ?", d.timeArg(normTime(f.Since)))
	}
	if !f.Until.IsZero() {
		add("time < ?", d.timeArg(normTime(f.Until)))
	}
	if f.Identity != "" {
		add("identity = ?", cleanText(f.Identity))
	}
	if f.Action != "" {
		add("action = ?", cleanText(f.Action))
	}
	if f.Direction != "" {
		add("direction = ?", cleanText(f.Direction))
	}
	if f.Rule != "" {
		add("EXISTS (SELECT 1 FROM guard_event_rules r WHERE r.event_id = guard_events.id AND r.rule = ?)", cleanText(f.Rule))
	}
	var b strings.Builder
	b.WriteString("SELECT " + eventColumns + " FROM guard_events")
	if len(where) > 0 {
		b.WriteString(" WHERE " + strings.Join(where, " AND "))
	}
	b.WriteString(" ORDER BY time " + order + ", id " + order)
	if f.Limit > 0 {
		args = append(args, f.Limit)
		b.WriteString(" LIMIT $" + strconv.Itoa(len(args)))
	}
	return b.String(), args, nil
}

// scanEvent reads one row in eventColumns order.
func scanEvent(rows *sql.Rows) (Event, error) {
	var (
		e        Event
		at       dbTime
		findings string
		prompt   sql.NullString
	)
	err := rows.Scan(&e.ID, &at, &e.RequestID, &e.Identity, &e.Route, &e.Model, &e.Upstream,
		&e.Direction, &e.Action, &e.Flagged, &findings, &e.PromptHash, &prompt, &e.Status,
		&e.LatencyMS, &e.Stream)
	if err != nil {
		return Event{}, fmt.Errorf("unable to scan guard event: %w", err)
	}
	e.Time, e.Prompt = at.t, prompt.String
	if err := json.Unmarshal([]byte(findings), &e.Findings); err != nil {
		return Event{}, fmt.Errorf("unable to decode findings of guard event %s: %w", e.ID, err)
	}
	if len(e.Findings) == 0 {
		e.Findings = nil // "[]" and a missing list mean the same; keep one form
	}
	return e, nil
}

// dbTime scans either stored time representation: SQLite's INTEGER unix microseconds or
// PostgreSQL's timestamptz.
type dbTime struct{ t time.Time }

// Scan implements sql.Scanner.
func (d *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		d.t = time.UnixMicro(v).UTC()
	case time.Time:
		d.t = v.UTC()
	default:
		return fmt.Errorf("unexpected stored time type %T", src)
	}
	return nil
}

var _ sql.Scanner = (*dbTime)(nil)
