package cprvault

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestSealOpenAndHash(t *testing.T) {
	v, err := New(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	s, err := v.Seal("010190-1234")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(s.Cipher, "0101901234") || strings.Contains(s.Hash, "0101901234") {
		t.Fatal("sealed form contains the number")
	}
	if s.Masked != "010190-XXXX" || s.Born.String() != "1990-01-01" {
		t.Fatalf("masked %q born %s", s.Masked, s.Born)
	}
	got, err := v.Open(s.Cipher)
	if err != nil || got != "0101901234" {
		t.Fatalf("open = %q, %v", got, err)
	}
	again, _ := v.Seal("0101901234")
	if again.Cipher == s.Cipher {
		t.Fatal("two seals of one number share ciphertext: nonce reuse")
	}
	if again.Hash != s.Hash {
		t.Fatal("hash must be stable for look-up")
	}
	other, _ := New(bytes.Repeat([]byte{8}, KeySize))
	if other.Hash("0101901234") == s.Hash {
		t.Fatal("hash does not depend on the key")
	}
	if _, err := other.Open(s.Cipher); err == nil {
		t.Fatal("opened with the wrong key")
	}
	if _, err := v.Seal("300290-1234"); err == nil || strings.Contains(err.Error(), "300290") {
		t.Fatalf("invalid number: want an error that does not echo it, got %v", err)
	}
}

func TestKeyFileIsCreatedOnceAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k", "cpr.key")
	a, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadOrCreateKeyFile(path)
	if err != nil || !bytes.Equal(a, b) {
		t.Fatalf("second load differs: %v", err)
	}
	if _, err := ParseKey("short"); err == nil {
		t.Fatal("short key accepted")
	}
}

func TestSealSecretRoundTripAndPurpose(t *testing.T) {
	v, err := New(make([]byte, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := v.SealSecret("oidc:1", "hemmelig-klientnøgle")
	if err != nil || strings.Contains(sealed, "hemmelig") {
		t.Fatalf("seal: %q %v", sealed, err)
	}
	if got, err := v.OpenSecret("oidc:1", sealed); err != nil || got != "hemmelig-klientnøgle" {
		t.Fatalf("open: %q %v", got, err)
	}
	if _, err := v.OpenSecret("oidc:2", sealed); err == nil {
		t.Fatal("a secret sealed for one purpose opened for another")
	}
	other, _ := New(append(make([]byte, KeySize-1), 1))
	if _, err := other.OpenSecret("oidc:1", sealed); err == nil {
		t.Fatal("opened with another key")
	}
}
