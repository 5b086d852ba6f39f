// Package extraction watches each identity's recent traffic for the patterns of model
// extraction (distillation) and probing, and recommends a progressive response: allow,
// throttle, then block.
//
// It keeps, per identity and over a sliding window, only counters and 32-bit prompt hashes
// (never prompt text): request and token volume, the number of distinct prompts, how many
// requests asked for logprobs, top_logprobs or n > 1, how many distinct temperatures were
// used, how many requests the injection scanner flagged as system-prompt extraction, and how
// many the guard blocked. Each signal scores once it passes its threshold (see Options); the
// sum is the Assessment's score.
//
// State is in memory and per guard replica: replicas behind a load balancer each see part of
// an identity's traffic and decide independently, and a restart forgets everything. That is
// acceptable for a heuristic whose answer is "slow down"; hard budgets belong to ratelimit,
// which can share state through Redis.
package extraction

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"math"
	"sync"
	"time"
)

// Actions an Assessment recommends.
const (
	ActionAllow    = "allow"
	ActionThrottle = "throttle"
	ActionBlock    = "block"
)

// Signals describes one request as the proxy saw it.
type Signals struct {
	// Identity is the client (API key name, user); empty identities are not tracked.
	Identity string
	// Prompt is the raw user text. It is hashed for the diversity count and never stored.
	Prompt string
	// Tokens is the request's token count (prompt plus completion when known).
	Tokens int
	// Logprobs is true when the request asks for logprobs.
	Logprobs bool
	// TopLogprobs is the requested top_logprobs.
	TopLogprobs int
	// N is the number of completions requested.
	N int
	// Temperature is the effective sampling temperature (pass the upstream's default when the
	// request sets none, so that unset and explicit defaults count as one value).
	Temperature float64
	// SystemProbe is true when the injection scanner reported a system-prompt extraction.
	SystemProbe bool
	// Blocked is true when the guard blocked this request.
	Blocked bool
}

// Assessment is the tracker's view of an identity after one request.
type Assessment struct {
	// Score is the sum of the signals' contributions (0 when nothing is unusual).
	Score float64 `json:"score"`
	// Action is ActionAllow, ActionThrottle or ActionBlock.
	Action string `json:"action"`
	// Reasons lists the signals that contributed (Reason* constants), in a fixed order. The
	// slice may be shared with other Assessments of the same identity: do not modify it.
	Reasons []string `json:"reasons,omitempty"`
	// Until is when a block ends (zero unless Action is ActionBlock); use it for Retry-After.
	Until time.Time `json:"until,omitzero"`
}

// maxIdentityLen bounds stored identities; longer ones are replaced by their SHA-256.
const maxIdentityLen = 128

// shardCount is the lock striping of the identity table (a power of two).
const shardCount = 16

// Tracker holds the windows of recently seen identities. It is safe for concurrent use.
type Tracker struct {
	opts   Options
	seed   maphash.Seed
	shards []shard
	mask   uint64
}

// shard is one lock stripe: identities plus an intrusive LRU list (head = most recent).
type shard struct {
	mu         sync.Mutex
	ids        map[string]*identity
	head, tail *identity
	max        int
}

// identity is one client's window and escalation state.
type identity struct {
	key          string
	w            window
	throttled    bool
	strikes      int
	blockedUntil int64 // Unix nanoseconds; 0 when not blocked
	lastSeen     int64
	// reasons is the slice last returned for mask; it is reused while the mask stays the
	// same, so that a steady identity costs no allocation (callers must not modify Reasons).
	mask       uint16
	reasons    []string
	prev, next *identity
}

// New returns a Tracker; zero Options fields take their defaults (validate configuration
// with Options.Validate first).
func New(o Options) *Tracker {
	o = o.withDefaults()
	n := shardCount
	for n > 1 && o.MaxIdentities/n < 64 { // small caps get fewer shards, keeping the bound exact
		n /= 2
	}
	t := &Tracker{opts: o, seed: maphash.MakeSeed(), shards: make([]shard, n), mask: uint64(n - 1)}
	for i := range t.shards {
		t.shards[i].ids = make(map[string]*identity)
		t.shards[i].max = max(o.MaxIdentities/n, 1)
	}
	return t
}

