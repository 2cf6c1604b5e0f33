// Package auth hashes passwords with argon2id, checks new ones against a list of common and breached
// passwords, and makes API tokens.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters; the defaults meet OWASP's floor (19 MiB, 2 passes, 1 lane).
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// The highest costs a stored hash may ask for: 1 GiB and 16 passes.
const (
	maxMemory = 1 << 20
	maxTime   = 16
)

// DefaultParams are the parameters new hashes use.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

// HashPassword returns a PHC-format argon2id hash of password with a random salt.
func HashPassword(password string, p Params) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// The shortest salt and key a stored hash may have: HashPassword writes 16 and 32 bytes.
const (
	minSaltLen = 16
	minKeyLen  = 32
)

// CheckPassword reports whether password matches hash, in time that does not depend on where they
// differ. It computes the hash at once, however many others are running: a server checks through
// a Hasher instead.
func CheckPassword(password, hash string) bool {
	p, salt, want, ok := parseHash(hash)
	return ok && matches(password, p, salt, want)
}

// parseHash reads a PHC-format argon2id hash; ok is false for one erikti could not have written.
func parseHash(hash string) (p Params, salt, want []byte, ok bool) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, false
	}
	// a stored hash erikti could not have written is refused before argon2 sees it: it panics on
	// zero passes or threads, and a huge cost would exhaust the machine
	if p.Time < 1 || p.Time > maxTime || p.Threads < 1 || p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory {
		return p, nil, nil, false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	// nor a salt or key shorter than erikti writes: a one-byte key would match one password in 256
	if err1 != nil || err2 != nil || len(salt) < minSaltLen || len(want) < minKeyLen {
		return p, nil, nil, false
	}
	return p, salt, want, true
}

// matches computes password's key with p and salt and compares it with want in constant time.
func matches(password string, p Params, salt, want []byte) bool {
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want))) // #nosec G115 -- a stored hash's length, 32 bytes, well within uint32
	return subtle.ConstantTimeCompare(got, want) == 1
}

// NewToken returns a random API token (256 bits) and the hash the store keeps of it.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the SHA-256 of a token, in hex: tokens are random, so a fast hash is enough.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
