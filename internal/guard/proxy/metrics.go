package proxy

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aisecops/aisec/internal/guard/scanners"
)

// metrics are the proxy's Prometheus collectors, registered on the server's own registry.
type metrics struct {
	requests      *prometheus.CounterVec
	verdicts      *prometheus.CounterVec
	inspect       *prometheus.HistogramVec
	upstream      *prometheus.HistogramVec
	upstreamErrs  *prometheus.CounterVec
	rateLimited   *prometheus.CounterVec
	streamAborts  prometheus.Counter
	scannerErrors *prometheus.CounterVec
	handler       http.Handler
	// inspectIn and inspectOut are inspect's two series, resolved once: a label lookup hashes
	// the values and takes a lock on every call.
	inspectIn, inspectOut prometheus.Observer
}

// inspectSeconds is the inspect histogram of direction d.
func (m *metrics) inspectSeconds(d scanners.Direction) prometheus.Observer {
	switch d {
	case scanners.Input:
		return m.inspectIn
	case scanners.Output:
		return m.inspectOut
	}
	return m.inspect.WithLabelValues(d.String())
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aisec_guard_requests_total", Help: "Requests served, by route and HTTP status.",
		}, []string{"route", "code"}),
		verdicts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aisec_guard_verdicts_total", Help: "Rule hits, by direction, rule and action taken.",
		}, []string{"direction", "rule", "action"}),
		inspect: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "aisec_guard_inspect_seconds", Help: "Time spent inspecting, by direction.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25},
		}, []string{"direction"}),
		upstream: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "aisec_guard_upstream_seconds", Help: "Time to the upstream's response headers, by upstream.",
			Buckets: prometheus.ExponentialBuckets(.005, 2.5, 10),
		}, []string{"upstream"}),
		upstreamErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aisec_guard_upstream_errors_total", Help: "Upstream requests that failed to complete.",
		}, []string{"upstream"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aisec_guard_ratelimited_total", Help: "Requests refused by rate limits or the extraction tracker, by reason.",
		}, []string{"reason"}),
		streamAborts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "aisec_guard_stream_aborts_total", Help: "Streams ended early with an error event.",
		}),
		scannerErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "aisec_guard_scanner_errors_total", Help: "Scanner errors and timeouts, by rule.",
		}, []string{"rule"}),
	}
	reg.MustRegister(m.requests, m.verdicts, m.inspect, m.upstream, m.upstreamErrs, m.rateLimited,
		m.streamAborts, m.scannerErrors)
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	m.inspectIn = m.inspect.WithLabelValues(scanners.Input.String())
	m.inspectOut = m.inspect.WithLabelValues(scanners.Output.String())
	return m
}

// statusRecorder remembers the status a handler wrote, for the requests counter. It unwraps to
// the original writer so that http.ResponseController can still flush.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status written.
func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Flush passes flushes through (streams are released event by event).
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// counted wraps a route's handler to count its responses by status. The route's 200 series,
// by far the most common, is resolved once.
func (m *metrics) counted(route string, h http.HandlerFunc) http.HandlerFunc {
	ok := m.requests.WithLabelValues(route, strconv.Itoa(http.StatusOK))
	return func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		h(rec, r)
		switch rec.status {
		case 0, http.StatusOK:
			ok.Inc()
		default:
			m.requests.WithLabelValues(route, strconv.Itoa(rec.status)).Inc()
		}
	}
}

var _ http.Flusher = (*statusRecorder)(nil)
