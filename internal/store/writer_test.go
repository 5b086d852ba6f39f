package store

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestWriterFlushOnClose(t *testing.T) {
	const producers, each = 4, 300
	forEachBackend(t, func(t *testing.T, b backend) {
		s, _ := openFresh(t, b)
		// A long interval and a large batch: only Close can have written the tail.
		w := NewWriter(s, WriterOptions{Queue: producers * each, Batch: 500, FlushInterval: time.Hour})
		var wg sync.WaitGroup
		for range producers {
			wg.Go(func() {
				for range each {
					if !w.Write(Event{Action: "allow", Identity: "w"}) {
						t.Error("Write dropped with room in the queue")
					}
				}
			})
		}
		wg.Wait()
		if err := w.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		got, err := s.Query(context.Background(), Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != producers*each || w.Written() != producers*each || w.Dropped() != 0 || w.Failed() != 0 {
			t.Fatalf("stored %d (written %d, dropped %d, failed %d), want %d",
				len(got), w.Written(), w.Dropped(), w.Failed(), producers*each)
		}
		if w.Write(Event{}) || w.Dropped() != 1 {
			t.Fatal("Write after Close must drop and count")
		}
		if err := w.Close(context.Background()); err != nil {
			t.Fatalf("second Close: %v", err)
		}
	})
}

func TestWriterFlushInterval(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := NewWriter(s, WriterOptions{FlushInterval: 20 * time.Millisecond})
	defer w.Close(context.Background())
	w.Write(Event{Action: "log"})
	deadline := time.Now().Add(5 * time.Second)
	for w.Written() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got, _ := s.Query(context.Background(), Filter{}); len(got) != 1 {
		t.Fatalf("partial batch not flushed by the interval: %d events", len(got))
	}
}

// gateStore blocks Record until released (or its ctx ends), to fill the Writer's queue.
type gateStore struct {
	entered chan struct{} // receives once per Record call
	release chan struct{}
	mu      sync.Mutex
	stored  int
}

func newGateStore() *gateStore {
	return &gateStore{entered: make(chan struct{}, 100), release: make(chan struct{})}
}

func (g *gateStore) Record(ctx context.Context, events ...Event) error {
	g.entered <- struct{}{}
	select {
	case <-g.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	g.mu.Lock()
	g.stored += len(events)
	g.mu.Unlock()
	return nil
}

func (g *gateStore) Query(context.Context, Filter) ([]Event, error) { return nil, nil }
func (g *gateStore) Close() error                                   { return nil }

var _ Store = (*gateStore)(nil)

func TestWriterDropsWhenFull(t *testing.T) {
	const queue = 3
	g := newGateStore()
	w := NewWriter(g, WriterOptions{Queue: queue, Batch: 1})
	w.Write(Event{}) // taken by the loop, which then blocks in Record
	<-g.entered
	for i := range queue {
		if !w.Write(Event{}) {
			t.Fatalf("write %d refused with room in the queue", i)
		}
	}
	for range 5 {
		if w.Write(Event{}) {
			t.Fatal("write accepted into a full queue")
		}
	}
	if w.Dropped() != 5 {
		t.Fatalf("Dropped = %d, want 5", w.Dropped())
	}
	close(g.release)
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if g.stored != 1+queue || w.Written() != 1+queue {
		t.Fatalf("stored %d (Written %d), want %d", g.stored, w.Written(), 1+queue)
	}
}

func TestWriterCloseDeadline(t *testing.T) {
	g := newGateStore() // never released: the database hangs
	w := NewWriter(g, WriterOptions{Batch: 2})
	for range 5 {
		w.Write(Event{})
	}
	<-g.entered
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := w.Close(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want DeadlineExceeded, got %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("Close hung past its deadline")
	}
	if w.Failed() != 5 || w.Written() != 0 {
		t.Fatalf("Failed = %d, Written = %d; want 5, 0", w.Failed(), w.Written())
	}
}

// failStore always fails, like an unreachable database.
type failStore struct{}

func (failStore) Record(context.Context, ...Event) error         { return errors.New("database is down") }
func (failStore) Query(context.Context, Filter) ([]Event, error) { return nil, nil }
func (failStore) Close() error                                   { return nil }

var _ Store = failStore{}

func TestWriterReportsFailedFlush(t *testing.T) {
	w := NewWriter(failStore{}, WriterOptions{})
	w.Write(Event{})
	w.Write(Event{})
	if err := w.Close(context.Background()); err == nil {
		t.Fatal("Close hid the failed final flush")
	}
	if w.Failed() != 2 {
		t.Fatalf("Failed = %d, want 2", w.Failed())
	}
}
