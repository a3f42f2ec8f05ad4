// Package cprvault keeps CPR numbers unreadable at rest. A number is stored
// as AES-256-GCM ciphertext, which only the service can open, plus an
// HMAC-SHA256 of it, which lets the service find a citizen by CPR number
// without decrypting every row. Neither tells anything to someone holding a
// database dump but not the key.
package cprvault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"placering/models"
)

// KeySize is the length of the master key in bytes.
const KeySize = 32

// Vault seals and opens CPR numbers. It is safe for concurrent use.
type Vault struct {
	aead   cipher.AEAD
	macKey []byte
	// secrets seals other secrets the service must read back (an identity
	// provider's client secret); see SealSecret.
	secrets cipher.AEAD
	// refKey keys the per-opening candidate references (CandidateRef).
	refKey []byte
}

// New returns a vault for a 32-byte master key. Separate keys for
// encryption and hashing are derived from it, so that neither use can
// weaken the other.
func New(master []byte) (*Vault, error) {
	if len(master) != KeySize {
		return nil, fmt.Errorf("cpr key must be %d bytes, got %d", KeySize, len(master))
	}
	block, err := aes.NewCipher(derive(master, "placering cpr encryption v1"))
	if err != nil {
		return nil, fmt.Errorf("cpr cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("cpr gcm: %w", err)
	}
	secrets, err := newAEAD(derive(master, "placering secret encryption v1"))
	if err != nil {
		return nil, err
	}
	return &Vault{aead: aead, macKey: derive(master, "placering cpr lookup v1"), secrets: secrets,
		refKey: derive(master, "placering candidate reference v1")}, nil
}

func derive(master []byte, purpose string) []byte {
	m := hmac.New(sha256.New, master)
	m.Write([]byte(purpose))
	return m.Sum(nil)
}

// ParseKey reads a key given as 64 hex digits or as base64.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == KeySize {
		return b, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == KeySize {
			return b, nil
		}
	}
	return nil, errors.New("CPR_KEY must be 32 bytes as 64 hex digits or base64 (make one with: openssl rand -hex 32)")
}

// LoadOrCreateKeyFile reads the key in path, creating it with a fresh random
// key (mode 0600) when missing. It is for the embedded default only: with
// several replicas the key must come from the environment so all share it.
func LoadOrCreateKeyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return ParseKey(string(b))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read cpr key: %w", err)
	}
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("generate cpr key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create key dir: %w", err)
	}
	if err := os.WriteFile(path, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write cpr key: %w", err)
	}
	return key, nil
}

// Sealed is a CPR number as stored.
type Sealed struct {
	Cipher string      // "v1:" + base64(nonce ‖ ciphertext)
	Hash   string      // hex HMAC of the normalised number
	Masked string      // "DDMMYY-XXXX"
	Born   models.Date // the date of birth the number encodes
}

// Seal validates and seals a CPR number. The error never contains the number.
func (v *Vault) Seal(cpr string) (Sealed, error) {
	n := models.NormalizeCPR(cpr)
	born, ok := models.CPRBirthDate(n)
	if !ok {
		return Sealed{}, errors.New("invalid cpr number")
	}
	nonce := make([]byte, v.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return Sealed{}, fmt.Errorf("cpr nonce: %w", err)
	}
	ct := v.aead.Seal(nonce, nonce, []byte(n), nil)
	return Sealed{
		Cipher: "v1:" + base64.StdEncoding.EncodeToString(ct),
		Hash:   v.Hash(n),
		Masked: models.MaskCPR(n),
		Born:   models.DateOf(born),
	}, nil
}

// Hash returns the look-up hash of a CPR number (with or without dash), or
// "" when it is not a valid number.
func (v *Vault) Hash(cpr string) string {
	n := models.NormalizeCPR(cpr)
	if n == "" {
		return ""
	}
	m := hmac.New(sha256.New, v.macKey)
	m.Write([]byte(n))
	return hex.EncodeToString(m.Sum(nil))
}

// Open decrypts a sealed number. Callers must have a reason to need the
// full number (a letter to the citizen, an export to the case system) and
// audit that they did.
func (v *Vault) Open(sealed string) (string, error) {
	raw, ok := strings.CutPrefix(sealed, "v1:")
	if !ok {
		return "", errors.New("unknown cpr cipher version")
	}
	b, err := base64.StdEncoding.DecodeString(raw)
	if err != nil || len(b) < v.aead.NonceSize() {
		return "", errors.New("corrupt cpr cipher")
	}
	pt, err := v.aead.Open(nil, b[:v.aead.NonceSize()], b[v.aead.NonceSize():], nil)
	if err != nil {
		return "", errors.New("cpr cipher does not open with this key")
	}
	return string(pt), nil
}
