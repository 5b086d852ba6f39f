package mcp

import (
	"fmt"
	"strings"
	"testing"
)

func TestLauncher(t *testing.T) {
	tests := []struct {
		cmd  string
		want string // runner|ecosystem|name|version|pinned|digest|local|arg, or "nil"
	}{
		{"npx -y @modelcontextprotocol/server-github", "npx|npm|@modelcontextprotocol/server-github||false|false|false|1"},
		{"npx -y @modelcontextprotocol/server-filesystem@2025.1.14 /tmp", "npx|npm|@modelcontextprotocol/server-filesystem|2025.1.14|true|false|false|1"},
		{"npx --yes some-mcp@latest", "npx|npm|some-mcp|latest|false|false|false|1"},
		{"npx some-mcp@^1.2.0", "npx|npm|some-mcp|^1.2.0|false|false|false|0"},
		{"npx some-mcp@1.x", "npx|npm|some-mcp|1.x|false|false|false|0"},
		{"npx some-mcp@1.2.3-beta.2", "npx|npm|some-mcp|1.2.3-beta.2|true|false|false|0"},
		{"npx -p @acme/tools@3.0.1 acme-mcp --stdio", "npx|npm|@acme/tools|3.0.1|true|false|false|1"},
		{"npx --package=@acme/tools acme-mcp", "npx|npm|@acme/tools||false|false|false|0"},
		{"npx --registry https://npm.acme.dev -y @acme/x@1.0.0", "npx|npm|@acme/x|1.0.0|true|false|false|3"},
		{"npx -y -- @acme/x", "npx|npm|@acme/x||false|false|false|2"},
		{"npx github:acme/mcp#0123456789abcdef0123456789abcdef01234567", "npx|npm|github:acme/mcp|0123456789abcdef0123456789abcdef01234567|true|false|false|0"},
		{"npx acme/mcp", "npx|npm|acme/mcp||false|false|false|0"},
		{"npx ./local-server", "npx||./local-server||false|false|true|0"},
		{"npx tsx src/server.ts", "npx tsx||src/server.ts||false|false|true|1"},
		{"npx -y tsx /srv/mcp/index.ts --stdio", "npx tsx||/srv/mcp/index.ts||false|false|true|2"},
		{"npx tsx@4.19.0 server.ts", "npx|npm|tsx|4.19.0|true|false|false|0"},
		{"bunx --bun @upstash/context7-mcp@1.0.14", "bunx|npm|@upstash/context7-mcp|1.0.14|true|false|false|1"},
		{"pnpm dlx @acme/x@2.0.0", "pnpm dlx|npm|@acme/x|2.0.0|true|false|false|1"},
		{"yarn dlx @acme/x", "yarn dlx|npm|@acme/x||false|false|false|1"},
		{"npm exec -y -- @acme/x@1.0.0", "npm exec|npm|@acme/x|1.0.0|true|false|false|3"},
		{"uvx mcp-server-fetch", "uvx|PyPI|mcp-server-fetch||false|false|false|0"},
		{"uvx mcp-server-fetch==2025.4.7", "uvx|PyPI|mcp-server-fetch|2025.4.7|true|false|false|0"},
		{"uvx mcp-server-fetch@2025.4.7", "uvx|PyPI|mcp-server-fetch|2025.4.7|true|false|false|0"},
		{"uvx mcp-server-fetch@latest", "uvx|PyPI|mcp-server-fetch|latest|false|false|false|0"},
		{"uvx mcp-server-fetch>=1.0", "uvx|PyPI|mcp-server-fetch|>=1.0|false|false|false|0"},
		{"uvx mcp-server-fetch==1.*", "uvx|PyPI|mcp-server-fetch|1.*|false|false|false|0"},
		{"uvx --python 3.12 --from awslabs.cdk-mcp-server==1.0.4 awslabs.cdk-mcp-server", "uvx|PyPI|awslabs.cdk-mcp-server|1.0.4|true|false|false|3"},
		{"uvx --from git+https://github.com/acme/mcp@0123456789abcdef0123456789abcdef01234567 acme", "uvx|PyPI|git+https://github.com/acme/mcp|0123456789abcdef0123456789abcdef01234567|true|false|false|1"},
		{"uvx --from git+https://github.com/acme/mcp acme", "uvx|PyPI|git+https://github.com/acme/mcp||false|false|false|1"},
		{"uvx acme-mcp[cli]==0.2.0", "uvx|PyPI|acme-mcp|0.2.0|true|false|false|0"},
		{"uv tool run acme-mcp", "uv tool run|PyPI|acme-mcp||false|false|false|2"},
		{"uv --directory /srv/app run server.py", "uv||server.py||false|false|true|3"},
		{"pipx run acme-mcp", "pipx|PyPI|acme-mcp||false|false|false|1"},
		{"pipx run --spec acme-mcp==1.0.0 acme", "pipx|PyPI|acme-mcp|1.0.0|true|false|false|2"},
		{"docker run -i --rm -e GITHUB_PERSONAL_ACCESS_TOKEN ghcr.io/github/github-mcp-server", "docker|OCI|ghcr.io/github/github-mcp-server||false|false|false|5"},
		{"docker run -i --rm mcp/fetch:latest", "docker|OCI|mcp/fetch|latest|false|false|false|3"},
		{"docker run -it --rm -v /a:/b --network=host mcp/fetch:1.2", "docker|OCI|mcp/fetch|1.2|true|false|false|6"},
		{"docker run -i --rm localhost:5000/mcp/fetch", "docker|OCI|localhost:5000/mcp/fetch||false|false|false|3"},
		{"docker run -i mcp/fetch@sha256:" + strings.Repeat("ab", 32), "docker|OCI|mcp/fetch|sha256:" + strings.Repeat("ab", 32) + "|true|true|false|2"},
		{"docker run -i mcp/fetch:1.0@sha256:" + strings.Repeat("cd", 32), "docker|OCI|mcp/fetch|sha256:" + strings.Repeat("cd", 32) + "|true|true|false|2"},
		{"docker container run --rm -i mcp/time", "docker|OCI|mcp/time||false|false|false|4"},
		{"podman run -i --env-file .env quay.io/acme/mcp:2.1.0", "podman|OCI|quay.io/acme/mcp|2.1.0|true|false|false|4"},
		{"docker exec -i app mcp-server", "nil"},
		{"node /srv/mcp/build/index.js", "node||/srv/mcp/build/index.js||false|false|true|0"},
		{"node --env-file .env dist/server.js", "node||dist/server.js||false|false|true|2"},
		{"node -e require('x')", "nil"},
		{"python -m mcp_server_time --local-timezone UTC", "python||mcp_server_time||false|false|true|1"},
		{"python3.12 server.py", "python||server.py||false|false|true|0"},
		{"python -c print(1)", "nil"},
		{"deno run -A npm:@acme/x@1.1.0", "deno|npm|@acme/x|1.1.0|true|false|false|2"},
		{"deno run --allow-net jsr:@acme/x@^1", "deno|JSR|@acme/x|^1|false|false|false|2"},
		{"/usr/local/bin/acme-mcp --stdio", "nil"},
		{"sh -c npx\u00a0x", "npx|npm|x||false|false|false|-1"}, // a shell script's commands are read
		{"pip install acme-mcp==1.0.0", "pip install|PyPI|acme-mcp|1.0.0|true|false|false|1"},
		{"pip3 install -q --index-url https://pypi.acme.dev/simple acme-mcp", "pip install|PyPI|acme-mcp||false|false|false|4"},
		{"pip install -r requirements.txt", "nil"},
		{"pip install -e .", "pip install||.||false|false|true|2"},
		{"python3 -m pip install acme-mcp", "python -m pip install|PyPI|acme-mcp||false|false|false|3"},
		{"uv pip install acme-mcp>=1", "uv pip install|PyPI|acme-mcp|>=1|false|false|false|2"},
		{"npm install -g @acme/x@1.2.3", "npm install|npm|@acme/x|1.2.3|true|false|false|2"},
		{"npm ci", "nil"},
		{"yarn global add @acme/x", "yarn global add|npm|@acme/x||false|false|false|2"},
		{"docker run -i --mac-address 92:d0:c6:0a:29:33 acme/mcp", "docker|OCI|acme/mcp||false|false|false|4"},
		{"docker run -ie MODE=a:b acme/mcp:1.0", "docker|OCI|acme/mcp|1.0|true|false|false|3"},
		{"docker run -it --rm acme/mcp", "docker|OCI|acme/mcp||false|false|false|3"},
		{"wsl -d Ubuntu npx -y @acme/x", "npx|npm|@acme/x||false|false|false|4"},
		{"wsl -e npx @acme/x", "npx|npm|@acme/x||false|false|false|2"},
		{"sudo -u mcp npx @acme/x@1.0.0", "npx|npm|@acme/x|1.0.0|true|false|false|3"},
		{"timeout 300 uvx acme-mcp", "uvx|PyPI|acme-mcp||false|false|false|2"},
		{"nohup nice -n 5 node server.js", "node||server.js||false|false|true|4"},
	}
	for _, tt := range tests {
		f := strings.Fields(tt.cmd)
		got := render(Launcher(f[0], f[1:]))
		if got != tt.want {
			t.Errorf("Launcher(%q)\n got %s\nwant %s", tt.cmd, got, tt.want)
		}
	}
}

