package cli

import (
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/aisecops/aisec/internal/redteam/config"
)

// redteamFlags are the flags of `redteam run`; each one set on the command line (or through
// its AISEC_* variable) overrides the same setting in --config.
type redteamFlags struct {
	config string

	target, model, apiKeyEnv, systemPrompt string
	headers                                map[string]string
	timeout                                time.Duration
	retries, maxTokens                     int
	temperature                            float64
	restBody, restReplyPath                string

	probes, exclude, tags, probeFiles, transforms, datasets []string
	noDefaultProbes                                         bool

	generations, concurrency, maxRequests, budgetTokens int
	rate                                                float64
	seed                                                uint64

	judge, judgeModel, judgeAPIKeyEnv string
	judgeAll                          bool

	refusalPhrases, allowedDomains, knownPackages []string

	failUnder float64
	failOn    string

	journal, resume string
	dryRun, quiet   bool
	out             redteamOutputs
}

// redteamOutputs are the report destinations shared by `run` and `report`.
type redteamOutputs struct {
	format                              string
	html, sarif, junit, markdown, jsonF string
	verbose                             bool
}

func (o *redteamFlags) register(f *pflag.FlagSet) {
	f.StringVar(&o.config, "config", "", "redteam.yaml with any of the settings below (flags win)")
	f.StringVar(&o.target, "target", "", "endpoint: openai://HOST[:PORT][/v1] (OpenAI-compatible chat) or rest://HOST/PATH (generic HTTP)")
	f.StringVar(&o.model, "model", "", "model name sent to the target")
	f.StringVar(&o.apiKeyEnv, "api-key-env", "", "environment variable holding the target's API key (sent as a bearer token)")
	f.StringVar(&o.systemPrompt, "system-prompt", "", "file with the deployed system prompt (default: a built-in support-assistant prompt)")
	f.StringToStringVar(&o.headers, "header", nil, "extra request header NAME=VALUE (repeatable)")
	f.DurationVar(&o.timeout, "timeout", config.DefaultTimeout, "timeout of one request")
	f.IntVar(&o.retries, "retries", config.DefaultRetries, "retries on 429, 5xx and network errors, with exponential backoff")
	f.Float64Var(&o.temperature, "temperature", 0, "sampling temperature sent to the target (default: the target's)")
	f.IntVar(&o.maxTokens, "max-tokens", 0, "max_tokens sent to the target (default: the target's)")
	f.StringVar(&o.restBody, "rest-body", "", `rest:// request body template; $INPUT, $SYSTEM and $MODEL are replaced (JSON-escaped), e.g. '{"q":"$INPUT"}'`)
	f.StringVar(&o.restReplyPath, "rest-reply-path", "", "rest:// JSONPath of the reply text in the response, e.g. $.answer")

	f.StringSliceVar(&o.probes, "probes", nil, "families or family/probe IDs to run (default: all)")
	f.StringSliceVar(&o.exclude, "exclude", nil, "families or family/probe IDs to leave out")
	f.StringSliceVar(&o.tags, "tags", nil, "run only probes with one of these tags, e.g. owasp:LLM01,atlas:AML.T0051")
	f.StringSliceVar(&o.probeFiles, "probe-file", nil, "extra probe YAML files, folders or globs (repeatable)")
	f.StringSliceVar(&o.transforms, "transforms", nil, "also run every selected probe encoded with these transforms (base64, hex, rot13, leetspeak, unicode-tags, homoglyphs, morse, zero-width, reverse)")
	f.StringSliceVar(&o.datasets, "dataset", nil, "file of harmful requests (text lines or JSONL with a prompt field) run as a refusal probe (repeatable)")
	f.BoolVar(&o.noDefaultProbes, "no-default-probes", false, "leave out the embedded probe library (use --probe-file)")

	f.IntVar(&o.generations, "generations", config.DefaultGenerations, "times each prompt is sent")
	f.IntVar(&o.concurrency, "concurrency", config.DefaultConcurrency, "attempts in flight")
	f.Float64Var(&o.rate, "rate", 0, "maximum requests per second (0: no limit)")
	f.IntVar(&o.maxRequests, "max-requests", 0, "stop after this many requests (0: no cap); resume to continue")
	f.IntVar(&o.budgetTokens, "budget-tokens", 0, "stop once the target reports this many prompt+completion tokens (0: no cap); resume to continue")
	f.Uint64Var(&o.seed, "seed", 0, "seed of the attempt order and canaries (default: random, recorded in the journal)")

	f.StringVar(&o.judge, "judge", "", "optional LLM judge endpoint: openai://HOST[:PORT][/v1]")
	f.StringVar(&o.judgeModel, "judge-model", "", "judge model name")
	f.StringVar(&o.judgeAPIKeyEnv, "judge-api-key-env", "", "environment variable holding the judge's API key")
	f.BoolVar(&o.judgeAll, "judge-all", false, "judge every attempt (default: refusal-scored and judge probes only)")

	f.StringSliceVar(&o.refusalPhrases, "refusal-phrase", nil, "extra refusal formula of your product, e.g. \"I can only help with Acme orders\" (repeatable)")
	f.StringSliceVar(&o.allowedDomains, "allowed-domain", nil, "domains the target may link to; any other link counts as exfiltration (repeatable)")
	f.StringSliceVar(&o.knownPackages, "known-packages", nil, "file of real package names, one per line: enables the packages family (repeatable)")

	f.Float64Var(&o.failUnder, "fail-under", config.DefaultFailUnder, "exit 1 when a family's pass rate is below this (0 disables)")
	f.StringVar(&o.failOn, "fail-on", "", "exit 1 when a probe of this severity or higher has any hit: info, low, medium, high or critical")

	f.StringVar(&o.journal, "journal", "", "attempt journal to write (JSONL; default redteam-<time>.jsonl)")
	f.StringVar(&o.resume, "resume", "", "continue the run recorded in this journal, skipping finished attempts")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the plan and its estimated tokens; send nothing")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	o.out.register(f)
}

