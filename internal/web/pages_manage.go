package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The pages of coordinators and organization admins: their organizations, events, shifts and rosters.

// shiftRows is how many blank shifts the new-event form offers; more are added on the event's page.
const shiftRows = 3

// localTime is how a time is written in a datetime-local field: Almaty time, to the minute.
const localTime = "2006-01-02T15:04"

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
	v.Data = ms
	s.render(w, http.StatusOK, "manage", v)
	return nil
}

var orgLabels = map[string]string{"name": "org.name", "description": "org.description", "email": "org.email",
	"phone": "org.phone", "website": "org.website", "bin": "org.bin"}

func orgFromForm(f *form) domain.Organization {
	return domain.Organization{Name: f.Get("name"), Description: strings.TrimSpace(f.Values.Get("description")),
		Email: f.Get("email"), Phone: f.Get("phone"), Website: f.Get("website"), BIN: f.Get("bin")}
}

func (s *Server) newOrgPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := pageUser(r); err != nil {
		return err
	}
	v := s.newView(r, "org_new.title")
	v.Form = newForm(nil)
	v.Form.Labels = orgLabels
	s.render(w, http.StatusOK, "org_new", v)
	return nil
}

func (s *Server) newOrgSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, err := s.ownForm(w, r, "org_new.title", orgLabels)
	if err != nil {
		return err
	}
	o := orgFromForm(f)
	err = o.Validate()
	if err == nil {
		err = s.store.CreateOrganization(r.Context(), u.ID, &o)
	}
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
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
	v.Title = o.Name
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
		"invited": "people.invited", "revoked": "people.revoked", "role": "people.role_changed", "removed": "people.removed"})
	if r.URL.Query().Get("done") == "joined" {
		v.Notice = v.T("invitation.joined", "name", d.Org.Name)
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
	err = o.Validate()
	if err == nil {
		err = s.store.UpdateOrganization(r.Context(), v.User.ID, o)
	}
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
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

var eventLabels = map[string]string{"direction": "programme.direction", "title_kk": "event.title_kk", "title_ru": "event.title_ru",
	"title_en": "event.title_en", "description_kk": "event.description_kk", "description_ru": "event.description_ru",
	"description_en": "event.description_en", "venue": "event.venue", "district": "programme.district",
	"starts_at": "event.starts_at", "ends_at": "event.ends_at", "accessibility": "programme.access",
	"min_age": "event.min_age", "status": "event.status", "project_id": "event.project"}

// eventFormLabels are the event's labels and those of its shift rows.
func eventFormLabels(prefixes ...string) map[string]string {
	out := map[string]string{}
	for k, v := range eventLabels {
		out[k] = v
	}
	for _, p := range prefixes {
		for k, v := range shiftLabels {
			out[p+k] = v
		}
	}
	return out
}

var shiftLabels = map[string]string{"role": "shift.role", "starts_at": "shift.starts_at", "ends_at": "shift.ends_at", "capacity": "shift.capacity"}

// eventValues writes an event into form values.
func eventValues(e domain.Event) url.Values {
	vals := url.Values{"direction": {e.Direction}, "venue": {e.Venue}, "district": {e.District},
		"starts_at": {localValue(e.StartsAt)}, "ends_at": {localValue(e.EndsAt)}, "min_age": {strconv.Itoa(e.MinAge)},
		"status": {string(e.Status)}, "accessibility": e.Accessibility}
	for _, l := range domain.Languages() {
		vals.Set("title_"+l, e.Title.Get(l))
		vals.Set("description_"+l, e.Description.Get(l))
	}
	if e.ProjectID > 0 {
		vals.Set("project_id", strconv.FormatInt(e.ProjectID, 10))
	}
	if e.Silver {
		vals.Set("silver", "1")
	}
	if e.Heavy {
		vals.Set("heavy", "1")
	}
	return vals
}

func localValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(domain.Almaty()).Format(localTime)
}

// applyEventForm writes the form's event fields onto e, recording what cannot be read on p.
func applyEventForm(f *form, e *domain.Event, p *domain.Problems) {
	e.Direction, e.Venue, e.District = f.Get("direction"), f.Get("venue"), f.Get("district")
	for _, l := range domain.Languages() {
		*textIn(&e.Title, l) = f.Get("title_" + l)
		*textIn(&e.Description, l) = strings.TrimSpace(f.Values.Get("description_" + l))
	}
	e.StartsAt = formTime(p, "starts_at", f.Get("starts_at"))
	e.EndsAt = formTime(p, "ends_at", f.Get("ends_at"))
	e.Accessibility = f.Values["accessibility"]
	e.MinAge = formInt(p, "min_age", f.Get("min_age"), 0)
	e.Silver = f.Get("silver") == "1"
	e.Heavy = f.Get("heavy") == "1"
	e.Status = domain.EventStatus(f.Get("status"))
	e.ProjectID = 0
	if pid := f.Get("project_id"); pid != "" {
		n, err := strconv.ParseInt(pid, 10, 64)
		if err != nil || n < 1 {
			p.Add("project_id", "field.unknown_project", nil)
		}
		e.ProjectID = n
	}
}

