package config

import (
	"fmt"
	"sort"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/aisecops/aisec/internal/guard/engine"
)

// RuleConfig is one entry of `rules:` split into what the engine needs and the scanner's own
// options (kept as YAML for the scanner's strict decoder).
type RuleConfig struct {
	Name    string
	Rule    engine.Rule
	Enabled *bool
	// Options is the rule's mapping without the common keys; nil when there is none.
	Options *yaml.Node
}

// commonKeys are the rule keys the engine consumes; everything else belongs to the scanner.
var commonKeys = map[string]bool{"mode": true, "fail_open": true, "timeout": true, "enabled": true}

// RuleConfigs returns the rules in name order.
func (c *Config) RuleConfigs() ([]RuleConfig, error) {
	names := make([]string, 0, len(c.Rules))
	for n := range c.Rules {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]RuleConfig, 0, len(names))
	for _, n := range names {
		node := c.Rules[n]
		rc, err := splitRule(n, &node)
		if err != nil {
			return nil, fmt.Errorf("rules.%s: %w", n, err)
		}
		out = append(out, rc)
	}
	return out, nil
}

func splitRule(name string, n *yaml.Node) (RuleConfig, error) {
	rc := RuleConfig{Name: name, Rule: engine.DefaultRule(name)}
	if n.Kind == 0 || n.Tag == "!!null" {
		return rc, nil
	}
	if n.Kind != yaml.MappingNode {
		return rc, fmt.Errorf("line %d: want a mapping of settings", n.Line)
	}
	opts := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !commonKeys[k.Value] {
			opts.Content = append(opts.Content, k, v)
			continue
		}
		if err := setCommon(&rc, k.Value, v); err != nil {
			return rc, fmt.Errorf("line %d: %s: %w", k.Line, k.Value, err)
		}
	}
	if len(opts.Content) > 0 {
		rc.Options = opts
	}
	return rc, nil
}

func setCommon(rc *RuleConfig, key string, v *yaml.Node) error {
	switch key {
	case "mode":
		m, err := engine.ParseMode(v.Value)
		rc.Rule.Mode = m
		return err
	case "fail_open":
		return v.Decode(&rc.Rule.FailOpen)
	case "timeout":
		d, err := time.ParseDuration(v.Value)
		if err != nil || d <= 0 {
			return fmt.Errorf("invalid duration %q (use e.g. 50ms)", v.Value)
		}
		rc.Rule.Timeout = d
		return nil
	case "enabled":
		var b bool
		if err := v.Decode(&b); err != nil {
			return err
		}
		rc.Enabled = &b
	}
	return nil
}
