package domain

import (
	"crypto/rand"
	"strings"
	"time"
	"unicode/utf8"
)

// Certificates: a volunteer's approved hours as a document, its facts frozen when it is issued so
// that the PDF and the public verification page always say the same. Anyone who holds its code
// can verify it; the Front Office can revoke it.
const (
	// CertificateAlphabet is Crockford's base32: no I, L, O or U, so a code read aloud or typed
	// from paper is not mistaken.
	CertificateAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	// CertificatePrefix starts every code, so that one is recognized for what it is.
	CertificatePrefix = "ERK"
	// certificateChars is how many random characters a code holds: 12 × 5 = 60 bits.
	certificateChars = 12
	// CertificateDeletedReason is the reason of a revocation that deleting the account made.
	CertificateDeletedReason = "account deleted"
)

// Certificate is an issued certificate: the facts as they stood when it was issued.
type Certificate struct {
	ID            int64
	Code          string // normalized: ERK-XXXX-XXXX-XXXX
	UserID        int64
	Name          string // the volunteer's name; empty once the account was deleted
	Lang          string // the PDF's language
	TotalMinutes  int
	FirstDay      time.Time // the first and last day of a shift counted, in Almaty, at midnight UTC
	LastDay       time.Time
	Organizations []string // the organizations, by name, in the order of their first shift
	Events        []Text   // the events' titles, in the order of their first shift
	CreatedAt     time.Time
	RevokedAt     time.Time // zero while it is valid
	RevokedBy     int64
	RevokeReason  string
}

// Revoked reports whether the certificate was revoked.
func (c Certificate) Revoked() bool { return !c.RevokedAt.IsZero() }

// NewCertificateCode returns a new random code, ERK-XXXX-XXXX-XXXX.
func NewCertificateCode() string {
	b := make([]byte, certificateChars)
	rand.Read(b)
	for i := range b {
		b[i] = CertificateAlphabet[b[i]&31] // 256 is a multiple of 32: every character equally likely
	}
	return formatCertificateCode(string(b))
}

func formatCertificateCode(chars string) string {
	return CertificatePrefix + "-" + chars[0:4] + "-" + chars[4:8] + "-" + chars[8:12]
}

// ParseCertificateCode reads a code as a person types it: any case, with or without the prefix,
// hyphens or spaces; O is read as 0 and I and L as 1, as Crockford's base32 says. A code that
// cannot be one is NotFound, naming the field code: no certificate has it.
func ParseCertificateCode(s string) (string, error) {
	notFound := FieldErr(NotFound, "code", "cert.not_found", nil)
	if len(s) > 64 {
		return "", notFound
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ' || r == '\t' || r == '\u00a0':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		case r >= utf8.RuneSelf || !strings.ContainsRune(CertificateAlphabet, r):
			return "", notFound
		}
		b.WriteRune(r)
	}
	chars := b.String()
	if len(chars) == certificateChars+len(CertificatePrefix) && strings.HasPrefix(chars, CertificatePrefix) {
		chars = chars[len(CertificatePrefix):]
	}
	if len(chars) != certificateChars {
		return "", notFound
	}
	return formatCertificateCode(chars), nil
}

// CheckRevokeReason refuses a revocation without a reason or with one too long.
func CheckRevokeReason(reason string) (string, error) {
	r := strings.TrimSpace(reason)
	if r == "" {
		return "", FieldErr(Invalid, "reason", "cert.reason_required", nil)
	}
	if !utf8.ValidString(r) || HasControl(r) { // lines are fine here (a text box), NUL and the like are not
		return "", FieldErr(Invalid, "reason", "field.encoding", nil)
	}
	if utf8.RuneCountInString(r) > MaxReasonLen {
		return "", FieldErr(Invalid, "reason", "field.too_long", map[string]any{"max": MaxReasonLen})
	}
	return r, nil
}

// The marks the Front Office sets for its certificates: the image of its seal and of its
// signatory's signature.
const (
	MarkSeal      = "seal"
	MarkSignature = "signature"
)

// IsMark reports whether kind is one of the certificate's marks.
func IsMark(kind string) bool { return kind == MarkSeal || kind == MarkSignature }
