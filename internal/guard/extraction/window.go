package extraction

import "math"

// Event flags.
const (
	flagLogprobs uint8 = 1 << iota
	flagTopLogprobs
	flagMulti
	flagProbe
	flagBlocked
)

// tempBuckets covers temperatures 0 to 2 in steps of 0.05.
const tempBuckets = 41

// event is what the window remembers of one request: no text, only a 32-bit hash of it.
type event struct {
	at     int64 // Unix nanoseconds
	prompt uint32
	tokens uint32
	temp   uint8
	flags  uint8
}

// window is one identity's sliding window: a ring of events plus running aggregates kept in
// step with it, so that scoring costs the same whatever the window holds.
type window struct {
	events []event // ring; grows by doubling up to the cap
	head   int     // oldest event
	n      int

	tokens                                         int64
	logprobs, topLogprobs, multi, probes, blockedN int
	temps                                          [tempBuckets]uint16
	distinctTemps                                  int
	prompts                                        map[uint32]uint16 // prompt hash -> occurrences
}

// expire drops events at or before cutoff.
func (w *window) expire(cutoff int64) {
	for w.n > 0 && w.events[w.head].at <= cutoff {
		w.drop()
	}
}

// add appends e, forgetting the oldest event when the ring is at maxEvents.
func (w *window) add(e event, maxEvents int) {
	if w.n == maxEvents {
		w.drop()
	}
	if w.n == len(w.events) {
		w.grow(maxEvents)
	}
	w.events[(w.head+w.n)%len(w.events)] = e
	w.n++
	w.count(e, 1)
}

func (w *window) drop() {
	e := w.events[w.head]
	w.head = (w.head + 1) % len(w.events)
	w.n--
	w.count(e, -1)
}

// grow doubles the ring (at least 16, at most maxEvents), unrolling it so head is 0.
func (w *window) grow(maxEvents int) {
	size := min(max(2*len(w.events), 16), maxEvents)
	next := make([]event, size)
	for i := range w.n {
		next[i] = w.events[(w.head+i)%len(w.events)]
	}
	w.events, w.head = next, 0
}

// count adds (d = 1) or removes (d = -1) e from the aggregates.
func (w *window) count(e event, d int) {
	w.tokens += int64(d) * int64(e.tokens)
	bit := func(f uint8, c *int) {
		if e.flags&f != 0 {
			*c += d
		}
	}
	bit(flagLogprobs, &w.logprobs)
	bit(flagTopLogprobs, &w.topLogprobs)
	bit(flagMulti, &w.multi)
	bit(flagProbe, &w.probes)
	bit(flagBlocked, &w.blockedN)

	t := &w.temps[e.temp]
	if d > 0 {
		if *t == 0 {
			w.distinctTemps++
		}
		*t++
	} else {
		*t--
		if *t == 0 {
			w.distinctTemps--
		}
	}

	if w.prompts == nil {
		w.prompts = make(map[uint32]uint16)
	}
	if d > 0 {
		w.prompts[e.prompt]++
	} else if c := w.prompts[e.prompt]; c <= 1 {
		delete(w.prompts, e.prompt)
	} else {
		w.prompts[e.prompt] = c - 1
	}
}

// tempBucket maps a temperature to its 0.05-wide bucket, clamping to [0, 2].
func tempBucket(t float64) uint8 {
	if !(t > 0) { // also NaN
		return 0
	}
	if t >= 2 {
		return tempBuckets - 1
	}
	return uint8(math.Round(t * 20))
}
