// Package config loads .aisec.yaml: allowlist extensions, suppressions with reason and expiry,
// severity overrides and budgets.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/limits"
)

// FileName is the configuration file looked up at the scan root.
const FileName = ".aisec.yaml"

// Config is the parsed configuration file.
type Config struct {
	// AllowGlobals extends the pickle allowlist: "module.name" or "module.*".
	AllowGlobals []string `yaml:"allow_globals"`
	// Suppressions silence findings; each needs a reason and may expire.
	Suppressions []Suppression `yaml:"suppressions"`
	// Severity overrides the default severity of a rule (rule ID -> severity name).
	Severity map[string]string `yaml:"severity"`
	// Budgets overrides the analysis budgets.
	Budgets Budgets `yaml:"budgets"`
	// Exclude lists glob patterns of paths left out of directory walks.
	Exclude []string `yaml:"exclude"`
	// FailOn is the default for --fail-on.
	FailOn string `yaml:"fail_on"`

	overrides map[string]finding.Severity
	dir       string // directory of the configuration file: path globs are relative to it too
}

// Budgets mirrors limits.Budget with human-friendly units ("64GiB", "10m").
type Budgets struct {
	MaxFileBytes     Size     `yaml:"max_file_bytes"`
	MaxExpandedBytes Size     `yaml:"max_expanded_bytes"`
	MaxRatio         int64    `yaml:"max_ratio"`
	MaxEntries       int      `yaml:"max_entries"`
	MaxDepth         int      `yaml:"max_depth"`
	FileTimeout      Duration `yaml:"file_timeout"`
	MaxOpcodes       int64    `yaml:"max_opcodes"`
}

// Apply copies the configured budgets over b (zero fields keep b's value).
func (bu Budgets) Apply(b limits.Budget) limits.Budget {
	set := func(dst *int64, v int64) {
		if v > 0 {
			*dst = v
		}
	}
	set(&b.MaxFileBytes, int64(bu.MaxFileBytes))
	set(&b.MaxExpandedBytes, int64(bu.MaxExpandedBytes))
	set(&b.MaxRatio, bu.MaxRatio)
	set(&b.MaxOpcodes, bu.MaxOpcodes)
	if bu.MaxEntries > 0 {
		b.MaxEntries = bu.MaxEntries
	}
	if bu.MaxDepth > 0 {
		b.MaxDepth = bu.MaxDepth
	}
	if bu.FileTimeout > 0 {
		b.FileTimeout = time.Duration(bu.FileTimeout)
	}
	return b
}

// nonOverridable rules keep their severity: the denylist cannot be weakened by configuration.
var nonOverridable = map[string]bool{"AISEC-PKL-001": true, "AISEC-PKL-003": true}

// Load reads the configuration at path. When path is empty it looks for FileName in dir and
// returns an empty configuration if there is none.
func Load(path, dir string) (*Config, error) {
	explicit := path != ""
	if !explicit {
		path = filepath.Join(dir, FileName)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if !explicit && errors.Is(err, fs.ErrNotExist) {
			return Parse(nil)
		}
		return nil, fmt.Errorf("unable to read config: %w", err)
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("invalid config %s: %w", path, err)
	}
	c.dir = filepath.Dir(path)
	return c, nil
}

// Parse decodes and validates a configuration document. Unknown keys are errors, so a typo
// never silently disables a suppression or a budget.
func Parse(data []byte) (*Config, error) {
	c := &Config{}
	if len(bytes.TrimSpace(data)) > 0 {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(c); err != nil {
			return nil, err
		}
	}
	return c, c.validate()
}

func (c *Config) validate() error {
	c.overrides = map[string]finding.Severity{}
	for id, name := range c.Severity {
		if nonOverridable[id] {
			return fmt.Errorf("severity of %s cannot be overridden (the denylist is not configurable)", id)
		}
		s, err := finding.ParseSeverity(name)
		if err != nil {
			return fmt.Errorf("severity override for %s: %w", id, err)
		}
		c.overrides[id] = s
	}
	for i, s := range c.Suppressions {
		if err := s.validate(); err != nil {
			return fmt.Errorf("suppressions[%d]: %w", i, err)
		}
	}
	if c.FailOn != "" && !strings.EqualFold(c.FailOn, "none") {
		if _, err := finding.ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("fail_on: %w", err)
		}
	}
	return nil
}
