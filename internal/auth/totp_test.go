package auth

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// RFC 6238's SHA-1 test vectors, cut to six digits (the seed is "12345678901234567890").
func TestTOTPMatchesRFC6238(t *testing.T) {
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924", 2000000000: "279037"} {
		got, err := TOTPCode(secret, time.Unix(unix, 0))
		if err != nil || got != want {
			t.Errorf("at %d: %q, %v; want %q", unix, got, err, want)
		}
	}
}

func TestCheckTOTPAcceptsOneStepEitherSideOnceEach(t *testing.T) {
	secret, err := NewTOTPSecret()
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != 32 || !ValidTOTPSecret(secret) {
		t.Fatalf("secret %q", secret)
	}
	now := time.Unix(1_780_000_000, 0)
	cur := TOTPStep(now)
	for _, d := range []int64{-1, 0, 1} {
		code, _ := TOTPCodeAt(secret, cur+d)
		step, ok := CheckTOTP(secret, code, now, 0)
		if !ok || step != cur+d {
			t.Errorf("step %+d: %d %v", d, step, ok)
		}
		if _, ok := CheckTOTP(secret, code, now, cur+d); ok {
			t.Errorf("step %+d: replayed code accepted", d)
		}
		if _, ok := CheckTOTP(secret, code[:3]+" "+code[3:], now, 0); !ok {
			t.Errorf("step %+d: a code with a space in it refused", d)
		}
	}
	for _, d := range []int64{-2, 2} {
		code, _ := TOTPCodeAt(secret, cur+d)
		if _, ok := CheckTOTP(secret, code, now, 0); ok {
			t.Errorf("step %+d accepted", d)
		}
	}
	for _, bad := range []string{"", "12345", "1234567", "abcdef", "１２３４５６"} {
		if _, ok := CheckTOTP(secret, bad, now, 0); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, ok := CheckTOTP("not base32!", "123456", now, 0); ok {
		t.Error("a bad secret accepted a code")
	}
}

func TestTOTPURL(t *testing.T) {
	const secret = "ERIKTIDEMOTWOFACTORSECRETALMATY2"
	u, err := url.Parse(TOTPURL("erikti", "coordinator@example.kz", secret))
	if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/erikti:coordinator@example.kz" ||
		u.Query().Get("secret") != secret || u.Query().Get("issuer") != "erikti" {
		t.Fatalf("url %v: %v", u, err)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes, err := NewRecoveryCodes(RecoveryCodes)
	if err != nil || len(codes) != RecoveryCodes || len(hashes) != RecoveryCodes {
		t.Fatalf("%v %v %v", codes, hashes, err)
	}
	shape := regexp.MustCompile(`^[2-9a-km-np-z]{4}(-[2-9a-km-np-z]{4}){5}$`)
	seen := map[string]bool{}
	for i, c := range codes {
		if !shape.MatchString(c) || seen[c] {
			t.Errorf("code %q: want six groups of four characters", c)
		}
		// 24 characters of an alphabet of 32: 120 bits, at least the 112 of ASVS 6.5.2
		if bits := len(strings.ReplaceAll(c, "-", "")) * 5; bits < 112 {
			t.Errorf("code %q has %d bits", c, bits)
		}
		seen[c] = true
		for _, typed := range []string{c, strings.ToUpper(c), strings.ReplaceAll(c, "-", ""), " " + strings.ReplaceAll(c, "-", " ") + " "} {
			if HashRecoveryCode(typed) != hashes[i] {
				t.Errorf("%q does not hash as %q", typed, c)
			}
		}
		if IsTOTPCode(c) {
			t.Errorf("%q looks like a TOTP code", c)
		}
	}
	for _, bad := range []string{"", "123456", "abcde-fghi", "abcde-fghij0", "0000000000", "abcd-efgh-2345-6789-jkmn-pqr",
		"abcd-efgh-2345-6789-jkmn-pqrs0"} {
		if HashRecoveryCode(bad) != "" {
			t.Errorf("%q hashes", bad)
		}
	}
	// a code of the 50-bit form erikti gave before still hashes as it did, so stored ones keep working
	if got, want := HashRecoveryCode("ABCDE-23456"), HashToken("recovery:abcde23456"); got != want {
		t.Errorf("a legacy code hashes to %q, want %q", got, want)
	}
}

func TestTheDemoSecretIsValid(t *testing.T) {
	// internal/demo's TOTPSecret, documented in the README
	if !ValidTOTPSecret("ERIKTIDEMOTWOFACTORSECRETALMATY2") {
		t.Fatal("the demo secret is not valid base32 of 160 bits")
	}
}
