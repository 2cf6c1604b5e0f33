package web

import (
	"context"
	"erikti/internal/auth"
	"erikti/internal/domain"
	"net/http"
	"net/url"
	"strings"
)

// The second step of signing in (a code from the authenticator app, or a recovery code). The rule:
// a person who holds a role (the Front Office, or a member of any organization) or who has set up
// TOTP never gets a full session from a password alone; until the second step is done the session
// opens only the pages twoFactorFree names. Setting TOTP up is in totp_pages.go.

// partialKey marks a request whose session still waits for its second factor.
type partialKey struct{}

// needsSecondFactor reports whether u must pass a second factor before a session opens anything:
// they have set up TOTP, or they hold a role.
func (s *Server) needsSecondFactor(r *http.Request, u *domain.User) (bool, error) {
	if u.TOTP {
		return true, nil
	}
	return s.store.HoldsRole(r.Context(), u.ID)
}

// twoFactorFree are the pages a session waiting for its second factor may open: the second step
// and setting up TOTP, signing out, languages, the privacy policy, assets.
func twoFactorFree(path string) bool {
	switch path {
	case "/login/2fa", "/me/2fa", "/me/2fa/qr.png", "/logout", "/privacy":
		return true
	}
	return strings.HasPrefix(path, "/lang/") || strings.HasPrefix(path, "/static/")
}

// askSecondFactor sends a session that still needs its second factor to the second step, unless
// the page is one it may open; it reports whether it did, and returns the request marked partial.
func (s *Server) askSecondFactor(w http.ResponseWriter, r *http.Request) (*http.Request, bool, error) {
	u, ok := r.Context().Value(userKey{}).(*domain.User)
	if !ok || u == nil || u.SecondFactor {
		return r, false, nil
	}
	need, err := s.needsSecondFactor(r, u)
	if err != nil || !need {
		return r, false, err
	}
	r = r.WithContext(context.WithValue(r.Context(), partialKey{}, true))
	if twoFactorFree(r.URL.Path) {
		return r, false, nil
	}
	s.toSecondFactor(w, r)
	return r, true, nil
}

// toSecondFactor sends the reader to the second step of signing in, to come back here after.
func (s *Server) toSecondFactor(w http.ResponseWriter, r *http.Request) {
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = "/"
		if u, err := url.Parse(r.Referer()); err == nil && r.Referer() != "" {
			next = u.RequestURI()
		}
	}
	http.Redirect(w, r, "/login/2fa?next="+url.QueryEscape(localPath(next)), http.StatusSeeOther)
}

// landing is where a sign-in goes once complete: next, or the person's home.
func (s *Server) landing(r *http.Request, u domain.User, next string) string {
	next = localPath(next)
	if next == "/" {
		next = s.homeOf(r, u)
	}
	return next
}

// passSecondFactor checks a TOTP code (six digits) or a recovery code of u and spends it: a TOTP
// step is accepted once, a recovery code once. Too many failures of the account from this address
// (wrong passwords and wrong codes together) answer 429 first; a wrong code counts as one and is
// in the audit log. Like a password, the attempt is counted before the code is checked.
func (s *Server) passSecondFactor(r *http.Request, u domain.User, code string) (bool, error) {
	addr, now := clientAddr(r), s.opt.Now()
	res, reserved, wait := s.attempts.reservePair(u.Email, addr, now)
	if !reserved {
		return false, tooManyAttempts(wait)
	}
	st, err := s.store.TOTP(r.Context(), u.ID)
	if err != nil {
		res.release()
		return false, err
	}
	ok, method := false, "totp"
	if auth.IsTOTPCode(code) {
		if step, good := auth.CheckTOTP(st.Secret, code, now, st.LastStep); good && st.Confirmed() {
			if ok, err = s.store.UseTOTPStep(r.Context(), u.ID, step); err != nil {
				return false, err
			}
		}
	} else if h := auth.HashRecoveryCode(code); h != "" {
		method = "recovery_code"
		if ok, _, err = s.store.UseRecoveryCode(r.Context(), u.ID, h); err != nil {
			return false, err
		}
	}
	if ok {
		res.release()
	} else {
		if err := s.store.Record(r.Context(), 0, "auth.totp_failed", "user", u.ID, map[string]any{"method": method}); err != nil {
			return false, err
		}
	}
	return ok, nil
}

