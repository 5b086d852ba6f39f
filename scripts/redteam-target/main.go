// Command redteam-target serves one of the scripted test targets of internal/redteam/redteamtest
// on an address, for demos and the red-team benchmark:
//
//	go run ./scripts/redteam-target 127.0.0.1:18081 vulnerable|defended|instant
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/aisecops/aisec/internal/redteam/redteamtest"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: redteam-target ADDR vulnerable|defended|instant")
		os.Exit(2)
	}
	handlers := map[string]func() http.Handler{
		"vulnerable": redteamtest.Vulnerable, "defended": redteamtest.Defended, "instant": redteamtest.Instant,
	}
	h, ok := handlers[os.Args[2]]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown target %q\n", os.Args[2])
		os.Exit(2)
	}
	srv := &http.Server{Addr: os.Args[1], Handler: h()}
	if err := srv.ListenAndServe(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
