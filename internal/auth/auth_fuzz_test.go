package auth

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// cheap are argon2id parameters that keep each fuzz execution short.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

// costly reports whether checking against hash would take more than a few MiB or passes of argon2id:
// such hashes are not fuzzed (a stored hash sets its own cost; see CheckPassword).
func costly(hash string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 {
		return false
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	return p.Memory > 4096 || p.Time > 4 || p.Threads > 16 || len(parts[5]) > 4096
}

// FuzzCheckPassword: CheckPassword never panics on any password and any stored hash; only the
// right password with the stored salt and key is accepted (a hash changed anywhere that matters
// is garbage, and garbage is refused); HashPassword's hash of any password accepts that password
// and no other; HashToken is 64 hex digits, the same each time; the list of common passwords
// answers the same for a password with white space around it and for its normalized form.
func FuzzCheckPassword(f *testing.F) {
	// the stored hash is made as HashPassword makes it, with a fixed salt: every fuzz worker
	// process must build the same one
	const password = "Ақ жол, 2026!"
	salt := []byte("erikti fuzz salt")
	key := argon2.IDKey([]byte(password), salt, cheap.Time, cheap.Memory, cheap.Threads, 32)
	b64 := base64.RawStdEncoding
	valid := fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, cheap.Memory, cheap.Time, cheap.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
	if !CheckPassword(password, valid) {
		f.Fatalf("the hash %q refuses its password", valid)
	}
	common, err := LoadPasswordList()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(" PassWord123 ", "")
	f.Add(password, valid)
	f.Add("Ақ жол, 2026", valid)
	f.Add("", valid)
	f.Add(password, strings.Replace(valid, "argon2id", "argon2i", 1))
	f.Add(password, strings.Replace(valid, "v=19", "v=16", 1))
	f.Add(password, strings.Replace(valid, "m=64,t=1,p=1", "m=64,t=2,p=1", 1))
	f.Add(password, valid[:len(valid)-1])
	f.Add(password, valid+"$")
	f.Add("x", "$argon2id$v=19$m=1024,t=1,p=1$AAAA$")
	f.Add("x", "$argon2id$v=19$m=8,t=1,p=1$AAAA$AAAA")
	f.Add("x", "$argon2id$v=19$m=99999999999,t=1,p=1$AAAA$AAAA")
	f.Add("x", "garbage")
	f.Add("x", "")
	f.Add("\xff\x00", "$$$$$")
	f.Fuzz(func(t *testing.T, pw, hash string) {
		if !costly(hash) && CheckPassword(pw, hash) {
			p := strings.Split(hash, "$")
			gotSalt, _ := base64.RawStdEncoding.DecodeString(p[4])
			gotKey, _ := base64.RawStdEncoding.DecodeString(p[5])
			if pw != password || !bytes.Equal(gotSalt, salt) || !bytes.Equal(gotKey, key) {
				t.Fatalf("CheckPassword(%q, %q) = true", pw, hash)
			}
		}
		h, err := HashPassword(pw, cheap)
		if err != nil {
			t.Fatal(err)
		}
		if !CheckPassword(pw, h) {
			t.Fatalf("the hash %q of %q refuses it", h, pw)
		}
		if CheckPassword(pw+"\x00", h) || pw != "" && CheckPassword(pw[:len(pw)-1], h) {
			t.Fatalf("the hash %q of %q accepts another password", h, pw)
		}
		if c := common.Common(pw); c != common.Common(" \t"+pw+"\n") || c != common.Common(strings.ToLower(strings.TrimSpace(pw))) {
			t.Fatalf("Common(%q) = %v, but not with white space around it or normalized", pw, c)
		}
		th := HashToken(pw)
		if raw, err := hex.DecodeString(th); err != nil || len(raw) != 32 || th != strings.ToLower(th) || HashToken(pw) != th {
			t.Fatalf("HashToken(%q) = %q", pw, th)
		}
	})
}
