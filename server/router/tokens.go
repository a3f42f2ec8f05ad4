package router

import (
	"strings"

	"github.com/labstack/echo/v4"

	"placering/server/auth"
)

// Paths of one-time links (/invitation/{token}, /nulstil/{token} and
// their API routes) carry a secret that works until used. It must reach
// nothing else: not the request log, and not the Referer of the requests
// the page makes (its style sheet, a link the user follows), which a
// proxy or another site may log.

// redactedToken stands in a logged path for a one-time link's token.
const redactedToken = "[token]"

// redactPath returns path with every segment that has the shape of a
// token (auth.ValidToken) replaced by redactedToken.
func redactPath(path string) string {
	if len(path) < auth.TokenLen {
		return path
	}
	segs := strings.Split(path, "/")
	changed := false
	for i, s := range segs {
		if auth.ValidToken(s) {
			segs[i], changed = redactedToken, true
		}
	}
	if !changed {
		return path
	}
	return strings.Join(segs, "/")
}

// noReferrerForTokens tells the browser to send no Referer from a page
// whose address holds a token (the rest keep same-origin).
func noReferrerForTokens(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; redactPath(p) != p {
			c.Response().Header().Set(echo.HeaderReferrerPolicy, "no-referrer")
		}
		return next(c)
	}
}
