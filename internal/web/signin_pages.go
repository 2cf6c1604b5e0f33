package web

import (
	"erikti/internal/auth"
	"erikti/internal/domain"
	"errors"
	"net/http"
	"net/url"
	"strconv"
)

// Registration and signing in and out. The second step of signing in is in second_factor_pages.go.

var registerLabels = map[string]string{"name": "account.name", "email": "account.email", "password": "account.password",
	"birth_date": "account.birth_date", "locale": "account.locale", "accept_privacy_policy": "privacy.accept"}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) error {
	return s.formPage(w, r, "register.title", "register", url.Values{"next": {localPath(r.URL.Query().Get("next"))}, "locale": {s.pageLang(r)}}, registerLabels, nil)
}

func (s *Server) registerSubmit(w http.ResponseWriter, r *http.Request) error {
	f, v, err := s.postedFormView(w, r, "register.title", registerLabels)
	if err != nil {
		return err
	}
	next := localPath(f.Get("next"))
	u, created, err := s.createAccount(r, domain.Registration{Email: f.Get("email"), Password: f.Values.Get("password"),
		Name: f.Get("name"), BirthDate: f.Get("birth_date"), Locale: f.Get("locale"), AcceptPrivacyPolicy: f.Get("accept_privacy_policy") == "1"}, "form", next)
	var re *requestError
	if errors.As(err, &re) { // too many registrations, or no room to hash the password
		return s.formRefused(w, v, f, "register", "email", err)
	}
	if err != nil {
		return s.refill(w, v, f, err, http.StatusUnprocessableEntity, "register")
	}
	if created {
		if err := s.startSession(w, r, u); err != nil {
			return err
		}
	} else {
		// the address has an account, whose owner has been mailed: the answer is a new account's,
		// down to a session cookie, which opens nothing
		setCookie(w, r, sessionCookie, newSecret(), int(s.opt.SessionMax.Seconds()))
	}
	// a new account is welcomed, and told what to do next, with the way back kept (the same
	// answer for an address that has an account)
	http.Redirect(w, r, "/welcome"+wayBackQuery(next), http.StatusSeeOther) // #nosec G710 -- wayBackQuery passes next through localPath: only a path on this site
	return nil
}

var loginLabels = map[string]string{"email": "account.email", "password": "account.password"}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "login.title")
	if r.URL.Query().Get("done") == "password_reset" {
		v.Notice = v.T("reset.done")
	}
	next := localPath(r.URL.Query().Get("next"))
	v.Form = newForm(url.Values{"next": {next}})
	v.Form.Labels = loginLabels
	v.Data = signupShift(next) > 0 // on the way to a shift: the page says sign in or register to take it
	s.render(w, http.StatusOK, "login", v)
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	f, v, err := s.postedFormView(w, r, "login.title", loginLabels)
	if err != nil {
		return err
	}
	v.Data = signupShift(f.Get("next")) > 0 // as the login page says it, again beside a refusal
	u, err := s.checkCredentials(r, f.Get("email"), f.Values.Get("password"))
	if err != nil {
		st := http.StatusUnprocessableEntity
		var re *requestError
		switch {
		case domain.ErrorCode(err) == domain.Unauthorized:
			f.add("password", v.T("auth.bad_credentials"))
			st = http.StatusUnauthorized
		case domain.ErrorCode(err) == domain.Forbidden: // a disabled account
			st = http.StatusForbidden
		case errors.As(err, &re):
			st = re.status
			w.Header().Set("Retry-After", strconv.Itoa(re.retryAfter))
		}
		if st != http.StatusUnauthorized {
			if err := f.take(v, err, nil); err != nil {
				return err
			}
		}
		s.render(w, st, "login", v)
		return nil
	}
	if c, err := readCookie(r, sessionCookie); err == nil { // a new session at every sign-in
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	// a password alone opens nothing for someone who holds a role or has set up TOTP: the second
	// step (or setting it up) comes first
	need, err := s.needsSecondFactor(r, &u)
	if err != nil {
		return err
	}
	if need {
		http.Redirect(w, r, "/login/2fa?next="+url.QueryEscape(localPath(f.Get("next"))), http.StatusSeeOther)
		return nil
	}
	s.attempts.succeed(u.Email, clientAddr(r))
	http.Redirect(w, r, s.landing(r, u, f.Get("next")), http.StatusSeeOther) // #nosec G710 -- landing passes next through localPath: only a path on this site
	return nil
}

// homeOf is where a person lands after signing in: the Front Office's queue, a coordinator's
// organizations, or a volunteer's shifts.
func (s *Server) homeOf(r *http.Request, u domain.User) string {
	if u.FrontOffice {
		return "/office"
	}
	if ms, err := s.store.Memberships(r.Context(), u.ID); err == nil && len(ms) > 0 {
		return "/manage"
	}
	return "/me/shifts"
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := readCookie(r, sessionCookie); err == nil {
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
