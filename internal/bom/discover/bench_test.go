package discover

import (
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// writeRepo generates a repository of n files shaped like a large monorepo: mostly Python and
// TypeScript sources (a fifth of them using AI SDKs), docs, JSON configs, manifests, CSV data and a
// few safetensors models.
func writeRepo(tb testing.TB, dir string, n int) {
	tb.Helper()
	py := "import os\nimport json\nfrom typing import Any\n\n\ndef handler(event: dict) -> Any:\n    \"\"\"Handle one event.\"\"\"\n" +
		"    data = json.loads(event['body'])\n    return {'ok': True, 'n': len(data)}\n"
	aiPy := "from openai import OpenAI\nimport torch\n\nclient = OpenAI()\n\n\ndef ask(q):\n" +
		"    r = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": q}])\n" +
		"    return r.choices[0].message.content\n"
	ts := "import express from \"express\";\n\nexport function route(app: any) {\n  app.get(\"/health\", (_req: any, res: any) => res.send(\"ok\"));\n}\n"
	aiTS := "import Anthropic from \"@anthropic-ai/sdk\";\nconst c = new Anthropic();\nexport const ask = (q: string) => c.messages.create({ model: \"claude-3-5-haiku-latest\", max_tokens: 64, messages: [{ role: \"user\", content: q }] });\n"
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("pkg%03d", i%400), fmt.Sprintf("mod%02d", (i/400)%25))
		var name, body string
		switch i % 20 {
		case 0, 1, 2, 3, 4, 5, 6, 7:
			name, body = fmt.Sprintf("f%d.py", i), py
		case 8, 9:
			name, body = fmt.Sprintf("ai%d.py", i), aiPy
		case 10, 11, 12, 13:
			name, body = fmt.Sprintf("c%d.ts", i), ts
		case 14:
			name, body = fmt.Sprintf("ai%d.ts", i), aiTS
		case 15, 16:
			name, body = fmt.Sprintf("README%d.md", i), "# Notes\n\nNothing to see.\n"
		case 17:
			name, body = fmt.Sprintf("settings%d.json", i), `{"debug": false, "retries": 3}`
		case 18:
			name, body = "requirements.txt", "openai==1.40.0\ntorch==2.2.0\nrequests==2.32.3\n"
		case 19:
			name, body = fmt.Sprintf("data%d.csv", i), "a,b,c\n1,2,3\n4,5,6\n"
		}
		writeFile(tb, filepath.Join(sub, name), []byte(body))
	}
	for i := range 5 {
		writeFile(tb, filepath.Join(dir, "models", fmt.Sprintf("m%d", i), "model.safetensors"), tinySafetensors())
	}
}

func writeFile(tb testing.TB, p string, b []byte) {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// tinySafetensors is a valid safetensors file with one F32 tensor of 4 values.
func tinySafetensors() []byte {
	h := []byte(`{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}`)
	out := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
	return append(append(out, h...), make([]byte, 16)...)
}

// BenchmarkBuild50k measures the BOM of a 50,000-file repository (issue #5 target: under 10 s on
// 2 cores). Reproduce: go test ./internal/bom/discover -run '^$' -bench Build50k -benchtime 3x
func BenchmarkBuild50k(b *testing.B) {
	dir := b.TempDir()
	writeRepo(b, dir, 50000)
	b.ResetTimer()
	for b.Loop() {
		bm, err := Build(context.Background(), []string{dir}, Options{Jobs: runtime.NumCPU(), Hash: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(bm.Components) == 0 {
			b.Fatal("empty BOM")
		}
	}
	b.ReportMetric(50000/(b.Elapsed().Seconds()/float64(b.N)), "files/s")
}