// Observe records one request made at now and returns the identity's assessment. The
// request counts even when the answer is throttle or block: persisting is itself a signal.
func (t *Tracker) Observe(s Signals, now time.Time) Assessment {
	if s.Identity == "" {
		return Assessment{Action: ActionAllow}
	}
	key := boundIdentity(s.Identity)
	e := t.event(s, now.UnixNano())
	sh := &t.shards[maphash.String(t.seed, key)&t.mask]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	id := sh.get(key, e.at, int64(t.opts.Window))
	id.w.expire(e.at - int64(t.opts.Window))
	id.w.add(e, t.opts.MaxEvents)
	id.lastSeen = max(id.lastSeen, e.at)
	sc := t.opts.score(&id.w)
	return t.decide(id, sc, e.at)
}

// event condenses Signals to what the window keeps.
func (t *Tracker) event(s Signals, at int64) event {
	e := event{at: at, prompt: promptHash(t.seed, s.Prompt), temp: tempBucket(s.Temperature)}
	e.tokens = uint32(min(max(s.Tokens, 0), math.MaxInt32))
	flag := func(on bool, f uint8) {
		if on {
			e.flags |= f
		}
	}
	flag(s.Logprobs || s.TopLogprobs > 0, flagLogprobs)
	flag(s.TopLogprobs >= heavyTopLogprobs, flagTopLogprobs)
	flag(s.N > 1, flagMulti)
	flag(s.SystemProbe, flagProbe)
	flag(s.Blocked, flagBlocked)
	return e
}

// decide applies the escalation: a standing block holds until it ends; a score at BlockAt
// blocks; a score at ThrottleAt throttles, and blocks once the identity has sent Strikes more
// requests while throttled; a score below ThrottleAt lifts the throttle.
func (t *Tracker) decide(id *identity, sc scorer, now int64) Assessment {
	action := t.escalate(id, &sc, now)
	a := Assessment{Score: sc.score, Action: action, Reasons: id.reasonsFor(sc.mask)}
	if action == ActionBlock {
		a.Until = time.Unix(0, id.blockedUntil)
	}
	return a
}

// escalate updates id's throttle and block state and returns the action; it adds the
// persistent and blocked reasons to sc.
func (t *Tracker) escalate(id *identity, sc *scorer, now int64) string {
	if id.blockedUntil > now {
		sc.mask |= bitBlocked
		return ActionBlock
	}
	if id.blockedUntil != 0 { // the block ran out: start over from the current score
		id.blockedUntil, id.throttled, id.strikes = 0, false, 0
	}
	switch {
	case sc.score >= t.opts.BlockAt:
	case sc.score >= t.opts.ThrottleAt:
		if !id.throttled || id.strikes < t.opts.Strikes {
			if id.throttled {
				id.strikes++
			}
			id.throttled = true
			return ActionThrottle
		}
		sc.mask |= bitPersistent
	default:
		id.throttled, id.strikes = false, 0
		return ActionAllow
	}
	id.blockedUntil = now + int64(t.opts.BlockFor)
	id.throttled, id.strikes = false, 0
	return ActionBlock
}

// reasonsFor returns the reasons for mask, reusing the previous slice when mask is unchanged.
func (id *identity) reasonsFor(mask uint16) []string {
	if mask != id.mask || (mask != 0 && id.reasons == nil) {
		id.mask, id.reasons = mask, reasons(mask)
	}
	return id.reasons
}

// Len returns the number of identities tracked.
func (t *Tracker) Len() int {
	n := 0
	for i := range t.shards {
		sh := &t.shards[i]
		sh.mu.Lock()
		n += len(sh.ids)
		sh.mu.Unlock()
	}
	return n
}

// boundIdentity returns id, or a fixed-size digest when it is too long to keep as a key.
func boundIdentity(id string) string {
	if len(id) <= maxIdentityLen {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "sha256:" + hex.EncodeToString(sum[:])
}
