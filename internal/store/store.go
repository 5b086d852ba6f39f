// Package store is aisec's audit store: it records guard decisions (and, later, other verbs'
// events) in SQLite (the embedded default) or PostgreSQL (shared by several replicas).
//
// Both back ends run the same SQL text with $1 placeholders; only the schema migrations differ
// per dialect. Times are stored in UTC with microsecond precision (PostgreSQL's resolution), so
// an event reads back identically from either database.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ErrUnsupportedURL is returned by Open for a URL whose scheme names no supported database.
var ErrUnsupportedURL = errors.New("unsupported store URL")

// ErrNotSQLite is returned by Open when the SQLite path exists but is not an SQLite database.
var ErrNotSQLite = errors.New("not an SQLite database")

// Finding is one scanner finding as kept in the audit log. Excerpt is already masked by the
// scanner (it never holds the sensitive value itself).
type Finding struct {
	Rule    string  `json:"rule"`
	Kind    string  `json:"kind,omitempty"`
	Score   float64 `json:"score,omitempty"`
	Action  string  `json:"action,omitempty"`
	Excerpt string  `json:"excerpt,omitempty"`
}

// Event is one audited guard decision.
type Event struct {
	// ID is a time-ordered unique id; Record fills it (NewID) when empty. Recording an ID that
	// already exists is a no-op, so retrying a batch is safe.
	ID string `json:"id"`
	// Time is when the decision was made; Record uses the current time when zero. It is stored
	// in UTC, truncated to the microsecond.
	Time       time.Time `json:"time"`
	RequestID  string    `json:"request_id,omitempty"`
	Identity   string    `json:"identity,omitempty"`
	Route      string    `json:"route,omitempty"`
	Model      string    `json:"model,omitempty"`
	Upstream   string    `json:"upstream,omitempty"`
	Direction  string    `json:"direction,omitempty"` // "input" or "output"
	Action     string    `json:"action,omitempty"`    // allow, block, abort, redact, anonymize, log
	Flagged    bool      `json:"flagged"`
	Findings   []Finding `json:"findings,omitempty"`
	PromptHash string    `json:"prompt_hash,omitempty"` // sha256 hex of the prompt
	// Prompt is the raw prompt, kept only when the operator enables it; empty is stored as NULL.
	Prompt    string `json:"prompt,omitempty"`
	Status    int    `json:"status,omitempty"` // HTTP status returned to the client
	LatencyMS int64  `json:"latency_ms,omitempty"`
	Stream    bool   `json:"stream,omitempty"`
}

// Order is the time order of Query results.
type Order string

const (
	// Desc returns the newest events first (the default).
	Desc Order = "desc"
	// Asc returns the oldest events first.
	Asc Order = "asc"
)

// Filter selects events for Query. Zero fields match everything. Time bounds compare against the
// stored (microsecond) times: Since is inclusive, Until exclusive.
type Filter struct {
	Since, Until time.Time
	Identity     string
	Action       string
	Direction    string
	// Rule keeps events with at least one finding of that rule (e.g. "injection").
	Rule string
	// Limit caps the number of events; 0 or less means no limit.
	Limit int
	// Order is Desc (default when empty) or Asc; ties on time are broken by ID.
	Order Order
}

// Store is the audit store. Implementations are safe for concurrent use.
type Store interface {
	// Record inserts the events in one transaction: either all are stored or none.
	Record(ctx context.Context, events ...Event) error
	// Query returns the events matching f.
	Query(ctx context.Context, f Filter) ([]Event, error)
	// Close releases the database; the Store must not be used afterwards.
	Close() error
}

// NewID returns a new time-ordered unique event id (a UUIDv7: its text sorts by creation time,
// monotonic within this process).
func NewID() string {
	// NewV7 fails only when the system's random source fails, which Go treats as fatal anyway.
	return uuid.Must(uuid.NewV7()).String()
}

// Open opens (creating if needed) the audit store at url and applies pending schema migrations.
// Accepted forms: "sqlite://path", "sqlite:///abs/path", "sqlite:path", a plain file path
// (SQLite), and "postgres://…" or "postgresql://…" (PostgreSQL, any libpq URL parameters).
func Open(ctx context.Context, rawURL string) (Store, error) {
	if rawURL == "" {
		return nil, fmt.Errorf("unable to open store: %w: empty URL", ErrUnsupportedURL)
	}
	scheme, rest, hasScheme := strings.Cut(rawURL, "://")
	if !hasScheme {
		if path, ok := strings.CutPrefix(rawURL, "sqlite:"); ok {
			return openSQLite(ctx, path)
		}
		return openSQLite(ctx, rawURL)
	}
	switch strings.ToLower(scheme) {
	case "sqlite", "sqlite3":
		return openSQLite(ctx, rest)
	case "postgres", "postgresql":
		return openPostgres(ctx, rawURL)
	default:
		return nil, fmt.Errorf("unable to open store %s: %w: scheme %q (want sqlite:// or postgres://)",
			redactURL(rawURL), ErrUnsupportedURL, scheme)
	}
}

// redactURL hides a password so errors can be logged safely.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
