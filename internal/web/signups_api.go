package web

import (
	"fmt"
	"net/http"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

func (s *Server) signUp(w http.ResponseWriter, r *http.Request) error {
	shiftID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	token, err := bearerToken(r)
	if err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if err := checkIdempotencyKey(key); err != nil {
		return err
	}
	var in struct{}
	if err := decode(w, r, &in, true); err != nil {
		return err
	}
	// the token and the consent are checked in the signup's own first statement (a flash crowd
	// pays one read the fewer each): 401 for a token that is not valid, 403 consent.required
	sg, replayed, err := s.store.SignUp(r.Context(), store.SignupRequest{ShiftID: shiftID, TokenHash: auth.HashToken(token),
		PolicyVersion: s.opt.PolicyVersion, IdempotencyKey: key, GuardianAge: s.opt.GuardianAge})
	if err != nil {
		return withField(err, "id")
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	} else {
		s.metrics.signups.WithLabelValues(string(sg.Status)).Inc()
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/signups/%d", sg.ID))
	writeJSON(w, http.StatusCreated, viewSignup(sg))
	return nil
}

func (s *Server) cancelSignup(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	sg, _, err := s.store.CancelSignup(r.Context(), u.ID, id, func(sg domain.Signup, orgID int64) error {
		if sg.UserID == u.ID {
			return nil
		}
		if ok, err := s.isMember(r, u, orgID); err != nil {
			return err
		} else if !ok {
			// someone else's signup is not shown to exist
			return domain.Errorf(domain.NotFound, "not_found.signup", nil)
		}
		return nil
	})
	if err != nil {
		return withField(err, "id")
	}
	writeJSON(w, http.StatusOK, viewSignup(sg))
	return nil
}

func (s *Server) mySignups(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	signups, err := s.store.UserSignups(r.Context(), u.ID)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(signups, viewSignup))
	return nil
}