// textIn points at the language lang of t.
func textIn(t *domain.Text, lang string) *string {
	switch lang {
	case "ru":
		return &t.RU
	case "en":
		return &t.EN
	}
	return &t.KK
}

// formTime reads a datetime-local field in Almaty time.
func formTime(p *domain.Problems, field, v string) time.Time {
	if v == "" {
		return time.Time{} // the domain's rules say it is required
	}
	t, ok := domain.ParseTime(v)
	if !ok {
		p.Add(field, "field.time", nil)
	}
	return t
}

// formInt reads a whole-number field; empty means def.
func formInt(p *domain.Problems, field, v string, def int) int {
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		p.Add(field, "request.type_integer", nil)
	}
	return n
}

// applyShiftForm reads the shift fields named with prefix, the role in the reader's language.
func applyShiftForm(f *form, prefix, lang string, sh *domain.Shift, p *domain.Problems) {
	*textIn(&sh.Role, lang) = f.Get(prefix + "role")
	sh.StartsAt = formTime(p, prefix+"starts_at", f.Get(prefix+"starts_at"))
	sh.EndsAt = formTime(p, prefix+"ends_at", f.Get(prefix+"ends_at"))
	sh.Capacity = formInt(p, prefix+"capacity", f.Get(prefix+"capacity"), 0)
}

// eventRename names the domain's event fields as the form's: title.kk → title_kk, title → title_kk.
func eventRename(name string) string {
	if name == "title" || name == "description" {
		return name + "_kk"
	}
	return strings.ReplaceAll(name, ".", "_")
}

type eventFormData struct {
	Org       domain.Organization
	Event     domain.Event // zero when new
	Projects  []domain.Project
	ShiftRows []string // the prefixes of the blank shift rows of a new event
	FormKey   string
}

func shiftPrefixes() []string {
	out := make([]string, shiftRows)
	for i := range out {
		out[i] = fmt.Sprintf("shift%d_", i+1)
	}
	return out
}

func (s *Server) newEventPage(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.pathOrg(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "event_new.title")
	v.Form = newForm(url.Values{"status": {string(domain.EventPublished)}, "min_age": {"0"}})
	v.Form.Labels = eventFormLabels(shiftPrefixes()...)
	projects, err := s.store.Projects(r.Context())
	if err != nil {
		return err
	}
	v.Data = eventFormData{Org: o, Projects: projects, ShiftRows: shiftPrefixes()}
	s.render(w, http.StatusOK, "event_form", v)
	return nil
}

func (s *Server) newEventSubmit(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.pathOrg(r)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v := s.newView(r, "event_new.title")
	f.Labels, v.Form = eventFormLabels(shiftPrefixes()...), f
	e := domain.Event{OrgID: o.ID}
	var p domain.Problems
	applyEventForm(f, &e, &p)
	if e.Status == domain.EventCancelled {
		p.Add("status", "field.unknown_status", nil)
	}
	if err := p.Err(); err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
	}
	if err := e.Validate(); err != nil {
		if err := f.take(v, err, eventRename); err != nil {
			return err
		}
	}
	for _, prefix := range shiftPrefixes() {
		if f.Get(prefix+"role") == "" && f.Get(prefix+"starts_at") == "" && f.Get(prefix+"ends_at") == "" && f.Get(prefix+"capacity") == "" {
			continue // a row left blank
		}
		sh := domain.Shift{}
		var sp domain.Problems
		applyShiftForm(f, prefix, v.Lang, &sh, &sp)
		err := sp.Err()
		if err == nil && !f.Failed() {
			err = sh.Validate(&e)
		}
		if err != nil {
			if err := f.take(v, err, prefixer(prefix)); err != nil {
				return err
			}
		}
		e.Shifts = append(e.Shifts, sh)
	}
	if !f.Failed() {
		if err := s.store.CreateEvent(r.Context(), v.User.ID, &e); err != nil {
			if err := f.take(v, err, eventRename); err != nil {
				return err
			}
		}
	}
	if f.Failed() {
		projects, err := s.store.Projects(r.Context())
		if err != nil {
			return err
		}
		v.Data = eventFormData{Org: o, Projects: projects, ShiftRows: shiftPrefixes()}
		s.render(w, http.StatusUnprocessableEntity, "event_form", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=created", e.ID), http.StatusSeeOther)
	return nil
}

// memberEvent reads the event of the path's id for a member of its organization.
func (s *Server) memberEvent(r *http.Request) (domain.Event, domain.Organization, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Event{}, domain.Organization{}, domain.Errorf(domain.NotFound, "not_found.event", nil)
	}
	if _, err := pageUser(r); err != nil {
		return domain.Event{}, domain.Organization{}, err
	}
	e, err := s.store.Event(r.Context(), id)
	if err != nil {
		return e, domain.Organization{}, err
	}
	o, _, err := s.memberOrg(r, e.OrgID)
	return e, o, err
}

