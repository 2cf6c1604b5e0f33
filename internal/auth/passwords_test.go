package auth

import (
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// loadList loads the embedded list once for the tests in this file.
var loadList = sync.OnceValues(LoadPasswordList)

func passwordList(t testing.TB) *PasswordList {
	t.Helper()
	l, err := loadList()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestCommonPasswords(t *testing.T) {
	l := passwordList(t)
	for _, p := range []string{
		"password", "12345678", "123456789", "qwertyuiop", "iloveyou", "1qaz2wsx", "trustno1",
		"sunshine", "princess", "football", "baseball", "00000000", "12341234", "87654321",
		"password1", "password123", "qwerty123", "iloveyou1", "abcdefgh", "passwordpassword",
		// The rule lower-cases and trims before looking up.
		"Password1", "PASSWORD", "QwertyUiop", "  iloveyou\t", "\n12345678 ",
	} {
		if !l.Common(p) {
			t.Errorf("Common(%q) = false, want true", p)
		}
	}
	for _, p := range []string{
		// erikti's tests and demo use these as passwords.
		"Ақ жол 2026!", "ақ жол 2026!", "Ақ жол, 2026!", "erikti-demo-2026", "long enough",
		"correct horse battery staple kk", "Алматы — город яблок 2026",
		// Only exact matches after trimming and lower-casing count.
		"password!!", "password2026!", "iloveyouiloveyouiloveyou", "p a s s w o r d", "pass word",
		// Nothing shorter than 8 characters is listed; the length rule refuses those.
		"123456", "qwerty", "pass", "",
	} {
		if l.Common(p) {
			t.Errorf("Common(%q) = true, want false", p)
		}
	}
}

func TestPasswordListShape(t *testing.T) {
	l := passwordList(t)
	if n := l.Len(); n < 90000 {
		t.Fatalf("Len() = %d, want at least 90,000", n)
	}
	if l.Len() != len(l.sorted) {
		t.Fatalf("Len() = %d, but %d passwords are held", l.Len(), len(l.sorted))
	}
	for i, p := range l.sorted {
		switch {
		case utf8.RuneCountInString(p) < commonPasswordsMinLen:
			t.Fatalf("entry %d (%q) is shorter than %d characters", i, p, commonPasswordsMinLen)
		case p != normalizePassword(p) || strings.ContainsAny(p, "\n\r"):
			t.Fatalf("entry %d (%q) is not lower-cased and trimmed", i, p)
		case i > 0 && l.sorted[i-1] >= p:
			t.Fatalf("entries %d and %d (%q, %q) are out of order or repeated", i-1, i, l.sorted[i-1], p)
		}
		if !l.Common(p) {
			t.Fatalf("Common(%q) = false for a listed password", p)
		}
	}
}

func TestLoadPasswordListIsIndependent(t *testing.T) {
	a, err := LoadPasswordList()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadPasswordList()
	if err != nil {
		t.Fatal(err)
	}
	if a == b || a.Len() != b.Len() || !a.Common("password") || !b.Common("password") {
		t.Fatal("two loads should give two equal, separate lists")
	}
}

func TestPasswordListConcurrent(t *testing.T) {
	l := passwordList(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				if !l.Common("password1") || l.Common("erikti-demo-2026") {
					t.Error("wrong answer under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkLoadPasswordList(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadPasswordList(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommon(b *testing.B) {
	l := passwordList(b)
	for _, bc := range []struct{ name, password string }{
		{"listed", "Password123"},
		{"unlisted", "erikti-demo-2026"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.Common(bc.password)
			}
		})
	}
}
