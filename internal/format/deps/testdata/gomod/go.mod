module github.com/acme/agent-gateway

go 1.22.4

toolchain go1.22.5

require (
	github.com/anthropics/anthropic-sdk-go v0.2.0-alpha.4
	github.com/go-jose/go-jose/v3 v3.0.3
	github.com/mark3labs/mcp-go v0.8.2
	github.com/sashabaranov/go-openai v1.26.0
	github.com/tmc/langchaingo v0.1.10
	golang.org/x/crypto v0.24.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require github.com/pkoukk/tiktoken-go v0.1.6 // indirect

replace github.com/tmc/langchaingo => github.com/acme/langchaingo v0.1.11-acme.1

replace github.com/mark3labs/mcp-go v0.8.2 => ../mcp-go

replace golang.org/x/crypto => golang.org/x/crypto v0.25.0

replace github.com/sashabaranov/go-openai v1.0.0 => github.com/sashabaranov/go-openai v1.0.1

exclude gopkg.in/yaml.v3 v3.0.0
