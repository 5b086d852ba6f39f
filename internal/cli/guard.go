package cli

import (
	"github.com/spf13/cobra"
)

func (e *env) guardCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "guard",
		Short: "LLM firewall: guarding reverse proxy, scan API, offline checks, evaluation and audit log",
		Long: `aisec guard sits in front of any OpenAI-compatible or Anthropic API and inspects every request
and response: prompt injection and jailbreaks (also hidden in tool results and documents, or encoded),
secrets, PII (redacted, or anonymised and restored in the response), banned content, size and token
limits, canary-token and system-prompt leaks, markdown-image exfiltration, dangerous commands and
refusals; per-identity rate limits and model-extraction signals. Streamed responses are inspected as
they stream: no output rule can be skipped with stream:true.

Every decision is recorded in an audit store (SQLite by default, PostgreSQL with --db postgres://…),
without prompt text unless configured. The configuration is documented in docs/guard.md.`,
	}
	cmd.AddCommand(e.guardServeCommand(), e.guardCheckCommand(), e.guardEvalCommand(), e.guardTrainCommand(), e.guardEventsCommand())
	return cmd
}
