// Package mcp parses Model Context Protocol (MCP) client configurations — Claude Desktop,
// Claude Code, Cursor, VS Code (mcp.json and settings.json), Windsurf, Cline, Zed, Gemini CLI,
// Continue, OpenAI Codex (TOML) and generic mcp.json files — together with MCP registry
// server.json manifests and tool listings (a tools/list result or any JSON declaring
// "tools": [{name, description, inputSchema}]) into one neutral model: the servers a client
// would start or connect to, what a stdio launcher runs, the environment and headers they are
// given, the tools they declare and which tools run without confirmation.
//
// The package decides nothing about risk (internal/detect/mcp does) and never starts,
// contacts or resolves anything. Values are kept exactly as written, including references
// such as ${input:token} or ${env:VAR}.
package mcp

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/aisecops/aisec/internal/format/structured"
	"github.com/aisecops/aisec/internal/limits"
)

// Format is the detect.Target.Format the scanner gives parsed MCP configurations.
const Format = "mcp-config"

// Budgets of one file. Real client configurations have a handful of servers and a few
// kilobytes; tool listings a few hundred tools.
const (
	MaxBytes   = 4 << 20 // input larger than this is refused
	MaxServers = 10_000  // servers read from one file
	MaxTools   = 10_000  // tools read from one file, all servers together
	MaxArgs    = 1_000   // arguments kept per server
	MaxVars    = 1_000   // environment variables, headers or tool parameters kept per entry
	MaxExtra   = 16      // further packages kept per launch (Package.Extra)
	MaxNodes   = 250_000 // JSON/YAML/TOML values decoded from one file
	MaxDepth   = structured.MaxDepth
)

// Flavours: which client (or document kind) a file belongs to.
const (
	FlavourClaudeDesktop  = "claude-desktop"
	FlavourClaudeCode     = "claude-code"
	FlavourCursor         = "cursor"
	FlavourVSCode         = "vscode"
	FlavourWindsurf       = "windsurf"
	FlavourCline          = "cline"
	FlavourZed            = "zed"
	FlavourGemini         = "gemini"
	FlavourContinue       = "continue"
	FlavourCodex          = "codex"
	FlavourServerManifest = "server-manifest"
	FlavourToolList       = "tool-list"
	FlavourGeneric        = "generic"
)

// Transports, normalised ("streamableHttp" and "streamable_http" become streamable-http).
const (
	TransportStdio          = "stdio"
	TransportHTTP           = "http"
	TransportSSE            = "sse"
	TransportStreamableHTTP = "streamable-http"
)

// Ecosystems of launched packages.
const (
	EcosystemNPM  = "npm"
	EcosystemPyPI = "PyPI"
	EcosystemOCI  = "OCI"
)

// ErrNotConfig is returned for input that has none of the shapes this package reads (a
// .vscode/settings.json without MCP settings, a server.json of another program): the caller
// should skip the file rather than report a failure.
var ErrNotConfig = errors.New("not an MCP configuration")

// Config is one parsed file.
type Config struct {
	// Flavour is one of the Flavour constants: from the path when it names a known client
	// file, else from the content.
	Flavour string
	Servers []Server
	// Tools are declared by a standalone tool listing (a tools/list result, an API tool
	// array) that names no server. Tools declared inside a server entry are in Server.Tools.
	Tools []Tool
	// AutoApprove lists client-wide settings that let tools run without confirmation: VS Code
	// chat.tools.autoApprove, Claude Code permissions.allow entries naming MCP tools and
	// permissions.defaultMode bypassPermissions.
	AutoApprove []Approval
	// Gaps says what could not be read (entries of the wrong type, caps reached).
	Gaps []string
}

// Server is one configured MCP server.
type Server struct {
	Name string
	// Transport is stdio, http, sse or streamable-http: as written (normalised), else
	// inferred (a command means stdio, a URL http; Gemini's url means sse).
	Transport string
	Command   string
	Args      []string
	Env       []Var // in file order; every copy of a repeated "env" key, the shadowed ones first
	EnvFile   string
	URL       string
	Headers   []Var // in file order; every copy of a repeated "headers" key
	// Tools are the tools the entry declares, when it declares any.
	Tools []Tool
	// Package is what a stdio launcher runs; nil when the command is not a recognised
	// launcher (a binary on the PATH).
	Package  *Package
	Disabled bool
	// AutoApprove lists the tools this entry lets run without confirmation (Cline
	// autoApprove, Roo/Kilo alwaysAllow, Gemini trust, Codex approval modes); nil if none.
	AutoApprove *Approval
	Path        string // JSON-pointer-like location, e.g. "mcpServers.github"
	Offset      int64  // byte offset of the server's key (or list item) in the file, -1 when unknown
}

// Var is one environment variable, header or tool parameter.
type Var struct {
	Name, Value string
	Offset      int64 // byte offset of the name, -1 when unknown
}

