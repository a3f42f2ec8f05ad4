// Package router assembles the HTTP service: middleware, the JSON API under
// /api/v1, the browser UI, health and readiness, and one error handler that
// answers API clients with problem+json and people with a readable page.
package router

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"placering/models"
	"placering/server/api"
	"placering/server/app"
	"placering/server/problem"
	"placering/server/session"
	"placering/server/ui"
)

// Check reports whether one dependency is reachable.
type Check struct {
	// Probe answers with optional detail (such as the search lag) and an
	// error when the dependency cannot be used now.
	Probe func(ctx context.Context) (map[string]any, error)
	// Optional means the service works on without it (search falls back to
	// the database), so a failure shows in the detail but does not take
	// the replica out of the load balancer.
	Optional bool
}

// Deps is what the HTTP service needs. App, Sessions and Throttle are
// required.
type Deps struct {
	App      *app.App
	Sessions *session.Sessions
	Throttle *session.Throttle
	// Checks are run by /readyz, e.g. "database", "cache", "search".
	Checks map[string]Check
	// TrustedProxies are CIDRs of load balancers whose X-Forwarded-For is
	// believed. Empty means the client address is the TCP peer.
	TrustedProxies []*net.IPNet
	// SecureCookies marks cookies Secure and sends HSTS on every request,
	// as if each arrived over HTTPS. Without it that is decided per
	// request (IsHTTPS): TLS, or a trusted proxy's X-Forwarded-Proto.
	SecureCookies bool
	// Logger receives one line per request and failures; nil discards.
	Logger *slog.Logger
	// RequestTimeout is how long one request may take before its work is
	// cancelled and it answers 503 (zero: DefaultRequestTimeout).
	// LongRequestTimeout applies instead to the few batch operations in
	// LongRoutes (zero: DefaultLongRequestTimeout).
	RequestTimeout, LongRequestTimeout time.Duration
}

// Request deadlines. A backend that hangs must not hang the request with
// it: when the deadline passes, the database and cache calls under the
// request's context give up and the request answers 503 with Retry-After.
const (
	DefaultRequestTimeout     = 10 * time.Second
	DefaultLongRequestTimeout = 45 * time.Second // below the server's 60 s write timeout
	// RetryAfter is what a 503 asks clients to wait, in seconds.
	RetryAfter = "5"
)

// LongRoutes are the batch operations that may take LongRequestTimeout:
// the optimal assignment over a whole jobcentre and saving many weeks of
// hours at once (API and browser). Reindexing is a command
// (server reindex), not a request, and has no deadline.
var LongRoutes = map[string]bool{
	"POST /api/v1/matching/assign": true,
	"POST /api/v1/hours/bulk":      true,
	"POST /timer":                  true,
}

// New returns the configured HTTP handler.
func New(d Deps) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ipExtractor(d.TrustedProxies)
	log := d.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e.HTTPErrorHandler = errorHandler(log)

	e.Use(middleware.Recover())
	e.Use(requestLog(log))
	e.Use(deadline(d.RequestTimeout, d.LongRequestTimeout))
	e.Use(retryAfter)
	e.Use(middleware.BodyLimit("1M"))
	e.Use(secureTransport(d.TrustedProxies, d.SecureCookies))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
	}))
	e.Use(noReferrerForTokens)

	e.GET("/healthz", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
	})
	e.GET("/readyz", readyz(d.Checks))

	api.Register(e.Group("/api/v1"), &api.Handler{App: d.App, Throttle: d.Throttle})
	ui.Register(e, &ui.Handler{App: d.App, Sessions: d.Sessions, Throttle: d.Throttle, SecureCookies: d.SecureCookies})
	return e
}