func (o *redteamOutputs) register(f *pflag.FlagSet) {
	f.StringVarP(&o.format, "format", "f", "table", "standard output format: table, json, markdown, html, sarif or junit")
	f.StringVar(&o.html, "html", "", "also write the self-contained HTML report to this file")
	f.StringVar(&o.sarif, "sarif", "", "also write SARIF 2.1.0 to this file")
	f.StringVar(&o.junit, "junit", "", "also write JUnit XML to this file")
	f.StringVar(&o.markdown, "markdown", "", "also write the markdown summary to this file")
	f.StringVar(&o.jsonF, "json", "", "also write the JSON summary to this file")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "table: list every probe, not only failing ones")
}

// merge returns the configuration: --config, then every flag the user set on top.
func (o *redteamFlags) merge(cmd *cobra.Command) (*config.Config, error) {
	c := &config.Config{}
	if o.config != "" {
		var err error
		if c, err = config.Load(o.config); err != nil {
			return nil, usageError("%v", err)
		}
	}
	fl := cmd.Flags()
	set := func(name string, apply func()) {
		if fl.Changed(name) {
			apply()
		}
	}
	set("target", func() { c.Target.URL = o.target })
	set("model", func() { c.Target.Model = o.model })
	set("api-key-env", func() { c.Target.APIKeyEnv = o.apiKeyEnv })
	set("system-prompt", func() { c.Target.SystemPromptFile, c.Target.SystemPrompt = o.systemPrompt, "" })
	set("header", func() { c.Target.Headers = o.headers })
	set("timeout", func() { c.Target.Timeout = o.timeout })
	set("retries", func() { c.Target.Retries = &o.retries })
	set("temperature", func() { c.Target.Temperature = &o.temperature })
	set("max-tokens", func() { c.Target.MaxTokens = o.maxTokens })
	if fl.Changed("rest-body") || fl.Changed("rest-reply-path") {
		if c.Target.REST == nil {
			c.Target.REST = &config.REST{}
		}
		set("rest-body", func() { c.Target.REST.Body = o.restBody })
		set("rest-reply-path", func() { c.Target.REST.ReplyPath = o.restReplyPath })
	}
	o.mergeProbes(c, set)
	if err := o.mergeRun(c, set); err != nil {
		return nil, err
	}
	o.mergeOutputs(c, set)
	return c, nil
}

