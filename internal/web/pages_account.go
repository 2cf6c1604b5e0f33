package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// A volunteer's own pages: registration, signing in and out, my shifts, my profile.

var registerLabels = map[string]string{"name": "account.name", "email": "account.email", "password": "account.password",
	"birth_date": "account.birth_date", "locale": "account.locale"}

func (s *Server) registerPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "register.title")
	v.Form = newForm(url.Values{"next": {localPath(r.URL.Query().Get("next"))}, "locale": {v.Lang}})
	v.Form.Labels = registerLabels
	s.render(w, http.StatusOK, "register", v)
	return nil
}

func (s *Server) registerSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v := s.newView(r, "register.title")
	f.Labels, v.Form = registerLabels, f
	u, err := s.createAccount(r, domain.Registration{Email: f.Get("email"), Password: f.Values.Get("password"),
		Name: f.Get("name"), BirthDate: f.Get("birth_date"), Locale: f.Get("locale")})
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		s.render(w, http.StatusUnprocessableEntity, "register", v)
		return nil
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	next := localPath(f.Get("next"))
	if next == "/" {
		next = "/me/shifts"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

var loginLabels = map[string]string{"email": "account.email", "password": "account.password"}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "login.title")
	v.Form = newForm(url.Values{"next": {localPath(r.URL.Query().Get("next"))}})
	v.Form.Labels = loginLabels
	s.render(w, http.StatusOK, "login", v)
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v := s.newView(r, "login.title")
	f.Labels, v.Form = loginLabels, f
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
	if c, err := r.Cookie(sessionCookie); err == nil { // a new session at every sign-in
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	if err := s.startSession(w, r, u); err != nil {
		return err
	}
	next := localPath(f.Get("next"))
	if next == "/" {
		next = s.homeOf(r, u)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
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
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			return err
		}
	}
	setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

type myShiftsData struct {
	Upcoming, Past []domain.Signup
}

func (s *Server) myShiftsPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "myshifts.title")
	signups, err := s.store.UserSignups(r.Context(), u.ID)
	if err != nil {
		return err
	}
	var d myShiftsData
	for _, sg := range signups {
		if sg.Status != domain.SignupCancelled && sg.Shift != nil && sg.Shift.EndsAt.After(v.Now) {
			d.Upcoming = append(d.Upcoming, sg)
		} else {
			d.Past = append(d.Past, sg)
		}
	}
	if r.URL.Query().Get("done") == "cancelled" {
		v.Notice = v.T("myshifts.done_cancelled")
	}
	v.Data = d
	s.render(w, http.StatusOK, "myshifts", v)
	return nil
}

func (s *Server) cancelMySignup(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	_, _, err = s.store.CancelSignup(r.Context(), u.ID, id, func(sg domain.Signup, _ int64) error {
		if sg.UserID != u.ID {
			return domain.Errorf(domain.NotFound, "not_found.signup", nil)
		}
		return nil
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/shifts?done=cancelled", http.StatusSeeOther)
	return nil
}

var profileLabels = map[string]string{"name": "account.name", "locale": "account.locale", "district": "profile.district",
	"university": "profile.university", "languages": "profile.languages", "skills": "profile.skills",
	"accessibility_needs": "profile.accessibility_needs"}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "profile.title")
	v.Form = newForm(url.Values{"name": {u.Name}, "locale": {u.Locale}, "district": {u.District}, "university": {u.University},
		"languages": u.Languages, "skills": {u.Skills}, "accessibility_needs": {u.AccessibilityNeeds}})
	v.Form.Labels = profileLabels
	if r.URL.Query().Get("done") == "saved" {
		v.Notice = v.T("profile.saved")
	}
	s.render(w, http.StatusOK, "profile", v)
	return nil
}

func (s *Server) profileSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v := s.newView(r, "profile.title")
	f.Labels, v.Form = profileLabels, f
	p := domain.Profile{District: f.Get("district"), University: f.Get("university"), Languages: f.Values["languages"],
		Skills: strings.TrimSpace(f.Values.Get("skills")), AccessibilityNeeds: strings.TrimSpace(f.Values.Get("accessibility_needs"))}
	name, locale := f.Get("name"), f.Get("locale")
	var ps domain.Problems
	domain.CheckText(&ps, "name", name, 1, domain.MaxNameLen)
	if !domain.IsLanguage(locale) {
		ps.Add("locale", "field.locale", nil)
	}
	err = ps.Err()
	if perr := p.Validate(); perr != nil {
		if err := f.take(v, perr, nil); err != nil {
			return err
		}
	}
	if err == nil && !f.Failed() {
		err = s.store.UpdateProfile(r.Context(), u.ID, name, locale, p)
	}
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
	}
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "profile", v)
		return nil
	}
	http.Redirect(w, r, "/me/profile?done=saved", http.StatusSeeOther)
	return nil
}
