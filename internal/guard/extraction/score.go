package extraction

import "math/bits"

// Reasons an Assessment lists, one per signal that contributed to the score. They are stable
// identifiers (metrics labels, audit events).
const (
	// ReasonVolume: many requests in the window.
	ReasonVolume = "volume"
	// ReasonTokens: many tokens in the window.
	ReasonTokens = "tokens"
	// ReasonDiversity: many distinct prompts at high volume (distillation breadth).
	ReasonDiversity = "diversity"
	// ReasonLogprobs: most requests ask for logprobs / top_logprobs.
	ReasonLogprobs = "logprobs"
	// ReasonMulti: most requests ask for several completions (n > 1).
	ReasonMulti = "n"
	// ReasonTemperature: many distinct temperatures (a sampling sweep).
	ReasonTemperature = "temperature_sweep"
	// ReasonSystemProbe: repeated system-prompt extraction attempts.
	ReasonSystemProbe = "system_probe"
	// ReasonGuardBlocks: a high share of requests blocked by the guard (probing its rules).
	ReasonGuardBlocks = "guard_blocks"
	// ReasonPersistent: the identity kept going while throttled.
	ReasonPersistent = "throttle_ignored"
	// ReasonBlocked: a block imposed earlier is still in force.
	ReasonBlocked = "blocked"
)

// contribution is weight × min(value/threshold, limit) once value reaches a positive
// threshold, else 0.
func contribution(value, threshold, weight, limit float64) float64 {
	if threshold <= 0 || value < threshold {
		return 0
	}
	return weight * min(value/threshold, limit)
}

// reasonOrder lists the reasons in the order an Assessment reports them; a reason's bit in a
// mask is 1 << its index here.
func reasonOrder() [10]string {
	return [...]string{ReasonVolume, ReasonTokens, ReasonDiversity, ReasonLogprobs, ReasonMulti,
		ReasonTemperature, ReasonSystemProbe, ReasonGuardBlocks, ReasonPersistent, ReasonBlocked}
}

// Bits of the reasons decide adds.
const (
	bitPersistent uint16 = 1 << 8
	bitBlocked    uint16 = 1 << 9
)

// scorer accumulates a score and, as a bit mask, the reasons behind it.
type scorer struct {
	score float64
	mask  uint16
}

func (s *scorer) add(bit uint16, c float64) {
	if c > 0 {
		s.score += c
		s.mask |= bit
	}
}

// reasons expands a mask into reason strings.
func reasons(mask uint16) []string {
	if mask == 0 {
		return nil
	}
	order := reasonOrder()
	out := make([]string, 0, bits.OnesCount16(mask))
	for i, r := range order {
		if mask&(1<<i) != 0 {
			out = append(out, r)
		}
	}
	return out
}

// score evaluates every signal over w.
func (o *Options) score(w *window) scorer {
	var s scorer
	n := float64(w.n)
	s.add(1<<0, contribution(n, float64(o.VolumeRequests), volumeWeight, volumeCap))
	s.add(1<<1, contribution(float64(w.tokens), float64(o.VolumeTokens), volumeWeight, volumeCap))
	if distinct := float64(len(w.prompts)); distinct >= o.DiversityRatio*n {
		s.add(1<<2, contribution(distinct, float64(o.DiversityPrompts), diversityWeight, diversityCap))
	}
	if w.n >= o.MinRequests {
		share := func(c int) float64 { return float64(c) / n }
		lp := contribution(share(w.logprobs), o.LogprobsShare, logprobsWeight, logprobsCap)
		if lp > 0 && share(w.topLogprobs) >= o.LogprobsShare {
			lp += topLogprobsWeight
		}
		s.add(1<<3, lp)
		s.add(1<<4, contribution(share(w.multi), o.MultiShare, multiWeight, multiCap))
	}
	// GuardBlocks is itself the minimum evidence, so the block rate needs no MinRequests.
	if w.n > 0 && float64(w.blockedN) >= o.GuardBlockRate*n {
		s.add(1<<7, contribution(float64(w.blockedN), float64(o.GuardBlocks), guardWeight, guardCap))
	}
	s.add(1<<5, contribution(float64(w.distinctTemps), float64(o.Temperatures), temperatureWeight, temperatureCap))
	s.add(1<<6, contribution(float64(w.probes), float64(o.SystemProbes), probeWeight, probeCap))
	return s
}
