package testgen

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteAll writes every Case as dir/<Name>, creating dir if needed.
func WriteAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("unable to create fixture folder %s: %w", dir, err)
	}
	for _, c := range Cases() {
		if err := os.WriteFile(filepath.Join(dir, c.Name), c.Data, 0o644); err != nil {
			return fmt.Errorf("unable to write fixture %s: %w", c.Name, err)
		}
	}
	return nil
}

// WriteManySmallPickles writes n small benign pickles (dir/small_00000.pkl, ...), alternating
// framed protocol 4 and protocol 2, for many-files throughput benchmarks.
func WriteManySmallPickles(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("unable to create pickle folder %s: %w", dir, err)
	}
	for i := range n {
		data := benignP4(i)
		if i%2 == 1 {
			data = pickleOf(dictOf{[]string{"id", "name", "scores"}, []any{i, "sample", list{i, i + 1, i + 2}}})
		}
		name := filepath.Join(dir, fmt.Sprintf("small_%05d.pkl", i))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return fmt.Errorf("unable to write small pickle %s: %w", name, err)
		}
	}
	return nil
}