func shiftFormLabels(e domain.Event) map[string]string {
	var prefixes []string
	for _, sh := range e.Shifts {
		prefixes = append(prefixes, fmt.Sprintf("s%d_", sh.ID))
	}
	return eventFormLabels(append(prefixes, "new_", "")...)
}

// editEventValues are the edit page's form values: the event's, and each shift's under its prefix.
func editEventValues(v *view, e domain.Event) url.Values {
	vals := eventValues(e)
	for _, sh := range e.Shifts {
		p := fmt.Sprintf("s%d_", sh.ID)
		vals.Set(p+"role", sh.Role.In(v.Lang))
		vals.Set(p+"starts_at", localValue(sh.StartsAt))
		vals.Set(p+"ends_at", localValue(sh.EndsAt))
		vals.Set(p+"capacity", strconv.Itoa(sh.Capacity))
	}
	return vals
}

func (s *Server) renderEditEvent(w http.ResponseWriter, r *http.Request, v *view, st int, e domain.Event, o domain.Organization) error {
	projects, err := s.store.Projects(r.Context())
	if err != nil {
		return err
	}
	v.Title = e.Title.In(v.Lang)
	v.Data = eventFormData{Org: o, Event: e, Projects: projects, FormKey: newSecret()}
	s.render(w, st, "event_form", v)
	return nil
}

func (s *Server) editEventPage(w http.ResponseWriter, r *http.Request) error {
	e, o, err := s.memberEvent(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "event_edit.title")
	v.Form = newForm(editEventValues(v, e))
	v.Form.Labels = shiftFormLabels(e)
	v.doneNotice(r, map[string]string{
		"created": "manage.event_created",
		"saved":   "manage.event_saved",
		"shift":   "manage.shift_saved",
	})
	return s.renderEditEvent(w, r, v, http.StatusOK, e, o)
}

// editEventFailed shows the edit page again with the reader's values and the errors on f.
func (s *Server) editEventFailed(w http.ResponseWriter, r *http.Request, v *view, f *form, e domain.Event, o domain.Organization) error {
	vals := editEventValues(v, e)
	for k, val := range f.Values {
		vals[k] = val
	}
	// checkboxes absent from the submitted form are unchecked in it
	if f.Values.Has("direction") {
		vals["accessibility"] = f.Values["accessibility"]
		vals["silver"] = f.Values["silver"]
		vals["heavy"] = f.Values["heavy"]
	}
	f.Values = vals
	return s.renderEditEvent(w, r, v, http.StatusUnprocessableEntity, e, o)
}

// eventEditForm reads what a form posted from an event's edit page: the event and organization
// (for a member of it), the form, and the view that shows the page again if the form has errors.
func (s *Server) eventEditForm(w http.ResponseWriter, r *http.Request) (domain.Event, domain.Organization, *form, *view, error) {
	e, o, err := s.memberEvent(r)
	if err != nil {
		return e, o, nil, nil, err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return e, o, nil, nil, err
	}
	return e, o, f, s.newView(r, "event_edit.title"), nil
}

