package deps

import (
	"strings"
	"testing"
)

func TestRequirements(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		want     []string
		includes []string
		gaps     int
	}{
		{"pin", "torch==2.3.0\n", []string{"torch@2.3.0 c===2.3.0 direct"}, nil, 0},
		{"arbitrary equality", "foo===1.0-weird\n", []string{"foo@1.0-weird c====1.0-weird direct"}, nil, 0},
		{"wildcard is not a pin", "openai==1.*\n", []string{"openai c===1.* direct"}, nil, 0},
		{"range", "numpy>=1.26,<2\n", []string{"numpy c=>=1.26,<2 direct"}, nil, 0},
		{"pin among clauses", "numpy>=1,==1.26.4\n", []string{"numpy@1.26.4 c=>=1,==1.26.4 direct"}, nil, 0},
		{"compatible", "langchain~=0.2.5\n", []string{"langchain c=~=0.2.5 direct"}, nil, 0},
		{"bare name", "tiktoken\n", []string{"tiktoken direct"}, nil, 0},
		{"extras", "transformers[torch, sentencepiece] == 4.41.2\n", []string{"transformers@4.41.2 c=== 4.41.2 direct"}, nil, 0},
		{"marker kept", "torch==2.3.0; sys_platform == 'linux'\n", []string{"torch@2.3.0 c===2.3.0 direct"}, nil, 0},
		{"legacy parens", "sentence_transformers (>=2.7.0)\n", []string{"sentence_transformers c=>=2.7.0 direct"}, nil, 0},
		{"comment after space", "torch==2.3.0  # pinned\n# full line\n   # indented\n", []string{"torch@2.3.0 c===2.3.0 direct"}, nil, 0},
		{"hash not a comment", "requests#x==1\n", nil, nil, 1},
		{"continuation", "transformers==4.41.2 \\\n    --hash=sha256:00 \\\n    --hash=sha256:11\nnumpy\n", []string{"transformers@4.41.2 c===4.41.2 direct", "numpy direct"}, nil, 0},
		{"continuation at eof", "torch==2.3.0 \\", []string{"torch@2.3.0 c===2.3.0 direct"}, nil, 0},
		{"comment ending in backslash", "# comment \\\ntorch\n", []string{"torch direct"}, nil, 0},
		{"crlf", "torch==2.3.0\r\nnumpy\r\n", []string{"torch@2.3.0 c===2.3.0 direct", "numpy direct"}, nil, 0},
		{"includes", "-r base.txt\n--requirement=dev.txt\n-rlocal.txt\n-c constraints.txt\n--constraint pins.txt\n", nil, []string{"base.txt", "dev.txt", "local.txt", "constraints.txt", "pins.txt"}, 0},
		{"index options", "-i https://pypi.org/simple\n--extra-index-url https://x/simple\n--trusted-host x\n--no-binary :all:\n--pre\n-f ./wheels\n", nil, nil, 0},
		{"unknown option", "--frobnicate\n", nil, nil, 1},
		{"option without value", "-r\n", nil, nil, 1},
		{"direct reference", "pip @ https://github.com/pypa/pip/archive/22.0.2.zip\n", []string{"pip direct src=https://github.com/pypa/pip/archive/22.0.2.zip"}, nil, 0},
		{"direct reference wheel", "vllm @ https://h/vllm-0.4.3-cp310-cp310-manylinux1_x86_64.whl ; python_version>'3'\n", []string{"vllm@0.4.3 direct src=https://h/vllm-0.4.3-cp310-cp310-manylinux1_x86_64.whl"}, nil, 0},
		{"editable vcs with egg", "-e git+https://github.com/huggingface/peft.git@v0.11.1#egg=peft\n", []string{"peft direct src=git+https://github.com/huggingface/peft.git@v0.11.1#egg=peft"}, nil, 0},
		{"editable project", "-e .\n-e .[dev]\n.\n", nil, nil, 0},
		{"editable path without name", "-e ../lib\n", nil, nil, 1},
		{"bare wheel path", "./wheels/accelerate-0.30.1-py3-none-any.whl\n", []string{"accelerate@0.30.1 direct src=./wheels/accelerate-0.30.1-py3-none-any.whl"}, nil, 0},
		{"bare sdist url", "https://x/tokenizers-0.19.1.tar.gz\n", []string{"tokenizers@0.19.1 direct src=https://x/tokenizers-0.19.1.tar.gz"}, nil, 0},
		{"vcs without egg", "git+https://github.com/openai/whisper.git\n", nil, nil, 1},
		{"prose", "Install these first:\n", nil, nil, 1},
		{"duplicate merged", "torch==2.3.0\nTorch==2.3.0\n", []string{"torch@2.3.0 c===2.3.0 direct"}, nil, 0},
		{"env var is not a pin", "torch==${TORCH_VERSION}\n", []string{"torch c===${TORCH_VERSION} direct"}, nil, 0},
		{"empty", "", nil, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustParse(t, Requirements, tt.text)
			checkBriefs(t, m, tt.want)
			if !equalStrings(m.Includes, tt.includes) {
				t.Errorf("includes = %q, want %q", m.Includes, tt.includes)
			}
			if len(m.Gaps) != tt.gaps {
				t.Errorf("gaps = %q, want %d", m.Gaps, tt.gaps)
			}
		})
	}
}

func TestRequirementsLines(t *testing.T) {
	m := mustParse(t, Requirements, "# header\n\nfoo==1 \\\n  --hash=sha256:aa\nbar\n")
	if len(m.Packages) != 2 || m.Packages[0].Line != 3 || m.Packages[1].Line != 5 {
		t.Fatalf("lines: %+v", m.Packages)
	}
}

func TestRequirementsLongLine(t *testing.T) {
	text := "torch==2.3.0\n" + strings.Repeat("x", MaxLineBytes+1) + "\nnumpy\n"
	m := mustParse(t, Requirements, text)
	checkBriefs(t, m, []string{"torch@2.3.0 c===2.3.0 direct", "numpy direct"})
	if len(m.Gaps) != 1 || !strings.Contains(m.Gaps[0], "line 2") {
		t.Errorf("gaps = %q", m.Gaps)
	}
}

func TestParsePEP508(t *testing.T) {
	tests := []struct {
		in            string
		name, version string
		ok            bool
	}{
		{"requests", "requests", "", true},
		{"requests[security]>=2.8.1,==2.8.*", "requests", "", true},
		{"name @ file:///tmp/x.whl", "name", "", true},
		{"A.B-C_D==1", "A.B-C_D", "1", true},
		{"-bad", "", "", false},
		{"foo 1.0", "", "", false},
		{"foo[bar", "", "", false},
		{"foo==", "", "", false},
		{"foo @ ", "", "", false},
	}
	for _, tt := range tests {
		r, ok := parsePEP508(tt.in)
		if ok != tt.ok || r.name != tt.name || r.version != tt.version {
			t.Errorf("parsePEP508(%q) = %+v, %v", tt.in, r, ok)
		}
	}
}
