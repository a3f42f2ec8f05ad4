package main

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"placering/server/app"
	"placering/server/mail"
	"placering/server/mail/smtpmail"
	"placering/server/router"
)

// config is everything the service reads from its environment. Each
// backend is embedded unless its URL is set.
type config struct {
	Port           string // PORT, default 8080
	DataDir        string // DATA_DIR, default ./data (SQLite file, CPR key file)
	DatabaseURL    string // DATABASE_URL: postgres://… switches to PostgreSQL
	RedisURL       string // REDIS_URL: redis://… switches to Redis
	MeiliURL       string // MEILI_URL: http://… switches to Meilisearch
	MeiliAPIKey    string // MEILI_API_KEY
	CPRKey         string // CPR_KEY: 32 bytes hex/base64; required with DATABASE_URL
	AdminEmail     string // ADMIN_EMAIL + ADMIN_PASSWORD: first administrator
	AdminPassword  string
	TrustedProxies []*net.IPNet // TRUSTED_PROXIES: CIDRs whose X-Forwarded-For is believed
	SecureCookies  bool         // SECURE_COOKIES: true behind HTTPS
	// RequestTimeout (REQUEST_TIMEOUT, default 10s) bounds one request;
	// LongRequestTimeout (LONG_REQUEST_TIMEOUT, default 45s) the batch
	// operations in router.LongRoutes.
	RequestTimeout, LongRequestTimeout time.Duration
	// TokenTTL (TOKEN_TTL, default app.DefaultTokenTTL: 8 days) is how
	// long a new API token lives.
	TokenTTL time.Duration
	// PublicURL (PUBLIC_URL, default http://localhost:PORT) is the address
	// people reach the service at: links in mails (invitations, password
	// resets) and the OIDC redirect address are made from it.
	PublicURL string
	// MailURL (MAIL_URL: smtp://user:pass@host:587 with STARTTLS when the
	// server offers it, or smtps://… for TLS) and MailFrom (MAIL_FROM, such
	// as "Jobcenter Helsingør <noreply@helsingor.dk>") switch sending mail
	// on. Without MAIL_URL mail stays in the database and administrators
	// read it on the mailbox page.
	MailURL, MailFrom string
}

func loadConfig(getenv func(string) string) (config, error) {
	c := config{
		Port:          getenv("PORT"),
		DataDir:       getenv("DATA_DIR"),
		DatabaseURL:   getenv("DATABASE_URL"),
		RedisURL:      getenv("REDIS_URL"),
		MeiliURL:      getenv("MEILI_URL"),
		MeiliAPIKey:   getenv("MEILI_API_KEY"),
		CPRKey:        getenv("CPR_KEY"),
		AdminEmail:    getenv("ADMIN_EMAIL"),
		AdminPassword: getenv("ADMIN_PASSWORD"),
	}
	if c.Port == "" {
		c.Port = "8080"
	}
	if n, err := strconv.Atoi(c.Port); err != nil || n < 1 || n > 65535 {
		return c, fmt.Errorf("PORT %q is not a port number", c.Port)
	}
	c.PublicURL = strings.TrimRight(getenv("PUBLIC_URL"), "/")
	if c.PublicURL == "" {
		c.PublicURL = "http://localhost:" + c.Port
	} else if !strings.HasPrefix(c.PublicURL, "http://") && !strings.HasPrefix(c.PublicURL, "https://") {
		return c, fmt.Errorf("PUBLIC_URL %q: want an http:// or https:// address", c.PublicURL)
	}
	if c.DataDir == "" {
		c.DataDir = "data"
	}
	if c.DatabaseURL != "" && c.CPRKey == "" {
		// Replicas must share the key, and a key file on one machine's disk
		// would be lost with it: with a real database, the key is explicit.
		return c, fmt.Errorf("CPR_KEY is required when DATABASE_URL is set (make one with: openssl rand -hex 32)")
	}
	if v := getenv("SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("SECURE_COOKIES %q: want true or false", v)
		}
		c.SecureCookies = b
	}
	for _, d := range []struct {
		env string
		to  *time.Duration
		def time.Duration
	}{
		{"REQUEST_TIMEOUT", &c.RequestTimeout, router.DefaultRequestTimeout},
		{"LONG_REQUEST_TIMEOUT", &c.LongRequestTimeout, router.DefaultLongRequestTimeout},
	} {
		*d.to = d.def
		if v := getenv(d.env); v != "" {
			t, err := time.ParseDuration(v)
			if err != nil || t < time.Second || t > 10*time.Minute {
				return c, fmt.Errorf("%s %q: want a duration between 1s and 10m, such as 10s", d.env, v)
			}
			*d.to = t
		}
	}
	if c.LongRequestTimeout < c.RequestTimeout {
		c.LongRequestTimeout = c.RequestTimeout
	}
	for _, cidr := range strings.FieldsFunc(getenv("TRUSTED_PROXIES"), func(r rune) bool { return r == ',' || r == ' ' }) {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return c, fmt.Errorf("TRUSTED_PROXIES: %q is not a CIDR like 10.0.0.0/8", cidr)
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	c.MailURL, c.MailFrom = getenv("MAIL_URL"), strings.TrimSpace(getenv("MAIL_FROM"))
	if c.MailURL != "" {
		if _, err := smtpmail.ParseURL(c.MailURL); err != nil {
			return c, fmt.Errorf("MAIL_URL: %w", err)
		}
		if c.MailFrom == "" {
			return c, fmt.Errorf("MAIL_FROM is required when MAIL_URL is set, such as MAIL_FROM=\"Jobcenter <noreply@kommune.dk>\"")
		}
	}
	if c.MailFrom != "" {
		if err := mail.CheckFrom(c.MailFrom); err != nil {
			return c, fmt.Errorf("MAIL_FROM: %w", err)
		}
	}
	c.TokenTTL = app.DefaultTokenTTL
	if v := getenv("TOKEN_TTL"); v != "" {
		t, err := time.ParseDuration(v)
		if err != nil || t < time.Minute || t > 90*24*time.Hour {
			return c, fmt.Errorf("TOKEN_TTL %q: want a duration between 1m and 2160h (90 days), such as 192h", v)
		}
		c.TokenTTL = t
	}
	return c, nil
}

var _ = os.Getenv // loadConfig takes os.Getenv in main and a map in tests