func (s *Server) editEventSubmit(w http.ResponseWriter, r *http.Request) error {
	e, o, f, v, err := s.eventEditForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form = shiftFormLabels(e), f
	_, err = s.store.UpdateEvent(r.Context(), v.User.ID, e.ID, func(ev *domain.Event) error {
		var p domain.Problems
		applyEventForm(f, ev, &p)
		return p.Err()
	})
	if err != nil {
		if err := f.take(v, err, eventRename); err != nil {
			return err
		}
		return s.editEventFailed(w, r, v, f, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=saved", e.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) addShiftSubmit(w http.ResponseWriter, r *http.Request) error {
	e, o, f, v, err := s.eventEditForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form = shiftFormLabels(e), f
	sh := domain.Shift{EventID: e.ID}
	var p domain.Problems
	applyShiftForm(f, "new_", v.Lang, &sh, &p)
	err = p.Err()
	if err == nil {
		err = s.store.CreateShift(r.Context(), v.User.ID, &sh)
	}
	if err != nil {
		if err := f.take(v, err, prefixer("new_")); err != nil {
			return err
		}
		return s.editEventFailed(w, r, v, f, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=shift#shift-%d", e.ID, sh.ID), http.StatusSeeOther)
	return nil
}

// prefixer names a shift's domain fields as its form's fields.
func prefixer(prefix string) func(string) string {
	return func(n string) string {
		if strings.HasPrefix(n, prefix) {
			return n
		}
		return prefix + strings.SplitN(n, ".", 2)[0]
	}
}

// memberShift reads the shift of the path's id, its event and organization, for a member of it.
func (s *Server) memberShift(r *http.Request) (domain.Shift, domain.Event, domain.Organization, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Shift{}, domain.Event{}, domain.Organization{}, domain.Errorf(domain.NotFound, "not_found.shift", nil)
	}
	if _, err := pageUser(r); err != nil {
		return domain.Shift{}, domain.Event{}, domain.Organization{}, err
	}
	sh, orgID, err := s.store.Shift(r.Context(), id)
	if err != nil {
		return sh, domain.Event{}, domain.Organization{}, err
	}
	o, _, err := s.memberOrg(r, orgID)
	if err != nil {
		return sh, domain.Event{}, o, err
	}
	e, err := s.store.Event(r.Context(), sh.EventID)
	return sh, e, o, err
}

func (s *Server) editShiftSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, o, err := s.memberShift(r)
	if err != nil {
		return err
	}
	id := sh.ID
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v := s.newView(r, "event_edit.title")
	f.Labels, v.Form = shiftFormLabels(e), f
	prefix := fmt.Sprintf("s%d_", id)
	_, err = s.store.UpdateShift(r.Context(), v.User.ID, id, func(sh *domain.Shift) error {
		var p domain.Problems
		applyShiftForm(f, prefix, v.Lang, sh, &p)
		return p.Err()
	})
	if err != nil {
		if err := f.take(v, err, prefixer(prefix)); err != nil {
			return err
		}
		return s.editEventFailed(w, r, v, f, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=shift#shift-%d", e.ID, id), http.StatusSeeOther)
	return nil
}

func (s *Server) cancelEventSubmit(w http.ResponseWriter, r *http.Request) error {
	e, o, f, v, err := s.eventEditForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form = map[string]string{"confirm": "manage.cancel_confirm"}, f
	if f.Get("confirm") != "1" {
		f.add("confirm", v.T("manage.cancel_confirm_required"))
		return s.editEventFailed(w, r, v, f, e, o)
	}
	_, err = s.store.UpdateEvent(r.Context(), v.User.ID, e.ID, func(ev *domain.Event) error {
		ev.Status = domain.EventCancelled
		return nil
	})
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		return s.editEventFailed(w, r, v, f, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=cancelled", o.ID), http.StatusSeeOther)
	return nil
}

type rosterData struct {
	Event     domain.Event
	Shift     domain.Shift
	Confirmed []domain.Signup
	Waitlist  []domain.Signup
}

var rosterMessageLabels = map[string]string{"subject": "roster.message_subject", "text": "roster.message_text"}

func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request) error {
	sh, e, _, err := s.memberShift(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "roster.title")
	v.Form = newForm(url.Values{})
	if n := r.URL.Query().Get("sent"); n != "" {
		count, _ := strconv.Atoi(n)
		v.Notice = v.T("roster.message_sent", "n", count)
	}
	return s.renderRoster(w, v, sh, e, http.StatusOK)
}

// renderRoster shows a shift's roster: the confirmed, the waitlist in order, and the form to
// write to them all.
func (s *Server) renderRoster(w http.ResponseWriter, v *view, sh domain.Shift, e domain.Event, status int) error {
	roster, err := s.store.Roster(v.r.Context(), sh.ID)
	if err != nil {
		return err
	}
	d := rosterData{Event: e, Shift: sh}
	for _, sg := range roster {
		switch sg.Status {
		case domain.SignupConfirmed:
			d.Confirmed = append(d.Confirmed, sg)
		case domain.SignupWaitlisted:
			d.Waitlist = append(d.Waitlist, sg)
		}
	}
	v.Form.Labels = rosterMessageLabels
	v.Data = d
	s.render(w, status, "roster", v)
	return nil
}

// messageRosterSubmit writes the coordinator's message to everyone on the shift, by mail.
func (s *Server) messageRosterSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, f, u, err := s.memberShiftForm(w, r)
	if err != nil {
		return err
	}
	n, err := s.store.MessageRoster(r.Context(), u.ID, sh.ID, domain.RosterMessage{Subject: f.Values.Get("subject"), Text: f.Values.Get("text")})
	if err != nil {
		v := s.newView(r, "roster.title")
		f.Labels, v.Form = rosterMessageLabels, f
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		st := http.StatusUnprocessableEntity
		if domain.ErrorCode(err) == domain.Conflict {
			st = http.StatusConflict
		}
		return s.renderRoster(w, v, sh, e, st)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/roster?sent=%d", sh.ID, n), http.StatusSeeOther)
	return nil
}
