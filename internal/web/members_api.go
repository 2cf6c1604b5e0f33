package web

import (
	"fmt"
	"net/http"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The people of an organization (its members and invitations) and the Front Office role.

type memberView struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Role   string `json:"role"`
	Since  string `json:"since"`
}

func viewMember(m store.Member) memberView {
	return memberView{m.UserID, m.Name, m.Email, m.Role, formatTime(m.Since)}
}

type invitationView struct {
	ID        int64  `json:"id"`
	OrgID     int64  `json:"organization_id"`
	Email     string `json:"email"`
	Role      string `json:"role"`
	InvitedBy string `json:"invited_by"`
	CreatedAt string `json:"created_at"`
	ExpiresAt string `json:"expires_at"`
}

func viewInvitation(i store.Invitation) invitationView {
	return invitationView{i.ID, i.OrgID, i.Email, i.Role, i.Inviter, formatTime(i.CreatedAt), formatTime(i.ExpiresAt)}
}

// apiOrg reads the organization of the path's id for a caller whose role in it is enough: 401
// without a token, 404 for no such organization, 403 for a caller who is not its member (or, when
// admin is asked, not its admin) or whose token was made without a second factor; the Front
// Office (with a second factor) counts as an admin of every organization.
func (s *Server) apiOrg(r *http.Request, admin bool) (domain.Organization, domain.User, error) {
	id, u, err := s.idUser(r)
	if err != nil {
		return domain.Organization{}, u, err
	}
	o, err := s.store.Organization(r.Context(), id)
	if err != nil {
		return o, u, withField(err, "id")
	}
	if frontOffice(u) {
		return o, u, nil
	}
	role, err := s.store.MemberRole(r.Context(), o.ID, u.ID)
	switch {
	case err != nil:
		return o, u, err
	case role == "":
		return o, u, domain.Errorf(domain.Forbidden, "forbidden.not_member", nil)
	case admin && role != domain.RoleAdmin:
		return o, u, domain.Errorf(domain.Forbidden, "forbidden.org_admin", nil)
	}
	return o, u, requireSecondFactor(u)
}

func (s *Server) listMembers(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.apiOrg(r, false)
	if err != nil {
		return err
	}
	members, err := s.store.Members(r.Context(), o.ID)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(members, viewMember))
	return nil
}

func (s *Server) apiInvite(w http.ResponseWriter, r *http.Request) error {
	o, u, err := s.apiOrg(r, true)
	if err != nil {
		return err
	}
	var in struct {
		Email string `json:"email"`
		Role  string `json:"role"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	inv, err := s.store.Invite(r.Context(), u.ID, store.NewInvitation{OrgID: o.ID, Email: in.Email, Role: in.Role, Locale: s.lang(r)})
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/organizations/%d/invitations", o.ID))
	writeJSON(w, http.StatusCreated, viewInvitation(inv))
	return nil
}

func (s *Server) listInvitations(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.apiOrg(r, true)
	if err != nil {
		return err
	}
	invs, err := s.store.Invitations(r.Context(), o.ID)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(invs, viewInvitation))
	return nil
}

func (s *Server) apiRevokeInvitation(w http.ResponseWriter, r *http.Request) error {
	o, u, err := s.apiOrg(r, true)
	if err != nil {
		return err
	}
	invID, err := pathID(r, "invitation")
	if err != nil {
		return err
	}
	if err := s.store.RevokeInvitation(r.Context(), u.ID, o.ID, invID); err != nil {
		return withField(err, "invitation")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// memberTarget reads the path's member id of an organization's admin's request.
func (s *Server) memberTarget(r *http.Request) (domain.Organization, domain.User, int64, error) {
	o, u, err := s.apiOrg(r, true)
	if err != nil {
		return o, u, 0, err
	}
	target, err := pathID(r, "user")
	return o, u, target, err
}

func (s *Server) apiSetMemberRole(w http.ResponseWriter, r *http.Request) error {
	o, u, target, err := s.memberTarget(r)
	if err != nil {
		return err
	}
	var in struct {
		Role string `json:"role"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.store.SetMemberRole(r.Context(), u.ID, o.ID, target, in.Role); err != nil {
		return err
	}
	members, err := s.store.Members(r.Context(), o.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.UserID == target {
			writeJSON(w, http.StatusOK, viewMember(m))
			return nil
		}
	}
	return domain.FieldErr(domain.NotFound, "user", "not_found.member", nil)
}

func (s *Server) apiRemoveMember(w http.ResponseWriter, r *http.Request) error {
	o, u, target, err := s.memberTarget(r)
	if err != nil {
		return err
	}
	if err := s.store.RemoveMember(r.Context(), u.ID, o.ID, target); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiSetFrontOffice grants or withdraws the Front Office role: only the Front Office may, and
// none withdraws their own.
func (s *Server) apiSetFrontOffice(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		FrontOffice *bool `json:"front_office"`
	}
	id, u, err := s.frontOfficeInput(w, r, &in, false)
	if err != nil {
		return err
	}
	if in.FrontOffice == nil {
		return domain.FieldErr(domain.Invalid, "front_office", "field.required", nil)
	}
	if err := s.store.SetFrontOffice(r.Context(), u.ID, id, *in.FrontOffice); err != nil {
		return withField(err, "id")
	}
	target, err := s.store.User(r.Context(), id)
	if err != nil {
		return err
	}
	guardian, err := s.guardianStatus(r, target.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewUser(target, guardian))
	return nil
}
