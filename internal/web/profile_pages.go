package web

import (
	"net/http"
	"net/url"
	"strings"

	"erikti/internal/domain"
)

// A volunteer's profile page. The rest of their own pages are in accounts_pages.go and
// signups_pages.go.

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
	switch r.URL.Query().Get("done") {
	case "saved":
		v.Notice = v.T("profile.saved")
	case "verification_sent":
		v.Notice = v.T("verify.sent", "email", u.Email)
	}
	s.render(w, http.StatusOK, "profile", v)
	return nil
}

func (s *Server) profileSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "profile.title", profileLabels)
	if err != nil {
		return err
	}
	p := domain.Profile{District: f.Get("district"), University: f.Get("university"), Languages: f.Values["languages"],
		Skills: strings.TrimSpace(f.Values.Get("skills")), AccessibilityNeeds: strings.TrimSpace(f.Values.Get("accessibility_needs"))}
	if err := s.store.UpdateProfile(r.Context(), u.ID, f.Get("name"), f.Get("locale"), p); err != nil {
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
