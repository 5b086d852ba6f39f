package config

import (
	"fmt"

	"github.com/aisecops/aisec/internal/guard/engine"
	"github.com/aisecops/aisec/internal/guard/scanners"
	"github.com/aisecops/aisec/internal/guard/scanners/list"
)

// Engine builds the scanners the configuration turns on and the engine that applies them. A
// rule that is mentioned is on unless it says `enabled: false`; a rule that is not mentioned
// keeps its default.
func (c *Config) Engine() (*engine.Engine, error) {
	rcs, err := c.RuleConfigs()
	if err != nil {
		return nil, err
	}
	byName := make(map[string]RuleConfig, len(rcs))
	for _, rc := range rcs {
		byName[rc.Name] = rc
	}
	var active []scanners.Scanner
	rules := map[string]engine.Rule{}
	for _, f := range list.Factories() {
		rc, mentioned := byName[f.Name]
		delete(byName, f.Name)
		on := f.On || mentioned
		if mentioned && rc.Enabled != nil {
			on = *rc.Enabled
		}
		if !on {
			continue
		}
		s, err := f.Build(rc.Options)
		if err != nil {
			return nil, fmt.Errorf("rules.%s: %w", f.Name, err)
		}
		active = append(active, s)
		if mentioned {
			rules[f.Name] = rc.Rule
		}
	}
	for name := range byName {
		return nil, fmt.Errorf("rules.%s: no such scanner (see docs/guard.md for the list)", name)
	}
	return engine.New(active, rules)
}

// DefaultEngine is the engine with every default scanner and rule, for use without a file.
func DefaultEngine() (*engine.Engine, error) {
	return (&Config{}).Engine()
}
