package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// benchEvent is a typical flagged decision: two findings, a prompt hash, no stored prompt.
func benchEvent() Event {
	e := fullEvent()
	e.ID, e.Time, e.Prompt = "", time.Time{}, ""
	return e
}

// benchWriter measures sustained Writer throughput: producers retry on a full queue, so the
// figure is what the database side absorbs, not how fast events can be dropped.
func benchWriter(b *testing.B, s Store) {
	w := NewWriter(s, WriterOptions{})
	e := benchEvent()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		for !w.Write(e) {
			time.Sleep(100 * time.Microsecond)
		}
	}
	if err := w.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
	if w.Written() != uint64(b.N) {
		b.Fatalf("written %d of %d", w.Written(), b.N)
	}
}

func BenchmarkWriterSQLite(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchWriter(b, s)
}

func BenchmarkWriterPostgres(b *testing.B) {
	s, err := Open(context.Background(), newPostgresSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	benchWriter(b, s)
}

// BenchmarkQuerySQLite is `aisec guard events` reading the newest 100 of 10,000 events of one rule.
func BenchmarkQuerySQLite(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	batch := make([]Event, 1000)
	for range 10 {
		for i := range batch {
			batch[i] = benchEvent()
		}
		if err := s.Record(ctx, batch...); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		got, err := s.Query(ctx, Filter{Rule: "secrets", Limit: 100})
		if err != nil || len(got) != 100 {
			b.Fatalf("got %d, %v", len(got), err)
		}
	}
}
