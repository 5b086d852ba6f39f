package target

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		header map[string]string
		want   time.Duration
		ok     bool
	}{
		{nil, 0, false},
		{map[string]string{"Retry-After": "3"}, 3 * time.Second, true},
		{map[string]string{"Retry-After": "0"}, 0, true},
		{map[string]string{"Retry-After": "3600"}, MaxRetryAfter, true},
		{map[string]string{"Retry-After": "99999999999999999"}, MaxRetryAfter, true},
		{map[string]string{"Retry-After": "99999999999999999999"}, 0, false}, // overflows int64
		{map[string]string{"Retry-After": "-1"}, 0, false},
		{map[string]string{"Retry-After": "soon"}, 0, false},
		{map[string]string{"Retry-After": now.Add(7 * time.Second).Format(http.TimeFormat)}, 7 * time.Second, true},
		{map[string]string{"Retry-After": now.Add(-time.Hour).Format(http.TimeFormat)}, 0, true},
		{map[string]string{"Retry-After": now.Add(time.Hour).Format(http.TimeFormat)}, MaxRetryAfter, true},
		{map[string]string{"Retry-After-Ms": "250", "Retry-After": "9"}, 250 * time.Millisecond, true},
		{map[string]string{"Retry-After-Ms": "1e15"}, 0, false},
		{map[string]string{"Retry-After-Ms": "x", "Retry-After": "2"}, 2 * time.Second, true},
	}
	for _, tc := range tests {
		h := http.Header{}
		for k, v := range tc.header {
			h.Set(k, v)
		}
		got, ok := retryAfter(h, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%v: got %v %v, want %v %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
}

func TestDelayBackoff(t *testing.T) {
	c := newCaller(endpoint{}, Options{Backoff: 100 * time.Millisecond})
	for n := range 12 {
		want := min(100*time.Millisecond<<n, MaxBackoff)
		for range 50 {
			d := c.delay(n, nil)
			if d < want/2 || d > want {
				t.Fatalf("delay(%d) = %v, want in [%v, %v]", n, d, want/2, want)
			}
		}
	}
	r := &reply{header: http.Header{"Retry-After": []string{"2"}}}
	if d := c.delay(0, r); d != 2*time.Second {
		t.Fatalf("Retry-After ignored: %v", d)
	}
}

func TestDefaults(t *testing.T) {
	c := newCaller(endpoint{}, Options{})
	if c.timeout != DefaultTimeout || c.retries != DefaultRetries || c.backoff != DefaultBackoff || c.client == nil {
		t.Fatalf("defaults %+v", c)
	}
	tr, ok := c.client.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost < 128 {
		t.Fatalf("transport %+v", c.client.Transport)
	}
	if c := newCaller(endpoint{}, Options{Retries: -1}); c.retries != 0 {
		t.Fatalf("retries %d", c.retries)
	}
}
