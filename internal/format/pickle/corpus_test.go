package pickle

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCorpusSmoke parses every corpus pickle without panicking and checks what upstream
// scanners are known to get wrong.
func TestCorpusSmoke(t *testing.T) {
	ps := shared(t, "corpus/models/picklescan/data")
	ma := shared(t, "corpus/models/modelaudit/samples/pickles")
	var files []string
	for _, g := range []string{ps + "/*.pkl", ps + "/*.pickle", ps + "/*.bin", ps + "/*.pt", ma + "/*.pkl", ma + "/*.pickle"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("only %d corpus files found", len(files))
	}
	got := map[string]*File{}
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		pf := parseFileT(t, f)
		f.Close()
		got[filepath.Base(path)] = pf
		for _, s := range pf.Streams {
			if s.Err != nil && strings.HasPrefix(s.Err.Msg, "internal error") {
				t.Errorf("%s: %v", path, s.Err)
			}
		}
	}
	check := func(name string, ok bool, what string) {
		t.Helper()
		if !ok {
			t.Errorf("%s: %s\n%s", name, what, summary(got[name], ""))
		}
	}
	s := got["malicious11.pkl"].Streams[0]
	check("malicious11.pkl", findImport(s, "os", "system") != nil && findImport(s, "torch", "LongStorage") == nil,
		"os.system must resolve through the memo despite the torch.LongStorage decoy")
	s = got["broken_model.pkl"].Streams[0]
	check("broken_model.pkl", findImport(s, "builtins", "exec") != nil && s.Err != nil, "builtins.exec kept with Err set")
	f := got["malicious6.pkl"]
	check("malicious6.pkl", len(f.Streams) == 2 && findImport(f.Streams[1], "requests.api", "get") != nil,
		"2 streams with requests.api.get in the second")
	s = got["sys_module_override_sploit.pkl"].Streams[0]
	unresolved := false
	for _, im := range s.Imports {
		unresolved = unresolved || (!im.Resolved && im.Module == "builtins" && im.Name == "eval")
	}
	check("sys_module_override_sploit.pkl", unresolved && len(s.Calls) > 0 && s.Calls[0].OnGlobal,
		"unresolved STACK_GLOBAL (builtins.eval via rebound attributes) and an OnGlobal BUILD")
	f = got["pytorch_magic_bypass.pt"]
	check("pytorch_magic_bypass.pt", len(f.Streams) == 6 && f.Streams[0].Result.Kind == ValueCall &&
		findImport(f.Streams[4], "posix", "system") != nil, "magic number from eval; posix.system in the 5th pickle")
	f = got["pytorch_model.bin"]
	check("pytorch_model.bin", len(f.Streams) == 5 && f.Streams[0].Result.Int == "119547037146038801333356" && f.Trailing > 0,
		"legacy torch: magic number, 5 pickles, storage bytes after")
	s = got["malicious13a.pkl"].Streams[0]
	check("malicious13a.pkl", len(s.Nested) == 1 && s.Nested[0].Loader == "pickle.loads", "nested pickle through _codecs.encode")
	s = got["malicious12.pkl"].Streams[0]
	check("malicious12.pkl", findCall(s, "operator.attrgetter('system')(builtins.__import__('os'))") != nil, "attrgetter chain rendered")
	s = got["malicious-invalid-bytes.pkl"].Streams[0]
	check("malicious-invalid-bytes.pkl", findImport(s, "os", "system") != nil && got["malicious-invalid-bytes.pkl"].Trailing == 4, "payload and 4 trailing bytes")
	for _, n := range []string{"nested_pickle_base64.pkl", "nested_pickle_hex.pkl", "nested_pickle_raw.pkl", "nested_pickle_multistage.pkl"} {
		s = got[n].Streams[0]
		check(n, len(s.Nested) > 0 && s.Nested[0].Loader == "", "inert nested pickle found")
	}
	for _, n := range []string{"safe_data.pkl", "safe_large_model.pkl", "safe_model_with_binary.pkl", "safe_model_with_encoding.pkl", "safe_model_with_tokens.pkl", "safe_nested_structure.pkl", "benign0_v0.pkl", "benign0_v3.pkl", "benign0_v4.pkl"} {
		s = got[n].Streams[0]
		check(n, s.Complete && s.Err == nil && len(s.Imports) == 0 && len(s.Nested) == 0 && len(s.Anomalies) == 0, "benign and clean")
	}
}

// opcodeLine matches a line of `python -m pickletools` output that shows one opcode.
var opcodeLine = regexp.MustCompile(`(?m)^\s*\d+: `)

// TestOpcodeCountsMatchPickletools compares opcode counts with CPython's pickletools.
func TestOpcodeCountsMatchPickletools(t *testing.T) {
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("SKIPPING: /usr/bin/python3 is not available")
	}
	ps := shared(t, "corpus/models/picklescan/data")
	ma := shared(t, "corpus/models/modelaudit/samples/pickles")
	files := []string{ps + "/benign0_v0.pkl", ps + "/benign0_v3.pkl", ps + "/benign0_v4.pkl",
		ma + "/safe_large_model.pkl", ma + "/safe_nested_structure.pkl", ma + "/safe_model_with_tokens.pkl",
		ma + "/safe_model_with_binary.pkl", ps + "/malicious15a.pkl", ps + "/malicious0.pkl"}
	for _, path := range files {
		out, err := exec.Command("/usr/bin/python3", "-m", "pickletools", path).Output()
		if err != nil {
			t.Fatalf("pickletools %s: %v", path, err)
		}
		want := len(opcodeLine.FindAll(out, -1))
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		pf := parseFileT(t, f)
		f.Close()
		if got := pf.Streams[0].Opcodes; got != int64(want) {
			t.Errorf("%s: %d opcodes, pickletools counts %d", filepath.Base(path), got, want)
		}
	}
}
