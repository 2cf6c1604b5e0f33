package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The pages of an organization's people (members, invitations) and the invitation's link.

// inviteLabels are the labels of the invitation form on an organization's page; its fields are
// named invite_* so that they do not meet the profile's (which has an email too).
var inviteLabels = map[string]string{"invite_email": "people.invite_email", "invite_role": "people.invite_role"}

func inviteRename(name string) string {
	switch name {
	case "email", "role":
		return "invite_" + name
	}
	return name
}

// adminOrg is manageOrgView for the organization's admin (or the Front Office) only.
func (s *Server) adminOrg(r *http.Request, v *view) (manageOrgData, error) {
	d, err := s.manageOrgView(r, v)
	if err != nil {
		return d, err
	}
	if d.Role != domain.RoleAdmin {
		return d, domain.Errorf(domain.Forbidden, "forbidden.org_admin", nil)
	}
	return d, nil
}

// orgPageFailed shows the organization's page again with err: beside the invitation form's
// fields, or at the top when it names none.
func (s *Server) orgPageFailed(w http.ResponseWriter, v *view, d manageOrgData, f *form, err error) error {
	st := status(domain.ErrorCode(err))
	if st >= 500 || st == http.StatusUnauthorized {
		return err
	}
	var de *domain.Error
	if errors.As(err, &de) && len(de.Fields) == 0 {
		v.Problem = v.T(de.Key, paramPairs(de.Params)...)
	} else if err := f.take(v, err, inviteRename); err != nil {
		return err
	}
	for k, vals := range orgFormValues(d.Org) {
		if _, ok := f.Values[k]; !ok {
			f.Values[k] = vals
		}
	}
	for k, l := range orgLabels {
		f.Labels[k] = l
	}
	v.Form, v.Data = f, d
	s.render(w, st, "manage_org", v)
	return nil
}

