package main

import (
	"net"
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// compose.yaml cannot be started here (no container engine), so this test
// reads it and checks that the production stack has every service and
// variable the app needs, with health checks and volumes.
func TestComposeFileWiresTheProductionStack(t *testing.T) {
	b, err := os.ReadFile("../compose.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Services map[string]struct {
			Image       string            `yaml:"image"`
			Build       map[string]string `yaml:"build"`
			Environment map[string]string `yaml:"environment"`
			DependsOn   map[string]struct {
				Condition string `yaml:"condition"`
			} `yaml:"depends_on"`
			Healthcheck map[string]any `yaml:"healthcheck"`
			Volumes     []string       `yaml:"volumes"`
			Command     []string       `yaml:"command"`
			Networks    map[string]struct {
				IPv4Address string `yaml:"ipv4_address"`
			} `yaml:"networks"`
		} `yaml:"services"`
		Volumes map[string]any `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("compose.yaml does not parse: %v", err)
	}
	images := map[string]string{"postgres": "postgres:16", "redis": "redis:7", "meilisearch": "getmeili/meilisearch:v1"}
	for name, prefix := range images {
		s, ok := doc.Services[name]
		if !ok {
			t.Fatalf("service %s missing", name)
		}
		if !strings.HasPrefix(s.Image, prefix) {
			t.Errorf("%s image %q, want %s*", name, s.Image, prefix)
		}
		if s.Healthcheck["test"] == nil {
			t.Errorf("%s has no health check", name)
		}
		if len(s.Volumes) == 0 {
			t.Errorf("%s keeps no data in a volume", name)
		}
		for _, v := range s.Volumes {
			if vol, _, _ := strings.Cut(v, ":"); doc.Volumes[vol] == nil && !strings.HasPrefix(vol, ".") {
				if _, declared := doc.Volumes[vol]; !declared {
					t.Errorf("%s uses undeclared volume %s", name, vol)
				}
			}
		}
	}
	appSvc, ok := doc.Services["app"]
	if !ok {
		t.Fatal("service app missing")
	}
	if appSvc.Build["dockerfile"] == "" {
		t.Error("app is not built from this repo")
	}
	if _, err := os.Stat("../" + appSvc.Build["dockerfile"]); err != nil {
		t.Errorf("app's Dockerfile: %v", err)
	}
	// Every variable that switches a backend on, and the secrets it needs.
	env := appSvc.Environment
	checks := map[string]string{
		"DATABASE_URL": "postgres://", "REDIS_URL": "redis://redis:", "MEILI_URL": "http://meilisearch:",
		"MEILI_API_KEY": "MEILI_MASTER_KEY", "CPR_KEY": "CPR_KEY", "PORT": "8080",
	}
	for k, want := range checks {
		if !strings.Contains(env[k], want) {
			t.Errorf("app env %s = %q, want it to contain %q", k, env[k], want)
		}
	}
	if !strings.Contains(env["DATABASE_URL"], "@postgres:") {
		t.Errorf("DATABASE_URL does not point at the postgres service: %s", env["DATABASE_URL"])
	}
	for _, dep := range []string{"postgres", "redis", "meilisearch"} {
		if appSvc.DependsOn[dep].Condition != "service_healthy" {
			t.Errorf("app does not wait for %s to be healthy", dep)
		}
	}
	if appSvc.Healthcheck["test"] == nil {
		t.Error("app has no health check")
	}
	// Mail goes to the Mailpit catcher, which stands in for the relay.
	if mp := doc.Services["mailpit"]; !strings.HasPrefix(mp.Image, "axllent/mailpit") || mp.Healthcheck["test"] == nil {
		t.Errorf("mailpit service %+v: want image axllent/mailpit with a health check", mp)
	}
	if !strings.Contains(env["MAIL_URL"], "smtp://mailpit:1025") || env["MAIL_FROM"] == "" {
		t.Errorf("app mail env MAIL_URL=%q MAIL_FROM=%q, want Mailpit and a sender", env["MAIL_URL"], env["MAIL_FROM"])
	}
	if appSvc.DependsOn["mailpit"].Condition != "service_healthy" {
		t.Error("app does not wait for mailpit to be healthy")
	}
	// The config the app reads must accept what compose gives it.
	getenv := func(k string) string {
		v := env[k]
		if m := composeDefault.FindStringSubmatch(v); m != nil {
			v = m[1] // "${TRUSTED_PROXIES:-172.28.0.10/32}": what compose uses when unset
		} else if strings.Contains(v, "${") { // stand in for the operator's secrets
			v = map[string]string{"CPR_KEY": strings.Repeat("ab", 32), "MEILI_API_KEY": "key",
				"MAIL_URL": "smtp://mailpit:1025", "MAIL_FROM": "Placering <placering@localhost>"}[k]
		}
		return v
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		t.Fatalf("app config from compose env: %v", err)
	}
	// HTTPS in front: the proxy forwards to the app, and its fixed address
	// (and nothing else on the network, such as the gateway that published
	// ports come from) is what the app trusts for X-Forwarded-Proto.
	proxy, ok := doc.Services["proxy"]
	if !ok {
		t.Fatal("service proxy (HTTPS in front of the app) missing")
	}
	if !strings.Contains(strings.Join(proxy.Command, " "), "app:8080") {
		t.Errorf("proxy command %q does not forward to app:8080", proxy.Command)
	}
	addr := net.ParseIP(proxy.Networks["default"].IPv4Address)
	if addr == nil {
		t.Fatal("proxy has no fixed address to trust")
	}
	trusted := func(ip net.IP) bool {
		for _, n := range cfg.TrustedProxies {
			if n.Contains(ip) {
				return true
			}
		}
		return false
	}
	gateway := addr.To4()
	gateway = net.IPv4(gateway[0], gateway[1], gateway[2], 1)
	if !trusted(addr) || trusted(gateway) {
		t.Errorf("TRUSTED_PROXIES %v: want the proxy %s and not the gateway %s", cfg.TrustedProxies, addr, gateway)
	}
	// Links in mails and the OIDC redirect URI name the proxy's https
	// address, the one people use, not the app's own port.
	from := strings.Join(proxy.Command, " ")
	if !strings.HasPrefix(cfg.PublicURL, "https://") || !strings.Contains(from, "--from https://${PUBLIC_HOST:-localhost}") ||
		cfg.PublicURL != "https://localhost" {
		t.Errorf("PUBLIC_URL %q: want the proxy's address https://localhost (proxy %q)", cfg.PublicURL, from)
	}
}

// composeDefault matches a whole value that is one variable with a default.
var composeDefault = regexp.MustCompile(`^\$\{\w+:-([^}]*)\}$`)

func TestConfigRejectsBadValues(t *testing.T) {
	cases := map[string]map[string]string{
		"port":            {"PORT": "http"},
		"postgres no key": {"DATABASE_URL": "postgres://x@y/z"},
		"proxies":         {"TRUSTED_PROXIES": "10.0.0.1"},
		"secure cookies":  {"SECURE_COOKIES": "måske"},
		"mail scheme":     {"MAIL_URL": "http://relay:25", "MAIL_FROM": "a@b.dk"},
		"mail port":       {"MAIL_URL": "smtp://relay:0", "MAIL_FROM": "a@b.dk"},
		"mail no from":    {"MAIL_URL": "smtp://relay:587"},
		"mail bad from":   {"MAIL_URL": "smtp://relay:587", "MAIL_FROM": "ikke en adresse"},
	}
	for name, env := range cases {
		if _, err := loadConfig(func(k string) string { return env[k] }); err == nil {
			t.Errorf("%s: bad config accepted", name)
		}
	}
	c, err := loadConfig(func(string) string { return "" })
	if err != nil || c.Port != "8080" || c.DataDir != "data" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
}