func TestLauncherWrappers(t *testing.T) {
	tests := []struct {
		cmd  string
		args []string
		want string
	}{
		{"cmd", []string{"/c", "npx", "-y", "@acme/x@1.0.0"}, "npx|npm|@acme/x|1.0.0|true|false|false|3"},
		{"C:\\Windows\\System32\\cmd.exe", []string{"/C", "npx -y @acme/x"}, "npx|npm|@acme/x||false|false|false|-1"},
		{"npx -y @acme/x@2.0.0", nil, "npx|npm|@acme/x|2.0.0|true|false|false|-1"},
		{"env", []string{"NODE_ENV=production", "npx", "@acme/x"}, "npx|npm|@acme/x||false|false|false|2"},
		{"C:\\Users\\d\\AppData\\Roaming\\npm\\NPX.CMD", []string{"-y", "@acme/x"}, "npx|npm|@acme/x||false|false|false|1"},
		{"C:\\Program Files\\nodejs\\node.exe", []string{"C:\\mcp\\index.js"}, "node||C:\\mcp\\index.js||false|false|true|0"},
		{"npx", nil, "nil"},
		{"docker", []string{"run", "-i"}, "nil"},
	}
	for _, tt := range tests {
		if got := render(Launcher(tt.cmd, tt.args)); got != tt.want {
			t.Errorf("Launcher(%q, %q)\n got %s\nwant %s", tt.cmd, tt.args, got, tt.want)
		}
	}
}

