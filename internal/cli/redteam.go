package cli

import (
	"github.com/spf13/cobra"
)

func (e *env) redteamCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "redteam",
		Short: "Red-team an LLM endpoint: probe it for jailbreaks, injection, leaks and unsafe output, and gate CI on the result",
		Long: `aisec redteam sends a library of adversarial probes to an OpenAI-compatible or generic HTTP LLM
endpoint, judges every reply with detectors (canaries, decoding, refusal, system-prompt overlap,
exfiltration links, XSS, tool calls… and optionally an LLM judge), and reports pass rates with
confidence intervals per probe, family, OWASP LLM Top 10 (2025) category and MITRE ATLAS technique.

It is offline by default: no telemetry, no network other than the target and the judge. Runs are
reproducible with --seed and resumable from their journal. The probe format, detectors and reports
are documented in docs/redteam.md.`,
	}
	cmd.AddCommand(e.redteamRunCommand(), e.redteamReportCommand(), e.redteamDiffCommand(), e.redteamProbesCommand())
	return cmd
}
