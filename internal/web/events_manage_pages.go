package web

import (
	"erikti/internal/domain"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The coordinators' pages of an event: the new-event form with its first shifts, the edit form,
// and cancelling.

// shiftRows is how many blank shifts the new-event form offers; more are added on the event's page.
const shiftRows = 3

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

func localValue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(domain.Almaty()).Format(localTime)
}

// eventRename names the domain's event fields as the form's: title.kk → title_kk, title → title_kk.
func eventRename(name string) string {
	if name == "title" || name == "description" || name == "venue" || name == "address" {
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
	// a new event starts as a draft: it is published when the coordinator chooses to
	v.Form = newForm(url.Values{"status": {string(domain.EventDraft)}, "min_age": {"0"}})
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
	var p domain.Problems
	e, err := eventForm(f, &p).NewEvent(o.ID, false, &p)
	if err != nil {
		if err := f.take(v, err, eventRename); err != nil {
			return err
		}
	}
	if p.Err() != nil { // beside the fields it could not read, the page shows what else is wrong
		if err := e.Validate(); err != nil {
			if err := f.take(v, err, eventRename); err != nil {
				return err
			}
		}
	}
	evStart, evEnd := localValue(e.StartsAt), localValue(e.EndsAt)
	for _, prefix := range shiftPrefixes() {
		proposeShiftTimes(f, prefix, evStart, evEnd)
		if shiftBlank(f, prefix, evStart, evEnd) {
			continue // a row left blank
		}
		sh := domain.Shift{}
		var sp domain.Problems
		applyShiftForm(f, prefix, &sh, &sp)
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

// editEventValues are the edit page's form values: the event's, and each shift's under its prefix.
func editEventValues(e domain.Event) url.Values {
	vals := eventValues(e)
	for _, sh := range e.Shifts {
		p := fmt.Sprintf("s%d_", sh.ID)
		for _, l := range domain.Languages() {
			vals.Set(p+"role_"+l, sh.Role.Get(l))
		}
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
	v.Form = newForm(editEventValues(e))
	v.Form.Labels = shiftFormLabels(e)
	v.doneNotice(r, map[string]string{
		"created":       "manage.event_created",
		"saved":         "manage.event_saved",
		"shift":         "manage.shift_saved",
		"cover":         "image.cover_saved",
		"cover_removed": "image.cover_removed",
	})
	return s.renderEditEvent(w, r, v, http.StatusOK, e, o)
}

// editEventFailed shows the edit page again with the reader's values and the errors on f.
func (s *Server) editEventFailed(w http.ResponseWriter, r *http.Request, v *view, f *form, e domain.Event, o domain.Organization) error {
	vals := editEventValues(e)
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
	var p domain.Problems
	_, err = s.store.UpdateEvent(r.Context(), v.User.ID, e.ID, eventForm(f, &p).Update(false, &p))
	if err != nil {
		if err := f.take(v, err, eventRename); err != nil {
			return err
		}
		return s.editEventFailed(w, r, v, f, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=saved", e.ID), http.StatusSeeOther)
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
