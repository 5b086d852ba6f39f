package hf

import (
	"strings"
	"testing"
)

func FuzzParseCachePath(f *testing.F) {
	for _, s := range []string{
		"/h/.cache/huggingface/hub/models--acme--tiny/snapshots/0123456789abcdef0123456789abcdef01234567/config.json",
		`C:\hub\datasets--o--d\blobs\abc`, "models--gpt2/refs/main", "/x/.locks/models--a--b/x.lock",
		"spaces--a--b/.no_exist/rev/f", "models--a--b--c", "/a/b/c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		ref, ok := ParseCachePath(p)
		if !ok {
			if ref != (CacheRef{}) {
				t.Fatalf("not recognised but returned %+v", ref)
			}
			return
		}
		if ref.ModelID == "" || strings.Count(ref.ModelID, "/") > 1 || strings.Contains(ref.ModelID, "--") {
			t.Fatalf("bad model id %q", ref.ModelID)
		}
		if ref.Type != Model && ref.Type != Dataset && ref.Type != Space {
			t.Fatalf("bad type %q", ref.Type)
		}
		if len(ref.Root) > len(p) || len(ref.File) > len(p) || len(ref.Revision) > len(p) {
			t.Fatalf("fields longer than the input: %+v", ref)
		}
		for _, part := range strings.Split(ref.File, "/") {
			if part == ".." {
				t.Fatalf("file escapes the repository: %q", ref.File)
			}
		}
		if (ref.Area == AreaSnapshots || ref.Area == AreaNoExist) && ref.File != "" && ref.Revision == "" {
			t.Fatalf("file without a revision: %+v", ref)
		}
		if !strings.HasPrefix(ref.String(), "") || (ref.Revision != "" && !strings.HasSuffix(ref.String(), "@"+ref.Revision)) {
			t.Fatalf("String() = %q", ref.String())
		}
	})
}

func FuzzTwins(f *testing.F) {
	f.Add("pytorch_model.bin\nmodel.safetensors\ntraining_args.bin")
	f.Add("a/pytorch_model-00001-of-00002.bin\na/model.safetensors.index.json\nconsolidated.00.pth\nconsolidated.safetensors")
	f.Fuzz(func(t *testing.T, list string) {
		files := strings.Split(list, "\n")
		seen := map[string]bool{}
		for _, f := range files {
			seen[strings.ReplaceAll(f, "\\", "/")] = true
		}
		for _, tw := range Twins(files) {
			if !seen[tw.Pickle] || !seen[tw.Safetensors] {
				t.Fatalf("twin names a file not given: %+v", tw)
			}
			if _, _, ok := pickleFamily(tw.Pickle[strings.LastIndexByte(tw.Pickle, '/')+1:]); !ok {
				t.Fatalf("twin is not a pickle weight: %q", tw.Pickle)
			}
		}
	})
}
