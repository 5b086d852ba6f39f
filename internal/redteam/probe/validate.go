package probe

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Limits that bound what the loader accepts; they keep hostile or broken
// user files from exhausting memory.
const (
	MaxFileSize        = 1 << 20 // bytes per YAML file
	MaxProbesPerFile   = 500
	MaxPromptsPerProbe = 500
	MaxTextLen         = 32 << 10 // bytes per text, system, payload or trigger
	MaxTagsPerProbe    = 32
	MaxTriggers        = 32
)

// Detectors lists the detector names a probe may reference; they match the
// registry keys of internal/redteam/detect, plus "canary" (an alias of
// "trigger"), "tool-call" and "judge" for the runner, and "regex:<name>" for a
// user-defined regular-expression detector.
//
//   - trigger, canary: a prompt trigger (by default the attempt's canary)
//     appears in the reply.
//   - decode-match: a trigger appears after decoding the reply (base64, hex…).
//   - refusal: the reply does not refuse (a missing refusal is the hit).
//   - markdown-exfil: the reply renders a markdown image or link that
//     carries data to a foreign host.
//   - xss, ansi, sql-echo, template: the reply echoes active content (script,
//     terminal escapes, SQL, template expressions).
//   - sysprompt-overlap: the reply reproduces a long span of the system prompt.
//   - code-presence: the reply contains source code or shell commands.
//   - package-hallucination: the reply names packages absent from the
//     offline package list.
//   - repetition: the reply stops repeating and diverges into other content.
//   - tool-call: the reply calls one of the tools named in the triggers.
//   - judge: the optional LLM judge rules the attack a success.
func Detectors() []string {
	return []string{
		"trigger", "canary", "decode-match", "refusal", "markdown-exfil", "xss", "ansi",
		"sql-echo", "template", "sysprompt-overlap", "code-presence", "package-hallucination",
		"repetition", "tool-call", "judge",
	}
}

var (
	nameRe       = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	regexDetRe   = regexp.MustCompile(`^regex:[a-z0-9][a-z0-9-]{0,63}$`)
	owaspRe      = regexp.MustCompile(`^LLM(0[1-9]|10)$`)
	atlasRe      = regexp.MustCompile(`^AML\.T[0-9]{4}(\.[0-9]{3})?$`)
	cweRe        = regexp.MustCompile(`^CWE-[0-9]{1,5}$`)
	tagSchemeRe  = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
	placeholdRe  = regexp.MustCompile(`\{\{[A-Za-z_][A-Za-z0-9_]{0,63}\}\}`)
	knownHolders = []string{PlaceholderCanary, PlaceholderPayload}
)

// validName reports whether s is a valid family or probe name.
func validName(s string) bool { return nameRe.MatchString(s) }

// validateTag checks "scheme:value"; owasp, atlas and cwe values are checked
// against their catalogues' ID formats, other schemes only for shape.
func validateTag(tag string) error {
	scheme, value, ok := strings.Cut(tag, ":")
	if !ok || !tagSchemeRe.MatchString(scheme) || value == "" || strings.ContainsAny(value, " \t\r\n") || len(value) > 64 {
		return fmt.Errorf("tag %q: want scheme:value, e.g. owasp:LLM01", tag)
	}
	var re *regexp.Regexp
	switch scheme {
	case "owasp":
		re = owaspRe
	case "atlas":
		re = atlasRe
	case "cwe":
		re = cweRe
	default:
		return nil
	}
	if !re.MatchString(value) {
		return fmt.Errorf("tag %q: invalid %s identifier", tag, scheme)
	}
	return nil
}

func validateDetector(d string) error {
	if slices.Contains(Detectors(), d) || regexDetRe.MatchString(d) {
		return nil
	}
	return fmt.Errorf("unknown detector %q (known: %s, regex:<name>)", d, strings.Join(Detectors(), ", "))
}

