package router

import (
	"net"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// HSTS is the Strict-Transport-Security value sent on every response to a
// request that arrived over HTTPS: a year, subdomains included.
const HSTS = "max-age=31536000; includeSubDomains"

// IsHTTPS reports whether a request reached the service over HTTPS: TLS on
// the connection itself, or X-Forwarded-Proto: https set by a load balancer
// whose address is in trusted (the TCP peer, not X-Forwarded-For). The
// header from anyone else is ignored, since a client could send it itself.
// A list ("https, http") counts by its first entry, the scheme the client
// used at the outermost proxy.
func IsHTTPS(r *http.Request, trusted []*net.IPNet) bool {
	if r.TLS != nil {
		return true
	}
	proto := r.Header.Get(echo.HeaderXForwardedProto)
	if proto == "" || len(trusted) == 0 {
		return false
	}
	first, _, _ := strings.Cut(proto, ",")
	if !strings.EqualFold(strings.TrimSpace(first), "https") {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	for _, n := range trusted {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// secureTransport decides per request whether it came over HTTPS (force:
// SECURE_COOKIES=true says every request does). If so, the response gets
// HSTS and every cookie it sets is marked Secure, whichever handler set it
// (session, CSRF, flash): they are rewritten just before the headers go
// out, so no handler has to know how the request arrived. Over plain HTTP
// nothing changes, so a development server on http://localhost works.
func secureTransport(trusted []*net.IPNet, force bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !force && !IsHTTPS(c.Request(), trusted) {
				return next(c)
			}
			res := c.Response()
			res.Header().Set(echo.HeaderStrictTransportSecurity, HSTS)
			res.Before(func() {
				cookies := res.Header()[echo.HeaderSetCookie]
				for i, v := range cookies {
					cookies[i] = withSecure(v)
				}
			})
			return next(c)
		}
	}
}

// withSecure adds the Secure attribute to one Set-Cookie value that lacks it.
func withSecure(setCookie string) string {
	for _, attr := range strings.Split(setCookie, ";")[1:] {
		if strings.EqualFold(strings.TrimSpace(attr), "secure") {
			return setCookie
		}
	}
	return setCookie + "; Secure"
}
