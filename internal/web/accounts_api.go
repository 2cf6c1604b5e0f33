package web

import (
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	var in registrationInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	u, created, err := s.createAccount(r, in.registration(), "api", "")
	if err != nil {
		return err
	}
	guardian := domain.GuardianNotNeeded // what a new account's would be
	if domain.NeedsGuardian(u.BirthDate, s.opt.Now(), s.opt.GuardianAge) {
		guardian = domain.GuardianNeeded
	}
	if created {
		if guardian, err = s.guardianStatus(r, u.ID); err != nil {
			return err
		}
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
	writePrivate(w, map[string]string{"token": token, "token_type": "Bearer", "expires_at": formatTime(expires)})
	return nil
}

// createAccount validates a registration, refuses a password checkNewPassword refuses, and stores the
// new account with its consent to the current privacy policy, given by method (form or api).
// Registrations are limited per address and per email (429), counted before the password is
// hashed. An address that already has an account is not refused: its owner is mailed instead, and
// the account returned (created false) is the one that would have been made, with an id a new
// account could have had — so that the answer, and the work done (the hash included), are the
// same whether or not the address has an account.
func (s *Server) createAccount(r *http.Request, reg domain.Registration, method, wayBack string) (u domain.User, created bool, err error) {
	email, birth, err := reg.Validate(s.opt.Now())
	if err == nil {
		err = s.checkNewPassword("password", reg.Password, email, reg.Name)
	}
	if err != nil {
		return u, false, err
	}
	l := s.registrations
	res, ok, wait := l.reserve(s.opt.Now(), limit{"e\x00" + email, l.perPair}, limit{addrKey(clientAddr(r)), l.perAddr})
	if !ok {
		return u, false, tooMany("email", wait)
	}
	hash, err := s.hasher.Hash(r.Context(), reg.Password)
	if err != nil {
		res.release()
		return u, false, hashFailed(err)
	}
	u = domain.User{Email: email, Name: reg.Name, BirthDate: birth, Locale: reg.Locale}
	err = s.store.CreateUserWayBack(r.Context(), &u, hash, localPath(wayBack), store.Consent{Kind: store.ConsentPrivacy, Version: s.opt.PolicyVersion, Method: method})
	if domain.ErrorCode(err) == domain.Conflict {
		u.CreatedAt = s.opt.Now().UTC().Truncate(time.Second)
		u.ID, err = s.store.RegistrationOfTaken(r.Context(), email)
		return u, false, err
	}
	return u, err == nil, err
}

// checkCredentials returns the account of an email and password; an unknown email costs the same
// work as a wrong password, so that timing tells nothing. The attempt is counted before the
// password is checked (and uncounted when it is right), so that too many failures from the same
// address answer 429 before any password is checked however many arrive at once. Every sign-in
// and failure is in the audit log. The failures of the pair are cleared by the caller once the
// sign-in is complete (after the second factor, when one is needed), so that a right password
// does not wipe out wrong codes.
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
	res, ok, wait := s.attempts.reservePair(email, addr, now)
	if !ok {
		return domain.User{}, tooManyAttempts(wait)
	}
	u, hash, err := s.store.UserByEmail(r.Context(), email)
	known := err == nil
	if err != nil && domain.ErrorCode(err) != domain.NotFound {
		res.release()
		return domain.User{}, err
	}
	if !known {
		hash = s.dummy
	}
	match, err := s.hasher.Check(r.Context(), password, hash)
	if err != nil { // no room to check it: not an attempt
		res.release()
		return domain.User{}, hashFailed(err)
	}
	if !match || !known {
		if err := s.store.Record(r.Context(), 0, "auth.login_failed", "user", u.ID, map[string]any{"email": email}); err != nil {
			return domain.User{}, err
		}
		return domain.User{}, domain.Errorf(domain.Unauthorized, "auth.bad_credentials", nil)
	}
	res.release() // a right password is no failure
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

// hashFailed is the error of a password hash that could not run: a 503 with Retry-After when the
// hashing budget stayed full, err itself otherwise.
func hashFailed(err error) error {
	if !errors.Is(err, auth.ErrBusy) {
		return err
	}
	return &requestError{status: http.StatusServiceUnavailable, retryAfter: 5,
		err: &domain.Error{Code: domain.Invalid, Key: "error.busy"}}
}

// tooMany is the 429 of any other limited attempt (a registration, a guess of one's own password),
// its message beside field.
func tooMany(field string, wait time.Duration) error {
	secs := int(wait.Seconds()) + 1
	return &requestError{status: http.StatusTooManyRequests, retryAfter: secs,
		err: &domain.Error{Code: domain.Invalid, Key: "error.too_many_requests",
			Fields: []domain.FieldError{{Field: field, Key: "limit.too_many_attempts", Params: map[string]any{"minutes": (secs + 59) / 60}}}}}
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
	writePrivate(w, viewUser(u, guardian))
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
