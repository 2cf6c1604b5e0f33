package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// TOTP (RFC 6238) as every authenticator app reads it: HMAC-SHA1, 6 digits, a 30-second step. A
// code is accepted one step either side of now, for clocks that drift and people who type slowly.
const (
	TOTPPeriod = 30 // seconds a code lives
	TOTPDigits = 6
	TOTPSkew   = 1 // steps either side of now that are accepted
	// RecoveryCodes is how many single-use recovery codes an enrolment gives.
	RecoveryCodes = 10
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

var hotpOpts = hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// NewTOTPSecret returns a new random secret of 160 bits (RFC 4226's recommended length) in
// base32 without padding: 32 characters.
func NewTOTPSecret() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: totp secret: %w", err)
	}
	return b32.EncodeToString(b), nil
}

// ValidTOTPSecret reports whether secret is base32 of at least 128 bits, as erikti stores them.
func ValidTOTPSecret(secret string) bool {
	b, err := b32.DecodeString(secret)
	return err == nil && len(b) >= 16
}

// TOTPURL is the otpauth:// URL of secret that an authenticator app reads from the QR code,
// labelled "issuer:account".
func TOTPURL(issuer, account, secret string) string {
	q := url.Values{}
	q.Set("secret", secret)
	q.Set("issuer", issuer)
	q.Set("algorithm", "SHA1")
	q.Set("digits", "6")
	q.Set("period", "30")
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + issuer + ":" + account, RawQuery: q.Encode()}
	return u.String()
}

// TOTPStep is the time step of t: seconds since 1970 divided by the period.
func TOTPStep(t time.Time) int64 { return t.Unix() / TOTPPeriod }

// TOTPCodeAt is the code of secret for the time step step.
func TOTPCodeAt(secret string, step int64) (string, error) {
	if step < 0 {
		return "", fmt.Errorf("auth: totp: negative step %d", step)
	}
	code, err := hotp.GenerateCodeCustom(secret, uint64(step), hotpOpts)
	if err != nil {
		return "", fmt.Errorf("auth: totp code: %w", err)
	}
	return code, nil
}

// TOTPCode is the code of secret at t, as an authenticator app shows it.
func TOTPCode(secret string, t time.Time) (string, error) { return TOTPCodeAt(secret, TOTPStep(t)) }

// IsTOTPCode reports whether code, with spaces removed, is six digits: the shape of a TOTP code
// (anything else may be a recovery code).
func IsTOTPCode(code string) bool {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != TOTPDigits {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// CheckTOTP checks code against secret at now, one step either side. A step at or before after
// (the last step the account used) is not tried, so that a code is accepted once: the caller
// stores the step returned, and refuses a replay. ok is false for a wrong, replayed or malformed
// code. Every accepted step is compared, in constant time.
func CheckTOTP(secret, code string, now time.Time, after int64) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if !IsTOTPCode(code) || !ValidTOTPSecret(secret) {
		return 0, false
	}
	cur := TOTPStep(now)
	for s := cur - TOTPSkew; s <= cur+TOTPSkew; s++ {
		want, err := TOTPCodeAt(secret, s)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && s > after {
			step, ok = s, true
		}
	}
	return step, ok
}

// recoveryAlphabet has no 0/o or 1/l to misread: 32 characters, 5 bits each.
const recoveryAlphabet = "23456789abcdefghijkmnpqrstuvwxyz"

// recoveryLen is the length of a recovery code without its hyphens: 24 characters, 120 bits, above
// the 112 bits below which OWASP ASVS 5.0 (6.5.2) asks for a salted, slow hash. Written in six
// groups of four ("xxxx-xxxx-xxxx-xxxx-xxxx-xxxx") to be read and typed.
const (
	recoveryLen   = 24
	recoveryGroup = 4
)

// legacyRecoveryLen is the length of the codes erikti gave before (10 characters, 50 bits, written
// "xxxxx-xxxxx"). Those still stored keep working, each once, until the account replaces them: a
// code of that length matches only a stored hash of one, so no new code is that weak.
const legacyRecoveryLen = 10

// NewRecoveryCodes returns n single-use recovery codes, written as six groups of four characters
// joined by hyphens, and the hashes the store keeps of them (HashRecoveryCode).
func NewRecoveryCodes(n int) (codes, hashes []string, err error) {
	b := make([]byte, recoveryLen)
	for range n {
		if _, err := rand.Read(b); err != nil {
			return nil, nil, fmt.Errorf("auth: recovery code: %w", err)
		}
		var c strings.Builder
		for i, x := range b {
			if i > 0 && i%recoveryGroup == 0 {
				c.WriteByte('-')
			}
			c.WriteByte(recoveryAlphabet[x&31]) // 256 is a multiple of 32: every character equally likely
		}
		codes = append(codes, c.String())
		hashes = append(hashes, HashRecoveryCode(c.String()))
	}
	return codes, hashes, nil
}

// NormalizeRecoveryCode is a recovery code as typed, lower-cased, without spaces or hyphens; ""
// when it cannot be one (of today's length, or of the legacy one).
func NormalizeRecoveryCode(code string) string {
	code = strings.ToLower(strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(code))
	if len(code) != recoveryLen && len(code) != legacyRecoveryLen {
		return ""
	}
	for _, c := range code {
		if !strings.ContainsRune(recoveryAlphabet, c) {
			return ""
		}
	}
	return code
}

// HashRecoveryCode is the SHA-256 of a normalized recovery code, as tokens are hashed: a code has
// 120 random bits, so a fast unsalted hash is enough (ASVS 6.5.2 asks for a slow salted one only
// below 112 bits). Legacy codes hash the same way as before, so their stored hashes still match. A code that cannot be one hashes to "".
func HashRecoveryCode(code string) string {
	n := NormalizeRecoveryCode(code)
	if n == "" {
		return ""
	}
	return HashToken("recovery:" + n)
}
