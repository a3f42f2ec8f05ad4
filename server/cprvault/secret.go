package cprvault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret cipher: %w", err)
	}
	return cipher.NewGCM(block)
}

// SealSecret encrypts a secret the service must read back later (an
// identity provider's client secret) with AES-256-GCM under a key derived
// from the master key for this purpose only. purpose is bound into the
// ciphertext (additional data), so a sealed value cannot be moved to
// another use. The result is "s1:" + base64(nonce ‖ ciphertext).
func (v *Vault) SealSecret(purpose, secret string) (string, error) {
	nonce := make([]byte, v.secrets.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secret nonce: %w", err)
	}
	ct := v.secrets.Seal(nonce, nonce, []byte(secret), []byte(purpose))
	return "s1:" + base64.StdEncoding.EncodeToString(ct), nil
}

// OpenSecret decrypts what SealSecret sealed for the same purpose. The
// error never contains the secret.
func (v *Vault) OpenSecret(purpose, sealed string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, "s1:")
	if !ok {
		return "", errors.New("unknown secret cipher version")
	}
	b, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(b) < v.secrets.NonceSize() {
		return "", errors.New("corrupt secret cipher")
	}
	n := v.secrets.NonceSize()
	pt, err := v.secrets.Open(nil, b[:n], b[n:], []byte(purpose))
	if err != nil {
		return "", errors.New("secret cipher does not open with this key")
	}
	return string(pt), nil
}
