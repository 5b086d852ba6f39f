package hf

import (
	"flag"
	"reflect"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "unused here: this package has no golden files")

func TestParseCachePath(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		path string
		ok   bool
		want CacheRef
	}{
		{"/home/u/.cache/huggingface/hub/models--acme--tiny/snapshots/" + rev + "/config.json", true,
			CacheRef{Type: Model, ModelID: "acme/tiny", Revision: rev, Area: AreaSnapshots, File: "config.json", Root: "/home/u/.cache/huggingface/hub/models--acme--tiny"}},
		{"hub/models--gpt2/snapshots/" + rev + "/onnx/decoder_model.onnx", true,
			CacheRef{Type: Model, ModelID: "gpt2", Revision: rev, Area: AreaSnapshots, File: "onnx/decoder_model.onnx", Root: "hub/models--gpt2"}},
		{`C:\Users\u\.cache\huggingface\hub\datasets--org--data\snapshots\` + rev + `\train.py`, true,
			CacheRef{Type: Dataset, ModelID: "org/data", Revision: rev, Area: AreaSnapshots, File: "train.py", Root: "C:/Users/u/.cache/huggingface/hub/datasets--org--data"}},
		{"/c/spaces--me--demo/snapshots/" + rev, true,
			CacheRef{Type: Space, ModelID: "me/demo", Revision: rev, Area: AreaSnapshots, Root: "/c/spaces--me--demo"}},
		{"/c/models--a--b/blobs/9c1fbd0b5c", true,
			CacheRef{Type: Model, ModelID: "a/b", Area: AreaBlobs, File: "9c1fbd0b5c", Root: "/c/models--a--b"}},
		{"/c/models--a--b/refs/main", true, CacheRef{Type: Model, ModelID: "a/b", Area: AreaRefs, File: "main", Root: "/c/models--a--b"}},
		{"/c/models--a--b/", true, CacheRef{Type: Model, ModelID: "a/b", Root: "/c/models--a--b"}},
		{"/c/models--a--b/snapshots/", true, CacheRef{Type: Model, ModelID: "a/b", Area: AreaSnapshots, Root: "/c/models--a--b"}},
		{"/c/models--a--b/.no_exist/" + rev + "/model.safetensors", true,
			CacheRef{Type: Model, ModelID: "a/b", Revision: rev, Area: AreaNoExist, File: "model.safetensors", Root: "/c/models--a--b"}},
		// The repository folder nearest the file wins; a file merely named like one does not.
		{"/c/models--a--b/snapshots/" + rev + "/models--x--y.txt", true,
			CacheRef{Type: Model, ModelID: "a/b", Revision: rev, Area: AreaSnapshots, File: "models--x--y.txt", Root: "/c/models--a--b"}},
		{"/c/.locks/models--a--b/abc.lock", false, CacheRef{}},
		{"/c/models--a--b--c/snapshots/x/f", false, CacheRef{}},
		{"/c/models----b/snapshots/x/f", false, CacheRef{}},
		{"/c/models--a--b/other/f", false, CacheRef{}},
		{"/c/models--a--b/snapshots/" + rev + "/../../x", false, CacheRef{}},
		{"/home/u/models/tiny/config.json", false, CacheRef{}},
		{"", false, CacheRef{}},
	}
	for _, tt := range tests {
		got, ok := ParseCachePath(tt.path)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseCachePath(%q) = %+v, %v; want %+v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCacheRefString(t *testing.T) {
	tests := []struct {
		ref  CacheRef
		want string
	}{
		{CacheRef{Type: Model, ModelID: "a/b", Revision: "abc"}, "a/b@abc"},
		{CacheRef{Type: Dataset, ModelID: "a/b", Revision: "abc"}, "datasets/a/b@abc"},
		{CacheRef{Type: Space, ModelID: "a/b"}, "spaces/a/b"},
	}
	for _, tt := range tests {
		if got := tt.ref.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestTwins(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []Twin
	}{
		{"single", []string{"config.json", "pytorch_model.bin", "model.safetensors", "training_args.bin"},
			[]Twin{{"pytorch_model.bin", "model.safetensors"}}},
		{"shards", []string{"pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin", "pytorch_model.bin.index.json",
			"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "model.safetensors.index.json"},
			[]Twin{{"pytorch_model-00001-of-00002.bin", "model-00001-of-00002.safetensors"}, {"pytorch_model-00002-of-00002.bin", "model-00002-of-00002.safetensors"}}},
		{"different shard counts pair through the index", []string{"pytorch_model-00001-of-00003.bin", "model-00001-of-00002.safetensors", "model.safetensors.index.json"},
			[]Twin{{"pytorch_model-00001-of-00003.bin", "model.safetensors.index.json"}}},
		{"stems", []string{"model.pt", "model.safetensors", "v1-5.ckpt", "v1-5.safetensors", "adapter_model.bin", "adapter_model.safetensors", "consolidated.00.pth", "consolidated.safetensors"},
			[]Twin{{"adapter_model.bin", "adapter_model.safetensors"}, {"consolidated.00.pth", "consolidated.safetensors"}, {"model.pt", "model.safetensors"}, {"v1-5.ckpt", "v1-5.safetensors"}}},
		{"diffusers subfolders", []string{"unet/diffusion_pytorch_model.bin", "unet/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.bin", "text_encoder/model.safetensors"},
			[]Twin{{"unet/diffusion_pytorch_model.bin", "unet/diffusion_pytorch_model.safetensors"}}},
		{"no twin", []string{"pytorch_model.bin", "tokenizer.json", "optimizer.pt", "rng_state_0.pth"}, nil},
		{"non-weights never twin", []string{"training_args.bin", "training_args.safetensors", "optimizer.pt", "optimizer.safetensors"}, nil},
		{"windows separators", []string{`sub\pytorch_model.bin`, `sub\model.safetensors`}, []Twin{{"sub/pytorch_model.bin", "sub/model.safetensors"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Twins(tt.files); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseClassRef(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want AutoRef
	}{
		{"modeling_tiny.TinyModel", true, AutoRef{Value: "modeling_tiny.TinyModel", Module: "modeling_tiny", Class: "TinyModel"}},
		{"other/repo--modeling_x.X", true, AutoRef{Value: "other/repo--modeling_x.X", Repo: "other/repo", Module: "modeling_x", Class: "X"}},
		{"NoModule", false, AutoRef{}},
		{"mod.", false, AutoRef{}},
		{".Cls", false, AutoRef{}},
		{"--mod.Cls", false, AutoRef{}},
		{"a--b--mod.Cls", false, AutoRef{}},
	}
	for _, tt := range tests {
		got, ok := ParseClassRef(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseClassRef(%q) = %+v, %v", tt.in, got, ok)
		}
	}
}

func TestAutoRefs(t *testing.T) {
	root := map[string]any{
		"auto_map": map[string]any{
			"AutoConfig":    "configuration_x.XConfig",
			"AutoTokenizer": []any{"tokenization_x.XTok", nil},
			"AutoModel":     "org/other--modeling_x.XModel",
			"Broken":        42.0,
		},
		"custom_pipelines": map[string]any{"text-classification": map[string]any{"impl": "pipe_x.XPipe", "pt": []any{"AutoModel"}}},
	}
	var got []string
	for _, r := range AutoRefs(root) {
		got = append(got, r.Key+"="+r.Repo+"|"+r.File())
	}
	want := "auto_map.AutoConfig=|configuration_x.py auto_map.AutoModel=org/other|modeling_x.py auto_map.AutoTokenizer[0]=|tokenization_x.py custom_pipelines.text-classification.impl=|pipe_x.py"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %v", got)
	}
	if AutoRefs([]any{}) != nil {
		t.Fatal("non-mapping root gave references")
	}
}

func TestRepoHelpers(t *testing.T) {
	r := &Repo{Files: []string{"modeling_x.py", "config.json", "README.md", "sub/helper.PY"}}
	if got := r.PythonFiles(); !reflect.DeepEqual(got, []string{"modeling_x.py", "sub/helper.PY"}) {
		t.Fatalf("PythonFiles = %v", got)
	}
	if !HasModelFiles(r.Files) || HasModelFiles([]string{"README.md", "app.py", "training_args.bin"}) {
		t.Fatal("HasModelFiles")
	}
	if !HasModelFiles([]string{"x/model.gguf"}) {
		t.Fatal("gguf is a model file")
	}
}
