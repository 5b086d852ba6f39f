package cli

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/aisecops/aisec/internal/store"
)

type guardEventsOptions struct {
	db        string
	since     time.Duration
	identity  string
	action    string
	rule      string
	direction string
	limit     int
	format    string
}

func (e *env) guardEventsCommand() *cobra.Command {
	var o guardEventsOptions
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List and export the guard's audit log",
		Long: `List the decisions the guard recorded (newest first), filtered by time, identity, action, rule or
direction, as a table or exported as JSON lines or CSV. Prompt text is only present when the proxy
was configured with audit.store_prompts: true; otherwise events carry hashes and redacted excerpts.`,
		Example: `  # What was blocked in the last hour?
  aisec guard events --since 1h --action block

  # Everything one client did, as JSON lines, from the shared PostgreSQL audit store
  aisec guard events --db postgres://guard@db/aisec --identity team-a -f jsonl > team-a.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.runGuardEvents(cmd, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.db, "db", "sqlite://aisec-guard.db", "audit store: sqlite://PATH, a file path, or postgres://…")
	f.DurationVar(&o.since, "since", 0, "only events newer than this (e.g. 1h, 30m); 0 means all")
	f.StringVar(&o.identity, "identity", "", "only this client identity")
	f.StringVar(&o.action, "action", "", "only this action (allow, log, redact, anonymize, block, abort)")
	f.StringVar(&o.rule, "rule", "", "only events where this rule fired (e.g. injection, pii)")
	f.StringVar(&o.direction, "direction", "", "only input or output decisions")
	f.IntVar(&o.limit, "limit", 100, "at most this many events; 0 means all")
	f.StringVarP(&o.format, "format", "f", "table", "table, jsonl or csv")
	return cmd
}

// sqlitePath returns the file of a SQLite store URL, so that listing events never creates an
// empty database as a side effect.
func sqlitePath(db string) (string, bool) {
	if rest, ok := strings.CutPrefix(db, "sqlite://"); ok {
		return rest, rest != ""
	}
	if rest, ok := strings.CutPrefix(db, "sqlite:"); ok {
		return rest, rest != ""
	}
	return db, db != "" && !strings.Contains(db, "://")
}

func (e *env) runGuardEvents(cmd *cobra.Command, o guardEventsOptions) error {
	write, ok := map[string]func([]store.Event) error{
		"table": func(ev []store.Event) error { return store.WriteTable(e.stdout, ev) },
		"jsonl": func(ev []store.Event) error { return store.WriteJSONL(e.stdout, ev) },
		"csv":   func(ev []store.Event) error { return store.WriteCSV(e.stdout, ev) },
	}[o.format]
	if !ok {
		return usageError("--format %q: want table, jsonl or csv", o.format)
	}
	if path, ok := sqlitePath(o.db); ok {
		if _, err := os.Stat(path); err != nil {
			return usageError("no audit store at %s (guard serve writes one; point --db at it)", path)
		}
	}
	st, err := store.Open(cmd.Context(), o.db)
	if err != nil {
		return fmt.Errorf("unable to open the audit store: %w", err)
	}
	defer st.Close()
	f := store.Filter{Identity: o.identity, Action: o.action, Rule: o.rule, Direction: o.direction, Limit: o.limit}
	if o.since > 0 {
		f.Since = time.Now().Add(-o.since)
	}
	events, err := st.Query(cmd.Context(), f)
	if err != nil {
		return err
	}
	return write(events)
}
