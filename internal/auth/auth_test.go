package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	p := Params{Memory: 1024, Time: 1, Threads: 1}
	h, err := HashPassword("Ақ жол, 2026!", p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash %q is not PHC argon2id", h)
	}
	if !CheckPassword("Ақ жол, 2026!", h) {
		t.Fatal("the right password is refused")
	}
	for _, wrong := range []string{"Ақ жол, 2026", "ақ жол, 2026!", ""} {
		if CheckPassword(wrong, h) {
			t.Fatalf("%q is accepted", wrong)
		}
	}
	if CheckPassword("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA") || CheckPassword("x", "garbage") {
		t.Fatal("a malformed hash is accepted")
	}
	h2, _ := HashPassword("Ақ жол, 2026!", p)
	if h2 == h {
		t.Fatal("two hashes of one password share a salt")
	}
	if d := DefaultParams(); d.Memory < 19*1024 || d.Time < 2 {
		t.Fatalf("default parameters %+v are below OWASP's floor", d)
	}
}

func TestToken(t *testing.T) {
	a, ha, _ := NewToken()
	b, _, _ := NewToken()
	if a == b || len(a) < 43 || HashToken(a) != ha || ha == a {
		t.Fatalf("tokens %q %q hash %q", a, b, ha)
	}
}

// Stored hashes erikti could not have written are refused, never passed to argon2 (which panics on
// zero passes or threads) nor run at a cost that would exhaust the machine.
func TestCheckPasswordRefusesImpossibleCosts(t *testing.T) {
	for _, h := range []string{
		"$argon2id$v=19$m=8,t=0,p=1$AAAA$AAAA",
		"$argon2id$v=19$m=8,t=1,p=0$AAAA$AAAA",
		"$argon2id$v=19$m=0,t=0,p=0$$000000000000000",
		"$argon2id$v=19$m=4294967295,t=1,p=1$AAAA$AAAA",
		"$argon2id$v=19$m=64,t=4294967295,p=1$AAAA$AAAA",
	} {
		if CheckPassword("x", h) {
			t.Errorf("%s accepted", h)
		}
	}
}

// A stored hash with a salt or key shorter than erikti writes is refused: a one-byte key would let
// one password in 256 through (found by FuzzCheckPassword).
func TestCheckPasswordRefusesShortSaltsAndKeys(t *testing.T) {
	p := Params{Memory: 64, Time: 1, Threads: 1}
	good, err := HashPassword("Ақ жол 2026!", p)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(good, "$")
	for name, h := range map[string]string{
		"no salt":         strings.Join(append(append([]string{}, parts[:4]...), "", parts[5]), "$"),
		"a short key":     strings.Join(append(append([]string{}, parts[:5]...), parts[5][:8]), "$"),
		"the fuzz's find": "$argon2id$v=19$m=61,t=4,p=1$$SX",
	} {
		for _, pw := range []string{"Ақ жол 2026!", "0"} {
			if CheckPassword(pw, h) {
				t.Errorf("%s: %q accepted for %q", name, h, pw)
			}
		}
	}
	if !CheckPassword("Ақ жол 2026!", good) {
		t.Fatal("a hash erikti wrote is refused")
	}
}
