package auth

import (
	"strings"
	"unicode"
)

// The password rules beyond length, which domain.CheckPassword applies: one function, Refused,
// that the API, the pages and the command line all call for a new password, so that no door
// accepts what another refuses.

// Keys of the messages Refused answers with (besides field.password_common).
const (
	PasswordBlank     = "field.password_blank"     // only white space
	PasswordPersonal  = "field.password_personal"  // the account's own email or name
	PasswordGuessable = "field.password_guessable" // erikti's or Almaty's name, a year, the demo's
	PasswordCommon    = "field.password_common"    // on the list of common and breached passwords
)

// publishedPasswords are passwords erikti itself publishes: the demo's (internal/demo.Password,
// which the README prints; internal/demo's test holds the two equal).
var publishedPasswords = []string{"erikti-demo-2026"}

// guessableWords are the words anyone would try first against erikti: its name and the city's, in
// the scripts people write them in, and what the site is about. A password made of them, the
// account's own name and email, digits (a year) and punctuation is refused.
var guessableWords = []string{
	"erikti", "ерікті", "ерикти", "volunteers", "volunteer", "волонтеры", "волонтер",
	"еріктілер", "almaty", "алматы", "алма-ата", "almaata", "алмаата", "kazakhstan", "казахстан", "қазақстан",
	"demo", "password", "пароль", "құпиясөз",
}

// minOwnLetters is how many letters a password must hold besides the guessable words and the
// account's own name and email: a password of fewer is a name and a year.
const minOwnLetters = 4

// Refused returns the key of the message that says why password may not be an account's new
// password, or "" when it may. email and name are the account's (either may be empty); the length
// is domain.CheckPassword's to judge. In order, a password is refused when it is:
//   - only white space (PasswordBlank);
//   - the account's email, the email's part before "@", or the name, or holds one of them (of four
//     letters or more), ignoring case, digits, spaces and punctuation (PasswordPersonal);
//   - on the list of common and breached passwords (PasswordCommon);
//   - one that erikti publishes (the demo's), or made of erikti's and Almaty's names (in Latin and
//     Cyrillic), the account's name and email, digits and punctuation, with fewer than four
//     letters of its own: "Erikti2026!", "almaty-2030", "Алматы 2025", "volunteer2024"
//     (PasswordGuessable).
func (l *PasswordList) Refused(password, email, name string) string {
	if strings.TrimSpace(password) == "" {
		return PasswordBlank
	}
	letters := lettersOf(password)
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	own := []string{lettersOf(email), lettersOf(local), lettersOf(name)}
	for _, o := range own {
		if o == "" {
			continue
		}
		if letters == o || (len([]rune(o)) >= minOwnLetters && strings.Contains(letters, o)) {
			return PasswordPersonal
		}
	}
	if l.Common(password) {
		return PasswordCommon
	}
	for _, p := range publishedPasswords {
		if normalizePassword(password) == p || letters == lettersOf(p) {
			return PasswordGuessable
		}
	}
	rest := letters
	words := append([]string{}, own...)
	words = append(words, strings.Fields(strings.ToLower(name))...)
	for _, w := range guessableWords {
		words = append(words, lettersOf(w))
	}
	for _, w := range words {
		if w = lettersOf(w); len([]rune(w)) >= 3 {
			rest = strings.ReplaceAll(rest, w, "")
		}
	}
	if rest != letters && len([]rune(rest)) < minOwnLetters {
		return PasswordGuessable
	}
	return ""
}

// lettersOf is s lower-cased with everything but letters removed (digits, spaces, punctuation),
// and ё written е, as Russian often is.
func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == 'ё' {
			r = 'е'
		}
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
