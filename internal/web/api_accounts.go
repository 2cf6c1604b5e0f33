package web

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email     string `json:"email"`
		Password  string `json:"password"`
		Name      string `json:"name"`
		BirthDate string `json:"birth_date"`
		Locale    string `json:"locale"`
		Accept    bool   `json:"accept_privacy_policy"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	u, err := s.createAccount(r, domain.Registration{Email: in.Email, Password: in.Password, Name: in.Name, BirthDate: in.BirthDate,
		Locale: in.Locale, AcceptPrivacyPolicy: in.Accept}, "api")
	if err != nil {
		return err
	}
	guardian, err := s.guardianStatus(r, u.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/me")
	writeJSON(w, http.StatusCreated, viewUser(u, guardian))
	return nil
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
		TOTPCode string `json:"totp_code"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	u, err := s.checkCredentials(r, in.Email, in.Password)
	if err != nil {
		return err
	}
	// an account with TOTP needs its code (or a recovery code); a role holder who has not set it
	// up yet gets a token without a second factor, which the role's routes refuse
	if u.TOTP {
		if strings.TrimSpace(in.TOTPCode) == "" {
			return domain.FieldErr(domain.Unauthorized, "totp_code", "totp.code_required", nil)
		}
		ok, err := s.passSecondFactor(r, u, in.TOTPCode)
		if err != nil {
			return err
		}
		if !ok {
			return domain.FieldErr(domain.Unauthorized, "totp_code", "totp.code_wrong", nil)
		}
	}
	s.attempts.succeed(u.Email, clientAddr(r))
	token, tokenHash, err := auth.NewToken()
	if err != nil {
		return err
	}
	expires := s.opt.Now().Add(s.opt.TokenTTL)
	if err := s.store.CreateToken(r.Context(), u.ID, tokenHash, expires, u.TOTP); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"token": token, "token_type": "Bearer", "expires_at": formatTime(expires)})
	return nil
}

// createAccount validates a registration, refuses a password checkNewPassword refuses, and stores the
// new account with its consent to the current privacy policy, given by method (form or api).
func (s *Server) createAccount(r *http.Request, reg domain.Registration, method string) (domain.User, error) {
	email, birth, err := reg.Validate(s.opt.Now())
	if err == nil {
		err = s.checkNewPassword("password", reg.Password, email, reg.Name)
	}
	if err != nil {
		return domain.User{}, err
	}
	hash, err := auth.HashPassword(reg.Password, s.opt.Password)
	if err != nil {
		return domain.User{}, err
	}
	u := domain.User{Email: email, Name: reg.Name, BirthDate: birth, Locale: reg.Locale}
	return u, s.store.CreateUser(r.Context(), &u, hash, store.Consent{Kind: store.ConsentPrivacy, Version: s.opt.PolicyVersion, Method: method})
}

// checkCredentials returns the account of an email and password; an unknown email costs the same
// work as a wrong password, so that timing tells nothing. Too many failures from the same address
// answer 429 before any password is checked. Every sign-in and failure is in the audit log. The
// failures of the pair are cleared by the caller once the sign-in is complete (after the second
// factor, when one is needed), so that a right password does not wipe out wrong codes.
func (s *Server) checkCredentials(r *http.Request, email, password string) (domain.User, error) {
	var p domain.Problems
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		p.Add("email", "field.required", nil)
	} else if !utf8.ValidString(email) || domain.HasControl(email) {
		p.Add("email", "field.encoding", nil)
	}
	if password == "" {
		p.Add("password", "field.required", nil)
	}
	if err := p.Err(); err != nil {
		return domain.User{}, err
	}
	addr, now := clientAddr(r), s.opt.Now()
	if blocked, wait := s.attempts.blocked(email, addr, now); blocked {
		return domain.User{}, tooManyAttempts(wait)
	}
	u, hash, err := s.store.UserByEmail(r.Context(), email)
	known := err == nil
	if err != nil && domain.ErrorCode(err) != domain.NotFound {
		return domain.User{}, err
	}
	if !known {
		hash = s.dummy
	}
	if !auth.CheckPassword(password, hash) || !known {
		s.attempts.fail(email, addr, now)
		if err := s.store.Record(r.Context(), 0, "auth.login_failed", "user", u.ID, map[string]any{"email": email}); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	if u.Disabled {
		if err := s.store.Record(r.Context(), 0, "auth.login_failed", "user", u.ID, map[string]any{"email": email, "disabled": true}); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, domain.Errorf(domain.Forbidden, "auth.disabled", nil)
	}
	if err := s.store.Record(r.Context(), u.ID, "auth.login", "user", u.ID, nil); err != nil {
		return domain.User{}, err
	}
	return u, nil
}

// tooManyAttempts is the 429 of a sign-in that must wait.
func tooManyAttempts(wait time.Duration) error {
	secs := int(wait.Seconds()) + 1
	return &requestError{status: http.StatusTooManyRequests, retryAfter: secs,
		err: &domain.Error{Code: domain.Invalid, Key: "error.too_many_requests",
			Fields: []domain.FieldError{{Field: "email", Key: "auth.too_many_attempts", Params: map[string]any{"minutes": (secs + 59) / 60}}}}}
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	guardian, err := s.guardianStatus(r, u.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, viewUser(u, guardian))
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

func (s *Server) apiVerifyEmail(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token string `json:"token"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.verifyEmail(r, in.Token); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiResendVerification(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	sent, err := s.store.ResendVerification(r.Context(), u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, map[string]bool{"sent": sent})
	return nil
}

// apiRequestReset answers 202 whether or not the address has an account, so that the answer
// tells no one.
func (s *Server) apiRequestReset(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.requestReset(r, in.Email); err != nil {
		return err
	}
	w.WriteHeader(http.StatusAccepted)
	return nil
}

func (s *Server) apiResetPassword(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Token    string `json:"token"`
		Password string `json:"password"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.resetPassword(r, in.Token, in.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
