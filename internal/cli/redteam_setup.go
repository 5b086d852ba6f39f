package cli

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aisecops/aisec/internal/redteam/config"
	"github.com/aisecops/aisec/internal/redteam/detect"
	"github.com/aisecops/aisec/internal/redteam/judge"
	"github.com/aisecops/aisec/internal/redteam/probe"
	"github.com/aisecops/aisec/internal/redteam/record"
	"github.com/aisecops/aisec/internal/redteam/runner"
	"github.com/aisecops/aisec/internal/redteam/target"
)

// judgeMaxTokens leaves the judge room for its JSON verdict and a short reason.
const judgeMaxTokens = 300

// maxKnownPackagesBytes bounds one package-name list (PyPI's full index is ~10 MB).
const maxKnownPackagesBytes = 64 << 20

// loadProbes returns the library (embedded unless no_default, plus probe files), the
// selection, and the transformed copies, in library order.
func loadProbes(c *config.Config) ([]probe.Probe, error) {
	var sets [][]probe.Probe
	if !c.Probes.NoDefault {
		lib, err := probe.Default()
		if err != nil {
			return nil, err
		}
		sets = append(sets, lib)
	}
	files, err := expandProbeFiles(c.Probes.Files)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		ps, err := loadProbeFile(name)
		if err != nil {
			return nil, usageError("%v", err)
		}
		sets = append(sets, ps)
	}
	all, err := probe.Merge(sets...)
	if err != nil {
		return nil, usageError("%v", err)
	}
	sel, err := probe.Select(all, c.Probes.Include, c.Probes.Exclude, c.Probes.Tags)
	if err != nil {
		return nil, usageError("%v", err)
	}
	// Datasets are the user's explicit choice: they run whatever the selection says.
	var datasets []probe.Probe
	for _, name := range c.Probes.Datasets {
		p, err := loadDataset(name)
		if err != nil {
			return nil, usageError("%v", err)
		}
		datasets = append(datasets, p)
	}
	if sel, err = probe.Merge(sel, datasets); err != nil {
		return nil, usageError("--dataset: %v", err)
	}
	if len(sel) == 0 {
		return nil, usageError("no probe matches the selection")
	}
	out := slices.Clone(sel)
	var seen []string // a transform named twice is applied once
	for _, name := range c.Probes.Transforms {
		if slices.Contains(seen, name) {
			continue
		}
		seen = append(seen, name)
		t, ok := probe.TransformByName(name)
		if !ok {
			return nil, usageError("unknown transform %q (known: %s)", name, strings.Join(probe.TransformNames(), ", "))
		}
		for _, p := range sel {
			out = append(out, probe.Expand(p, t))
		}
	}
	return out, nil
}

func loadProbeFile(name string) ([]probe.Probe, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return probe.Load(f, name)
}

func loadDataset(name string) (probe.Probe, error) {
	f, err := os.Open(name)
	if err != nil {
		return probe.Probe{}, err
	}
	defer f.Close()
	return probe.FromDataset(f, name)
}

// expandProbeFiles turns folders into their *.yaml/*.yml files and expands globs.
func expandProbeFiles(specs []string) ([]string, error) {
	var out []string
	for _, s := range specs {
		matches, err := filepath.Glob(s)
		if err != nil || len(matches) == 0 {
			return nil, usageError("--probe-file %s: no such file", s)
		}
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil {
				return nil, usageError("%v", err)
			}
			if !st.IsDir() {
				out = append(out, m)
				continue
			}
			for _, ext := range []string{"*.yaml", "*.yml"} {
				found, _ := filepath.Glob(filepath.Join(m, ext))
				out = append(out, found...)
			}
		}
	}
	return out, nil
}

// detectorSetup is the detector registry of a run, its judge and a fingerprint of the
// settings that change verdicts.
type detectorSetup struct {
	reg   *runner.Registry
	judge *record.Judge
	hash  string
}

