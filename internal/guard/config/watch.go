package config

import (
	"context"
	"crypto/sha256"
	"os"
	"time"
)

// Watch calls onChange whenever the content of the file at path changes, checking every
// interval until ctx ends. It compares content hashes, not only modification times, so that
// editors that rewrite a file in place or replace it by rename are both seen, and a touch
// without a change is not. A file that disappears is not a change: the old configuration
// stays until a readable file is back.
func Watch(ctx context.Context, path string, interval time.Duration, onChange func()) {
	last, _ := fileDigest(path)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		d, ok := fileDigest(path)
		if !ok || d == last {
			continue
		}
		last = d
		onChange()
	}
}

func fileDigest(path string) ([32]byte, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return [32]byte{}, false
	}
	return sha256.Sum256(data), true
}
