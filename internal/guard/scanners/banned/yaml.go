package banned

import "go.yaml.in/yaml/v3"

// UnmarshalYAML accepts a plain string as a substring, so the common case reads
// `substrings: [project-falcon, "internal codename"]`; the mapping form adds a name and
// whole_word.
func (s *Substring) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Substring{Text: n.Value}
		return nil
	}
	type plain Substring // without this method, so the mapping decodes normally
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*s = Substring(p)
	return nil
}
