package extraction

import (
	"errors"
	"math"
	"time"
)

// Options tunes the tracker. The zero value gives the documented defaults; a negative signal
// threshold disables that signal.
//
// The defaults are chosen so that interactive chat (tens of requests per ten minutes, n=1, one
// temperature, the odd guard block) scores 0 and a busy agent (15 distinct prompts a minute)
// stays below ThrottleAt; so that usage features with legitimate uses (volume, logprobs on
// every request, n>1) never throttle on their own; and so that two of them together, or one
// plainly adversarial signal (a temperature sweep, four system-prompt probes, 375+ distinct
// prompts in ten minutes), do. Window contents are per guard replica: behind a load balancer
// each replica sees its share of an identity's traffic, so divide the count thresholds.
type Options struct {
	// Window is the sliding window the signals are computed over (default 10m).
	Window time.Duration `yaml:"window"`
	// MaxIdentities caps the identities tracked (default 4096, least recently seen evicted).
	MaxIdentities int `yaml:"max_identities"`
	// MaxEvents caps the requests remembered per identity within the window (default 512);
	// beyond it the oldest are forgotten, so counts saturate at MaxEvents.
	MaxEvents int `yaml:"max_events"`
	// MinRequests is how many requests the window must hold before ratios (logprobs, n>1,
	// guard-block rate) are judged (default 20): three requests out of three is no pattern.
	MinRequests int `yaml:"min_requests"`

	// ThrottleAt is the score from which the action is "throttle" (default 1).
	ThrottleAt float64 `yaml:"throttle_at"`
	// BlockAt is the score from which the action is "block" (default 2).
	BlockAt float64 `yaml:"block_at"`
	// Strikes is how many further requests an identity may send while throttled, with its
	// score still at or above ThrottleAt, before the throttle becomes a block (default 10).
	Strikes int `yaml:"strikes"`
	// BlockFor is how long a block lasts (default 15m). Requests during the block still count,
	// so an identity that keeps going is blocked again when it ends.
	BlockFor time.Duration `yaml:"block_for"`

	// VolumeRequests is the request count per window from which volume adds to the score
	// (default 200, weight 0.15 per multiple, at most 3 multiples).
	VolumeRequests int `yaml:"volume_requests"`
	// VolumeTokens is the token count per window from which token volume adds (default
	// 200000, weight 0.15 per multiple, at most 3 multiples).
	VolumeTokens int `yaml:"volume_tokens"`
	// DiversityPrompts is the number of distinct prompts per window from which breadth adds
	// (default 150, weight 0.4 per multiple, at most 5), provided distinct prompts are at least
	// DiversityRatio of all requests: many different prompts at high volume is what
	// distillation looks like, while a user iterating on one task repeats themselves.
	DiversityPrompts int `yaml:"diversity_prompts"`
	// DiversityRatio is the minimum share of distinct prompts (default 0.8).
	DiversityRatio float64 `yaml:"diversity_ratio"`
	// LogprobsShare is the share of requests asking for logprobs or top_logprobs from which
	// that adds (default 0.5, weight 0.4, up to 0.8 at 100%); top_logprobs ≥ 5 on that share
	// adds another 0.15. Soft labels are what a distiller wants most.
	LogprobsShare float64 `yaml:"logprobs_share"`
	// MultiShare is the share of requests with n > 1 from which that adds (default 0.5,
	// weight 0.4, up to 0.8).
	MultiShare float64 `yaml:"multi_share"`
	// Temperatures is the number of distinct temperatures (0.05 steps) per window from which
	// a temperature sweep adds (default 5, weight 0.4 per multiple, at most 3).
	Temperatures int `yaml:"temperatures"`
	// SystemProbes is the number of system-prompt extraction attempts per window from which
	// probing adds (default 2, weight 0.5 per multiple, at most 8): four attempts throttle,
	// eight block.
	SystemProbes int `yaml:"system_probes"`
	// GuardBlocks is the number of guard-blocked requests per window from which probing of the
	// guard adds (default 5, weight 0.4 per multiple, at most 5), provided they are at least
	// GuardBlockRate of the requests.
	GuardBlocks int `yaml:"guard_blocks"`
	// GuardBlockRate is the minimum share of blocked requests (default 0.2).
	GuardBlockRate float64 `yaml:"guard_block_rate"`
}

// Weights and caps of each signal: contribution = weight × min(value/threshold, cap) once the
// value reaches its threshold. They are fixed (thresholds are the tuning knob) so that the
// score keeps one meaning across deployments.
const (
	volumeWeight, volumeCap           = 0.15, 3
	diversityWeight, diversityCap     = 0.4, 5
	logprobsWeight, logprobsCap       = 0.4, 2
	topLogprobsWeight                 = 0.15
	multiWeight, multiCap             = 0.4, 2
	temperatureWeight, temperatureCap = 0.4, 3
	probeWeight, probeCap             = 0.5, 8
	guardWeight, guardCap             = 0.4, 5
	// heavyTopLogprobs is the top_logprobs value from which a request counts as a soft-label
	// harvest rather than a confidence check.
	heavyTopLogprobs = 5
)

// withDefaults fills zero fields.
func (o Options) withDefaults() Options {
	dur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	num := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	frac := func(v *float64, d float64) {
		if *v == 0 || math.IsNaN(*v) {
			*v = d
		}
	}
	dur(&o.Window, 10*time.Minute)
	dur(&o.BlockFor, 15*time.Minute)
	num(&o.MaxIdentities, 4096)
	num(&o.MaxEvents, 512)
	num(&o.MinRequests, 20)
	num(&o.Strikes, 10)
	num(&o.VolumeRequests, 200)
	num(&o.VolumeTokens, 200_000)
	num(&o.DiversityPrompts, 150)
	num(&o.Temperatures, 5)
	num(&o.SystemProbes, 2)
	num(&o.GuardBlocks, 5)
	frac(&o.ThrottleAt, 1)
	frac(&o.BlockAt, 2)
	frac(&o.DiversityRatio, 0.8)
	frac(&o.LogprobsShare, 0.5)
	frac(&o.MultiShare, 0.5)
	frac(&o.GuardBlockRate, 0.2)
	o.MaxIdentities = max(o.MaxIdentities, 1)
	o.MaxEvents = min(max(o.MaxEvents, 1), 1<<16-1) // per-window counts are uint16
	o.Strikes = max(o.Strikes, 0)
	return o
}

// Validate reports options that cannot be meant: a block threshold below the throttle
// threshold, shares above 1, negative sizes.
func (o Options) Validate() error {
	d := o.withDefaults()
	switch {
	case o.MaxIdentities < 0 || o.MaxEvents < 0 || o.MinRequests < 0 || o.Strikes < 0:
		return errors.New("extraction: sizes and counts must not be negative")
	case o.Window < 0 || o.BlockFor < 0:
		return errors.New("extraction: window and block_for must not be negative")
	case d.ThrottleAt < 0 || d.BlockAt < d.ThrottleAt:
		return errors.New("extraction: need 0 ≤ throttle_at ≤ block_at")
	case d.DiversityRatio > 1 || d.LogprobsShare > 1 || d.MultiShare > 1 || d.GuardBlockRate > 1:
		return errors.New("extraction: shares and ratios must be at most 1")
	}
	return nil
}
