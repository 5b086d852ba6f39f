package manifest

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/aisecops/aisec/internal/sign/jsonkeys"
	"math"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParsePayload parses a signed in-toto statement into a manifest and the options needed to
// re-hash the model (serialization, hash, shard size, symlinks, recorded ignore paths, and
// IgnoreGitPaths=true as model_signing's verifier does). It checks the statement and
// predicate types, requires exactly one subject, validates every resource name (no absolute
// paths, no "..") and recomputes the root digest over the listed order without re-sorting.
func ParsePayload(b []byte) (*Manifest, Options, error) {
	if err := jsonkeys.Check(b); err != nil {
		return nil, Options{}, fmt.Errorf("unable to parse payload JSON: %w", err)
	}
	var st statementJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&st); err != nil {
		return nil, Options{}, fmt.Errorf("unable to parse payload JSON: %w", err)
	}
	if err := checkTypes(&st); err != nil {
		return nil, Options{}, err
	}
	ser, err := parseSerialization(st.Predicate.Serialization)
	if err != nil {
		return nil, Options{}, err
	}
	m := &Manifest{ModelName: st.Subject[0].Name, Serialization: ser}
	if m.Entries, err = parseResources(st.Predicate.Resources, ser.Method); err != nil {
		return nil, Options{}, err
	}
	if m.IgnorePaths, err = parseIgnorePaths(st.Predicate.Serialization.IgnorePaths); err != nil {
		return nil, Options{}, err
	}
	if err := checkRoot(m, st.Subject[0]); err != nil {
		return nil, Options{}, err
	}
	return m, optionsOf(m), nil
}

// checkTypes validates _type, predicateType and the single subject.
func checkTypes(st *statementJSON) error {
	if st.Type != StatementType {
		return fmt.Errorf("unsupported statement type %q (want %s)", st.Type, StatementType)
	}
	if st.PredicateType != PredicateType {
		return fmt.Errorf("unsupported predicate type %q (want %s)", st.PredicateType, PredicateType)
	}
	if len(st.Subject) != 1 {
		return fmt.Errorf("statement has %d subjects, want exactly 1", len(st.Subject))
	}
	return nil
}

// parseSerialization validates the serialization description.
func parseSerialization(s serializationJSON) (Serialization, error) {
	out := Serialization{Method: s.Method, AllowSymlinks: s.AllowSymlinks}
	if s.Method != MethodFiles && s.Method != MethodShards {
		return out, fmt.Errorf("unsupported serialization method %q", s.Method)
	}
	h, err := canonicalHash(s.HashType)
	if err != nil || s.HashType == "" {
		return out, fmt.Errorf("unsupported hash_type %q", s.HashType)
	}
	out.HashType = h
	if s.Method == MethodShards {
		if s.ShardSize == nil {
			return out, fmt.Errorf("shards serialization without shard_size")
		}
		if out.ShardSize, err = parseShardSize(*s.ShardSize); err != nil {
			return out, err
		}
	}
	return out, nil
}

// parseShardSize accepts a positive integer written as an int or an integral float (8.0).
func parseShardSize(n json.Number) (int64, error) {
	if v, err := n.Int64(); err == nil && v > 0 {
		return v, nil
	}
	f, err := n.Float64()
	if err != nil || f <= 0 || f != math.Trunc(f) || f > 1<<53 {
		return 0, fmt.Errorf("invalid shard_size %s", n)
	}
	return int64(f), nil
}

// parseResources decodes and validates the resource list, in listed order.
func parseResources(rs []resourceJSON, method string) ([]Entry, error) {
	entries := make([]Entry, len(rs))
	seen := make(map[string]bool, len(rs))
	for i, r := range rs {
		if err := checkResourceName(r.Name, method); err != nil {
			return nil, err
		}
		if seen[r.Name] {
			return nil, fmt.Errorf("duplicate resource %q", r.Name)
		}
		seen[r.Name] = true
		d, err := hex.DecodeString(r.Digest)
		if err != nil || len(d) == 0 {
			return nil, fmt.Errorf("resource %q has an invalid digest", r.Name)
		}
		if r.Algorithm == "" {
			return nil, fmt.Errorf("resource %q has no algorithm", r.Name)
		}
		entries[i] = Entry{Name: r.Name, Algorithm: r.Algorithm, Digest: d}
	}
	return entries, nil
}

// checkResourceName validates a file name, or for shards "path:start:end" (split on the last
// two colons) with 0 <= start < end.
func checkResourceName(name, method string) error {
	p := name
	if method == MethodShards {
		var err error
		if p, _, _, err = SplitShard(name); err != nil {
			return err
		}
	}
	return checkRelPath(p)
}

// SplitShard splits a shard name "path:start:end" on its last two colons.
func SplitShard(name string) (p string, start, end int64, err error) {
	i := strings.LastIndexByte(name, ':')
	j := -1
	if i > 0 {
		j = strings.LastIndexByte(name[:i], ':')
	}
	if j < 0 {
		return "", 0, 0, fmt.Errorf("invalid shard name %q (want path:start:end)", name)
	}
	start, err1 := strconv.ParseInt(name[j+1:i], 10, 64)
	end, err2 := strconv.ParseInt(name[i+1:], 10, 64)
	if err1 != nil || err2 != nil || start < 0 || end <= start {
		return "", 0, 0, fmt.Errorf("invalid shard range in %q", name)
	}
	return name[:j], start, end, nil
}

// checkRelPath accepts "." or a clean relative POSIX path without "..", empty or NUL parts.
func checkRelPath(p string) error {
	if p == "." {
		return nil
	}
	if p == "" || !utf8.ValidString(p) || strings.ContainsRune(p, 0) {
		return fmt.Errorf("invalid resource name %q", p)
	}
	if path.IsAbs(p) || strings.HasPrefix(p, `\`) || isDrivePath(p) {
		return fmt.Errorf("resource name %q is an absolute path", p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == ".." || part == "." || part == "" {
			return fmt.Errorf("resource name %q is not a clean relative path", p)
		}
	}
	return nil
}

// parseIgnorePaths validates the recorded ignore paths (relative, no "..").
func parseIgnorePaths(ps []string) ([]string, error) {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		if err := checkRelPath(p); err != nil || p == "." {
			return nil, fmt.Errorf("invalid ignore path %q in payload", p)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

// checkRoot recomputes the root digest over the listed order and compares it with the
// subject's sha256 digest.
func checkRoot(m *Manifest, s subjectJSON) error {
	want, ok := s.Digest["sha256"]
	if !ok {
		return fmt.Errorf("subject has no sha256 digest")
	}
	got := hex.EncodeToString(m.RootDigest())
	if !strings.EqualFold(want, got) {
		return fmt.Errorf("manifest is inconsistent: subject digest %s, resources hash to %s", want, got)
	}
	return nil
}

// optionsOf returns the hashing options recorded in a parsed manifest.
func optionsOf(m *Manifest) Options {
	return Options{
		Serialization:  m.Serialization.Method,
		ShardSize:      m.Serialization.ShardSize,
		Hash:           m.Serialization.HashType,
		IgnorePaths:    append([]string(nil), m.IgnorePaths...),
		IgnoreGitPaths: true,
		AllowSymlinks:  m.Serialization.AllowSymlinks,
	}
}

// isDrivePath reports Windows drive-absolute names such as "C:/x" or `C:\x`.
func isDrivePath(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '/' || p[2] == '\\') &&
		('a' <= p[0]|0x20 && p[0]|0x20 <= 'z')
}
