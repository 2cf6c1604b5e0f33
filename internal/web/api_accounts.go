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
	u, err := s.createAccount(r, domain.Registration{Email: in.Email, Password: in.Password, Name: in.Name, BirthDate: in.BirthDate, Locale: in.Locale})
	if err != nil {
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
	u, err := s.checkCredentials(r, in.Email, in.Password)
	if err != nil {
		return err
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

// createAccount validates a registration and stores the new account.
func (s *Server) createAccount(r *http.Request, reg domain.Registration) (domain.User, error) {
	email, birth, err := reg.Validate(s.opt.Now())
	if err != nil {
		return domain.User{}, err
	}
	hash, err := auth.HashPassword(reg.Password, s.opt.Password)
	if err != nil {
		return domain.User{}, err
	}
	u := domain.User{Email: email, Name: reg.Name, BirthDate: birth, Locale: reg.Locale}
	return u, s.store.CreateUser(r.Context(), &u, hash)
}

// checkCredentials returns the account of an email and password; an unknown email costs the same
// work as a wrong password, so that timing tells nothing.
func (s *Server) checkCredentials(r *http.Request, email, password string) (domain.User, error) {
	var p domain.Problems
	if strings.TrimSpace(email) == "" {
		p.Add("email", "field.required", nil)
	}
	if password == "" {
		p.Add("password", "field.required", nil)
	}
	if err := p.Err(); err != nil {
		return domain.User{}, err
	}
	u, hash, err := s.store.UserByEmail(r.Context(), strings.ToLower(strings.TrimSpace(email)))
	if domain.ErrorCode(err) == domain.NotFound {
		auth.CheckPassword(password, s.dummy)
		return domain.User{}, domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	if err != nil {
		return domain.User{}, err
	}
	if !auth.CheckPassword(password, hash) {
		return domain.User{}, domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	return u, nil
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