// newDetectors builds the detectors the configuration enables, and the judge.
func (e *env) newDetectors(c *config.Config) (*detectorSetup, error) {
	opts := detect.Options{RefusalPhrases: c.Detectors.RefusalPhrases,
		AllowedDomains: c.Detectors.AllowedDomains, Regex: c.Detectors.Regex}
	if len(c.Detectors.KnownPackages) > 0 {
		known, err := readKnownPackages(c.Detectors.KnownPackages)
		if err != nil {
			return nil, usageError("%v", err)
		}
		opts.KnownPackages = known
	}
	ds, err := detect.New(opts)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if c.Judge == nil || c.Judge.URL == "" {
		return &detectorSetup{reg: runner.NewRegistry(ds, nil, false), hash: detectorsHash(opts, nil, false)}, nil
	}
	jc := c.Judge.Endpoint
	if jc.Temperature == nil {
		zero := 0.0
		jc.Temperature = &zero // verdicts should not vary between runs
	}
	if jc.MaxTokens == 0 {
		jc.MaxTokens = judgeMaxTokens
	}
	t, err := e.newTarget(&jc, "judge")
	if err != nil {
		return nil, err
	}
	info := &record.Judge{Endpoint: t.Endpoint(), Rubric: judge.Rubric}
	return &detectorSetup{
		reg:   runner.NewRegistry(ds, judge.New(t, judge.Options{}), c.Judge.All),
		judge: info,
		hash:  detectorsHash(opts, info, c.Judge.All),
	}, nil
}

// detectorsHash fingerprints every setting that can change a verdict.
func detectorsHash(opts detect.Options, j *record.Judge, judgeAll bool) string {
	known := make([]string, 0, len(opts.KnownPackages))
	for name := range opts.KnownPackages {
		known = append(known, name)
	}
	slices.Sort(known)
	b, _ := json.Marshal(struct {
		Refusal, Domains, Known []string
		Regex                   []detect.RegexSpec
		Judge                   *record.Judge
		JudgeAll                bool
	}{opts.RefusalPhrases, opts.AllowedDomains, known, opts.Regex, j, judgeAll})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// readKnownPackages reads package-name lists: one name per line, "#" comments, and
// "name==version" or "name@version" lines reduced to the name.
func readKnownPackages(files []string) (map[string]bool, error) {
	known := map[string]bool{}
	for _, name := range files {
		if err := readPackageList(name, known); err != nil {
			return nil, err
		}
	}
	return known, nil
}

func readPackageList(name string, known map[string]bool) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("unable to read --known-packages: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, maxKnownPackagesBytes))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		// "@" starts a version except in an npm scope ("@scope/pkg@1.2.3").
		if i := strings.IndexAny(line[1:], "=<>~!@ \t;["); i >= 0 {
			line = line[:i+1]
		}
		known[strings.ToLower(line)] = true
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("unable to read %s: %w", name, err)
	}
	return nil
}

// newTarget builds a target or judge client; what names it in messages.
func (e *env) newTarget(ep *config.Endpoint, what string) (target.Target, error) {
	if ep.URL == "" {
		return nil, usageError("no %s: give --%s URL or set it in --config", what, what)
	}
	opts := target.Options{Model: ep.Model, Headers: ep.Headers, Timeout: ep.Timeout,
		Retries: config.DefaultRetries, Temperature: ep.Temperature, MaxTokens: ep.MaxTokens}
	if ep.Retries != nil {
		opts.Retries = *ep.Retries
		if opts.Retries == 0 {
			opts.Retries = -1 // the target reads 0 as "default"
		}
	}
	if ep.APIKeyEnv != "" {
		opts.APIKey = e.getenv(ep.APIKeyEnv)
		if opts.APIKey == "" {
			return nil, usageError("%s API key: $%s is empty", what, ep.APIKeyEnv)
		}
	}
	if r := ep.REST; r != nil {
		opts.REST = &target.RESTOptions{Method: r.Method, Body: r.Body, ContentType: r.ContentType,
			ReplyPath: r.ReplyPath, ToolCallsPath: r.ToolCallsPath, BlockedStatuses: r.BlockedStatuses}
	}
	t, err := target.New(ep.URL, opts)
	if err != nil {
		return nil, usageError("%s: %v", what, err)
	}
	return t, nil
}

// systemPrompt returns the deployed system prompt from the configuration, if any.
func systemPrompt(c *config.Config) (string, error) {
	if c.Target.SystemPromptFile == "" {
		return c.Target.SystemPrompt, nil
	}
	b, err := os.ReadFile(c.Target.SystemPromptFile)
	if err != nil {
		return "", usageError("unable to read --system-prompt: %v", err)
	}
	if len(b) > probe.MaxTextLen {
		return "", usageError("--system-prompt %s: longer than %d bytes", c.Target.SystemPromptFile, probe.MaxTextLen)
	}
	return string(b), nil
}
