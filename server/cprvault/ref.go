package cprvault

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

// refEncoding writes references in lower-case base32 without padding.
var refEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// CandidateRef is the opaque reference an employer sees for a citizen on
// one opening: "k" + 26 base32 letters of HMAC-SHA256, under a key derived
// from the master key for this purpose only, over the opening and the
// citizen. It is the same every time for the same pair (so an employer can
// act on it) but different on every opening, so two openings' lists
// cannot be joined on it, and without the key it names nobody.
func (v *Vault) CandidateRef(openingID, citizenID int64) string {
	m := hmac.New(sha256.New, v.refKey)
	m.Write([]byte("opening:" + strconv.FormatInt(openingID, 10) + ";citizen:" + strconv.FormatInt(citizenID, 10)))
	return "k" + strings.ToLower(refEncoding.EncodeToString(m.Sum(nil)[:16]))
}
