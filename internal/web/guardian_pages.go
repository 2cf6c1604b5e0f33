package web

import (
	"net/http"
	"net/url"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The pages of a guardian's consent: /me/guardian, where a young volunteer names a parent or
// guardian and later sees who agreed and when; /guardian/consent, where the guardian, who has no
// account, reads the consent text and answers. As with the other mailed links, opening the link
// spends nothing; only the button's POST does.

var guardianLabels = map[string]string{"email": "guardian.email", "name": "guardian.name"}

// guardianData is what /me/guardian shows.
type guardianData struct {
	State store.GuardianState
	Age   int // the guardian age
	Days  int // how long a link stays good
}

func (s *Server) guardianView(r *http.Request, u *domain.User, f *form) (*view, error) {
	st, err := s.store.GuardianState(r.Context(), u.ID, s.opt.GuardianAge)
	if err != nil {
		return nil, err
	}
	v := s.newView(r, "guardian.title")
	v.guardian = &st
	if f == nil {
		values := url.Values{}
		if st.Status == domain.GuardianRequested {
			values.Set("email", st.RequestedTo)
		}
		f = newForm(values)
	}
	f.Labels, v.Form = guardianLabels, f
	v.Data = guardianData{State: st, Age: s.opt.GuardianAge, Days: int(domain.GuardianConsentTTL.Hours() / 24)}
	return v, nil
}

func (s *Server) guardianPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v, err := s.guardianView(r, u, nil)
	if err != nil {
		return err
	}
	switch r.URL.Query().Get("done") {
	case "sent":
		v.Notice = v.T("guardian.sent", "email", v.guardian.RequestedTo)
	case "wait":
		v.Notice = v.T("guardian.wait")
	}
	s.render(w, http.StatusOK, "guardian", v)
	return nil
}

func (s *Server) guardianSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	sent, err := s.requestGuardian(r, *u, domain.GuardianRequest{Email: f.Get("email"), Name: f.Get("name")})
	if err != nil {
		v, verr := s.guardianView(r, u, f)
		if verr != nil {
			return verr
		}
		if domain.ErrorCode(err) == domain.Conflict { // needs none, or has it already: said at the top
			return s.refill(w, v, f, err, http.StatusConflict, "guardian")
		}
		return s.formFailed(w, v, f, err, "guardian")
	}
	done := "sent"
	if !sent {
		done = "wait"
	}
	http.Redirect(w, r, "/me/guardian?done="+done, http.StatusSeeOther)
	return nil
}

var guardianConsentLabels = map[string]string{"token": "email_link.token", "name": "guardian_consent.name", "decision": "guardian_consent.decision"}

// guardianConsentData is what /guardian/consent shows: the request the link stands for (nil when
// the link is not good), the text's version, or the answer once given.
type guardianConsentData struct {
	Link    *store.GuardianLink
	Version string
	Done    string // confirm or decline, once answered
}

// guardianConsentView reads the link of f's token for the guardian's page.
func (s *Server) guardianConsentView(r *http.Request, f *form) (*view, error) {
	v := s.newView(r, "guardian_consent.title")
	f.Labels, v.Form = guardianConsentLabels, f
	d := guardianConsentData{Version: domain.GuardianConsentVersion}
	var p domain.Problems
	token := tokenParam(&p, f.Values.Get("token"))
	err := p.Err()
	if err == nil {
		var l store.GuardianLink
		if l, err = s.store.GuardianLinkOf(r.Context(), token); err == nil {
			d.Link = &l
		}
	}
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
			return nil, err
		}
	}
	v.Data = d
	return v, nil
}

func (s *Server) guardianConsentPage(w http.ResponseWriter, r *http.Request) error {
	f := newForm(url.Values{"token": {r.URL.Query().Get("token")}})
	v, err := s.guardianConsentView(r, f)
	if err != nil {
		return err
	}
	st := http.StatusOK
	if f.Failed() {
		st = http.StatusUnprocessableEntity
	}
	s.render(w, st, "guardian_consent", v)
	return nil
}

func (s *Server) guardianConsentSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	var actorID int64
	if u, err := pageUser(r); err == nil {
		actorID = u.ID
	}
	a := domain.GuardianAnswer{Decision: f.Get("decision"), Name: f.Get("name")}
	if err := s.answerGuardian(r, actorID, f.Values.Get("token"), a); err != nil {
		if domain.ErrorCode(err) == domain.Forbidden {
			return err
		}
		// show the request again beside the mistake, read before the answer (nothing was spent)
		v, verr := s.guardianConsentView(r, newForm(f.Values))
		if verr != nil {
			return verr
		}
		return s.formFailed(w, v, v.Form, err, "guardian_consent")
	}
	v := s.newView(r, "guardian_consent.title")
	v.Form = newForm(nil)
	if a.Decision == domain.GuardianConfirm {
		v.Notice = v.T("guardian_consent.done_confirmed")
	} else {
		v.Notice = v.T("guardian_consent.done_declined")
	}
	v.Data = guardianConsentData{Version: domain.GuardianConsentVersion, Done: a.Decision}
	s.render(w, http.StatusOK, "guardian_consent", v)
	return nil
}

// Guardian is where the signed-in reader stands with a guardian's consent ("" for a visitor),
// read once per page.
func (v *view) Guardian() string {
	if g := v.guardianState(); g != nil {
		return g.Status
	}
	return ""
}

// GuardianAge is the age under which volunteers need a guardian's consent.
func (v *view) GuardianAge() int { return v.s.opt.GuardianAge }

// NeedsGuardian reports whether the signed-in reader needs a guardian's consent they do not have
// to sign up for a shift that starts at t.
func (v *view) NeedsGuardian(t time.Time) bool {
	g := v.guardianState()
	return g != nil && g.Status != domain.GuardianGiven && domain.NeedsGuardian(v.User.BirthDate, t, v.s.opt.GuardianAge)
}

func (v *view) guardianState() *store.GuardianState {
	if v.User == nil {
		return nil
	}
	if v.guardian == nil {
		st, err := v.s.store.GuardianState(v.r.Context(), v.User.ID, v.s.opt.GuardianAge)
		if err != nil {
			v.s.log.Error("guardian state", "err", err)
			return nil
		}
		v.guardian = &st
	}
	return v.guardian
}
