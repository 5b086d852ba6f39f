// Command gen-examples writes the deliberately "malicious" model of the bundled demo project,
// examples/models/sentiment.bin. Its payload would only echo a message; run from the repository
// root:
//
//	go run ./internal/testgen/cmd/gen-examples
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aisecops/aisec/internal/testgen"
)

func main() {
	root := flag.String("examples", "examples", "the demo project folder")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gen-examples:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	dir := filepath.Join(root, "models")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("unable to create %s: %w", dir, err)
	}
	path := filepath.Join(dir, "sentiment.bin")
	if err := os.WriteFile(path, testgen.DemoModel(), 0o644); err != nil {
		return fmt.Errorf("unable to write %s: %w", path, err)
	}
	fmt.Println("wrote", path)
	return nil
}
