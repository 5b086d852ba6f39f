// Command gen-fixtures writes every testgen fixture into a folder, for manual scanning and for
// testdata/malicious/gen7z.sh, which wraps some of them with external tools.
//
//	go run ./internal/testgen/cmd/gen-fixtures -out /tmp/aisec-fixtures
//	go run ./internal/testgen/cmd/gen-fixtures -list   # name, malicious, broken, format, technique (TSV)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/aisecops/aisec/internal/testgen"
)

func main() {
	out := flag.String("out", "aisec-fixtures", "folder to write the fixtures into")
	small := flag.Int("small", 0, "also write this many small benign pickles into <out>/small")
	list := flag.Bool("list", false, "print the cases as tab-separated values instead of writing files")
	flag.Parse()
	if *list {
		for _, c := range testgen.Cases() {
			fmt.Printf("%s\t%t\t%t\t%s\t%s\n", c.Name, c.Malicious, c.Broken, c.Format, c.Technique)
		}
		return
	}
	if err := run(*out, *small); err != nil {
		fmt.Fprintln(os.Stderr, "gen-fixtures:", err)
		os.Exit(1)
	}
}

func run(out string, small int) error {
	if err := testgen.WriteAll(out); err != nil {
		return err
	}
	if small > 0 {
		return testgen.WriteManySmallPickles(out+"/small", small)
	}
	return nil
}
