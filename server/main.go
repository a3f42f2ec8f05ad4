// Command server runs the placement marketplace: the JSON API, the browser
// UI and the background work, over embedded backends by default (SQLite, an
// in-process cache and search index) or PostgreSQL, Redis and Meilisearch
// when their URLs are set.
//
//	go run ./server            start the service
//	go run ./server -demo      start it with the Danish demo data set loaded
//	go run ./server migrate    apply database migrations and exit
//	go run ./server reindex    rebuild the search indexes from the database
//	go run ./server retention  erase and delete what is past its retention period
//	                           (-dry-run: print what would go, per jobcentre)
//	go run ./server openapi    print the API's OpenAPI document as JSON and exit
//	server healthcheck         exit 0 when the local service is ready
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"placering/cache"
	"placering/cache/memcache"
	"placering/cache/rediscache"
	"placering/models"
	"placering/search"
	"placering/search/indexer"
	"placering/search/meili"
	"placering/search/memsearch"
	"placering/server/api"
	"placering/server/app"
	"placering/server/cprvault"
	"placering/server/mail"
	"placering/server/mail/embedded"
	"placering/server/mail/outbox"
	"placering/server/mail/smtpmail"
	"placering/server/router"
	"placering/server/session"
	"placering/store"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	// SIGTERM (or Ctrl-C) cancels ctx: run stops taking connections and lets
	// the requests in flight finish.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, log); err != nil {
		log.Error("server stopped", "err", err)
		os.Exit(1)
	}
}

