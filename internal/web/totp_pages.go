package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/qrcode"
)

// Setting up two-factor authentication (TOTP, RFC 6238) on the pages: a QR code and the key written
// out, confirmed with a code, then the recovery codes shown once; new recovery codes; and
// switching it off. The second step of signing in is in second_factor_pages.go.

// totpIssuer names erikti in the authenticator app.
const totpIssuer = "erikti"

// totpData is the data of the two-factor page.
type totpData struct {
	On           bool
	Since        time.Time
	RecoveryLeft int
	Required     bool   // the reader holds a role: they must keep it
	Partial      bool   // the reader's session waits for it
	Secret       string // while setting up: the key, in groups of four, for typing it in
	Codes        []string
	Next         string
}

var totpLabels = map[string]string{"code": "totp.code", "password": "account.password", "disable_code": "totp.code"}

// totpView reads the two-factor page's data for u; while TOTP is not on it makes the pending
// secret the page shows, unless there is one already.
func (s *Server) totpView(r *http.Request, v *view, u *domain.User, next string) (totpData, error) {
	st, err := s.store.TOTP(r.Context(), u.ID)
	if err != nil {
		return totpData{}, err
	}
	required, err := s.store.HoldsRole(r.Context(), u.ID)
	if err != nil {
		return totpData{}, err
	}
	_, partial := r.Context().Value(partialKey{}).(bool)
	d := totpData{On: st.Confirmed(), Since: st.ConfirmedAt, RecoveryLeft: st.RecoveryLeft, Required: required, Partial: partial,
		Next: s.landing(r, *u, next)}
	if !d.On {
		if st.Secret == "" {
			if st.Secret, err = auth.NewTOTPSecret(); err != nil {
				return d, err
			}
			if err := s.store.BeginTOTP(r.Context(), u.ID, st.Secret); err != nil {
				return d, err
			}
		}
		d.Secret = groupsOf4(st.Secret)
	}
	v.Data = d
	return d, nil
}

// groupsOf4 writes a key in groups of four characters, as authenticator apps accept it typed.
func groupsOf4(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// totpPage shows two-factor authentication: setting it up, or its state, new recovery codes and
// switching it off.
func (s *Server) totpPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if u.TOTP && !u.SecondFactor { // set up already: the second step first
		s.toSecondFactor(w, r)
		return nil
	}
	v := s.newView(r, "totp.title")
	next := r.URL.Query().Get("next")
	if _, err := s.totpView(r, v, u, next); err != nil {
		return err
	}
	v.Form = newForm(url.Values{"next": {localPath(next)}})
	v.Form.Labels = totpLabels
	if r.URL.Query().Get("done") == "off" {
		v.Notice = v.T("totp.done_off")
	}
	s.render(w, http.StatusOK, "totp", v)
	return nil
}

// totpSubmit confirms the pending secret with a code from the app: TOTP is then on, the session
// passes its second factor, and the recovery codes are shown, once.
func (s *Server) totpSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "totp.title", totpLabels)
	if err != nil {
		return err
	}
	if u.TOTP {
		if !u.SecondFactor {
			s.toSecondFactor(w, r)
			return nil
		}
		return domain.Errorf(domain.Conflict, "totp.already_on", nil)
	}
	if _, err := s.totpView(r, v, u, f.Get("next")); err != nil {
		return err
	}
	st, err := s.store.TOTP(r.Context(), u.ID)
	if err != nil {
		return err
	}
	code := f.Get("code")
	checkCodeShape(v, f, "code", code, false)
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "totp", v)
		return nil
	}
	addr, now := clientAddr(r), s.opt.Now()
	res, reserved, wait := s.attempts.reservePair(u.Email, addr, now)
	if !reserved {
		return s.formRefused(w, v, f, "totp", "code", tooManyAttempts(wait))
	}
	step, ok := auth.CheckTOTP(st.Secret, code, now, 0)
	if ok {
		res.release()
	} else {
		if err := s.store.Record(r.Context(), u.ID, "auth.totp_failed", "user", u.ID, map[string]any{"method": "enrolment"}); err != nil {
			return err
		}
		f.add("code", v.T("totp.code_wrong"))
		s.render(w, http.StatusUnprocessableEntity, "totp", v)
		return nil
	}
	codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodes)
	if err != nil {
		return err
	}
	keep := ""
	if c, err := readCookie(r, sessionCookie); err == nil {
		keep = auth.HashToken(c.Value)
	}
	if err := s.store.ConfirmTOTP(r.Context(), u.ID, st.Secret, step, hashes, keep); err != nil {
		if err := f.take(v, err, func(string) string { return "code" }); err != nil {
			return err
		}
		s.render(w, http.StatusConflict, "totp", v)
		return nil
	}
	s.attempts.succeed(u.Email, addr)
	if err := s.upgradeSession(w, r); err != nil {
		return err
	}
	return s.showRecoveryCodes(w, r, *u, codes, f.Get("next"))
}

