package router

import (
	"crypto/tls"
	"net"
	"net/http/httptest"
	"testing"
)

func TestIsHTTPS(t *testing.T) {
	_, lb, _ := net.ParseCIDR("10.0.0.5/32")
	_, v6, _ := net.ParseCIDR("fd00::/8")
	trusted := []*net.IPNet{lb, v6}
	cases := []struct {
		name, peer, proto string
		tls, want         bool
	}{
		{"plain", "10.0.0.5:1234", "", false, false},
		{"TLS", "192.0.2.1:1234", "", true, true},
		{"trusted https", "10.0.0.5:1234", "https", false, true},
		{"trusted HTTPS in capitals", "10.0.0.5:1234", "HTTPS", false, true},
		{"trusted http", "10.0.0.5:1234", "http", false, false},
		{"trusted list, client side first", "10.0.0.5:1234", "https, http", false, true},
		{"trusted IPv6", "[fd00::1]:443", "https", false, true},
		{"untrusted https", "10.0.0.6:1234", "https", false, false},
		{"untrusted IPv6", "[2001:db8::1]:443", "https", false, false},
		{"garbage peer", "nonsense", "https", false, false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = c.peer
		if c.proto != "" {
			r.Header.Set("X-Forwarded-Proto", c.proto)
		}
		if c.tls {
			r.TLS = &tls.ConnectionState{}
		}
		if got := IsHTTPS(r, trusted); got != c.want {
			t.Errorf("%s: IsHTTPS = %v, want %v", c.name, got, c.want)
		}
		if c.proto != "" && IsHTTPS(r, nil) != c.tls {
			t.Errorf("%s: believed X-Forwarded-Proto with no proxies trusted", c.name)
		}
	}
}

func TestWithSecure(t *testing.T) {
	for in, want := range map[string]string{
		"a=1; Path=/; HttpOnly":         "a=1; Path=/; HttpOnly; Secure",
		"a=1; Path=/; Secure; HttpOnly": "a=1; Path=/; Secure; HttpOnly",
		"a=1; path=/; secure":           "a=1; path=/; secure",
		"secure=1; Path=/":              "secure=1; Path=/; Secure",
	} {
		if got := withSecure(in); got != want {
			t.Errorf("withSecure(%q) = %q, want %q", in, got, want)
		}
	}
}
