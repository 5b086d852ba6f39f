// Package safetensors reports structural problems of safetensors files (the header anomalies
// and layout findings of internal/format/safetensors) and payloads hidden in the bytes no
// tensor covers or stored as tensor data. Metadata text (secrets, URLs, code) is left to the
// metadata detector, which sees the same strings through meta.Doc.
package safetensors

import (
	"context"
	"fmt"

	"github.com/aisecops/aisec/internal/detect"
	"github.com/aisecops/aisec/internal/finding"
	fst "github.com/aisecops/aisec/internal/format/safetensors"
)

// MaxPerRule bounds the findings of one rule per file; the rest are summarised.
const MaxPerRule = 20

// Detector checks *safetensors.File models.
type Detector struct{}

// New returns the safetensors detector.
func New() *Detector { return &Detector{} }

// Name implements detect.Detector.
func (*Detector) Name() string { return "safetensors" }

// Rules implements detect.Detector.
func (*Detector) Rules() []finding.Rule { return AllRules() }

// ruleOf maps an anomaly to the rule that reports it; false for anomalies reported another
// way (uncovered bytes through regions) or not at all (budget notes become scan gaps).
func ruleOf(k fst.AnomalyKind) (finding.Rule, bool) {
	switch k {
	case fst.DuplicateKey, fst.EscapedKey:
		return RuleDifferential, true
	case fst.NonStandardNumber, fst.ByteOrderMark, fst.LoneSurrogate, fst.InvalidUTF8, fst.InvalidJSON,
		fst.NotObject, fst.BadMetadata, fst.BadTensor, fst.HeaderTrailing:
		return RuleRejected, true
	case fst.OutOfBounds, fst.InvertedOffsets, fst.SizeOverflow, fst.SizeMismatch:
		return RuleBounds, true
	case fst.Overlap:
		return RuleOverlap, true
	case fst.UnknownDType, fst.SubByteMisaligned:
		return RuleDType, true
	case fst.ExtraField:
		return RuleIgnoredFields, true
	case fst.HeaderPadding:
		return RuleLayout, true
	}
	return finding.Rule{}, false
}

// Detect implements detect.Detector.
func (*Detector) Detect(ctx context.Context, t detect.Target) []finding.Finding {
	f, ok := t.Model.(*fst.File)
	if !ok || f == nil {
		return nil
	}
	c := finding.NewCapper(MaxPerRule)
	for _, a := range f.Anomalies {
		if r, ok := ruleOf(a.Kind); ok {
			c.Add(r, anomalyEvidence(a), a.Offset)
		}
	}
	if f.MoreAnomalies > 0 {
		c.Add(RuleRejected, fmt.Sprintf("%d more header anomalies not listed", f.MoreAnomalies), finding.NoOffset)
	}
	for _, r := range f.Regions {
		if ctx.Err() != nil {
			break
		}
		if r.Kind != fst.RegionHeader {
			c.Add(RuleUncovered, regionEvidence(r), r.Start)
		}
		for _, p := range regionPayloads(r) {
			c.Add(RulePayload, fmt.Sprintf("%s in %s at file offset %d", p.what, regionName(r), p.off), p.off)
		}
	}
	if f.MoreRegions > 0 {
		c.Add(RuleUncovered, fmt.Sprintf("%d more uncovered regions not listed (%d uncovered bytes in all)", f.MoreRegions, f.UncoveredBytes), finding.NoOffset)
	}
	for _, h := range f.Heads {
		if what, ok := headPayload(h.Bytes); ok {
			c.Add(RuleTensorPayload, fmt.Sprintf("tensor %s data starts with %s", quote(h.Tensor), what), h.Offset)
		}
	}
	return c.Findings()
}

func anomalyEvidence(a fst.Anomaly) string {
	if a.Tensor != "" {
		return fmt.Sprintf("tensor %s: %s", quote(a.Tensor), a.Detail)
	}
	return a.Detail
}

func regionEvidence(r fst.Region) string {
	n := r.End - r.Start
	switch r.Kind {
	case fst.RegionTrailing:
		return fmt.Sprintf("%d bytes after the last tensor at file offset %d", n, r.Start)
	case fst.RegionSlack:
		return fmt.Sprintf("%d bytes at file offset %d inside tensor %s beyond its dtype × shape", n, r.Start, quote(r.Tensor))
	}
	return fmt.Sprintf("gap of %d bytes between tensors at file offset %d", n, r.Start)
}

func regionName(r fst.Region) string {
	switch r.Kind {
	case fst.RegionTrailing:
		return "the bytes after the last tensor"
	case fst.RegionSlack:
		return "the slack of tensor " + quote(r.Tensor)
	case fst.RegionHeader:
		return "the header after its JSON"
	}
	return "a gap between tensors"
}

// quote renders a tensor name for evidence, bounded.
func quote(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return fmt.Sprintf("%q", s)
}

var _ detect.Detector = (*Detector)(nil)