func (o *redteamFlags) mergeProbes(c *config.Config, set func(string, func())) {
	set("probes", func() { c.Probes.Include = o.probes })
	set("exclude", func() { c.Probes.Exclude = o.exclude })
	set("tags", func() { c.Probes.Tags = o.tags })
	set("probe-file", func() { c.Probes.Files = append(c.Probes.Files, o.probeFiles...) })
	set("transforms", func() { c.Probes.Transforms = o.transforms })
	set("dataset", func() { c.Probes.Datasets = append(c.Probes.Datasets, o.datasets...) })
	set("no-default-probes", func() { c.Probes.NoDefault = o.noDefaultProbes })
	set("refusal-phrase", func() { c.Detectors.RefusalPhrases = append(c.Detectors.RefusalPhrases, o.refusalPhrases...) })
	set("allowed-domain", func() { c.Detectors.AllowedDomains = append(c.Detectors.AllowedDomains, o.allowedDomains...) })
	set("known-packages", func() { c.Detectors.KnownPackages = append(c.Detectors.KnownPackages, o.knownPackages...) })
}

func (o *redteamFlags) mergeRun(c *config.Config, set func(string, func())) error {
	set("generations", func() { c.Run.Generations = o.generations })
	set("concurrency", func() { c.Run.Concurrency = o.concurrency })
	set("rate", func() { c.Run.Rate = o.rate })
	set("seed", func() { c.Run.Seed = &o.seed })
	set("max-requests", func() { c.Run.MaxRequests = o.maxRequests })
	set("budget-tokens", func() { c.Run.BudgetTokens = o.budgetTokens })
	if c.Run.MaxRequests < 0 || c.Run.BudgetTokens < 0 {
		return usageError("--max-requests and --budget-tokens must not be negative")
	}
	if c.Run.Generations == 0 {
		c.Run.Generations = config.DefaultGenerations
	}
	if c.Run.Concurrency == 0 {
		c.Run.Concurrency = config.DefaultConcurrency
	}
	if o.judge != "" || o.judgeModel != "" || o.judgeAPIKeyEnv != "" || o.judgeAll {
		if c.Judge == nil {
			c.Judge = &config.Judge{}
		}
		set("judge", func() { c.Judge.URL = o.judge })
		set("judge-model", func() { c.Judge.Model = o.judgeModel })
		set("judge-api-key-env", func() { c.Judge.APIKeyEnv = o.judgeAPIKeyEnv })
		set("judge-all", func() { c.Judge.All = o.judgeAll })
	}
	set("fail-under", func() { c.Gate.FailUnder = &o.failUnder })
	set("fail-on", func() { c.Gate.FailOn = o.failOn })
	if c.Gate.FailUnder == nil {
		v := config.DefaultFailUnder
		c.Gate.FailUnder = &v
	}
	return nil
}

func (o *redteamFlags) mergeOutputs(c *config.Config, set func(string, func())) {
	set("journal", func() { c.Output.Journal = o.journal })
	set("html", func() { c.Output.HTML = o.out.html })
	set("sarif", func() { c.Output.SARIF = o.out.sarif })
	set("junit", func() { c.Output.JUnit = o.out.junit })
	set("markdown", func() { c.Output.Markdown = o.out.markdown })
	set("json", func() { c.Output.JSON = o.out.jsonF })
}
