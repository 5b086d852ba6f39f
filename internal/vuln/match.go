package vuln

import (
	"slices"
	"strings"
)

// queryVersion is a queried version with its parses cached per scheme.
type queryVersion struct {
	eco    string
	raw    string
	parsed map[scheme]version // nil entry: does not parse in that scheme
}

func newQueryVersion(eco, v string) *queryVersion {
	return &queryVersion{eco: eco, raw: strings.TrimSpace(v), parsed: make(map[scheme]version, 2)}
}

func (q *queryVersion) in(s scheme) version {
	if pv, ok := q.parsed[s]; ok {
		return pv
	}
	pv, err := s.parse(q.raw)
	if err != nil {
		pv = nil
	}
	q.parsed[s] = pv
	return pv
}

// affects reports whether the queried version is listed in versions[] or inside a range.
func (e *affected) affects(q *queryVersion) bool {
	if len(e.versions) > 0 {
		if _, ok := slices.BinarySearch(e.versions, q.raw); ok {
			return true
		}
		if s := ecosystemScheme(e.eco); s != nil {
			if pv := q.in(s); pv != nil {
				if _, ok := slices.BinarySearch(e.versions, "\x00"+pv.key()); ok {
					return true
				}
			}
		}
	}
	for _, r := range e.ranges {
		s := rangeScheme(e.eco, r.typ)
		if s == nil {
			continue
		}
		if v := q.in(s); v != nil && inRange(s, v, r.events) {
			return true
		}
	}
	return false
}

// parsedEvent is an event whose version parsed; zero marks introduced "0" (before everything).
type parsedEvent struct {
	kind int
	v    version
	zero bool
}

// inRange evaluates one range per the OSV specification: v must sort below some limit (an
// implicit "*" when there is none); then the events, sorted by version, are replayed —
// introduced opens, fixed (exclusive) and last_affected (inclusive) close. Events whose version
// does not parse are ignored.
func inRange(s scheme, v version, events []event) bool {
	evs := make([]parsedEvent, 0, len(events))
	limited, belowLimit := false, false
	for _, ev := range events {
		if ev.kind == evIntroduced && ev.v == "0" {
			evs = append(evs, parsedEvent{kind: ev.kind, zero: true})
			continue
		}
		if ev.kind == evLimit && strings.Contains(ev.v, "*") {
			limited, belowLimit = true, true
			continue
		}
		pv, err := s.parse(ev.v)
		if err != nil {
			continue
		}
		if ev.kind == evLimit {
			limited = true
			belowLimit = belowLimit || v.cmp(pv) < 0
			continue
		}
		evs = append(evs, parsedEvent{kind: ev.kind, v: pv})
	}
	if limited && !belowLimit {
		return false
	}
	slices.SortStableFunc(evs, cmpEvents)
	vulnerable := false
	for _, ev := range evs {
		switch ev.kind {
		case evIntroduced:
			if ev.zero || v.cmp(ev.v) >= 0 {
				vulnerable = true
			}
		case evFixed:
			if v.cmp(ev.v) >= 0 {
				vulnerable = false
			}
		case evLastAffected:
			if v.cmp(ev.v) > 0 {
				vulnerable = false
			}
		}
	}
	return vulnerable
}

// cmpEvents sorts events by version, introduced "0" first; at equal versions introduced comes
// first, so an equal fixed closes it.
func cmpEvents(a, b parsedEvent) int {
	switch {
	case a.zero && b.zero:
		return 0
	case a.zero:
		return -1
	case b.zero:
		return 1
	}
	if c := a.v.cmp(b.v); c != 0 {
		return c
	}
	return a.kind - b.kind
}
