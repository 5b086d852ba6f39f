// Package config reads redteam.yaml, the file form of every `aisec redteam run` flag. The
// command line overrides the file; the file overrides the defaults. The format is
// documented in docs/redteam.md.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/probe"
)

// MaxFileSize bounds a configuration file.
const MaxFileSize = 1 << 20

// Defaults for the run section and the gate.
const (
	DefaultGenerations = 1
	DefaultConcurrency = 8
	DefaultFailUnder   = 0.9
	DefaultRetries     = 4
	DefaultTimeout     = 60 * time.Second
)

// Config is redteam.yaml.
type Config struct {
	Target    Endpoint  `yaml:"target"`
	Judge     *Judge    `yaml:"judge"`
	Probes    Probes    `yaml:"probes"`
	Run       Run       `yaml:"run"`
	Detectors Detectors `yaml:"detectors"`
	Gate      Gate      `yaml:"gate"`
	Output    Output    `yaml:"output"`
	dir       string    // the file's folder, for relative paths
}

// Endpoint is a target or judge endpoint.
type Endpoint struct {
	// URL is openai://host[:port][/path] or rest://host[:port]/path (see docs).
	URL   string `yaml:"url"`
	Model string `yaml:"model"`
	// APIKeyEnv names the environment variable holding the API key; keys never live in
	// the file.
	APIKeyEnv string            `yaml:"api_key_env"`
	Headers   map[string]string `yaml:"headers"`
	// SystemPrompt or SystemPromptFile is the deployed system prompt (target only).
	SystemPrompt     string        `yaml:"system_prompt"`
	SystemPromptFile string        `yaml:"system_prompt_file"`
	Timeout          time.Duration `yaml:"timeout"`
	Retries          *int          `yaml:"retries"`
	Temperature      *float64      `yaml:"temperature"`
	MaxTokens        int           `yaml:"max_tokens"`
	REST             *REST         `yaml:"rest"`
}

// REST configures a generic HTTP target.
type REST struct {
	Method          string `yaml:"method"`
	Body            string `yaml:"body"`
	ContentType     string `yaml:"content_type"`
	ReplyPath       string `yaml:"reply_path"`
	ToolCallsPath   string `yaml:"tool_calls_path"`
	BlockedStatuses []int  `yaml:"blocked_statuses"`
}

// Judge is the optional LLM judge.
type Judge struct {
	Endpoint `yaml:",inline"`
	// All runs the judge on every attempt, not only refusal-scored and judge probes.
	All bool `yaml:"all"`
}

// Probes selects probes.
type Probes struct {
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	Tags    []string `yaml:"tags"`
	Files   []string `yaml:"files"`
	// Datasets are files of harmful requests, each run as a refusal probe.
	Datasets   []string `yaml:"datasets"`
	Transforms []string `yaml:"transforms"`
	// NoDefault leaves out the embedded library (only Files are used).
	NoDefault bool `yaml:"no_default"`
}

// Run tunes execution.
type Run struct {
	Generations int     `yaml:"generations"`
	Concurrency int     `yaml:"concurrency"`
	Rate        float64 `yaml:"rate"`
	Seed        *uint64 `yaml:"seed"`
	// MaxRequests and BudgetTokens cap what one invocation spends; a capped run is
	// incomplete and resumable.
	MaxRequests  int `yaml:"max_requests"`
	BudgetTokens int `yaml:"budget_tokens"`
}

// Detectors tunes the detectors.
type Detectors struct {
	RefusalPhrases []string           `yaml:"refusal_phrases"`
	AllowedDomains []string           `yaml:"allowed_domains"`
	KnownPackages  []string           `yaml:"known_packages"` // files of package names
	Regex          []detect.RegexSpec `yaml:"regex"`
}

// Gate decides the exit code.
type Gate struct {
	FailUnder *float64 `yaml:"fail_under"`
	FailOn    string   `yaml:"fail_on"`
}

