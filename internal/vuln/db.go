package vuln

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/aisecops/aisec/internal/limits"
)

// DB is an offline OSV database indexed by (ecosystem, normalised package name). It is
// immutable once built and safe for concurrent use.
type DB struct {
	index     map[string][]*affected
	loaded    int
	skipped   int
	withdrawn int
}

// Loaded returns the number of advisories indexed (after de-duplication by ID, withdrawn ones
// excluded).
func (db *DB) Loaded() int { return db.loaded }

// Skipped returns the number of advisories skipped: malformed JSON, invalid IDs, or larger than
// Options.MaxAdvisoryBytes.
func (db *DB) Skipped() int { return db.skipped }

// Withdrawn returns the number of advisories left out because they are withdrawn.
func (db *DB) Withdrawn() int { return db.withdrawn }

func indexKey(eco, name string) string { return eco + "\x00" + name }

// builder collects advisories (from any number of goroutines) and builds a DB.
type builder struct {
	max     int
	mu      sync.Mutex
	advs    map[string]*advisory
	intern  map[string]string
	parsed  int
	skipped int
}

func newBuilder(maxAdvisories int) *builder {
	return &builder{max: maxAdvisories, advs: make(map[string]*advisory), intern: make(map[string]string)}
}

// skip counts one advisory that was not read (too large, unreadable member).
func (b *builder) skip() {
	b.mu.Lock()
	b.skipped++
	b.mu.Unlock()
}

// add parses one advisory document. A malformed one is counted, never an error; the only
// error is exceeding the advisory budget.
func (b *builder) add(data []byte) error {
	a, err := parseAdvisory(data)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.parsed++
	if b.parsed > b.max {
		return limits.Exceeded("advisories", int64(b.max))
	}
	if err != nil {
		b.skipped++
		return nil
	}
	if old, ok := b.advs[a.id]; ok && old.modified > a.modified {
		return nil // keep the newest copy of a duplicated ID
	}
	b.internAdvisory(a)
	b.advs[a.id] = a
	return nil
}

// internAdvisory shares the strings that repeat across advisories (ecosystems, names,
// versions) so a large dump costs less memory. Callers hold b.mu.
func (b *builder) internAdvisory(a *advisory) {
	for i := range a.affected {
		e := &a.affected[i]
		e.eco, e.name = b.str(e.eco), b.str(e.name)
		for j := range e.versions {
			e.versions[j] = b.str(e.versions[j])
		}
		for j := range e.ranges {
			for k := range e.ranges[j].events {
				e.ranges[j].events[k].v = b.str(e.ranges[j].events[k].v)
			}
		}
	}
}

func (b *builder) str(s string) string {
	if v, ok := b.intern[s]; ok {
		return v
	}
	b.intern[s] = s
	return s
}

// build indexes the advisories collected; the builder must not be used afterwards.
func (b *builder) build() *DB {
	db := &DB{index: make(map[string][]*affected), skipped: b.skipped}
	for _, a := range b.advs {
		if a.withdrawn {
			db.withdrawn++
			continue
		}
		db.loaded++
		a.modified = ""
		for i := range a.affected {
			e := &a.affected[i]
			k := indexKey(e.eco, e.name)
			db.index[k] = append(db.index[k], e)
		}
	}
	b.advs, b.intern = nil, nil
	return db
}

// Match returns, for each query, the advisories affecting it, sorted by ID. It fails only when
// ctx is done.
func (db *DB) Match(ctx context.Context, qs []Query) ([][]Advisory, error) {
	out := make([][]Advisory, len(qs))
	for i, q := range qs {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("unable to match advisories: %w", err)
			}
		}
		out[i] = db.matchOne(q)
	}
	return out, nil
}

func (db *DB) matchOne(q Query) []Advisory {
	eco := CanonicalEcosystem(q.Ecosystem)
	entries := db.index[indexKey(eco, NormalizeName(eco, q.Name))]
	qv := newQueryVersion(eco, q.Version)
	if len(entries) == 0 || qv.raw == "" {
		return nil
	}
	var res []Advisory
	for _, e := range entries {
		if !e.affects(qv) {
			continue
		}
		i := slices.IndexFunc(res, func(a Advisory) bool { return a.ID == e.adv.id })
		if i < 0 {
			res = append(res, e.adv.export(e.severity))
			i = len(res) - 1
		}
		res[i].Fixed = append(res[i].Fixed, e.fixed()...)
	}
	for i := range res {
		res[i].Fixed = sortVersions(eco, res[i].Fixed)
	}
	slices.SortFunc(res, func(a, b Advisory) int { return strings.Compare(a.ID, b.ID) })
	return res
}

func (a *advisory) export(severity string) Advisory {
	return Advisory{
		ID:       a.id,
		Aliases:  slices.Clone(a.aliases),
		Summary:  a.summary,
		Severity: severity,
		URL:      a.url,
	}
}

// fixed lists the fixed events of every range of the entry.
func (e *affected) fixed() []string {
	var out []string
	for _, r := range e.ranges {
		for _, ev := range r.events {
			if ev.kind == evFixed {
				out = append(out, ev.v)
			}
		}
	}
	return out
}

// sortVersions orders vs in eco's version order (unparseable ones last, by string) and drops
// duplicates.
func sortVersions(eco string, vs []string) []string {
	if len(vs) == 0 {
		return nil
	}
	s := ecosystemScheme(eco)
	if s == nil {
		s = semverScheme{}
	}
	parsed := make(map[string]version, len(vs))
	for _, v := range vs {
		if pv, err := s.parse(v); err == nil {
			parsed[v] = pv
		}
	}
	slices.SortStableFunc(vs, func(a, b string) int {
		pa, oka := parsed[a]
		pb, okb := parsed[b]
		switch {
		case oka && okb:
			if c := pa.cmp(pb); c != 0 {
				return c
			}
		case oka:
			return -1
		case okb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(vs)
}

var _ Matcher = (*DB)(nil)
