package web

import (
	"net/http"
	"net/url"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// Consent to the processing of personal data (Law of the Republic of Kazakhstan "On Personal Data
// and their Protection"): given at registration, recorded with the policy's version; a new version
// asks again before anything else; withdrawing it stops signups until it is given again.

// consentFree are the pages a signed-in person without a standing consent may still open: the
// policy, the consent page, their data, deleting their account, signing out, languages, assets,
// the second step of signing in with setting it up (which come before consent is asked), and a
// guardian's answer to a young volunteer's request (the guardian may have an account too).
func consentFree(path string) bool {
	if path == "/login/2fa" || path == "/me/2fa" || path == "/me/2fa/qr.png" {
		return true
	}
	for _, p := range []string{"/privacy", "/me/consent", "/me/data", "/me/delete", "/logout", "/lang/", "/static/", "/guardian/consent"} {
		if path == p || strings.HasPrefix(path, p+"/") || (strings.HasSuffix(p, "/") && strings.HasPrefix(path, p)) || strings.HasPrefix(path, p+".") {
			return true
		}
	}
	return false
}

// needsConsent reports whether u has no standing consent to the current policy.
func (s *Server) needsConsent(r *http.Request, u *domain.User) (bool, error) {
	if u.ConsentRead {
		return u.PrivacyConsent != s.opt.PolicyVersion, nil
	}
	v, err := s.store.ConsentVersion(r.Context(), u.ID, store.ConsentPrivacy)
	return v != s.opt.PolicyVersion, err
}

// askConsent sends a signed-in person without a standing consent to the consent page first; it
// reports whether it did.
func (s *Server) askConsent(w http.ResponseWriter, r *http.Request) (bool, error) {
	u, ok := r.Context().Value(userKey{}).(*domain.User)
	if !ok || u == nil || consentFree(r.URL.Path) {
		return false, nil
	}
	need, err := s.needsConsent(r, u)
	if err != nil || !need {
		return false, err
	}
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = "/"
	}
	http.Redirect(w, r, "/me/consent?next="+url.QueryEscape(next), http.StatusSeeOther)
	return true, nil
}

func (s *Server) privacyPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "privacy.title")
	v.Data = s.opt.PolicyVersion
	s.render(w, http.StatusOK, "privacy", v)
	return nil
}

type consentData struct {
	Version string
	Current bool // the reader's consent to this version stands
	Asked   bool // they came here because it did not
}

func (s *Server) consentPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	need, err := s.needsConsent(r, u)
	if err != nil {
		return err
	}
	v := s.newView(r, "consent.title")
	v.Form = newForm(url.Values{"next": {localPath(r.URL.Query().Get("next"))}})
	v.Form.Labels = map[string]string{"accept_privacy_policy": "privacy.accept"}
	switch r.URL.Query().Get("done") {
	case "withdrawn":
		v.Notice = v.T("consent.withdrawn")
	}
	v.Data = consentData{Version: s.opt.PolicyVersion, Current: !need, Asked: r.URL.Query().Has("next")}
	s.render(w, http.StatusOK, "consent", v)
	return nil
}

func (s *Server) consentSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "consent.title", map[string]string{"accept_privacy_policy": "privacy.accept"})
	if err != nil {
		return err
	}
	if f.Get("accept_privacy_policy") != "1" {
		f.add("accept_privacy_policy", v.T("field.consent_required"))
		v.Data = consentData{Version: s.opt.PolicyVersion, Asked: true}
		s.render(w, http.StatusUnprocessableEntity, "consent", v)
		return nil
	}
	if err := s.store.GiveConsent(r.Context(), u.ID, store.ConsentPrivacy, s.opt.PolicyVersion, "form"); err != nil {
		return err
	}
	next := localPath(f.Get("next"))
	if next == "/" {
		next = s.homeOf(r, *u)
	}
	http.Redirect(w, r, next, http.StatusSeeOther) // #nosec G710 -- next comes from localPath: only a path on this site
	return nil
}

func (s *Server) withdrawConsent(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	if err := s.store.WithdrawConsent(r.Context(), u.ID, store.ConsentPrivacy); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/consent?done=withdrawn", http.StatusSeeOther)
	return nil
}
