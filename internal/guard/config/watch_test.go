package config

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWatchSeesContentChangesOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "guard.yaml")
	if err := os.WriteFile(path, []byte("a: 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	changes := make(chan struct{}, 10)
	go Watch(ctx, path, 5*time.Millisecond, func() { changes <- struct{}{} })

	time.Sleep(30 * time.Millisecond)
	now := time.Now().Add(time.Second)
	_ = os.Chtimes(path, now, now) // a touch is not a change
	time.Sleep(30 * time.Millisecond)
	if len(changes) != 0 {
		t.Fatal("touch reported as a change")
	}
	// Replace by rename, as editors do.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte("a: 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changes:
	case <-time.After(2 * time.Second):
		t.Fatal("change not seen")
	}
}
