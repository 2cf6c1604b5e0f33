package web

import (
	"net/http"
	"strings"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// /me/security: the reader's sessions and API tokens — made when, last used when, from where,
// with what — and a button to end any one of them, or all but this session.

type securityData struct {
	Credentials []store.Credential
	Others      int // how many besides this session
}

// sessionHash is the hash of the reader's session token, or "" without one.
func sessionHash(r *http.Request) string {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	return auth.HashToken(c.Value)
}

func (s *Server) securityPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "security.title")
	v.Form = newForm(nil)
	v.doneNotice(r, map[string]string{
		"ended":  "security.ended",
		"others": "security.others_ended",
	})
	return s.renderSecurity(w, r, http.StatusOK, v, u.ID)
}

func (s *Server) renderSecurity(w http.ResponseWriter, r *http.Request, status int, v *view, userID int64) error {
	cs, err := s.store.Credentials(r.Context(), userID, sessionHash(r))
	if err != nil {
		return err
	}
	d := securityData{Credentials: cs}
	for _, c := range cs {
		if !c.Current {
			d.Others++
		}
	}
	v.Data = d
	s.render(w, status, "security", v)
	return nil
}

// endCredentialSubmit ends one of the reader's sessions or tokens, named by kind and handle; ending
// the session in use signs the reader out.
func (s *Server) endCredentialSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, _, err := s.ownForm(w, r, "security.title", nil)
	if err != nil {
		return err
	}
	kind, handle := f.Get("kind"), strings.ToLower(f.Get("handle"))
	if kind != "session" && kind != "token" {
		return &domain.Error{Code: domain.Invalid, Key: "error.invalid", Fields: []domain.FieldError{{Field: "kind", Key: "field.required"}}}
	}
	if err := s.store.EndCredential(r.Context(), u.ID, kind, handle); err != nil {
		return withField(err, "handle")
	}
	if kind == "session" && strings.HasPrefix(sessionHash(r), handle) {
		setCookie(w, r, sessionCookie, "", -1)
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, "/me/security?done=ended", http.StatusSeeOther)
	return nil
}

// endOthersSubmit ends every session of the reader but this one, and all their API tokens.
func (s *Server) endOthersSubmit(w http.ResponseWriter, r *http.Request) error {
	u, _, _, err := s.ownForm(w, r, "security.title", nil)
	if err != nil {
		return err
	}
	if _, err := s.store.EndOtherCredentials(r.Context(), u.ID, sessionHash(r)); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/security?done=others", http.StatusSeeOther)
	return nil
}

// endOthersIfAsked ends the reader's other sessions and tokens when the form's end_others box is
// ticked, as the two-factor forms offer after a change.
func (s *Server) endOthersIfAsked(r *http.Request, u *domain.User, f *form) error {
	if f.Get("end_others") != "1" {
		return nil
	}
	_, err := s.store.EndOtherCredentials(r.Context(), u.ID, sessionHash(r))
	return err
}

// DeviceName is a short name of the client a User-Agent describes: its browser and system, or the
// program (curl, an app) — enough to recognise one's own phone, not a fingerprint.
func (v *view) DeviceName(agent string) string {
	if agent == "" {
		return v.T("security.unknown_device")
	}
	var browser, system string
	for _, b := range []struct{ mark, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"YaBrowser/", "Yandex Browser"}, {"SamsungBrowser/", "Samsung Internet"},
		{"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"},
	} {
		if strings.Contains(agent, b.mark) {
			browser = b.name
			break
		}
	}
	for _, o := range []struct{ mark, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(agent, o.mark) {
			system = o.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + ", " + system
	case browser != "":
		return browser
	case system != "":
		return system
	}
	name, _, _ := strings.Cut(agent, " ")
	return domain.CutText(name, 40)
}

// EndOthers is whether the two-factor forms' "sign out everywhere else" box is ticked: at first,
// and after a refusal as the reader left it.
func (v *view) EndOthers() bool {
	if v.Form == nil || v.r.Method == http.MethodGet {
		return true
	}
	return v.Form.Get("end_others") == "1"
}
