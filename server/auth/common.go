package auth

import (
	_ "embed"
	"errors"
	"strings"
	"sync"
	"unicode"
)

// commonPasswords is the 10,000 most common passwords, most common first,
// from the zxcvbn-ts project's common-language list (npm package
// @zxcvbn-ts/language-common 4.1.3, src/passwords.json; MIT licence,
// Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., (c) 2021 zxcvbn-ts).
//
//go:embed common_passwords.txt
var commonPasswords string

var common = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 10000)
	for _, w := range strings.Split(commonPasswords, "\n") {
		if w = strings.TrimSpace(w); w != "" {
			m[w] = struct{}{}
		}
	}
	return m
})

// IsCommonPassword reports whether pw, in any letter case and with any
// digits and punctuation at its end taken off, is on the list of common
// passwords ("Password2024!" is "password").
func IsCommonPassword(pw string) bool {
	lower := strings.ToLower(pw)
	if _, ok := common()[lower]; ok {
		return true
	}
	base := strings.TrimRightFunc(lower, func(r rune) bool { return unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r == ' ' })
	if len(base) >= 4 && base != lower {
		_, ok := common()[base]
		return ok
	}
	return false
}

// CheckNewPassword returns a Danish message when pw may not become the
// password of the user with that e-mail address. The rule (NIST SP
// 800-63B): 10 to 200 characters, not on the list of common passwords
// (see IsCommonPassword), not fewer than 4 different characters
// ("aaaaaaaaaa", "ababababab"), not a run of neighbouring characters
// ("abcdefghij", "9876543210"), and not containing the e-mail address or
// the part of it before the @ (when that is 4 characters or more).
func CheckNewPassword(pw, email string) error {
	if err := CheckPasswordStrength(pw); err != nil {
		return err
	}
	lower := strings.ToLower(pw)
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 4 {
		return errors.New("Adgangskoden består af for få forskellige tegn. Vælg en, der er sværere at gætte.")
	}
	if IsCommonPassword(pw) || isRun(lower) {
		return errors.New("Adgangskoden er for almindelig og let at gætte. Vælg en anden, gerne en sætning på flere ord.")
	}
	email = strings.ToLower(strings.TrimSpace(email))
	if local, _, _ := strings.Cut(email, "@"); email != "" && (strings.Contains(lower, email) || len(local) >= 4 && strings.Contains(lower, local)) {
		return errors.New("Adgangskoden må ikke indeholde din e-mailadresse.")
	}
	return nil
}

// isRun reports whether s goes up or down one character at a time.
func isRun(s string) bool {
	rs := []rune(s)
	if len(rs) < 3 {
		return false
	}
	step := rs[1] - rs[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if rs[i]-rs[i-1] != step {
			return false
		}
	}
	return true
}
