package web

import (
	"erikti/internal/domain"
	"erikti/internal/store"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The pages of an organization: its public page, and for its coordinators and admins the list of
// their organizations, the new-organization form, the manage page and applying for verification.

type orgPageData struct {
	Org        domain.Organization
	Directions []string
	Events     []domain.Event
}

func (s *Server) organizationPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	v := s.newView(r, "organization.title")
	o, err := s.store.Organization(r.Context(), id)
	if err != nil {
		return err
	}
	if o.Status == domain.OrgSuspended && (v.User == nil || !frontOffice(*v.User)) {
		return domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	dirs, err := s.store.OrganizationDirections(r.Context())
	if err != nil {
		return err
	}
	events, _, err := s.store.Events(r.Context(), store.EventFilter{OrgID: id, From: v.Now.AddDate(0, 0, -1), Limit: 50})
	if err != nil {
		return err
	}
	v.Title = o.Name.In(v.Lang)
	v.OG = openGraph(r, o.Name.In(v.Lang), o.Description.In(v.Lang))
	v.Data = orgPageData{Org: o, Directions: dirs[id], Events: events}
	s.render(w, http.StatusOK, "organization", v)
	return nil
}

// orgFormValues are the profile form's values of o.
func orgFormValues(o domain.Organization) url.Values {
	vals := url.Values{"email": {o.Email}, "phone": {o.Phone}, "website": {o.Website}, "bin": {o.BIN},
		"invite_role": {domain.RoleCoordinator}}
	for _, l := range domain.Languages() {
		vals.Set("name_"+l, o.Name.Get(l))
		vals.Set("description_"+l, o.Description.Get(l))
	}
	return vals
}

// memberOrg reads the organization of the path's id for a signed-in member of it (or the Front
// Office) and the reader's role in it: admin, coordinator, or admin for the Front Office.
func (s *Server) memberOrg(r *http.Request, orgID int64) (domain.Organization, string, error) {
	u, err := pageUser(r)
	if err != nil {
		return domain.Organization{}, "", err
	}
	o, err := s.store.Organization(r.Context(), orgID)
	if err != nil {
		return o, "", err
	}
	role, err := s.store.MemberRole(r.Context(), orgID, u.ID)
	if err != nil {
		return o, "", err
	}
	if frontOffice(*u) {
		role = domain.RoleAdmin
	}
	if role == "" {
		return o, "", domain.Errorf(domain.Forbidden, "forbidden.not_member", nil)
	}
	return o, role, requireSecondFactor(*u)
}

// pathOrg is memberOrg for the organization the path's id names.
func (s *Server) pathOrg(r *http.Request) (domain.Organization, string, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Organization{}, "", domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	return s.memberOrg(r, id)
}

// The organizers' home: how many coming and past events of each organization it shows.
const (
	boardComing = 20
	boardPast   = 10
)

// orgHome is one of the reader's organizations on the organizers' home, with its board.
type orgHome struct {
	store.Membership
	Board store.OrgBoard
}

// managePage is the organizers' home: each of the reader's organizations with its coming events,
// each shift's places, waitlist and hours waiting for approval, and its past events folded away.
// Someone with no organization is offered to start one.
func (s *Server) managePage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "manage.title")
	ms, err := s.store.Memberships(r.Context(), u.ID)
	if err != nil {
		return err
	}
	var homes []orgHome
	if len(ms) > 0 {
		if err := requireSecondFactor(*u); err != nil {
			return err
		}
		boards, err := s.store.OrganizerBoards(r.Context(), u.ID, boardComing, boardPast)
		if err != nil {
			return err
		}
		for _, m := range ms {
			h := orgHome{Membership: m}
			if b := boards[m.Org.ID]; b != nil {
				h.Board = *b
			}
			homes = append(homes, h)
		}
	}
	v.Data = homes
	s.render(w, http.StatusOK, "manage", v)
	return nil
}

var orgLabels = map[string]string{"name": "org.name", "name_kk": "texts.name_kk", "name_ru": "texts.name_ru", "name_en": "texts.name_en",
	"description": "org.description", "description_kk": "texts.description_kk", "description_ru": "texts.description_ru",
	"description_en": "texts.description_en", "email": "org.email", "phone": "org.phone", "website": "org.website", "bin": "org.bin"}

