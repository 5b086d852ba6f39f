package store

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// WriterOptions configures a Writer; the zero value gives the defaults noted per field.
type WriterOptions struct {
	// Queue is how many events may wait to be written before Write starts dropping (8192).
	Queue int `yaml:"queue"`
	// Batch is the most events stored per transaction (256).
	Batch int `yaml:"batch"`
	// FlushInterval is the longest an event waits in a partial batch (500ms).
	FlushInterval time.Duration `yaml:"flush_interval"`
	// Timeout bounds one batch's Record call (30s).
	Timeout time.Duration `yaml:"timeout"`
	// Logger receives batch failures; nil keeps the Writer silent (the counters still count).
	Logger *slog.Logger `yaml:"-"`
}

func (o WriterOptions) withDefaults() WriterOptions {
	if o.Queue <= 0 {
		o.Queue = 8192
	}
	if o.Batch <= 0 {
		o.Batch = 256
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = 500 * time.Millisecond
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return o
}

// Writer records events asynchronously in batches so that auditing never blocks the request
// path: when the queue is full, Write drops the event and counts it. Close flushes the queue.
// The Writer does not own the Store; close the Store after the Writer.
type Writer struct {
	store Store
	opts  WriterOptions
	queue chan Event

	// mu makes "closed" and the enqueue atomic, so once Close holds it no Write can slip an
	// event into the queue after the final drain.
	mu     sync.RWMutex
	closed bool

	stop   chan struct{} // closed by Close: drain and exit
	done   chan struct{} // closed when the loop has exited
	ctx    context.Context
	cancel context.CancelFunc // aborts in-flight batches when Close's deadline passes

	dropped, failed, written atomic.Uint64
	drainErr                 error // first batch error during the final drain; read after done
}

// NewWriter starts a Writer over s.
func NewWriter(s Store, opts WriterOptions) *Writer {
	opts = opts.withDefaults()
	ctx, cancel := context.WithCancel(context.Background())
	w := &Writer{
		store: s, opts: opts, queue: make(chan Event, opts.Queue),
		stop: make(chan struct{}), done: make(chan struct{}), ctx: ctx, cancel: cancel,
	}
	go w.run()
	return w
}

// Write queues e without blocking and reports whether it was accepted. It stamps a missing ID
// and Time now, so the stored time is the decision's, not the flush's. A full queue or a closed
// Writer drops the event and counts it (Dropped).
func (w *Writer) Write(e Event) bool {
	if e.ID == "" {
		e.ID = NewID()
	}
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	if !w.closed {
		select {
		case w.queue <- e:
			return true
		default:
		}
	}
	w.dropped.Add(1)
	return false
}

// Dropped is the number of events Write refused (queue full or Writer closed).
func (w *Writer) Dropped() uint64 { return w.dropped.Load() }

// Failed is the number of accepted events lost because their batch could not be stored.
func (w *Writer) Failed() uint64 { return w.failed.Load() }

// Written is the number of events stored.
func (w *Writer) Written() uint64 { return w.written.Load() }

// Close stops accepting events and writes everything queued. If ctx ends first, the in-flight
// batch is aborted, the rest counts as Failed, and ctx's error is returned. Close returns the
// first error of the final flush, if any; calling it again returns nil.
func (w *Writer) Close(ctx context.Context) error {
	w.mu.Lock()
	first := !w.closed
	w.closed = true
	w.mu.Unlock()
	if !first {
		<-w.done
		return nil
	}
	close(w.stop)
	select {
	case <-w.done:
		w.cancel()
	case <-ctx.Done():
		w.cancel()
		<-w.done // cancelled batches return promptly
		return fmt.Errorf("unable to flush audit events before shutdown (%d lost): %w", w.Failed(), ctx.Err())
	}
	if w.drainErr != nil {
		return fmt.Errorf("unable to flush audit events on close: %w", w.drainErr)
	}
	return nil
}

// run is the single consumer: it batches queued events by size and age.
func (w *Writer) run() {
	defer close(w.done)
	ticker := time.NewTicker(w.opts.FlushInterval)
	defer ticker.Stop()
	batch := make([]Event, 0, w.opts.Batch)
	for {
		select {
		case e := <-w.queue:
			if batch = append(batch, e); len(batch) >= w.opts.Batch {
				batch, _ = w.flush(batch)
			}
		case <-ticker.C:
			batch, _ = w.flush(batch)
		case <-w.stop:
			w.drain(batch)
			return
		}
	}
}

// drain writes batch and whatever is left in the queue. Write can no longer enqueue, so an
// empty queue stays empty.
func (w *Writer) drain(batch []Event) {
	var err error
	for {
		select {
		case e := <-w.queue:
			if batch = append(batch, e); len(batch) < w.opts.Batch {
				continue
			}
		default:
			_, err = w.flush(batch)
			w.keepFirst(err)
			return
		}
		batch, err = w.flush(batch)
		w.keepFirst(err)
	}
}

func (w *Writer) keepFirst(err error) {
	if w.drainErr == nil {
		w.drainErr = err
	}
}

// flush stores batch and returns it emptied for reuse.
func (w *Writer) flush(batch []Event) ([]Event, error) {
	if len(batch) == 0 {
		return batch, nil
	}
	ctx, cancel := context.WithTimeout(w.ctx, w.opts.Timeout)
	err := w.store.Record(ctx, batch...)
	cancel()
	if err != nil {
		w.failed.Add(uint64(len(batch)))
		if w.opts.Logger != nil {
			w.opts.Logger.Error("audit batch lost", "events", len(batch), "err", err)
		}
	} else {
		w.written.Add(uint64(len(batch)))
	}
	clear(batch) // drop references to prompts early
	return batch[:0], err
}