// ipExtractor trusts X-Forwarded-For only from the configured proxies, so a
// client cannot pick its own address to dodge login throttling.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// deadline gives each request a context that ends after its timeout, so
// that every database, cache and search call under it gives up in time.
// Health and readiness keep their own short deadlines.
func deadline(normal, long time.Duration) echo.MiddlewareFunc {
	if normal <= 0 {
		normal = DefaultRequestTimeout
	}
	if long <= 0 {
		long = DefaultLongRequestTimeout
	}
	if long < normal {
		long = normal
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			d := normal
			if LongRoutes[c.Request().Method+" "+c.Path()] {
				d = long
			}
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			err := next(c)
			if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && !c.Response().Committed &&
				models.ErrorCode(err) != models.EUnavailable && problem.From(err).Status >= 500 {
				// Whatever failed, it failed because time ran out.
				err = models.Errorf(models.EUnavailable, "request deadline", err,
					"Anmodningen tog for lang tid, fordi en bagvedliggende tjeneste svarer langsomt. Intet er gemt halvt; prøv igen om lidt.")
			}
			return err
		}
	}
}

// retryAfter adds Retry-After to every 503, API and browser alike: the
// service is down for now, not for good.
func retryAfter(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		res := c.Response()
		res.Before(func() {
			if res.Status == http.StatusServiceUnavailable && res.Header().Get("Retry-After") == "" {
				res.Header().Set("Retry-After", RetryAfter)
			}
		})
		return next(c)
	}
}

// IsAPI reports whether a request is for the JSON API.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := problem.From(err)
		if p.Status >= 500 {
			// The path only: a query string could hold what a user typed.
			log.Error("request failed", "method", c.Request().Method, "path", redactPath(c.Request().URL.Path), "err", err)
		}
		if IsAPI(c.Request()) || strings.HasPrefix(c.Request().URL.Path, "/readyz") {
			p.Instance = c.Request().URL.Path
			if p.Status == http.StatusUnauthorized {
				c.Response().Header().Set("WWW-Authenticate", `Bearer realm="placering"`)
			}
			c.Response().Header().Set(echo.HeaderContentType, problem.ContentType)
			c.Response().WriteHeader(p.Status)
			if c.Request().Method != http.MethodHead {
				_ = writeJSON(c, p)
			}
			return
		}
		if rerr := ui.RenderError(c, p); rerr != nil {
			log.Error("render error page", "err", rerr)
		}
	}
}

func writeJSON(c echo.Context, v any) error {
	enc := jsonEncoder(c.Response())
	return enc.Encode(v)
}

// requestLog writes one line per request: method, path (never the query,
// and a one-time link's token redacted), status and duration. Bodies and queries can carry personal data.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, HandleError: true, LogMethod: true, LogLatency: true, LogRemoteIP: true,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return p == "/healthz" || p == "/readyz" || strings.HasPrefix(p, "/static/")
		},
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			log.Info("request", "method", v.Method, "path", redactPath(v.URIPath), "status", v.Status,
				"ms", v.Latency.Milliseconds(), "ip", v.RemoteIP)
			return nil
		},
	})
}

type checkResult struct {
	Status    string         `json:"status"`
	LatencyMS int64          `json:"latency_ms"`
	Error     string         `json:"error,omitempty"`
	Optional  bool           `json:"optional,omitempty"`
	Detail    map[string]any `json:"detail,omitempty"`
}

// readyz runs every check in parallel with a short deadline. A load
// balancer takes the replica out of rotation on 503, which only a required
// dependency causes.
func readyz(checks map[string]Check) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		var (
			mu       sync.Mutex
			wg       sync.WaitGroup
			out      = make(map[string]checkResult, len(checks))
			ok       = true
			degraded = false
		)
		for name, check := range checks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				detail, err := check.Probe(ctx)
				r := checkResult{Status: "ok", LatencyMS: time.Since(start).Milliseconds(), Optional: check.Optional, Detail: detail}
				if err != nil {
					r.Status, r.Error = "unavailable", err.Error()
					if errors.Is(err, context.DeadlineExceeded) {
						r.Error = "timeout"
					}
				}
				mu.Lock()
				out[name] = r
				if err != nil {
					if check.Optional {
						degraded = true
					} else {
						ok = false
					}
				}
				mu.Unlock()
			}()
		}
		wg.Wait()
		status, code := "ready", http.StatusOK
		switch {
		case !ok:
			status, code = "unavailable", http.StatusServiceUnavailable
		case degraded:
			status = "degraded"
		}
		return c.JSON(code, map[string]any{"status": status, "checks": out})
	}
}
