// Package cli implements the aisec command line. Each verb lives in its own file; flags are
// gathered into one options struct per concern and handed to the packages that do the work.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// env gives commands access to the process environment without reading globals, so tests can
// run commands in parallel with their own streams and variables.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     func(w io.Writer) bool
}

// Run executes the aisec command line and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, isTerminal: isTerminal}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) int {
	root := e.rootCommand()
	root.SetArgs(args)
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	err := root.ExecuteContext(ctx)
	if err != nil {
		var ee *exitError
		if !errors.As(err, &ee) || ee.err != nil {
			fmt.Fprintln(e.stderr, "aisec: "+err.Error())
		}
	}
	return codeOf(err)
}

func (e *env) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "aisec",
		Short: "Secure the AI/ML lifecycle: scan models and AI code, inventory AI assets, sign and verify models, guard LLM traffic, red-team LLM endpoints",
		Long: `aisec finds malicious code hidden in model files without ever loading them, checks the code and
configuration around them (unsafe loading, LLM output handling, AI secrets, MCP servers, vulnerable
packages), writes AI-BOMs (CycloneDX, SPDX), signs and verifies models (OpenSSF model_signing), and
guards LLM traffic at runtime as an OpenAI-compatible/Anthropic firewall (aisec guard).
One static binary, no Python.

Every flag can also be set with an environment variable AISEC_<FLAG> (e.g. AISEC_FAIL_ON=critical).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return e.applyEnv(cmd)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError("%v", err) })
	root.AddCommand(e.scanCommand(), e.bomCommand(), e.signCommand(), e.verifyCommand(), e.digestCommand(), e.rulesCommand(), e.guardCommand(), e.redteamCommand(), e.versionCommand())
	return root
}

// applyEnv sets every flag the user did not give from AISEC_<FLAG>.
func (e *env) applyEnv(cmd *cobra.Command) error {
	var err error
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || err != nil {
			return
		}
		name := "AISEC_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v := e.getenv(name); v != "" {
			if serr := cmd.Flags().Set(f.Name, v); serr != nil {
				err = usageError("invalid %s=%q: %v", name, v, serr)
			}
		}
	})
	return err
}
