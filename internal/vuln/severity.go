package vuln

import (
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
)

// errCVSS is returned for a vector that is not a complete, well-formed CVSS 3.x base vector.
var errCVSS = errors.New("invalid CVSS 3.x vector")

// cvssWeight returns the CVSS 3.x weight of base metric k at value v (specification section
// 7.4); PR has separate weights when the scope is changed.
func cvssWeight(k, v string, changed bool) (float64, bool) {
	switch k + ":" + v {
	case "AV:N", "PR:N", "UI:N":
		return 0.85, true
	case "AV:A":
		return 0.62, true
	case "AV:L":
		return 0.55, true
	case "AV:P":
		return 0.2, true
	case "AC:L":
		return 0.77, true
	case "AC:H":
		return 0.44, true
	case "PR:L":
		if changed {
			return 0.68, true
		}
		return 0.62, true
	case "PR:H":
		if changed {
			return 0.5, true
		}
		return 0.27, true
	case "UI:R":
		return 0.62, true
	case "C:H", "I:H", "A:H":
		return 0.56, true
	case "C:L", "I:L", "A:L":
		return 0.22, true
	case "C:N", "I:N", "A:N":
		return 0, true
	}
	return 0, false
}

// cvssBaseMetrics in the order CVSS3BaseScore stores them.
var cvssBaseMetrics = [...]string{"AV", "AC", "PR", "UI", "S", "C", "I", "A"}

// CVSS3BaseScore computes the base score (0.0–10.0) of a CVSS 3.0 or 3.1 vector such as
// "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H". Temporal and environmental metrics are
// accepted and ignored. Both versions use the 3.1 Roundup, which fixes 3.0's floating-point
// rounding artefacts.
func CVSS3BaseScore(vector string) (float64, error) {
	vals, ok := cvssBaseValues(strings.TrimSpace(vector))
	if !ok || (vals[4] != "U" && vals[4] != "C") {
		return 0, errCVSS
	}
	changed := vals[4] == "C"
	var w [len(cvssBaseMetrics)]float64
	for i, k := range cvssBaseMetrics {
		if k == "S" {
			continue
		}
		x, ok := cvssWeight(k, vals[i], changed)
		if !ok {
			return 0, errCVSS
		}
		w[i] = x
	}
	iss := 1 - (1-w[5])*(1-w[6])*(1-w[7])
	impact := 6.42 * iss
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	}
	if impact <= 0 {
		return 0, nil
	}
	exploitability := 8.22 * w[0] * w[1] * w[2] * w[3]
	if changed {
		return roundUp(math.Min(1.08*(impact+exploitability), 10)), nil
	}
	return roundUp(math.Min(impact+exploitability, 10)), nil
}

// cvssBaseValues splits a vector into its base metric values (in cvssBaseMetrics order),
// rejecting a wrong prefix, malformed or repeated metrics and missing base metrics.
func cvssBaseValues(vector string) ([len(cvssBaseMetrics)]string, bool) {
	var vals [len(cvssBaseMetrics)]string
	rest, ok := strings.CutPrefix(vector, "CVSS:3.1/")
	if !ok {
		rest, ok = strings.CutPrefix(vector, "CVSS:3.0/")
	}
	if !ok || len(vector) > 200 {
		return vals, false
	}
	var seen []string // other metrics, to reject repeats
	for part := range strings.SplitSeq(rest, "/") {
		k, v, ok := strings.Cut(part, ":")
		if !ok || k == "" || v == "" {
			return vals, false
		}
		i := slices.Index(cvssBaseMetrics[:], k)
		switch {
		case i >= 0 && vals[i] != "":
			return vals, false
		case i >= 0:
			vals[i] = v
		case slices.Contains(seen, k):
			return vals, false
		default:
			seen = append(seen, k)
		}
	}
	return vals, !slices.Contains(vals[:], "")
}

// roundUp is the CVSS 3.1 Roundup: the smallest one-decimal number >= x, computed on integers
// to avoid floating-point surprises (specification Appendix A).
func roundUp(x float64) float64 {
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return float64(i) / 100000
	}
	return float64(i/10000+1) / 10
}

// severityFromScore maps a CVSS score to its qualitative rating ("" for none).
func severityFromScore(s float64) string {
	switch {
	case s >= 9:
		return "critical"
	case s >= 7:
		return "high"
	case s >= 4:
		return "medium"
	case s > 0:
		return "low"
	}
	return ""
}

// osvSeverity is one entry of an OSV severity[] list.
type osvSeverity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// severityOf rates an advisory (or one affected package): the first CVSS 3.x vector that
// computes wins; otherwise the database's own rating (GHSA "CRITICAL"/"HIGH"/"MODERATE"/"LOW"),
// which is also how a CVSS 4.0-only advisory is rated, since the 4.0 score needs the
// specification's full macro-vector table.
func severityOf(sev []osvSeverity, dbSeverity json.RawMessage) string {
	for _, s := range sev {
		if s.Type != "CVSS_V3" {
			continue
		}
		if score, err := CVSS3BaseScore(s.Score); err == nil {
			return severityFromScore(score)
		}
	}
	var label string
	if len(dbSeverity) == 0 || json.Unmarshal(dbSeverity, &label) != nil {
		return ""
	}
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "critical":
		return "critical"
	case "high", "important":
		return "high"
	case "moderate", "medium":
		return "medium"
	case "low":
		return "low"
	}
	return ""
}
