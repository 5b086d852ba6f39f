package vuln

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// osvRecord is the part of an OSV advisory that matching and reporting read.
type osvRecord struct {
	ID               string         `json:"id"`
	Modified         string         `json:"modified"`
	Withdrawn        string         `json:"withdrawn"`
	Aliases          []string       `json:"aliases"`
	Summary          string         `json:"summary"`
	Details          string         `json:"details"`
	Severity         []osvSeverity  `json:"severity"`
	Affected         []osvAffected  `json:"affected"`
	References       []osvReference `json:"references"`
	DatabaseSpecific osvDBSpecific  `json:"database_specific"`
}

type osvAffected struct {
	Package struct {
		Ecosystem string `json:"ecosystem"`
		Name      string `json:"name"`
	} `json:"package"`
	Severity         []osvSeverity `json:"severity"`
	Ranges           []osvRange    `json:"ranges"`
	Versions         []string      `json:"versions"`
	DatabaseSpecific osvDBSpecific `json:"database_specific"`
}

type osvRange struct {
	Type   string     `json:"type"`
	Events []osvEvent `json:"events"`
}

type osvEvent struct {
	Introduced   string `json:"introduced"`
	Fixed        string `json:"fixed"`
	LastAffected string `json:"last_affected"`
	Limit        string `json:"limit"`
}

type osvReference struct {
	Type string `json:"type"`
	URL  string `json:"url"`
}

// osvDBSpecific keeps only the severity label of a database_specific object.
type osvDBSpecific struct {
	Severity json.RawMessage `json:"severity"`
}

// Event kinds of a range.
const (
	evIntroduced = iota
	evFixed
	evLastAffected
	evLimit
)

// event is one range event with its version string as written.
type event struct {
	kind int
	v    string
}

// vrange is an evaluable (SEMVER or ECOSYSTEM) range.
type vrange struct {
	typ    string
	events []event
}

// affected is what matching keeps of one affected[] entry.
type affected struct {
	adv      *advisory
	eco      string
	name     string   // normalised
	severity string   // package severity, else the advisory's
	versions []string // canonical keys (raw string when unparseable), sorted, unique
	ranges   []vrange
}

// advisory is what the database keeps of one OSV record.
type advisory struct {
	id        string
	modified  string
	withdrawn bool
	aliases   []string
	summary   string
	url       string
	affected  []affected
}

var errMalformed = errors.New("malformed advisory")

// parseAdvisory decodes one OSV JSON document into the compact form matching needs.
func parseAdvisory(data []byte) (*advisory, error) {
	var r osvRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, errMalformed
	}
	if !validID(r.ID) {
		return nil, errMalformed
	}
	a := &advisory{
		id:        r.ID,
		modified:  r.Modified,
		withdrawn: strings.TrimSpace(r.Withdrawn) != "",
		aliases:   cleanAliases(r.Aliases, r.ID),
		summary:   summarize(r.Summary, r.Details),
		url:       advisoryURL(r.ID, r.References),
	}
	top := severityOf(r.Severity, r.DatabaseSpecific.Severity)
	for i := range r.Affected {
		if e, ok := convertAffected(&r.Affected[i], top); ok {
			e.adv = a
			a.affected = append(a.affected, e)
		}
	}
	return a, nil
}

func convertAffected(x *osvAffected, top string) (affected, bool) {
	eco := strings.TrimSpace(x.Package.Ecosystem)
	name := NormalizeName(eco, x.Package.Name)
	if eco == "" || name == "" {
		return affected{}, false
	}
	e := affected{eco: eco, name: name, severity: top}
	if s := severityOf(x.Severity, x.DatabaseSpecific.Severity); s != "" {
		e.severity = s
	}
	for _, r := range x.Ranges {
		if r.Type != "SEMVER" && r.Type != "ECOSYSTEM" {
			continue // GIT ranges need the repository's commit graph
		}
		vr := vrange{typ: r.Type}
		for _, ev := range r.Events {
			if k, v, ok := ev.get(); ok {
				vr.events = append(vr.events, event{kind: k, v: v})
			}
		}
		if len(vr.events) > 0 {
			e.ranges = append(e.ranges, vr)
		}
	}
	s := ecosystemScheme(eco)
	for _, v := range x.Versions {
		if v = strings.TrimSpace(v); v != "" {
			e.versions = append(e.versions, versionKey(s, v))
		}
	}
	slices.Sort(e.versions)
	e.versions = slices.Compact(e.versions)
	return e, len(e.ranges) > 0 || len(e.versions) > 0
}

// get returns the one event an OSV event object holds.
func (e osvEvent) get() (int, string, bool) {
	for k, v := range [...]string{evIntroduced: e.Introduced, evFixed: e.Fixed, evLastAffected: e.LastAffected, evLimit: e.Limit} {
		if v = strings.TrimSpace(v); v != "" {
			return k, v, true
		}
	}
	return 0, "", false
}

// versionKey is the form versions[] entries and queries are compared in: the scheme's
// canonical key, or the raw string when the version does not parse (or no scheme is known).
func versionKey(s scheme, v string) string {
	if fk, ok := s.(fastKeyer); ok {
		if k, ok := fk.fastKey(v); ok {
			return "\x00" + k
		}
	}
	if s != nil {
		if pv, err := s.parse(v); err == nil {
			return "\x00" + pv.key()
		}
	}
	return v
}

// validID accepts OSV IDs such as "GHSA-53q9-r3pm-6pq6", "PYSEC-2024-1", "GO-2024-2981".
func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !isDigit(c) && !('a' <= c && c <= 'z') && !('A' <= c && c <= 'Z') && !strings.ContainsRune("-_.:", rune(c)) {
			return false
		}
	}
	return true
}

const maxAliases = 64

func cleanAliases(in []string, id string) []string {
	var out []string
	for _, a := range in {
		if a = strings.TrimSpace(a); a != id && validID(a) && len(out) < maxAliases {
			out = append(out, a)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// summarize returns the summary, else the first line of details that is not a markdown
// heading (GHSA details start with "### Summary"), with control and format characters
// removed and whitespace collapsed, cut to maxSummaryRunes.
func summarize(summary, details string) string {
	s := cleanText(summary)
	heading := ""
	for line := range strings.SplitSeq(details, "\n") {
		if s != "" {
			break
		}
		line = cleanText(line)
		if strings.HasPrefix(line, "#") {
			if heading == "" {
				heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
			}
			continue
		}
		s = line
	}
	if s == "" {
		s = heading
	}
	if utf8.RuneCountInString(s) <= maxSummaryRunes {
		return s
	}
	r := []rune(s)[:maxSummaryRunes-1]
	return strings.TrimSpace(string(r)) + "…"
}

// unsafeRune reports characters that must not reach a terminal or report: controls, format
// characters (bidi overrides, zero-width) and decoding errors.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError
}

func cleanText(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unsafeRune(r) }), " ")
}

// advisoryURL picks the first ADVISORY reference, else the first WEB one, else the osv.dev
// page. Only http(s) URLs are taken, so a report never links to another scheme.
func advisoryURL(id string, refs []osvReference) string {
	for _, want := range []string{"ADVISORY", "WEB"} {
		for _, r := range refs {
			u := strings.TrimSpace(r.URL)
			if r.Type == want && len(u) <= 2048 && isURL(u) && !strings.ContainsFunc(u, func(r rune) bool { return unicode.IsSpace(r) || unsafeRune(r) }) {
				return u
			}
		}
	}
	return "https://osv.dev/vulnerability/" + id
}