// orgRename names the domain's organization fields as the form's: name.kk → name_kk; a name
// missing in every language is shown at the first name field.
func orgRename(name string) string {
	if name == "name" {
		return "name_kk"
	}
	return strings.ReplaceAll(name, ".", "_")
}

func (s *Server) newOrgPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := pageUser(r); err != nil {
		return err
	}
	return s.formPage(w, r, "org_new.title", "org_new", nil, orgLabels, nil)
}

func (s *Server) newOrgSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "org_new.title", orgLabels)
	if err != nil {
		return err
	}
	o := orgFromForm(f)
	if err := s.store.CreateOrganization(r.Context(), u.ID, &o); err != nil {
		if err := f.take(v, err, orgRename); err != nil {
			return err
		}
		s.render(w, http.StatusUnprocessableEntity, "org_new", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d", o.ID), http.StatusSeeOther)
	return nil
}

type manageOrgData struct {
	Org         domain.Organization
	Role        string
	Events      []domain.Event
	Members     []store.Member
	Invitations []store.Invitation // waiting; only for its admin
}

func (s *Server) manageOrgView(r *http.Request, v *view) (manageOrgData, error) {
	o, role, err := s.pathOrg(r)
	if err != nil {
		return manageOrgData{}, err
	}
	events, _, err := s.store.Events(r.Context(), store.EventFilter{OrgID: o.ID, WithDrafts: true, Limit: 200})
	if err != nil {
		return manageOrgData{}, err
	}
	members, err := s.store.Members(r.Context(), o.ID)
	if err != nil {
		return manageOrgData{}, err
	}
	var invs []store.Invitation
	if role == domain.RoleAdmin {
		if invs, err = s.store.Invitations(r.Context(), o.ID); err != nil {
			return manageOrgData{}, err
		}
	}
	v.Title = o.Name.In(v.Lang)
	return manageOrgData{Org: o, Role: role, Events: events, Members: members, Invitations: invs}, nil
}

func (s *Server) manageOrgPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.manageOrgView(r, v)
	if err != nil {
		return err
	}
	v.Form = newForm(orgFormValues(d.Org))
	v.Form.Labels = orgLabels
	v.doneNotice(r, map[string]string{"saved": "org.saved", "applied": "org.applied_notice", "cancelled": "manage.event_cancelled",
		"invited": "people.invited", "revoked": "people.revoked", "role": "people.role_changed", "removed": "people.removed", "logo": "image.logo_saved", "logo_removed": "image.logo_removed"})
	if r.URL.Query().Get("done") == "joined" {
		v.Notice = v.T("invitation.joined", "name", d.Org.Name.In(v.Lang))
	}
	v.Data = d
	s.render(w, http.StatusOK, "manage_org", v)
	return nil
}

func (s *Server) manageOrgSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.manageOrgView(r, v)
	if err != nil {
		return err
	}
	if d.Role != domain.RoleAdmin {
		return domain.Errorf(domain.Forbidden, "forbidden.org_admin", nil)
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form = orgLabels, f
	o := orgFromForm(f)
	o.ID = d.Org.ID
	if err := s.store.UpdateOrganization(r.Context(), v.User.ID, o); err != nil {
		if err := f.take(v, err, orgRename); err != nil {
			return err
		}
		v.Data = d
		s.render(w, http.StatusUnprocessableEntity, "manage_org", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=saved", d.Org.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) applyOrg(w http.ResponseWriter, r *http.Request) error {
	o, role, err := s.pathOrg(r)
	if err != nil {
		return err
	}
	if role != domain.RoleAdmin {
		return domain.Errorf(domain.Forbidden, "forbidden.org_admin", nil)
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	u, _ := pageUser(r)
	if err := s.store.ApplyForVerification(r.Context(), u.ID, o.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=applied", o.ID), http.StatusSeeOther)
	return nil
}

// boardPending is a shift's hours waiting for approval, for the "board-pending" partial.
type boardPending struct {
	V *view
	S store.BoardShift
}

// Pending is sh's line of hours waiting for approval on the organizers' home.
func (v *view) Pending(sh store.BoardShift) boardPending { return boardPending{v, sh} }