// run carries out one command and returns when it is done or, for serve,
// when ctx ends and the server has shut down gracefully.
func run(ctx context.Context, args []string, getenv func(string) string, log *slog.Logger) error {
	started := time.Now()
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	demoFlag := fs.Bool("demo", false, "load the Danish demo data set (if the database has none) and print the demo users")
	var extra demoExtra
	fs.IntVar(&extra.Openings, "demo-extra-openings", 0, "with -demo: generate this many more openings, for load tests")
	fs.IntVar(&extra.Virksomhedscentre, "demo-extra-virksomhedscentre", 0, "with -demo: generate this many more virksomhedscentre, for load tests")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmd := fs.Arg(0)
	if cmd == "" {
		cmd = "serve"
	}
	if cmd == "openapi" { // needs no configuration, database or server
		return printOpenAPI(os.Stdout)
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	if cmd == "healthcheck" {
		return healthcheck(cfg.Port)
	}
	var dryRun bool
	if cmd == "retention" {
		rfs := flag.NewFlagSet("retention", flag.ContinueOnError)
		rfs.BoolVar(&dryRun, "dry-run", false, "count what would be removed, per jobcentre, and remove nothing")
		if err := rfs.Parse(fs.Args()[1:]); err != nil {
			return err
		}
	}

	b, err := openBackends(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer b.Close()

	switch cmd {
	case "migrate":
		log.Info("migrations applied", "database", b.store.Dialect())
		return nil
	case "reindex":
		start := time.Now()
		if err := indexer.Reindex(ctx, b.store, b.search); err != nil {
			return err
		}
		// Apply the catch-up Reindex enqueued now rather than waiting for
		// a running replica's worker.
		ix := &indexer.Indexer{Store: b.store, Engine: b.search, Log: log}
		if _, err := ix.Drain(ctx); err != nil {
			return fmt.Errorf("apply changes made during reindex: %w", err)
		}
		log.Info("search indexes rebuilt", "search", b.searchKind, "ms", time.Since(start).Milliseconds())
		return nil
	case "retention":
		return retentionCommand(ctx, b.app(), dryRun, os.Stdout)
	case "demo":
		*demoFlag = true
	case "serve":
	default:
		return fmt.Errorf("unknown command %q (want serve, demo, migrate, reindex, retention, openapi or healthcheck)", cmd)
	}

	a := b.app()
	a.TokenTTL = cfg.TokenTTL
	a.PublicURL = cfg.PublicURL
	if *demoFlag { // before the first-admin check: the demo brings its own
		if err := loadDemo(ctx, b.store, a, extra, log); err != nil {
			return err
		}
	}
	if err := ensureFirstAdmin(ctx, a, cfg, log); err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              ":" + cfg.Port,
		Handler:           b.handler(cfg, a, log),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		// Above the longest request deadline, so a batch operation that
		// runs out of time can still send its 503.
		WriteTimeout: cfg.LongRequestTimeout + 15*time.Second,
		IdleTimeout:  120 * time.Second,
	}
	ix := &indexer.Indexer{Store: b.store, Engine: b.search, Log: log}
	workCtx, stopWork := context.WithCancel(context.Background())
	defer stopWork()
	go ix.Run(workCtx)
	mailDone := make(chan struct{})
	go func() { defer close(mailDone); b.mailWorker(log).Run(workCtx) }()
	go retentionDaily(workCtx, a, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Info("ready", "addr", "http://localhost:"+cfg.Port, "database", b.store.Dialect(),
		"cache", b.cacheKind, "search", b.searchKind, "mail", b.mailKind, "startup_ms", time.Since(started).Milliseconds())

	select {
	case err := <-errc:
		return fmt.Errorf("listen: %w", err)
	case <-ctx.Done():
	}
	// SIGTERM: stop taking new connections, let in-flight requests finish.
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	// Let a mail being sent finish and be marked, so it is not sent again.
	stopWork()
	select {
	case <-mailDone:
	case <-shutCtx.Done():
	}
	log.Info("stopped cleanly")
	return nil
}

// printOpenAPI writes the API's OpenAPI document to w as indented JSON,
// for linting it in CI without a running service. Building the document
// reads only the route table and the Go types: no handler runs, so the
// Handler needs no App.
func printOpenAPI(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode((&api.Handler{}).OpenAPI())
}

// healthcheck asks the running service on this machine whether it is
// ready; container health checks run it, as the image has no curl.
func healthcheck(port string) error {
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://127.0.0.1:" + port + "/readyz")
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: /readyz answered %d", res.StatusCode)
	}
	return nil
}

// backends are the three servers the service talks to, each either
// embedded or real.
type backends struct {
	store      *store.Store
	cache      cache.Cache
	cacheKind  string
	search     search.Engine
	searchKind string
	vault      *cprvault.Vault
	mail       mail.Sender
	mailKind   string // models.MailSMTP or models.MailEmbedded
}

func openBackends(ctx context.Context, cfg config, log *slog.Logger) (*backends, error) {
	st, err := store.Open(ctx, store.Config{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		return nil, err
	}
	b := &backends{store: st}
	if cfg.RedisURL != "" {
		rc, err := rediscache.New(cfg.RedisURL)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("redis: %w", err)
		}
		b.cache, b.cacheKind = rc, "redis"
	} else {
		b.cache, b.cacheKind = memcache.New(), "memory"
	}
	b.search, b.searchKind = memsearch.New(), "memory"
	if cfg.MeiliURL != "" {
		// Meilisearch keeps its index between starts: it is kept current
		// by the outbox and rebuilt only by the reindex command.
		ms, err := meili.New(cfg.MeiliURL, meili.WithAPIKey(cfg.MeiliAPIKey))
		if err != nil {
			b.Close()
			return nil, err
		}
		b.search, b.searchKind = ms, "meilisearch"
	}
	if err := b.search.Setup(ctx); err != nil {
		// Only a real server can fail here; the service runs on and the
		// outbox catches up once search is back.
		log.Warn("search setup failed; will retry through the outbox", "err", err)
	}
	if b.searchKind == "memory" {
		// The embedded index lives in this process: fill it from the
		// database at start, then keep it current through the outbox.
		if err := indexer.Reindex(ctx, st, b.search); err != nil {
			b.Close()
			return nil, fmt.Errorf("build search index: %w", err)
		}
	}
	b.mail, b.mailKind = embedded.New(cfg.MailFrom), models.MailEmbedded
	if cfg.MailURL != "" {
		sender, err := smtpmail.New(cfg.MailURL, cfg.MailFrom)
		if err != nil {
			b.Close()
			return nil, fmt.Errorf("MAIL_URL: %w", err)
		}
		b.mail, b.mailKind = sender, models.MailSMTP
	}
	var key []byte
	if cfg.CPRKey != "" {
		key, err = cprvault.ParseKey(cfg.CPRKey)
	} else {
		key, err = cprvault.LoadOrCreateKeyFile(filepath.Join(cfg.DataDir, "cpr.key"))
	}
	if err == nil {
		b.vault, err = cprvault.New(key)
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("cpr key: %w", err)
	}
	return b, nil
}

// app is the service layer over these backends.
func (b *backends) app() *app.App {
	a := app.New(app.Deps{Store: b.store, Vault: b.vault, Index: b.search, Now: time.Now})
	a.MailTransport = b.mailKind
	return a
}

// mailWorker sends the mail outbox through the configured backend.
func (b *backends) mailWorker(log *slog.Logger) *outbox.Worker {
	return &outbox.Worker{Store: b.store, Sender: b.mail, Transport: b.mailKind, Log: log}
}

// handler is the HTTP service over these backends.
func (b *backends) handler(cfg config, a *app.App, log *slog.Logger) http.Handler {
	return router.New(router.Deps{
		App:            a,
		Sessions:       &session.Sessions{Cache: b.cache},
		Throttle:       &session.Throttle{Cache: b.cache},
		Checks:         b.checks(a),
		TrustedProxies: cfg.TrustedProxies,
		SecureCookies:  cfg.SecureCookies,
		Logger:         log,
		// A request's deadline, and the batch operations' longer one.
		RequestTimeout:     cfg.RequestTimeout,
		LongRequestTimeout: cfg.LongRequestTimeout,
	})
}

func (b *backends) checks(a *app.App) map[string]router.Check {
	plain := func(f func(context.Context) error) func(context.Context) (map[string]any, error) {
		return func(ctx context.Context) (map[string]any, error) { return nil, f(ctx) }
	}
	return map[string]router.Check{
		"database": {Probe: plain(b.store.Ping)},
		// Without the cache the browser UI cannot read sessions and
		// logins stop (the throttle fails closed), but the JSON API
		// authenticates by tokens in the database and keeps working: the
		// replica stays in the load balancer and says it is degraded.
		"cache": {Optional: true, Probe: func(ctx context.Context) (map[string]any, error) {
			detail := map[string]any{"backend": b.cacheKind}
			err := b.cache.Ping(ctx)
			if err != nil {
				detail["impact"] = "browser sessions and logins unavailable; API requests with a token still served"
			}
			return detail, err
		}},
		"search": {Optional: true, Probe: func(ctx context.Context) (map[string]any, error) {
			detail, err := a.SearchStatus(ctx)
			detail["backend"] = b.searchKind
			return detail, err
		}},
	}
}

func (b *backends) Close() {
	if b.cache != nil {
		b.cache.Close()
	}
	b.store.Close()
}

// ensureFirstAdmin makes sure someone can log in to a fresh installation:
// the administrator named by ADMIN_EMAIL/ADMIN_PASSWORD, or else one with a
// random password printed once.
func ensureFirstAdmin(ctx context.Context, a *app.App, cfg config, log *slog.Logger) error {
	empty, err := a.NeedsFirstAdmin(ctx)
	if err != nil || !empty {
		return err
	}
	email, password, generated := cfg.AdminEmail, cfg.AdminPassword, false
	if email == "" || password == "" {
		raw := make([]byte, 12)
		rand.Read(raw)
		email, password, generated = "admin@placering.local", base64.RawURLEncoding.EncodeToString(raw), true
	}
	// A generated password must be changed at the first login.
	_, err = a.CreateFirstAdmin(ctx, email, password, generated)
	if models.ErrorCode(err) == models.EConflict {
		return nil // another replica made it first
	}
	if err != nil {
		return fmt.Errorf("create first administrator: %w", err)
	}
	if generated {
		// Printed, not logged: it is shown once to whoever started the service.
		fmt.Fprintf(os.Stderr, "\nFørste administrator oprettet.\n  e-mail:      %s\n  adgangskode: %s\n\n", email, password)
	} else {
		log.Info("first administrator created", "email", email)
	}
	return nil
}
