package web

import (
	"net/http"
	"strings"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email     string `json:"email"`
		Password  string `json:"password"`
		Name      string `json:"name"`
		BirthDate string `json:"birth_date"`
		Locale    string `json:"locale"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	reg := domain.Registration{Email: in.Email, Password: in.Password, Name: in.Name, BirthDate: in.BirthDate, Locale: in.Locale}
	email, birth, err := reg.Validate(s.opt.Now())
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(reg.Password, s.opt.Password)
	if err != nil {
		return err
	}
	u := domain.User{Email: email, Name: reg.Name, BirthDate: birth, Locale: reg.Locale}
	if err := s.store.CreateUser(r.Context(), &u, hash); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/me")
	writeJSON(w, http.StatusCreated, viewUser(u))
	return nil
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	var p domain.Problems
	if in.Email == "" {
		p.Add("email", "field.required", nil)
	}
	if in.Password == "" {
		p.Add("password", "field.required", nil)
	}
	if err := p.Err(); err != nil {
		return err
	}
	u, hash, err := s.store.UserByEmail(r.Context(), strings.ToLower(strings.TrimSpace(in.Email)))
	if domain.ErrorCode(err) == domain.NotFound {
		auth.CheckPassword(in.Password, s.dummy) // the same work as for a known address
		return domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	if err != nil {
		return err
	}
	if !auth.CheckPassword(in.Password, hash) {
		return domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	expires := s.opt.Now().Add(s.opt.TokenTTL)
	if err := s.store.CreateToken(r.Context(), u.ID, tokenHash, expires); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"token": token, "token_type": "Bearer", "expires_at": formatTime(expires)})
	return nil
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, viewUser(u))
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
	out := list[signupView]{Items: make([]signupView, 0, len(signups))}
	for _, sg := range signups {
		out.Items = append(out.Items, viewSignup(sg))
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
	return nil
}
