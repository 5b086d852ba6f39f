package bundle

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Keyless signing needs Fulcio and Rekor; these tests only cover what works offline.
func TestSignSigstoreOffline(t *testing.T) {
	var hits atomic.Int32
	fulcio := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		http.Error(w, "token rejected", http.StatusBadRequest)
	}))
	defer fulcio.Close()
	ctx := context.Background()
	b64 := base64.RawURLEncoding.EncodeToString
	token := b64([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." +
		b64([]byte(`{"iss":"https://issuer.example","sub":"a@example.com","email":"a@example.com","email_verified":true,"aud":"sigstore"}`)) + ".c2ln"
	tests := []struct {
		name    string
		o       SigstoreOptions
		wantMsg string
	}{
		{"no-token", SigstoreOptions{}, "identity token is required"},
		{"bad-trusted-root", SigstoreOptions{IDToken: "x", TrustedRootJSON: []byte("{}"), FulcioURL: fulcio.URL}, "trusted root"},
		{"fulcio-rejects", SigstoreOptions{IDToken: token, FulcioURL: fulcio.URL, RekorURL: fulcio.URL, Timeout: 5 * time.Second}, "unable to sign with sigstore"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := SignSigstore(ctx, testPayload, tc.o)
			if err == nil || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("err = %v, want %q", err, tc.wantMsg)
			}
			t.Logf("%v", err)
		})
	}
	if hits.Load() == 0 {
		t.Error("the fake Fulcio was never called")
	}
}
