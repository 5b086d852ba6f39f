package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	aconfig "github.com/aisecops/aisec/internal/config"
	"github.com/aisecops/aisec/internal/guard/config"
	"github.com/aisecops/aisec/internal/guard/proxy"
	"github.com/aisecops/aisec/internal/store"
)

type guardServeOptions struct {
	config    string
	listen    string
	db        string
	redis     string
	logFormat string
	watch     time.Duration
	gcPercent int
	memLimit  string
}

func (e *env) guardServeCommand() *cobra.Command {
	var o guardServeOptions
	cmd := &cobra.Command{
		Use:   "serve --config guard.yaml",
		Short: "Run the guarding reverse proxy and the scan API",
		Long: `Serve the OpenAI-compatible routes (/v1/chat/completions, /v1/completions, /v1/responses,
/v1/embeddings), Anthropic's /v1/messages, POST /v1/guard/scan, /healthz, /readyz and /metrics,
inspecting every request and response with the configured rules (docs/guard.md).

The configuration is reloaded on SIGHUP and whenever the file's content changes; an invalid file
is rejected with a message and the running configuration stays. SIGINT/SIGTERM drain in-flight
requests (up to 30 s) and flush the audit log.`,
		Example: `  # Guard OpenAI for the clients listed in guard.yaml, audit to ./aisec-guard.db
  OPENAI_API_KEY=sk-… aisec guard serve --config guard.yaml

  # Two replicas sharing rate limits in Redis and the audit log in PostgreSQL
  aisec guard serve --config guard.yaml --listen :8080 \
    --redis redis://cache:6379/0 --db postgres://guard@db/aisec`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.runGuardServe(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.config, "config", "guard.yaml", "guard configuration file")
	f.StringVar(&o.listen, "listen", "", "address to listen on (overrides listen:)")
	f.StringVar(&o.db, "db", "", "audit store: sqlite://PATH, postgres://…, or off (overrides audit.db)")
	f.StringVar(&o.redis, "redis", "", "share rate limits between replicas in Redis (overrides rate_limits.redis)")
	f.StringVar(&o.logFormat, "log-format", "text", "log format on standard error: text or json")
	f.DurationVar(&o.watch, "watch-interval", time.Second, "how often the configuration file is checked for changes; 0 disables")
	f.IntVar(&o.gcPercent, "gc-percent", 400, "Go garbage-collector target (GOGC); the proxy allocates per request, so fewer collections buy throughput")
	f.StringVar(&o.memLimit, "memory-limit", "1GiB", "soft memory limit of the process (GOMEMLIMIT); the collector works harder near it")
	return cmd
}

// load reads the configuration and applies the command-line overrides.
func (o guardServeOptions) load() (*config.Config, error) {
	c, err := config.Load(o.config)
	if err != nil {
		return nil, err
	}
	if o.listen != "" {
		c.Listen = o.listen
	}
	if o.db != "" {
		c.Audit.DB = o.db
	}
	if o.redis != "" {
		c.RateLimits.Redis = o.redis
	}
	return c, nil
}

func (e *env) runGuardServe(ctx context.Context, o guardServeOptions) error {
	log, err := e.logger(o.logFormat)
	if err != nil {
		return err
	}
	if err := tuneRuntime(o); err != nil {
		return err
	}
	c, err := o.load()
	if err != nil {
		return usageError("%v", err)
	}
	sv := &config.Services{}
	defer sv.Close()
	rt, err := c.Runtime(ctx, sv, e.getenv)
	if err != nil {
		return usageError("%s: %v", o.config, err)
	}
	audit, err := openAudit(ctx, c.Audit.DB, log)
	if err != nil {
		return err
	}
	defer audit.close()
	srv, err := proxy.New(rt, proxy.Options{Logger: log, Events: audit.sink()})
	if err != nil {
		return usageError("%s: %v", o.config, err)
	}
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return fmt.Errorf("unable to listen on %s: %w", c.Listen, err)
	}
	scheme := "http"
	if c.TLS.CertFile != "" {
		scheme = "https"
	}
	fmt.Fprintf(e.stderr, "aisec guard: listening on %s://%s\n", scheme, ln.Addr())
	reloader := &reloader{opts: o, env: e, services: sv, server: srv, log: log, current: c}
	rctx, stopReload := context.WithCancel(ctx)
	defer stopReload()
	go reloader.watchSignals(rctx)
	if o.watch > 0 {
		go config.Watch(rctx, o.config, o.watch, func() { reloader.reload(rctx, "file changed") })
	}
	return serveHTTP(ctx, ln, srv.Handler(), c.TLS, log)
}