// validateProbe checks one decoded probe and fills defaults (triggers).
func validateProbe(p *Probe) error {
	var errs []error
	if !validName(p.Name) {
		errs = append(errs, fmt.Errorf("name %q: want lower-case letters, digits and dashes", p.Name))
	}
	if strings.TrimSpace(p.Description) == "" {
		errs = append(errs, errors.New("description is empty"))
	}
	if strings.TrimSpace(p.Goal) == "" {
		errs = append(errs, errors.New("goal is empty"))
	}
	if p.Severity.Rank() < 0 {
		errs = append(errs, fmt.Errorf("severity %q: want one of %v", p.Severity, Severities()))
	}
	errs = append(errs, validateTags(p.Tags)...)
	if len(p.Detectors) == 0 {
		errs = append(errs, errors.New("no detectors"))
	}
	for _, d := range p.Detectors {
		if err := validateDetector(d); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case len(p.Prompts) == 0:
		errs = append(errs, errors.New("no prompts"))
	case len(p.Prompts) > MaxPromptsPerProbe:
		errs = append(errs, fmt.Errorf("%d prompts, at most %d allowed", len(p.Prompts), MaxPromptsPerProbe))
	default:
		canary := slices.Contains(p.Detectors, "canary") || slices.Contains(p.Detectors, "trigger")
		for i := range p.Prompts {
			if err := validatePrompt(&p.Prompts[i], canary); err != nil {
				errs = append(errs, fmt.Errorf("prompt %d: %w", i+1, err))
			}
		}
	}
	return errors.Join(errs...)
}

func validateTags(tags []string) []error {
	var errs []error
	if len(tags) == 0 {
		errs = append(errs, errors.New("no tags (want at least one owasp:LLMxx)"))
	}
	if len(tags) > MaxTagsPerProbe {
		errs = append(errs, fmt.Errorf("%d tags, at most %d allowed", len(tags), MaxTagsPerProbe))
		return errs
	}
	for _, t := range tags {
		if err := validateTag(t); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// validatePrompt checks sizes, placeholders and transform; when canary is
// true it defaults the triggers to the canary and checks it is reachable.
func validatePrompt(p *Prompt, canary bool) error {
	if strings.TrimSpace(p.Text) == "" {
		return errors.New("text is empty")
	}
	if len(p.Triggers) > MaxTriggers {
		return fmt.Errorf("%d triggers, at most %d allowed", len(p.Triggers), MaxTriggers)
	}
	fields := append([]string{p.Text, p.System, p.Payload}, p.Triggers...)
	for _, f := range fields {
		if len(f) > MaxTextLen {
			return fmt.Errorf("a field is %d bytes long, at most %d allowed", len(f), MaxTextLen)
		}
		for _, h := range placeholdRe.FindAllString(f, -1) {
			if !slices.Contains(knownHolders, h) {
				return fmt.Errorf("unknown placeholder %s (known: %s)", h, strings.Join(knownHolders, ", "))
			}
		}
	}
	for _, t := range p.Triggers {
		if strings.TrimSpace(t) == "" {
			return errors.New("empty trigger")
		}
	}
	if err := validatePayload(p); err != nil {
		return err
	}
	if canary && len(p.Triggers) == 0 {
		if !strings.Contains(p.Text+p.System+p.Payload, PlaceholderCanary) {
			return errors.New("probe uses the trigger/canary detector but the prompt has no triggers and no {{canary}}")
		}
		p.Triggers = []string{PlaceholderCanary}
	}
	return nil
}

func validatePayload(p *Prompt) error {
	uses := strings.Contains(p.Text, PlaceholderPayload)
	switch {
	case uses && p.Payload == "":
		return errors.New("text uses {{payload}} but payload is empty")
	case !uses && p.Payload != "":
		return errors.New("payload is set but text does not use {{payload}}")
	case strings.Contains(p.Payload, PlaceholderPayload) || strings.Contains(p.System, PlaceholderPayload):
		return errors.New("{{payload}} may only appear in text")
	}
	if p.Transform != "" {
		if _, ok := TransformByName(p.Transform); !ok {
			return fmt.Errorf("unknown transform %q (known: %s)", p.Transform, strings.Join(TransformNames(), ", "))
		}
		if p.Payload == "" {
			return errors.New("transform is set but payload is empty")
		}
	}
	return nil
}