// upgradeSession replaces the reader's session, which has just passed its second factor, with a
// new one confirmed with it.
func (s *Server) upgradeSession(w http.ResponseWriter, r *http.Request) error {
	c, err := readCookie(r, sessionCookie)
	if err != nil {
		return domain.Errorf(domain.Unauthorized, "auth.session_invalid", nil)
	}
	token := newSecret()
	if err := s.store.SecondFactorSession(r.Context(), auth.HashToken(c.Value), auth.HashToken(token), s.opt.Now().Add(s.opt.SessionMax)); err != nil {
		return err
	}
	setCookie(w, r, sessionCookie, token, int(s.opt.SessionMax.Seconds()))
	return nil
}

// checkCodeShape records an error beside field unless code looks like a TOTP code, or (when
// recovery) a recovery code.
func checkCodeShape(v *view, f *form, field, code string, recovery bool) {
	switch {
	case code == "":
		f.add(field, v.T("totp.code_required"))
	case recovery && auth.NormalizeRecoveryCode(code) == "" && !auth.IsTOTPCode(code):
		f.add(field, v.T("totp.recovery_format"))
	case !recovery && !auth.IsTOTPCode(code):
		f.add(field, v.T("totp.code_format"))
	}
}

var stepLabels = map[string]string{"code": "totp.code", "recovery_code": "totp.recovery_code"}

// stepDone sends away a reader with nothing to do at the second step: one already past it or who
// needs none goes on, one who has not set up TOTP yet goes to set it up. It reports whether it did.
func (s *Server) stepDone(w http.ResponseWriter, r *http.Request, u *domain.User, next string) (bool, error) {
	need, err := s.needsSecondFactor(r, u)
	if err != nil {
		return true, err
	}
	if u.SecondFactor || !need {
		http.Redirect(w, r, s.landing(r, *u, next), http.StatusSeeOther) // #nosec G710 -- landing passes next through localPath: only a path on this site
		return true, nil
	}
	if !u.TOTP {
		http.Redirect(w, r, "/me/2fa?next="+url.QueryEscape(localPath(next)), http.StatusSeeOther)
		return true, nil
	}
	return false, nil
}

// secondFactorPage is the second step of signing in: a code from the app, or a recovery code.
func (s *Server) secondFactorPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	next := r.URL.Query().Get("next")
	if done, err := s.stepDone(w, r, u, next); done || err != nil {
		return err
	}
	return s.formPage(w, r, "totp.step_title", "totp_step", url.Values{"next": {localPath(next)}}, stepLabels, nil)
}

func (s *Server) secondFactorSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "totp.step_title", stepLabels)
	if err != nil {
		return err
	}
	if done, err := s.stepDone(w, r, u, f.Get("next")); done || err != nil {
		return err
	}
	field, code := "code", f.Get("code")
	if rc := f.Get("recovery_code"); rc != "" || (code == "" && f.Values.Has("recovery_code")) {
		field, code = "recovery_code", rc
	}
	checkCodeShape(v, f, field, code, field == "recovery_code")
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "totp_step", v)
		return nil
	}
	ok, err := s.passSecondFactor(r, *u, code)
	if err != nil {
		return s.formRefused(w, v, f, "totp_step", field, err)
	}
	if !ok {
		f.add(field, v.T("totp.code_wrong"))
		s.render(w, http.StatusUnauthorized, "totp_step", v)
		return nil
	}
	s.attempts.succeed(u.Email, clientAddr(r))
	if err := s.upgradeSession(w, r); err != nil {
		return err
	}
	http.Redirect(w, r, s.landing(r, *u, f.Get("next")), http.StatusSeeOther) // #nosec G710 -- landing passes next through localPath: only a path on this site
	return nil
}
