package cyclonedx

import (
	"net/url"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"
)

// severities maps OSV/GHSA severity words to CycloneDX ratings.
var severities = map[string]cdx.Severity{
	"critical": cdx.SeverityCritical, "high": cdx.SeverityHigh, "medium": cdx.SeverityMedium,
	"moderate": cdx.SeverityMedium, "low": cdx.SeverityLow, "info": cdx.SeverityInfo,
	"none": cdx.SeverityNone,
}

// vulnerabilities lists the advisories matched against declared package versions, each
// affecting one component.
func (c *converter) vulnerabilities() *[]cdx.Vulnerability {
	var out []cdx.Vulnerability
	seen := map[string]bool{}
	for _, v := range c.b.Vulnerabilities {
		if v.ID == "" {
			continue
		}
		key := v.ID + "\x00" + v.Affects
		if seen[key] {
			continue
		}
		seen[key] = true
		ref := c.claim("vuln:" + v.ID + ":" + v.Affects)
		osv := "https://osv.dev/vulnerability/" + url.PathEscape(v.ID)
		cv := cdx.Vulnerability{
			BOMRef:      ref,
			ID:          v.ID,
			Source:      &cdx.Source{Name: "OSV", URL: osv},
			Description: v.Summary,
			References:  aliases(v.Aliases),
		}
		if s, ok := severities[strings.ToLower(v.Severity)]; ok {
			cv.Ratings = &[]cdx.VulnerabilityRating{{Source: &cdx.Source{Name: "OSV"}, Severity: s, Method: cdx.ScoringMethodOther}}
		}
		adv := osv
		if u, ok := iri(v.URL); ok {
			adv = u
		}
		cv.Advisories = &[]cdx.Advisory{{URL: adv}}
		if c.known[v.Affects] != nil {
			cv.Affects = &[]cdx.Affects{{Ref: v.Affects}}
		}
		if len(v.Fixed) > 0 {
			cv.Recommendation = "Upgrade to " + strings.Join(v.Fixed, " or ") + " or later."
		}
		out = append(out, cv)
	}
	return list(out)
}

func aliases(ids []string) *[]cdx.VulnerabilityReference {
	var out []cdx.VulnerabilityReference
	for _, id := range ids {
		if id == "" {
			continue
		}
		src := &cdx.Source{Name: "OSV", URL: "https://osv.dev/vulnerability/" + url.PathEscape(id)}
		if strings.HasPrefix(id, "CVE-") {
			src = &cdx.Source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + url.PathEscape(id)}
		}
		out = append(out, cdx.VulnerabilityReference{ID: id, Source: src})
	}
	return list(out)
}
