package manifest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// In-toto and model_signing type URIs.
const (
	StatementType = "https://in-toto.io/Statement/v1"
	PredicateType = "https://model_signing/signature/v1.0"
)

type statementJSON struct {
	Type          string        `json:"_type"`
	Subject       []subjectJSON `json:"subject"`
	PredicateType string        `json:"predicateType"`
	Predicate     predicateJSON `json:"predicate"`
}

type subjectJSON struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

type predicateJSON struct {
	Serialization serializationJSON `json:"serialization"`
	Resources     []resourceJSON    `json:"resources"`
}

type serializationJSON struct {
	Method        string       `json:"method"`
	HashType      string       `json:"hash_type"`
	AllowSymlinks bool         `json:"allow_symlinks"`
	ShardSize     *json.Number `json:"shard_size,omitempty"`
	IgnorePaths   []string     `json:"ignore_paths,omitempty"`
}

type resourceJSON struct {
	Name      string `json:"name"`
	Algorithm string `json:"algorithm"`
	Digest    string `json:"digest"`
}

// Payload renders the manifest as the in-toto Statement v1 JSON that model_signing signs
// (2-space indent, lowercase hex, shard_size as a JSON integer, ignore_paths omitted when
// empty). Python's key order is not canonical, so consumers compare parsed JSON.
func (m *Manifest) Payload() ([]byte, error) {
	st := statementJSON{
		Type: StatementType,
		Subject: []subjectJSON{{
			Name:   m.ModelName,
			Digest: map[string]string{"sha256": hex.EncodeToString(m.RootDigest())},
		}},
		PredicateType: PredicateType,
		Predicate: predicateJSON{
			Serialization: m.serializationJSON(),
			Resources:     make([]resourceJSON, len(m.Entries)),
		},
	}
	for i, e := range m.Entries {
		st.Predicate.Resources[i] = resourceJSON{Name: e.Name, Algorithm: e.Algorithm, Digest: hex.EncodeToString(e.Digest)}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(st); err != nil {
		return nil, fmt.Errorf("unable to encode payload: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// serializationJSON is the predicate's serialization object for m.
func (m *Manifest) serializationJSON() serializationJSON {
	s := serializationJSON{
		Method:        m.Serialization.Method,
		HashType:      m.Serialization.HashType,
		AllowSymlinks: m.Serialization.AllowSymlinks,
		IgnorePaths:   m.IgnorePaths,
	}
	if m.Serialization.Method == MethodShards {
		n := json.Number(fmt.Sprint(m.Serialization.ShardSize))
		s.ShardSize = &n
	}
	return s
}
