package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// base is a fixed instant with nanoseconds, in a non-UTC zone, to exercise normalisation.
var base = time.Date(2026, 11, 22, 10, 30, 0, 123456789, time.FixedZone("CET", 3600))

func fullEvent() Event {
	return Event{
		ID: NewID(), Time: base, RequestID: "req-1", Identity: "team-a", Route: "/v1/chat/completions",
		Model: "gpt-x", Upstream: "openai", Direction: "input", Action: "block", Flagged: true,
		Findings: []Finding{
			{Rule: "injection", Kind: "override", Score: 0.97, Action: "block", Excerpt: "ignore previous instructions"},
			{Rule: "secrets", Kind: "github-pat", Score: 1, Action: "redact", Excerpt: "ghp_…f3a9"},
		},
		PromptHash: strings.Repeat("ab", 32), Prompt: "hello\nworld ✓", Status: 403, LatencyMS: 12, Stream: true,
	}
}

func TestRoundTrip(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		ctx := context.Background()
		full := fullEvent()
		minimal := Event{ID: NewID(), Time: base.Add(time.Second)}
		hostile := Event{ID: NewID(), Time: base.Add(2 * time.Second), Identity: "a\x00b\xff",
			Findings: []Finding{{Rule: "pii", Score: math.NaN(), Excerpt: "x\x00y"}}}
		if err := s.Record(ctx, full, minimal, hostile); err != nil {
			t.Fatal(err)
		}
		got, err := s.Query(ctx, Filter{Order: Asc})
		if err != nil {
			t.Fatal(err)
		}
		wantFull := full
		wantFull.Time = time.Date(2026, 11, 22, 9, 30, 0, 123456000, time.UTC)
		wantMin := minimal
		wantMin.Time = wantFull.Time.Add(time.Second)
		wantHostile := hostile
		wantHostile.Time = wantFull.Time.Add(2 * time.Second)
		wantHostile.Identity = "a\uFFFDb\uFFFD"
		wantHostile.Findings = []Finding{{Rule: "pii", Excerpt: "x\uFFFDy"}}
		want := []Event{wantFull, wantMin, wantHostile}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round trip mismatch:\n got %+v\nwant %+v", got, want)
		}
		for _, e := range got {
			if e.Time.Location() != time.UTC {
				t.Errorf("time %v not in UTC", e.Time)
			}
		}
	})
}

func TestRecordFillsIDAndTime(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		ctx := context.Background()
		before := time.Now().Add(-time.Second)
		if err := s.Record(ctx, Event{Action: "allow"}, Event{Action: "allow"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Query(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID == "" || got[0].ID == got[1].ID {
			t.Fatalf("want 2 events with distinct ids, got %+v", got)
		}
		for _, e := range got {
			if e.Time.Before(before) || e.Time.After(time.Now().Add(time.Second)) {
				t.Errorf("filled time %v is not now", e.Time)
			}
		}
		// Re-recording the same ID is a no-op, so a retried batch does not fail or duplicate.
		if err := s.Record(ctx, got[0]); err != nil {
			t.Fatalf("re-record: %v", err)
		}
		if again, _ := s.Query(ctx, Filter{}); len(again) != 2 {
			t.Fatalf("re-record duplicated: %d events", len(again))
		}
	})
}

// dataset is six events one minute apart, named e0..e5 by ID.
func dataset() []Event {
	mk := func(i int, identity, dir, action string, rules ...string) Event {
		e := Event{ID: fmt.Sprintf("e%d", i), Time: base.Add(time.Duration(i) * time.Minute),
			Identity: identity, Direction: dir, Action: action, Flagged: len(rules) > 0}
		for _, r := range rules {
			e.Findings = append(e.Findings, Finding{Rule: r, Excerpt: r + " hit"})
		}
		return e
	}
	return []Event{
		mk(0, "alice", "input", "allow"),
		mk(1, "alice", "input", "block", "injection"),
		mk(2, "bob", "output", "redact", "secrets", "pii", "secrets"),
		mk(3, "bob", "input", "log", "injection", "pii"),
		mk(4, "carol", "output", "allow"),
		mk(5, "alice", "output", "abort", "links"),
	}
}

func TestQueryFilters(t *testing.T) {
	at := func(i int) time.Time { return base.Add(time.Duration(i) * time.Minute) }
	cases := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all newest first", Filter{}, []string{"e5", "e4", "e3", "e2", "e1", "e0"}},
		{"asc", Filter{Order: Asc}, []string{"e0", "e1", "e2", "e3", "e4", "e5"}},
		{"limit desc", Filter{Limit: 2}, []string{"e5", "e4"}},
		{"limit asc", Filter{Limit: 2, Order: Asc}, []string{"e0", "e1"}},
		{"since inclusive", Filter{Since: at(4)}, []string{"e5", "e4"}},
		{"until exclusive", Filter{Until: at(2), Order: Asc}, []string{"e0", "e1"}},
		{"window", Filter{Since: at(1), Until: at(3), Order: Asc}, []string{"e1", "e2"}},
		{"identity", Filter{Identity: "alice", Order: Asc}, []string{"e0", "e1", "e5"}},
		{"action", Filter{Action: "allow", Order: Asc}, []string{"e0", "e4"}},
		{"direction", Filter{Direction: "output", Order: Asc}, []string{"e2", "e4", "e5"}},
		{"rule", Filter{Rule: "pii", Order: Asc}, []string{"e2", "e3"}},
		{"rule injection", Filter{Rule: "injection"}, []string{"e3", "e1"}},
		{"rule and identity", Filter{Rule: "injection", Identity: "bob"}, []string{"e3"}},
		{"rule prefix does not match", Filter{Rule: "secret"}, nil},
		{"no match", Filter{Identity: "mallory"}, nil},
		{"combined", Filter{Identity: "alice", Direction: "output", Since: at(1)}, []string{"e5"}},
	}
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		ctx := context.Background()
		if err := s.Record(ctx, dataset()...); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			got, err := s.Query(ctx, c.f)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var ids []string
			for _, e := range got {
				ids = append(ids, e.ID)
			}
			if !reflect.DeepEqual(ids, c.want) {
				t.Errorf("%s: got %v, want %v", c.name, ids, c.want)
			}
		}
		if _, err := s.Query(ctx, Filter{Order: "sideways"}); err == nil {
			t.Error("invalid order accepted")
		}
	})
}

func TestLargeBatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		ctx := context.Background()
		events := make([]Event, 3*64+8+7) // every prepared statement size, several times
		for i := range events {
			events[i] = fullEvent()
		}
		if err := s.Record(ctx, events...); err != nil {
			t.Fatal(err)
		}
		got, err := s.Query(ctx, Filter{Rule: "secrets"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(events) {
			t.Fatalf("stored %d events, want %d", len(got), len(events))
		}
	})
}

func TestConcurrentRecord(t *testing.T) {
	const workers, rounds = 8, 25
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for range workers {
			wg.Go(func() {
				for range rounds {
					if err := s.Record(ctx, fullEvent(), fullEvent()); err != nil {
						errs <- err
						return
					}
					if _, err := s.Query(ctx, Filter{Limit: 5}); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		got, err := s.Query(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != workers*rounds*2 {
			t.Fatalf("stored %d events, want %d", len(got), workers*rounds*2)
		}
	})
}

func TestReopen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		u := b.newURL(t)
		for i := range 3 {
			s, err := Open(ctx, u)
			if err != nil {
				t.Fatalf("open #%d: %v", i, err)
			}
			if err := s.Record(ctx, fullEvent()); err != nil {
				t.Fatal(err)
			}
			got, err := s.Query(ctx, Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != i+1 {
				t.Fatalf("open #%d sees %d events, want %d", i, len(got), i+1)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestConcurrentOpen(t *testing.T) {
	forEachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		u := b.newURL(t)
		var wg sync.WaitGroup
		stores := make([]Store, 4)
		errs := make([]error, len(stores))
		for i := range stores {
			wg.Go(func() { stores[i], errs[i] = Open(ctx, u) })
		}
		wg.Wait()
		for i, s := range stores {
			if errs[i] != nil {
				t.Fatalf("open #%d: %v", i, errs[i])
			}
			if err := s.Record(ctx, fullEvent()); err != nil {
				t.Fatalf("record via #%d: %v", i, err)
			}
		}
		for _, s := range stores {
			_ = s.Close()
		}
	})
}

func TestOpenGarbageFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "garbage.db")
	junk := []byte(strings.Repeat("this is definitely not an SQLite database file\n", 200))
	if err := os.WriteFile(path, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrNotSQLite) || !strings.Contains(err.Error(), path) {
		t.Fatalf("want ErrNotSQLite naming %s, got %v", path, err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(junk) {
		t.Fatal("Open modified the garbage file")
	}
}

func TestOpenURLForms(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cases := []struct{ url, file string }{
		{"sqlite://rel.db", filepath.Join(dir, "rel.db")},
		{"sqlite:///" + strings.TrimPrefix(filepath.Join(dir, "abs.db"), "/"), filepath.Join(dir, "abs.db")},
		{"sqlite:colon.db", filepath.Join(dir, "colon.db")},
		{filepath.Join(dir, "sub", "dir", "plain.db"), filepath.Join(dir, "sub", "dir", "plain.db")},
		{"odd ?#% name.db", filepath.Join(dir, "odd ?#% name.db")},
	}
	for _, c := range cases {
		s, err := Open(context.Background(), c.url)
		if err != nil {
			t.Fatalf("Open(%q): %v", c.url, err)
		}
		_ = s.Close()
		info, err := os.Stat(c.file)
		if err != nil {
			t.Fatalf("Open(%q) did not create %s: %v", c.url, c.file, err)
		}
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("%s has mode %o, want 600", c.file, perm)
		}
	}
}

func TestOpenUnsupported(t *testing.T) {
	for _, u := range []string{"", "mysql://u:secret@db/x", "redis://127.0.0.1:6379/0", ":memory:", "sqlite://"} {
		_, err := Open(context.Background(), u)
		if !errors.Is(err, ErrUnsupportedURL) {
			t.Errorf("Open(%q): want ErrUnsupportedURL, got %v", u, err)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("Open(%q) leaks the password: %v", u, err)
		}
	}
}

func TestOpenPostgresUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://u:secret@127.0.0.1:1/x?sslmode=disable&connect_timeout=2")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("want a connection error without the password, got %v", err)
	}
}
