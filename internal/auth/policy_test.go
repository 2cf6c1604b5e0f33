package auth

import "testing"

// The rules every door (API, pages, command line) applies to a new password (finding 10 and 11 of
// issue 14): not blank, not the account's own email or name, not erikti's or Almaty's name with a
// year, not the demo's, not common.
func TestRefusedPasswords(t *testing.T) {
	l := passwordList(t)
	const email, name = "dana.serik@example.kz", "Дана Серік"
	for _, c := range []struct{ password, want string }{
		{"        ", PasswordBlank},
		{" \t \u00a0\u3000  \n ", PasswordBlank},
		{"dana.serik@example.kz", PasswordPersonal},
		{"DANA.SERIK@EXAMPLE.KZ", PasswordPersonal},
		{"danaserik2024", PasswordPersonal},
		{"dana.serik!", PasswordPersonal},
		{"my dana.serik@example.kz pass", PasswordPersonal},
		{"Дана Серік 1990", PasswordPersonal},
		{"дана-серік-пароль", PasswordPersonal},
		{"erikti-demo-2026", PasswordGuessable},
		{"ERIKTI DEMO 2026", PasswordGuessable},
		{"erikti2026", PasswordGuessable},
		{"Erikti2024!", PasswordGuessable},
		{"e r i k t i 2 0 3 0", PasswordGuessable},
		{"almaty2025", PasswordGuessable},
		{"Almaty-Erikti-2027", PasswordGuessable},
		{"Алматы2030", PasswordGuessable},
		{"алматы 2024!!", PasswordGuessable},
		{"volunteer2026", PasswordGuessable},
		{"ерікті2028", PasswordGuessable},
		{"Волонтёр2025", PasswordGuessable},
		{"almaty дана 2026", PasswordGuessable},
		{"пароль-алматы", PasswordGuessable},
		{"password", PasswordCommon},
		{"12345678", PasswordCommon},
		{"Ақ жол 2026!", ""},
		{"correct horse battery staple", ""},
		{"Алматы — город яблок 2026", ""},
		{"erikti is where I found my calling", ""},
		{"  spaced but real words  ", ""},
	} {
		if got := l.Refused(c.password, email, name); got != c.want {
			t.Errorf("Refused(%q) = %q, want %q", c.password, got, c.want)
		}
	}
	// without an email or a name, only the other rules apply
	if got := l.Refused("danaserik2024", "", ""); got != "" {
		t.Errorf("with no account: %q", got)
	}
	// a short local part is refused only as the whole password's letters
	if got := l.Refused("ab-2024-ab-horse", "ab@example.kz", ""); got != "" {
		t.Errorf("a short local part inside: %q", got)
	}
	if got := l.Refused("ab.20242025", "ab@example.kz", ""); got != PasswordPersonal {
		t.Errorf("a short local part and digits: %q", got)
	}
}
