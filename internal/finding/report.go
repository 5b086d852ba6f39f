package finding

import "time"

// SchemaV1 is the identifier of the JSON report contract.
const SchemaV1 = "aisec.scan/v1"

// Status says how completely a file was analysed. Anything but Scanned means the file must not be
// treated as clean.
type Status string

// File statuses.
const (
	StatusScanned Status = "scanned" // fully analysed
	StatusPartial Status = "partial" // analysed in part: a budget was hit or the input was malformed
	StatusError   Status = "error"   // could not be analysed at all
	StatusSkipped Status = "skipped" // not a format aisec analyses (e.g. a PNG, a text file)
)

// FileResult describes one analysed file or container member.
type FileResult struct {
	Path   string    `json:"path"`
	Member string    `json:"member,omitempty"`
	Format string    `json:"format"`
	Size   int64     `json:"size"`
	SHA256 string    `json:"sha256,omitempty"`
	Status Status    `json:"status"`
	Error  string    `json:"error,omitempty"`
	Model  *ModelRef `json:"model,omitempty"` // the hub model the file belongs to, when known
}

// Tool names the producer of a report.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Suppressed is a finding that configuration silenced, kept so that audits can see it.
type Suppressed struct {
	Finding Finding `json:"finding"`
	Reason  string  `json:"reason"`
	Expires string  `json:"expires,omitempty"`
}

// Counts holds one number per severity.
type Counts struct {
	Critical int `json:"critical"`
	High     int `json:"high"`
	Medium   int `json:"medium"`
	Low      int `json:"low"`
	Info     int `json:"info"`
}

// Add counts one finding of severity s.
func (c *Counts) Add(s Severity) {
	switch s {
	case Critical:
		c.Critical++
	case High:
		c.High++
	case Medium:
		c.Medium++
	case Low:
		c.Low++
	default:
		c.Info++
	}
}

// Summary aggregates a report.
type Summary struct {
	Files      int    `json:"files"`
	Scanned    int    `json:"scanned"`
	Partial    int    `json:"partial"`
	Errors     int    `json:"errors"`
	Skipped    int    `json:"skipped"`
	Findings   Counts `json:"findings"`
	Suppressed int    `json:"suppressed"`
}

// Report is the result of one scan (schema aisec.scan/v1).
type Report struct {
	Schema     string       `json:"schema"`
	Tool       Tool         `json:"tool"`
	Started    time.Time    `json:"started"`
	DurationMS int64        `json:"duration_ms"`
	Targets    []string     `json:"targets"`
	Files      []FileResult `json:"files"`
	Findings   []Finding    `json:"findings"`
	Suppressed []Suppressed `json:"suppressed,omitempty"`
	Summary    Summary      `json:"summary"`
	// Rules holds the advisory of every rule that has a finding, for writers that need help text
	// (SARIF). It is not part of the JSON contract.
	Rules map[string]Rule `json:"-"`
}

// Summarize recomputes Summary from Files, Findings and Suppressed.
func (r *Report) Summarize() {
	s := Summary{Files: len(r.Files), Suppressed: len(r.Suppressed)}
	for _, f := range r.Files {
		switch f.Status {
		case StatusScanned:
			s.Scanned++
		case StatusPartial:
			s.Partial++
		case StatusError:
			s.Errors++
		case StatusSkipped:
			s.Skipped++
		}
	}
	for _, f := range r.Findings {
		s.Findings.Add(f.Severity)
	}
	r.Summary = s
}

// Max returns the highest severity among the findings, and false when there are none.
func (r *Report) Max() (Severity, bool) {
	if len(r.Findings) == 0 {
		return Info, false
	}
	m := Info
	for _, f := range r.Findings {
		m = max(m, f.Severity)
	}
	return m, true
}

// Incomplete reports whether any file could not be fully analysed.
func (r *Report) Incomplete() bool {
	for _, f := range r.Files {
		if f.Status == StatusPartial || f.Status == StatusError {
			return true
		}
	}
	return false
}
