package auth

import "testing"

// BenchmarkVerifyPassword measures one password check (argon2id, 19 MiB,
// 2 passes, one lane): the cost that bounds logins per core.
//
//	go test ./server/auth -run '^$' -bench VerifyPassword -benchmem -count 5
func BenchmarkVerifyPassword(b *testing.B) {
	h, err := HashPassword("korrekt-hest-batteri")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !VerifyPassword("korrekt-hest-batteri", h) {
			b.Fatal("the password does not match its hash")
		}
	}
}