func (s *Server) inviteSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	f.Labels = map[string]string{}
	for k, l := range inviteLabels {
		f.Labels[k] = l
	}
	_, err = s.store.Invite(r.Context(), v.User.ID, store.NewInvitation{OrgID: d.Org.ID, Email: f.Get("invite_email"),
		Role: f.Get("invite_role"), Locale: v.Lang})
	if err != nil {
		return s.orgPageFailed(w, v, d, f, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=invited#people-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) revokeInvitationSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return err
	}
	invID, err := pathID(r, "invitation")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.invitation", nil)
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	if err := s.store.RevokeInvitation(r.Context(), v.User.ID, d.Org.ID, invID); err != nil {
		if domain.ErrorCode(err) == domain.NotFound {
			return err
		}
		return s.orgPageFailed(w, v, d, f, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=revoked#people-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

// pathMember is the member the path's user names in d's organization, NotFound for anyone else.
func pathMember(r *http.Request, d manageOrgData) (store.Member, error) {
	id, err := pathID(r, "user")
	if err == nil {
		for _, m := range d.Members {
			if m.UserID == id {
				return m, nil
			}
		}
	}
	return store.Member{}, domain.Errorf(domain.NotFound, "not_found.member", nil)
}

func (s *Server) memberRoleSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return err
	}
	m, err := pathMember(r, d)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	if err := s.store.SetMemberRole(r.Context(), v.User.ID, d.Org.ID, m.UserID, f.Get("role")); err != nil {
		var de *domain.Error
		if errors.As(err, &de) && len(de.Fields) > 0 { // a role that is not one: said at the top, naming the person
			err = domain.Errorf(de.Code, "people.role_refused", map[string]any{"name": m.Name, "reason": v.T(de.Fields[0].Key)})
		}
		return s.orgPageFailed(w, v, d, newForm(nil), err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=role#people-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

type removeMemberData struct {
	Org    domain.Organization
	Member store.Member
}

var removeLabels = map[string]string{"confirm": "people.remove_confirm"}

func (s *Server) removeMemberView(r *http.Request) (*view, removeMemberData, error) {
	v := s.newView(r, "people.remove_title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return v, removeMemberData{}, err
	}
	m, err := pathMember(r, d)
	v.Title = v.T("people.remove_title")
	return v, removeMemberData{Org: d.Org, Member: m}, err
}

func (s *Server) removeMemberPage(w http.ResponseWriter, r *http.Request) error {
	v, d, err := s.removeMemberView(r)
	if err != nil {
		return err
	}
	v.Form = newForm(nil)
	v.Form.Labels = removeLabels
	v.Data = d
	s.render(w, http.StatusOK, "member_remove", v)
	return nil
}

func (s *Server) removeMemberSubmit(w http.ResponseWriter, r *http.Request) error {
	v, d, err := s.removeMemberView(r)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form, v.Data = removeLabels, f, d
	if f.Get("confirm") != "1" {
		f.add("confirm", v.T("people.remove_confirm_required"))
		s.render(w, http.StatusUnprocessableEntity, "member_remove", v)
		return nil
	}
	if err := s.store.RemoveMember(r.Context(), v.User.ID, d.Org.ID, d.Member.UserID); err != nil {
		st := status(domain.ErrorCode(err))
		if st >= 500 || st == http.StatusNotFound {
			return err
		}
		return s.refill(w, v, f, err, st, "member_remove")
	}
	if d.Member.UserID == v.User.ID && !v.User.FrontOffice { // they left: the page is theirs no more
		http.Redirect(w, r, "/manage", http.StatusSeeOther)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=removed#people-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

// The invitation's link: anyone holding it sees what it invites to; only the account of the
// address it was sent to may accept it, and only the button's POST spends it.

type invitationData struct {
	Inv   store.Invitation
	State string // accept, other (signed in as someone else), anonymous, or invalid
	// where to sign in or register and come back to this page after
	LoginURL, RegisterURL string
}

func (s *Server) invitationView(r *http.Request, token string) (*view, invitationData, int, error) {
	v := s.newView(r, "invitation.title")
	v.Form = newForm(url.Values{"token": {token}})
	v.Form.Labels = tokenLabels
	next := url.QueryEscape("/invitations/accept?token=" + url.QueryEscape(token))
	d := invitationData{LoginURL: "/login?next=" + next, RegisterURL: "/register?next=" + next}
	var p domain.Problems
	token = tokenParam(&p, token)
	err := p.Err()
	if err == nil {
		d.Inv, err = s.store.InvitationByToken(r.Context(), token)
	}
	if err != nil {
		if err := v.Form.take(v, err, nil); err != nil {
			return v, d, 0, err
		}
		d.State = "invalid"
		return v, d, http.StatusUnprocessableEntity, nil
	}
	switch {
	case v.User == nil:
		d.State = "anonymous"
	case strings.EqualFold(v.User.Email, d.Inv.Email):
		d.State = "accept"
	default:
		d.State = "other"
		s.recordDenied(r)
		return v, d, http.StatusForbidden, nil
	}
	return v, d, http.StatusOK, nil
}

func (s *Server) invitationPage(w http.ResponseWriter, r *http.Request) error {
	v, d, st, err := s.invitationView(r, r.URL.Query().Get("token"))
	if err != nil {
		return err
	}
	v.Data = d
	s.render(w, st, "invitation", v)
	return nil
}

func (s *Server) invitationSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	v, d, st, err := s.invitationView(r, f.Values.Get("token"))
	if err != nil {
		return err
	}
	if d.State == "accept" {
		inv, err := s.store.AcceptInvitation(r.Context(), u.ID, f.Get("token"))
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=joined", inv.OrgID), http.StatusSeeOther)
			return nil
		}
		if err := v.Form.take(v, err, nil); err != nil {
			return err
		}
		d.State, st = "invalid", status(domain.ErrorCode(err))
	}
	v.Data = d
	s.render(w, st, "invitation", v)
	return nil
}

// The Front Office's page of accounts: find one by email; grant or withdraw the Front Office
// role; disable or enable it.

// MemberRoles are the roles a member may have, for the role selects.
func (v *view) MemberRoles() []string { return []string{domain.RoleCoordinator, domain.RoleAdmin} }
