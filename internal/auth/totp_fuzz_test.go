package auth

import (
	"strings"
	"testing"
	"time"
)

// FuzzTOTP: CheckTOTP never panics on any secret, code, time or last step; it accepts only a
// step within one of now's, after the last one used, whose code is the one given; a recovery code
// normalizes to itself, and any text either hashes as a recovery code or to "".
func FuzzTOTP(f *testing.F) {
	f.Add("ERIKTIDEMOTWOFACTORSECRETALMATY2", "123456", int64(1_780_000_000), int64(0))
	f.Add("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287082", int64(59), int64(0))
	f.Add("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "287 082", int64(59), int64(1))
	f.Add("not base32", "abcde-23456", int64(-1), int64(-9))
	f.Add("", "", int64(0), int64(1<<62))
	f.Add("AAAAAAAA========", "٣٤٥٦٧٨", int64(1<<40), int64(0))
	f.Fuzz(func(t *testing.T, secret, code string, unix, after int64) {
		if unix < 0 || unix > 1<<40 {
			unix = 1_780_000_000
		}
		now := time.Unix(unix, 0)
		step, ok := CheckTOTP(secret, code, now, after)
		if ok {
			cur := TOTPStep(now)
			want, err := TOTPCodeAt(secret, step)
			if step <= after || step < cur-TOTPSkew || step > cur+TOTPSkew || err != nil || want != strings.ReplaceAll(strings.TrimSpace(code), " ", "") {
				t.Fatalf("accepted %q at step %d (now %d, after %d, want %q, %v)", code, step, cur, after, want, err)
			}
		}
		if n := NormalizeRecoveryCode(code); n != "" && NormalizeRecoveryCode(n) != n {
			t.Fatalf("%q normalizes to %q, which does not normalize to itself", code, n)
		}
		if h := HashRecoveryCode(code); h != "" && (len(h) != 64 || h != HashRecoveryCode(NormalizeRecoveryCode(code))) {
			t.Fatalf("%q hashes to %q", code, h)
		}
	})
}