// tuneRuntime trades memory for throughput: at thousands of requests per second the default
// collector target spends a third of the CPU collecting; the soft limit keeps memory bounded.
func tuneRuntime(o guardServeOptions) error {
	limit, err := aconfig.ParseSize(o.memLimit)
	if err != nil || limit < 64<<20 {
		return usageError("--memory-limit %q: want a size of at least 64MiB (e.g. 1GiB)", o.memLimit)
	}
	if o.gcPercent < 0 {
		return usageError("--gc-percent must not be negative")
	}
	debug.SetGCPercent(o.gcPercent)
	debug.SetMemoryLimit(int64(limit))
	return nil
}

// serveHTTP serves until ctx ends, then drains in-flight requests.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, tls config.TLS, log *slog.Logger) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() {
		if tls.CertFile != "" {
			errc <- hs.ServeTLS(ln, tls.CertFile, tls.KeyFile)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("unable to drain connections: %w", err)
	}
	return nil
}

// reloader swaps in a new runtime when the configuration changes, keeping the old one when the
// new file is invalid.
type reloader struct {
	mu       sync.Mutex // one reload at a time (SIGHUP and the file watch may coincide)
	opts     guardServeOptions
	env      *env
	services *config.Services
	server   *proxy.Server
	log      *slog.Logger
	current  *config.Config
}

func (r *reloader) watchSignals(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			r.reload(ctx, "SIGHUP")
		}
	}
}

func (r *reloader) reload(ctx context.Context, why string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, err := r.opts.load()
	if err == nil {
		var rt *proxy.Runtime
		if rt, err = c.Runtime(ctx, r.services, r.env.getenv); err == nil {
			err = r.server.Swap(rt)
		}
		if err == nil {
			r.warnRestartOnly(c)
			r.current = c
			r.log.Info("configuration reloaded", "reason", why, "file", r.opts.config)
			return
		}
	}
	r.log.Error("configuration rejected; the previous configuration stays in effect", "reason", why, "file", r.opts.config, "error", err)
}

func (r *reloader) warnRestartOnly(c *config.Config) {
	if c.Listen != r.current.Listen || c.TLS != r.current.TLS || c.Audit != r.current.Audit {
		r.log.Warn("listen, tls and audit settings take effect at the next restart")
	}
}

func (e *env) logger(format string) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(e.stderr, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(e.stderr, nil)), nil
	}
	return nil, usageError("--log-format %q: want text or json", format)
}

// auditLog is the store and its asynchronous writer; "off" has neither.
type auditLog struct {
	store  store.Store
	writer *store.Writer
}

func openAudit(ctx context.Context, url string, log *slog.Logger) (*auditLog, error) {
	if url == "off" {
		return &auditLog{}, nil
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("unable to open the audit store: %w", err)
	}
	return &auditLog{store: st, writer: store.NewWriter(st, store.WriterOptions{Logger: log})}, nil
}

func (a *auditLog) sink() proxy.EventSink {
	if a.writer == nil {
		return nil
	}
	return a.writer
}

func (a *auditLog) close() {
	if a.writer == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_ = a.writer.Close(ctx)
	_ = a.store.Close()
}