// TestLauncherExtra covers launches that fetch more than one package and shell scripts.
func TestLauncherExtra(t *testing.T) {
	tests := []struct {
		cmd  string
		args []string
		want string // render of the Package, then " + " and the render of each Extra
	}{
		{"npx", []string{"-y", "-p", "a@1.0.0", "-p", "b", "a"}, "npx|npm|a|1.0.0|true|false|false|2 + npx|npm|b||false|false|false|4"},
		{"npx", []string{"--package=a@1.0.0", "--package=b@2.0.0", "a"}, "npx|npm|a|1.0.0|true|false|false|0 + npx|npm|b|2.0.0|true|false|false|1"},
		{"uvx", []string{"--with", "helper", "--with", "./local", "acme==1.0"}, "uvx|PyPI|acme|1.0|true|false|false|4 + uvx --with|PyPI|helper||false|false|false|1"},
		{"uv", []string{"run", "--with", "helper==2", "server.py"}, "uv||server.py||false|false|true|3 + uv run --with|PyPI|helper|2|true|false|false|2"},
		{"pip", []string{"install", "a==1", "b"}, "pip install|PyPI|a|1|true|false|false|1 + pip install|PyPI|b||false|false|false|2"},
		{"sh", []string{"-c", "npx -y acme-mcp"}, "npx|npm|acme-mcp||false|false|false|-1"},
		{"bash", []string{"-lc", "source ~/.nvm/nvm.sh && nvm use 20 && NODE_ENV=prod npx -y 'acme-mcp@1.2.3' --stdio"}, "npx|npm|acme-mcp|1.2.3|true|false|false|-1"},
		{"sh", []string{"-c", "pip install acme-mcp==1.0 helper && exec acme-mcp"}, "pip install|PyPI|acme-mcp|1.0|true|false|false|-1 + pip install|PyPI|helper||false|false|false|-1"},
		{"bash", []string{"-c", "cd /srv/app && source .venv/bin/activate && exec python server.py"}, "python||server.py||false|false|true|-1"},
		{"bash", []string{"-c", "cd /srv && ./run.sh"}, "nil"},
		{`bash -c "npx -y acme-mcp@latest"`, nil, "npx|npm|acme-mcp|latest|false|false|false|-1"},
		{"sh", []string{"-c", "sh -c 'sh -c \"sh -c npx\"'"}, "nil"}, // nesting is bounded
		{"sh", []string{"server.sh"}, "nil"},
	}
	for _, tt := range tests {
		p := Launcher(tt.cmd, tt.args)
		got := render(p)
		if p != nil {
			for _, e := range p.Extra {
				got += " + " + render(&e)
			}
		}
		if got != tt.want {
			t.Errorf("Launcher(%q, %q)\n got %s\nwant %s", tt.cmd, tt.args, got, tt.want)
		}
	}
}

func render(p *Package) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprintf("%s|%s|%s|%s|%v|%v|%v|%d", p.Runner, p.Ecosystem, p.Name, p.Version, p.Pinned, p.Digest, p.Local, p.Arg)
}

func TestJSONC(t *testing.T) {
	in := "\xef\xbb\xbf{\n  // a comment with \"quotes\"\n  \"a\": \"http://x//y\", /* block\n comment */ \"b\": [1, 2,],\n  \"c\": \",}\",\n}"
	out := stripJSONC([]byte(in))
	if len(out) != len(in) {
		t.Fatalf("length changed: %d -> %d", len(in), len(out))
	}
	root, err := parseJSONTree([]byte(in))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, out)
	}
	if got := root.get("a").str(); got != "http://x//y" {
		t.Errorf("a = %q", got)
	}
	if got := root.get("c").str(); got != ",}" {
		t.Errorf("c = %q", got)
	}
	if n := len(root.get("b").items); n != 2 {
		t.Errorf("b has %d items", n)
	}
	if m, _ := root.member("b"); string(in[m.off:m.off+3]) != `"b"` {
		t.Errorf("offset of b is %d", m.off)
	}
	if string(stripJSONC([]byte(`{"a":1}`))) != `{"a":1}` {
		t.Error("plain JSON changed")
	}
}
