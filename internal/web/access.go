package web

import (
	"context"
	"net/http"
	"strings"

	"erikti/internal/auth"
	"erikti/internal/domain"
)

// access is who may reach a route at all, checked before its handler runs, in one place: the
// handler then decides about the very object the request names (whose signup, which organization).
type access int

const (
	// open routes answer anyone; a handler may still look at who asks.
	open access = iota + 1
	// signedIn routes need an account: a bearer token on the API, a session on pages.
	signedIn
	// inRole routes act for an organization or the Front Office: they need an account whose token
	// or session was confirmed with a second factor, and the handler then checks the role itself.
	inRole
)

// apiDoor checks an API route's access before its handler: 401 without a token; for a role's
// route, 401 for a token that is not valid and 403 for one made with a password alone, the
// account it read kept in the request's context for s.user. A signedIn route's handler reads its
// token itself (a signup checks it within its own first statement, one read the fewer).
func (s *Server) apiDoor(r *http.Request, ac access) (*http.Request, error) {
	switch ac {
	case signedIn:
		_, err := bearerToken(r)
		return r, err
	case inRole:
		u, err := s.user(r)
		if err != nil {
			return r, err
		}
		return r.WithContext(context.WithValue(r.Context(), tokenUserKey{}, u)), requireSecondFactor(u)
	case open:
		return r, nil
	}
	return r, errInternal // a route whose access was never declared answers no one
}

// pageDoor checks a page's access before its handler: the login page without a session, the
// second step (or 403) for a role's page when the session was opened with a password alone.
func pageDoor(r *http.Request, ac access) error {
	switch ac {
	case open:
		return nil
	case signedIn, inRole:
	default:
		return errInternal // a route whose access was never declared answers no one
	}
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if ac == inRole && !u.SecondFactor {
		if _, partial := r.Context().Value(partialKey{}).(bool); partial {
			return requireSecondFactor(*u) // the second step first
		}
		// a session that was never asked for a second factor holds no role
		return domain.Errorf(domain.Forbidden, "forbidden.role", nil)
	}
	return nil
}

// tokenUserKey holds the account of the request's token once apiDoor has read it.
type tokenUserKey struct{}

// user returns the account of the request's bearer token.
func (s *Server) user(r *http.Request) (domain.User, error) {
	if u, ok := r.Context().Value(tokenUserKey{}).(domain.User); ok {
		return u, nil
	}
	token, err := bearerToken(r)
	if err != nil {
		return domain.User{}, err
	}
	return s.store.UserByToken(r.Context(), auth.HashToken(token))
}

// bearerToken is the request's API token, from "Authorization: Bearer TOKEN".
func bearerToken(r *http.Request) (string, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if token = strings.TrimSpace(token); !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", domain.Errorf(domain.Unauthorized, "auth.token_required", nil)
	}
	return token, nil
}

// optionalUser returns the request's account, or the zero user when it sends no token.
func (s *Server) optionalUser(r *http.Request) (domain.User, error) {
	if r.Header.Get("Authorization") == "" {
		return domain.User{}, nil
	}
	return s.user(r)
}

// frontOffice reports whether u acts as the Front Office now: the role, and a token or session
// confirmed with a second factor. Every privilege of the Front Office is asked of this.
func frontOffice(u domain.User) bool {
	return u.FrontOffice && u.SecondFactor
}

// mayAct reports whether u's account may act for orgID: a member of it, or the Front Office
// (whose token or session was confirmed with a second factor).
func (s *Server) mayAct(r *http.Request, u domain.User, orgID int64) (bool, error) {
	if u.ID == 0 {
		return false, nil
	}
	if frontOffice(u) {
		return true, nil
	}
	role, err := s.store.MemberRole(r.Context(), orgID, u.ID)
	return role != "", err
}

// isMember reports whether u may act for orgID now: a member of it, or the Front Office, whose
// token or session was confirmed with a second factor.
func (s *Server) isMember(r *http.Request, u domain.User, orgID int64) (bool, error) {
	ok, err := s.mayAct(r, u, orgID)
	return ok && u.SecondFactor, err
}

// requireMember refuses anyone who may not act for orgID, and a member whose token or session
// was not confirmed with a second factor.
func (s *Server) requireMember(r *http.Request, u domain.User, orgID int64) error {
	ok, err := s.mayAct(r, u, orgID)
	if err != nil {
		return err
	}
	if !ok {
		return domain.Errorf(domain.Forbidden, "forbidden.not_member", nil)
	}
	return requireSecondFactor(u)
}

// requireFrontOffice refuses anyone but the Front Office with a second factor.
func requireFrontOffice(u domain.User) error {
	if !u.FrontOffice {
		return domain.Errorf(domain.Forbidden, "forbidden.front_office", nil)
	}
	return requireSecondFactor(u)
}

// requireSecondFactor refuses a role's action to a token or session confirmed by a password
// alone: 403, saying to set up two-factor authentication on the web and sign in with a code.
func requireSecondFactor(u domain.User) error {
	if !u.SecondFactor {
		return domain.Errorf(domain.Forbidden, "forbidden.second_factor", nil)
	}
	return nil
}

// eventForMember reads the event named by the path's id for a caller who may act for its
// organization: 401 without a token, 404 for no such event, 403 for anyone else.
func (s *Server) eventForMember(r *http.Request) (domain.Event, domain.User, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Event{}, domain.User{}, err
	}
	u, err := s.user(r)
	if err != nil {
		return domain.Event{}, u, err
	}
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return e, u, withField(err, "id")
	}
	return e, u, s.requireMember(r, u, e.OrgID)
}

// shiftForMember reads the shift named by the path's id for a caller who may act for its
// organization, as eventForMember does.
func (s *Server) shiftForMember(r *http.Request) (domain.Shift, domain.User, error) {
	id, u, err := s.idUser(r)
	if err != nil {
		return domain.Shift{}, u, err
	}
	sh, orgID, err := s.store.Shift(r.Context(), id)
	if err != nil {
		return sh, u, withField(err, "id")
	}
	return sh, u, s.requireMember(r, u, orgID)
}