// showRecoveryCodes shows new recovery codes, the only time they are shown.
func (s *Server) showRecoveryCodes(w http.ResponseWriter, r *http.Request, u domain.User, codes []string, next string) error {
	v := s.newView(r, "totp.codes_title")
	v.Data = totpData{On: true, Codes: codes, Next: s.landing(r, u, next)}
	s.render(w, http.StatusOK, "totp_codes", v)
	return nil
}

// totpRecoverySubmit replaces the reader's recovery codes with new ones, after a code.
func (s *Server) totpRecoverySubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "totp.title", totpLabels)
	if err != nil {
		return err
	}
	if !u.TOTP {
		return domain.Errorf(domain.Conflict, "totp.not_on", nil)
	}
	if _, err := s.totpView(r, v, u, ""); err != nil {
		return err
	}
	code := f.Get("code")
	checkCodeShape(v, f, "code", code, true)
	if !f.Failed() {
		ok, err := s.passSecondFactor(r, *u, code)
		if err != nil {
			return s.formRefused(w, v, f, "totp", "code", err)
		}
		if !ok {
			f.add("code", v.T("totp.code_wrong"))
		}
	}
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "totp", v)
		return nil
	}
	codes, hashes, err := auth.NewRecoveryCodes(auth.RecoveryCodes)
	if err != nil {
		return err
	}
	if err := s.store.NewRecoveryCodes(r.Context(), u.ID, hashes); err != nil {
		return err
	}
	if err := s.endOthersIfAsked(r, u, f); err != nil {
		return err
	}
	return s.showRecoveryCodes(w, r, *u, codes, "/me/2fa")
}

// totpDisableSubmit switches TOTP off, with the password and a code; someone who holds a role
// must keep it.
func (s *Server) totpDisableSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "totp.title", totpLabels)
	if err != nil {
		return err
	}
	required, err := s.store.HoldsRole(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if required {
		return domain.Errorf(domain.Forbidden, "totp.required_for_role", nil)
	}
	if !u.TOTP {
		return domain.Errorf(domain.Conflict, "totp.not_on", nil)
	}
	if _, err := s.totpView(r, v, u, ""); err != nil {
		return err
	}
	if err := s.checkOwnPassword(r, u, f, v, "password"); err != nil {
		return err
	}
	code := f.Get("disable_code")
	checkCodeShape(v, f, "disable_code", code, true)
	if !f.Failed() { // a code is spent only with the right password
		ok, err := s.passSecondFactor(r, *u, code)
		if err != nil {
			return s.formRefused(w, v, f, "totp", "disable_code", err)
		}
		if !ok {
			f.add("disable_code", v.T("totp.code_wrong"))
		}
	}
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "totp", v)
		return nil
	}
	if err := s.store.RemoveTOTP(r.Context(), u.ID, u.ID, false); err != nil {
		return err
	}
	if err := s.endOthersIfAsked(r, u, f); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/2fa?done=off", http.StatusSeeOther)
	return nil
}

// totpQR is the QR code of the pending secret, for the authenticator app to scan; a secret that
// is confirmed is never shown again.
func (s *Server) totpQR(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	st, err := s.store.TOTP(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if st.Secret == "" || st.Confirmed() {
		return domain.Errorf(domain.NotFound, "not_found.route", nil)
	}
	img, err := qrcode.PNG(auth.TOTPURL(totpIssuer, u.Email, st.Secret), 240)
	if err != nil {
		return err
	}
	writePNG(w, img)
	return nil
}
