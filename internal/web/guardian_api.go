package web

import (
	"net/http"

	"erikti/internal/domain"
)

// A guardian's consent through the API: the young volunteer asks (POST /api/v1/me/guardian), the
// guardian answers with the link's secret (POST /api/v1/guardian/consent), and GET /api/v1/me
// tells where the volunteer stands.

// guardianStatus is where userID stands with a guardian's consent: not_needed, needed,
// requested or given.
func (s *Server) guardianStatus(r *http.Request, userID int64) (string, error) {
	st, err := s.store.GuardianState(r.Context(), userID, s.opt.GuardianAge)
	return st.Status, err
}

// requestGuardian asks the guardian of u for consent; it reports whether a link went.
func (s *Server) requestGuardian(r *http.Request, u domain.User, g domain.GuardianRequest) (bool, error) {
	if err := g.Validate(u.Email); err != nil {
		return false, err
	}
	return s.store.RequestGuardianConsent(r.Context(), u.ID, s.opt.GuardianAge, g)
}

// answerGuardian spends a guardian's link with their answer; actorID is the signed-in reader, if
// any, who may not be the volunteer themselves.
func (s *Server) answerGuardian(r *http.Request, actorID int64, token string, a domain.GuardianAnswer) error {
	var p domain.Problems
	token = tokenParam(&p, token)
	if err := p.Err(); err != nil {
		return err
	}
	if err := a.Validate(); err != nil {
		return err
	}
	_, err := s.store.AnswerGuardianConsent(r.Context(), actorID, token, a)
	return err
}

func (s *Server) apiRequestGuardian(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
		Name  string `json:"name"`
	}
	u, err := s.userInput(w, r, &in, false)
	if err != nil {
		return err
	}
	sent, err := s.requestGuardian(r, u, domain.GuardianRequest{Email: in.Email, Name: in.Name})
	if err != nil {
		return err
	}
	status, err := s.guardianStatus(r, u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"sent": sent, "guardian_consent": status})
	return nil
}

func (s *Server) apiAnswerGuardian(w http.ResponseWriter, r *http.Request) error {
	actor, err := s.optionalUser(r)
	if err != nil {
		return err
	}
	var in struct {
		Token    string `json:"token"`
		Decision string `json:"decision"`
		Name     string `json:"name"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.answerGuardian(r, actor.ID, in.Token, domain.GuardianAnswer{Decision: in.Decision, Name: in.Name}); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
