package probe

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// library holds the default probe files; they are read-only data.
//
//go:embed library/*.yaml
var library embed.FS

// file is the on-disk shape of one probe family file.
type file struct {
	Family string  `yaml:"family"`
	Probes []Probe `yaml:"probes"`
}

// UnmarshalYAML accepts a prompt written as a plain string or as a mapping.
// It checks mapping keys itself because node.Decode does not inherit the
// decoder's KnownFields setting.
func (p *Prompt) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&p.Text)
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: a prompt is a string or a mapping", n.Line)
	}
	allowed := []string{"text", "system", "triggers", "payload", "transform"}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; !slices.Contains(allowed, k) {
			return fmt.Errorf("line %d: field %s not found in prompt (known: %s)", n.Content[i].Line, k, strings.Join(allowed, ", "))
		}
	}
	type plain Prompt // drops this method to avoid recursion
	return n.Decode((*plain)(p))
}

// Load parses and validates one probe file; name is used in errors and is
// usually the file path. It reads at most [MaxFileSize] bytes.
func Load(r io.Reader, name string) ([]Probe, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read probe file %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("probe file %s: larger than %d bytes", name, MaxFileSize)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("probe file %s: empty", name)
		}
		return nil, fmt.Errorf("unable to parse probe file %s: %w", name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("probe file %s: want exactly one YAML document", name)
	}
	return validateFile(&f, name)
}

func validateFile(f *file, name string) ([]Probe, error) {
	if !validName(f.Family) {
		return nil, fmt.Errorf("probe file %s: family %q: want lower-case letters, digits and dashes", name, f.Family)
	}
	if len(f.Probes) == 0 {
		return nil, fmt.Errorf("probe file %s: no probes", name)
	}
	if len(f.Probes) > MaxProbesPerFile {
		return nil, fmt.Errorf("probe file %s: %d probes, at most %d allowed", name, len(f.Probes), MaxProbesPerFile)
	}
	seen := make(map[string]bool, len(f.Probes))
	var errs []error
	for i := range f.Probes {
		p := &f.Probes[i]
		p.Family = f.Family
		p.ID = f.Family + "/" + p.Name
		if err := validateProbe(p); err != nil {
			errs = append(errs, fmt.Errorf("probe file %s: probe %q (#%d): %w", name, p.Name, i+1, err))
			continue
		}
		if seen[p.ID] {
			errs = append(errs, fmt.Errorf("probe file %s: duplicate probe %s", name, p.ID))
		}
		seen[p.ID] = true
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return f.Probes, nil
}

// Library loads every *.yaml and *.yml file at the root of fsys, in name
// order, and checks that probe IDs are unique across files.
func Library(fsys fs.FS) ([]Probe, error) {
	var names []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, fmt.Errorf("unable to list probe files: %w", err)
		}
		names = append(names, m...)
	}
	slices.Sort(names)
	var sets [][]Probe
	for _, n := range names {
		ps, err := loadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ps)
	}
	return Merge(sets...)
}

func loadFile(fsys fs.FS, name string) ([]Probe, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("unable to open probe file %s: %w", name, err)
	}
	defer f.Close()
	return Load(f, name)
}

// Default returns the embedded probe library. Each call parses it anew, so
// callers may modify the result.
func Default() ([]Probe, error) {
	sub, err := fs.Sub(library, "library")
	if err != nil {
		return nil, fmt.Errorf("unable to open embedded probe library: %w", err)
	}
	ps, err := Library(sub)
	if err != nil {
		return nil, fmt.Errorf("embedded probe library: %w", err)
	}
	return ps, nil
}

// Merge concatenates probe sets (for example the default library and a
// user directory) and fails on duplicate IDs.
func Merge(sets ...[]Probe) ([]Probe, error) {
	var out []Probe
	seen := make(map[string]bool)
	for _, set := range sets {
		for _, p := range set {
			if seen[p.ID] {
				return nil, fmt.Errorf("duplicate probe %s", p.ID)
			}
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out, nil
}

// Families returns the distinct families of ps in first-seen order.
func Families(ps []Probe) []string {
	var out []string
	for _, p := range ps {
		if !slices.Contains(out, p.Family) {
			out = append(out, p.Family)
		}
	}
	return out
}
