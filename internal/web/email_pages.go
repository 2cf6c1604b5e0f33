package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"erikti/internal/domain"
)

// The links erikti sends by email: verifying an address, resetting a forgotten password. A link
// opens a page with a button; only the button's POST spends the link, so that a mail scanner that
// opens every link spends nothing.

// tokenParam reads the secret of a link from a query or a form: present, of the length erikti's
// secrets have, URL-safe.
func tokenParam(p *domain.Problems, v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		p.Add("token", "field.required", nil)
	case len(v) > 100 || !utf8.ValidString(v) || strings.ContainsFunc(v, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
	}):
		p.Add("token", "field.token_invalid", nil)
	}
	return v
}

// checkNewPassword applies the registration's rules to a new password of the account of email and
// name: 8 to 256 characters of any script, and none of auth.(*PasswordList).Refused's (blank, the
// account's own email or name, erikti's or Almaty's name with a year, the demo's, common). The
// command line applies the same two.
func (s *Server) checkNewPassword(field, password, email, name string) error {
	var p domain.Problems
	domain.CheckPassword(&p, field, password)
	if err := p.Err(); err != nil {
		return err
	}
	if key := s.passwords.Refused(password, email, name); key != "" {
		return domain.FieldErr(domain.Invalid, field, key, nil)
	}
	return nil
}

// requestReset asks for a reset link for email, within the limits of resets per address; it says
// nothing of whether the address has an account.
func (s *Server) requestReset(r *http.Request, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	var p domain.Problems
	switch {
	case email == "":
		p.Add("email", "field.required", nil)
	case !utf8.ValidString(email) || domain.HasControl(email):
		p.Add("email", "field.encoding", nil)
	case len(email) > 254 || !strings.Contains(email, "@"):
		p.Add("email", "field.email", nil)
	}
	if err := p.Err(); err != nil {
		return err
	}
	addr, now := clientAddr(r), s.opt.Now()
	if _, ok, wait := s.resets.reservePair(email, addr, now); !ok { // every request counts
		return tooManyAttempts(wait)
	}
	return s.store.RequestPasswordReset(r.Context(), email)
}

// resetPassword spends a reset link for a new password.
func (s *Server) resetPassword(r *http.Request, token, password string) error {
	var p domain.Problems
	token = tokenParam(&p, token)
	if err := p.Err(); err != nil {
		return err
	}
	u, err := s.store.PasswordResetUser(r.Context(), token)
	if err != nil {
		return err
	}
	if err := s.checkNewPassword("password", password, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := s.hasher.Hash(r.Context(), password)
	if err != nil {
		return hashFailed(err)
	}
	_, err = s.store.ResetPassword(r.Context(), token, hash)
	return err
}

// verifyEmail spends a verification link.
func (s *Server) verifyEmail(r *http.Request, token string) error {
	_, err := s.verifyEmailWayBack(r, token)
	return err
}

// verifyEmailWayBack spends a verification link and returns the way back it kept: a path on
// erikti, or "" for none.
func (s *Server) verifyEmailWayBack(r *http.Request, token string) (string, error) {
	var p domain.Problems
	token = tokenParam(&p, token)
	if err := p.Err(); err != nil {
		return "", err
	}
	_, wayBack, err := s.store.VerifyEmailWayBack(r.Context(), token)
	if err != nil {
		return "", err
	}
	if wayBack = localPath(wayBack); wayBack == "/" { // checked when kept, and again as it leaves
		wayBack = ""
	}
	return wayBack, nil
}

// verifiedData is the verification page once the address is confirmed: where the person was going.
type verifiedData struct{ Next string }

var tokenLabels = map[string]string{"token": "email_link.token"}

func (s *Server) verifyEmailPage(w http.ResponseWriter, r *http.Request) error {
	return s.formPage(w, r, "verify.title", "verify_email", url.Values{"token": {r.URL.Query().Get("token")}}, tokenLabels, nil)
}

func (s *Server) verifyEmailSubmit(w http.ResponseWriter, r *http.Request) error {
	f, v, err := s.postedFormView(w, r, "verify.title", tokenLabels)
	if err != nil {
		return err
	}
	wayBack, err := s.verifyEmailWayBack(r, f.Values.Get("token"))
	if err != nil {
		return s.refill(w, v, f, err, http.StatusUnprocessableEntity, "verify_email")
	}
	if to := afterVerification(wayBack); to != "" { // on to the shift the person registered for
		http.Redirect(w, r, to, http.StatusSeeOther) // #nosec G710 -- a path built by signupPath: only a path on this site
		return nil
	}
	v.Notice = v.T("verify.done")
	v.Data = verifiedData{Next: wayBack}
	s.render(w, http.StatusOK, "verify_email", v)
	return nil
}

// resendVerification sends the signed-in reader a new link to verify their address.
func (s *Server) resendVerification(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	if _, err := s.store.ResendVerification(r.Context(), u.ID); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/profile?done=verification_sent", http.StatusSeeOther)
	return nil
}

var resetLabels = map[string]string{"email": "account.email", "token": "email_link.token", "password": "password.new"}

func (s *Server) resetPage(w http.ResponseWriter, r *http.Request) error {
	return s.formPage(w, r, "reset.title", "reset", nil, resetLabels, nil)
}

func (s *Server) resetSubmit(w http.ResponseWriter, r *http.Request) error {
	f, v, err := s.postedFormView(w, r, "reset.title", resetLabels)
	if err != nil {
		return err
	}
	if err := s.requestReset(r, f.Get("email")); err != nil {
		return s.formFailed(w, v, f, err, "reset")
	}
	v.Notice = v.T("reset.sent", "minutes", int(domain.ResetPasswordTTL.Minutes()))
	v.Data = true
	s.render(w, http.StatusOK, "reset", v)
	return nil
}

func (s *Server) resetConfirmPage(w http.ResponseWriter, r *http.Request) error {
	return s.formPage(w, r, "reset.confirm_title", "reset_confirm", url.Values{"token": {r.URL.Query().Get("token")}}, resetLabels, nil)
}

func (s *Server) resetConfirmSubmit(w http.ResponseWriter, r *http.Request) error {
	f, v, err := s.postedFormView(w, r, "reset.confirm_title", resetLabels)
	if err != nil {
		return err
	}
	if err := s.resetPassword(r, f.Values.Get("token"), f.Values.Get("password")); err != nil {
		return s.formFailed(w, v, f, err, "reset_confirm")
	}
	setCookie(w, r, sessionCookie, "", -1) // every session of the account ended with the reset
	http.Redirect(w, r, "/login?done=password_reset", http.StatusSeeOther)
	return nil
}

// formFailed shows a form again with err beside its fields: 422, or 429 with Retry-After when the
// reader must wait.
func (s *Server) formFailed(w http.ResponseWriter, v *view, f *form, err error, page string) error {
	st := http.StatusUnprocessableEntity
	var re *requestError
	if errors.As(err, &re) {
		st = re.status
		if re.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(re.retryAfter))
		}
	}
	return s.refill(w, v, f, err, st, page)
}
