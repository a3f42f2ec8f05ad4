package smtpmail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"placering/server/mail"
	"placering/server/mail/mailtest"
)

// mailpitBinary finds the mailpit command (.ci/run installs it with go
// install), skipping the test without it unless backends are required.
func mailpitBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	home, _ := os.UserHomeDir()
	for _, p := range []string{filepath.Join(os.Getenv("GOPATH"), "bin", "mailpit"), filepath.Join(home, "go", "bin", "mailpit")} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	const msg = "mailpit not found (go install github.com/axllent/mailpit@v1.33.1)"
	if mailtest.Required() {
		t.Fatal(msg + "; required because REQUIRE_BACKENDS/CI is set")
	}
	t.Skip(msg)
	return ""
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns
// a TLS configuration that trusts it.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, conf *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	must(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	must(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600))
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, &tls.Config{ServerName: "127.0.0.1", RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer l.Close()
	return l.Addr().String()
}

// startMailpit runs a Mailpit of the test's own with extra flags and
// returns its SMTP address and API URL.
func startMailpit(t *testing.T, bin string, flags ...string) (smtpAddr, apiURL string) {
	t.Helper()
	smtpAddr, httpAddr := freePort(t), freePort(t)
	args := append([]string{"--smtp", smtpAddr, "--listen", httpAddr, "--database", filepath.Join(t.TempDir(), "mp.db"),
		"--disable-version-check", "--smtp-disable-rdns"}, flags...)
	cmd := exec.Command(bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	apiURL = "http://" + httpAddr
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(apiURL + "/api/v1/info"); err == nil {
			res.Body.Close()
			return smtpAddr, apiURL
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start: %s", out.String())
		}
	}
}

// smtp:// upgrades with STARTTLS when the server offers it and then logs
// in; a wrong password is refused without being repeated; smtps:// speaks
// TLS from the first byte. Each against a Mailpit that demands exactly
// that, with a certificate of the test's own.
func TestSTARTTLSLoginAndImplicitTLS(t *testing.T) {
	bin := mailpitBinary(t)
	dir := t.TempDir()
	certFile, keyFile, conf := selfSigned(t, dir)
	authFile := filepath.Join(dir, "auth")
	must(t, os.WriteFile(authFile, []byte("relaybruger:rigtig-kode\n"), 0o600))
	tlsFlags := []string{"--smtp-tls-cert", certFile, "--smtp-tls-key", keyFile, "--smtp-auth-file", authFile}

	t.Run("STARTTLS", func(t *testing.T) {
		addr, api := startMailpit(t, bin, append(tlsFlags, "--smtp-require-starttls")...)
		s, err := newSender("smtp://relaybruger:rigtig-kode@"+addr, "Jobcenter <noreply@placering.test>", conf)
		must(t, err)
		to := mailtest.Address(t)
		must(t, s.Send(t.Context(), mail.Message{To: to, Subject: "Over STARTTLS", Text: "Hej."}))
		if got := mailtest.WaitFor(t, mailtest.MailpitInbox(api), to, 1); got[0].Subject != "Over STARTTLS" {
			t.Fatalf("received %+v", got)
		}
		bad, err := newSender("smtp://relaybruger:forkert-kode@"+addr, "Jobcenter <noreply@placering.test>", conf)
		must(t, err)
		err = bad.Send(t.Context(), mail.Message{To: to, Subject: "x", Text: "x"})
		if err == nil || strings.Contains(err.Error(), "forkert-kode") {
			t.Fatalf("wrong password: %v", err)
		}
		// An untrusted certificate is not accepted.
		untrusted, err := New("smtp://relaybruger:rigtig-kode@"+addr, "Jobcenter <noreply@placering.test>")
		must(t, err)
		if err := untrusted.Send(t.Context(), mail.Message{To: to, Subject: "x", Text: "x"}); err == nil {
			t.Fatal("sent to a server whose certificate nobody trusts")
		}
	})

	t.Run("smtps", func(t *testing.T) {
		addr, api := startMailpit(t, bin, append(tlsFlags, "--smtp-require-tls")...)
		s, err := newSender("smtps://relaybruger:rigtig-kode@"+addr, "Jobcenter <noreply@placering.test>", conf)
		must(t, err)
		to := mailtest.Address(t)
		must(t, s.Send(t.Context(), mail.Message{To: to, Subject: "Over TLS", Text: "Hej."}))
		if got := mailtest.WaitFor(t, mailtest.MailpitInbox(api), to, 1); got[0].Subject != "Over TLS" {
			t.Fatalf("received %+v", got)
		}
	})
}
