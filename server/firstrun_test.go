package main

import (
	"context"
	"io"
	"os"
	"regexp"
	"testing"
)

// TestFirstAdminPassword: the first administrator with a generated
// password must change it at the first login; one named by ADMIN_EMAIL and
// ADMIN_PASSWORD chose it and need not.
func TestFirstAdminPassword(t *testing.T) {
	for _, explicit := range []bool{false, true} {
		env := map[string]string{"DATA_DIR": t.TempDir()}
		if explicit {
			env["ADMIN_EMAIL"], env["ADMIN_PASSWORD"] = "chef@kommune.dk", "kommunens-egen-kode-2027"
		}
		cfg, err := loadConfig(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		b, err := openBackends(ctx, cfg, quiet)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(b.Close)
		a := b.app()
		printed := captureStderr(t, func() {
			if err := ensureFirstAdmin(ctx, a, cfg, quiet); err != nil {
				t.Fatal(err)
			}
		})
		email, password := "chef@kommune.dk", "kommunens-egen-kode-2027"
		if !explicit {
			m := regexp.MustCompile(`e-mail:\s+(\S+)\s+adgangskode:\s+(\S+)`).FindStringSubmatch(printed)
			if m == nil {
				t.Fatalf("no password printed: %q", printed)
			}
			email, password = m[1], m[2]
		}
		u, err := a.Authenticate(ctx, email, password)
		if err != nil {
			t.Fatalf("log in as %s: %v", email, err)
		}
		if u.MustChangePassword != !explicit {
			t.Errorf("explicit %v: must change password = %v", explicit, u.MustChangePassword)
		}
	}
}

func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	done := make(chan string)
	go func() { b, _ := io.ReadAll(r); done <- string(b) }()
	defer func() { os.Stderr = old }()
	fn()
	w.Close()
	os.Stderr = old
	return <-done
}