// Tool is one declared tool.
type Tool struct {
	Name string
	// Title is the display name (title, else annotations.title), "" when none.
	Title       string
	Description string
	// Params are the texts of the input (and output) schema that models read as much as the
	// tool description: property descriptions at any depth, named by their path ("opts.mode",
	// "items[]", "output.result"; "(schema)" for the schema itself), then titles, string
	// defaults, enums, examples and consts of at least 8 bytes, named "path (title)" and so on.
	// Top-level property descriptions come first; at most MaxVars.
	Params []Var
	// Offset is the byte offset of the description, or of the tool entry when it has none.
	Offset int64
}

// Package is what a stdio launcher runs.
//
// Pinned means an exact version: npm name@1.2.3, PyPI name==1.2.3 (uvx, pipx, --from) or
// name@1.2.3 (uv), a git spec at a 40-hex commit, an image by digest, or an image tag other
// than "latest". A tag is pinned but mutable: Digest tells whether the pin is a content
// digest (image@sha256:…, an MCPB fileSha256).
type Package struct {
	Runner    string // npx, bunx, pnpm dlx, npm exec, deno, uvx, uv tool run, pipx, pip install, npm install, docker, node, python…
	Ecosystem string // npm, PyPI, OCI, or as written in a manifest ("NuGet", "MCPB"); "" for local code
	Name      string // package name, image repository, or script path / module for local code
	Version   string // version, range, tag, digest or git ref as written; "" when absent
	Pinned    bool
	Digest    bool
	Local     bool // a local script or module (node server.js, python -m pkg, uv run)
	Arg       int  // index in Server.Args of the package spec, -1 when not from the arguments
	// Extra are further packages the same launch fetches: a second npx -p, uvx and uv run
	// --with, further pip/npm install requirements, the other commands of a sh -c script.
	// They have no Extra of their own; at most MaxExtra.
	Extra []Package
}

// Approval is a setting that lets tools run without asking the user.
type Approval struct {
	Key    string   // the setting as written: "autoApprove", "alwaysAllow", "trust", "chat.tools.autoApprove"…
	Server string   // the server a client-wide entry names (Claude "mcp__github"), else ""
	Tools  []string // tool names; "*" means every tool
	Offset int64
}

// Parse reads one MCP configuration, manifest or tool listing. slashPath (with forward
// slashes) chooses the flavour and the syntax: .toml is TOML, .yaml/.yml YAML, anything else
// JSON, where comments and trailing commas (JSONC, as VS Code and Zed write) are accepted.
// Input over MaxBytes, deeper than MaxDepth or with more than MaxNodes values is refused with
// an error; content with no MCP shape gives ErrNotConfig.
func Parse(slashPath string, data []byte) (*Config, error) {
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("unable to read MCP config: %w", limits.Exceeded("MCP config bytes", MaxBytes))
	}
	flavour := flavourOf(slashPath)
	var (
		root *node
		err  error
	)
	switch syntaxOf(slashPath) {
	case syntaxTOML:
		root, err = parseTOMLTree(data)
	case syntaxYAML:
		root, err = parseYAMLTree(data)
	default:
		root, err = parseJSONTree(data)
	}
	if err != nil {
		if errors.Is(err, ErrNotConfig) {
			return nil, err
		}
		return nil, fmt.Errorf("unable to read MCP config: %w", err)
	}
	b := newBuilder(flavour, slashPath)
	if !b.walkRoot(root) {
		return nil, ErrNotConfig
	}
	return b.finish(), nil
}

// Looks reports whether JSON (or JSONC) content has an MCP shape whatever its name: a
// top-level mcpServers, servers (VS Code, when its entries look like servers), mcp.servers,
// context_servers or mcp_servers key, an MCP registry manifest, or a tool listing. Cheap for
// other JSON: a byte search comes first.
func Looks(data []byte) bool {
	if len(data) > MaxBytes || !mayLook(data) {
		return false
	}
	root, err := parseJSONTree(data)
	if err != nil {
		return false
	}
	return newBuilder("", "").walkRoot(root)
}

// lookKeys are byte strings at least one of which an MCP JSON document contains.
var lookKeys = [][]byte{
	[]byte(`"mcpServers"`), []byte(`"servers"`), []byte(`"context_servers"`), []byte(`"mcp_servers"`),
	[]byte(`"inputSchema"`), []byte(`"input_schema"`), []byte(`modelcontextprotocol`),
	[]byte(`"registryType"`), []byte(`"registry_type"`), []byte(`"modelContextProtocolServers"`),
}

func mayLook(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || (t[0] != '{' && t[0] != '[' && t[0] != '/') {
		return false
	}
	for _, k := range lookKeys {
		if bytes.Contains(data, k) {
			return true
		}
	}
	return false
}

type syntax int

const (
	syntaxJSON syntax = iota
	syntaxYAML
	syntaxTOML
)

func syntaxOf(slashPath string) syntax {
	switch strings.ToLower(path.Ext(slashPath)) {
	case ".toml":
		return syntaxTOML
	case ".yaml", ".yml":
		return syntaxYAML
	}
	return syntaxJSON
}