// Output names report files.
type Output struct {
	Journal  string `yaml:"journal"`
	HTML     string `yaml:"html"`
	SARIF    string `yaml:"sarif"`
	JUnit    string `yaml:"junit"`
	Markdown string `yaml:"markdown"`
	JSON     string `yaml:"json"`
}

// Load reads and validates the file at path.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("unable to read config: %w", err)
	}
	defer f.Close()
	c, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c.resolvePaths(filepath.Dir(path))
	return c, nil
}

// resolvePaths makes the file's relative paths relative to its folder, so a config works
// from any working directory.
func (c *Config) resolvePaths(dir string) {
	rel := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
	rel(&c.Target.SystemPromptFile)
	for i := range c.Probes.Files {
		rel(&c.Probes.Files[i])
	}
	for i := range c.Probes.Datasets {
		rel(&c.Probes.Datasets[i])
	}
	for i := range c.Detectors.KnownPackages {
		rel(&c.Detectors.KnownPackages[i])
	}
	for _, p := range []*string{&c.Output.Journal, &c.Output.HTML, &c.Output.SARIF, &c.Output.JUnit, &c.Output.Markdown, &c.Output.JSON} {
		rel(p)
	}
}

// Parse reads a configuration; unknown fields are errors, so typos do not pass silently.
func Parse(r io.Reader) (*Config, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxFileSize)
	}
	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return c, c.check()
}

// Limits on run settings: beyond them a value is a typo, not a plan.
const (
	MaxConcurrency = 4096
	MaxGenerations = 1000
)

// check validates the values present; it allows settings that the command line may
// still supply (Validate checks the merged result).
func (c *Config) check() error {
	r := c.Run
	var errs []error
	if r.Generations < 0 || r.Concurrency < 0 || r.Rate < 0 || r.MaxRequests < 0 || r.BudgetTokens < 0 {
		errs = append(errs, errors.New("run: generations, concurrency, rate, max_requests and budget_tokens must not be negative"))
	}
	if r.Concurrency > MaxConcurrency || r.Generations > MaxGenerations {
		errs = append(errs, fmt.Errorf("run: concurrency is at most %d and generations at most %d", MaxConcurrency, MaxGenerations))
	}
	if c.Gate.FailUnder != nil && (*c.Gate.FailUnder < 0 || *c.Gate.FailUnder > 1) {
		errs = append(errs, fmt.Errorf("gate.fail_under %v is not in [0, 1]", *c.Gate.FailUnder))
	}
	if c.Gate.FailOn != "" && probe.Severity(c.Gate.FailOn).Rank() < 0 {
		errs = append(errs, fmt.Errorf("gate.fail_on %q: want one of %v", c.Gate.FailOn, probe.Severities()))
	}
	if c.Target.SystemPrompt != "" && c.Target.SystemPromptFile != "" {
		errs = append(errs, errors.New("target: system_prompt and system_prompt_file are exclusive"))
	}
	errs = append(errs, c.Target.check("target"))
	if c.Judge != nil {
		errs = append(errs, c.Judge.check("judge"))
	}
	return errors.Join(errs...)
}

func (e *Endpoint) check(what string) error {
	if e.Timeout < 0 || e.MaxTokens < 0 || (e.Retries != nil && *e.Retries < 0) {
		return fmt.Errorf("%s: timeout, max_tokens and retries must not be negative", what)
	}
	if e.Timeout > 0 && e.Timeout < time.Millisecond {
		return fmt.Errorf("%s.timeout %v is below a millisecond: write a unit, e.g. 60s", what, e.Timeout)
	}
	return nil
}

// Validate checks the configuration after the command line was merged into it.
func (c *Config) Validate() error {
	if err := c.check(); err != nil {
		return err
	}
	if r := c.Target.REST; r != nil && r.ReplyPath == "" {
		return errors.New("target.rest.reply_path (--rest-reply-path) is required for a rest target")
	}
	return nil
}
