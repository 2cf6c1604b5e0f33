package web

import (
	"erikti/internal/domain"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The coordinators' pages of a shift: adding and editing it, its roster and a message to it.

var shiftLabels = map[string]string{"role_kk": "shift.role_kk", "role_ru": "shift.role_ru", "role_en": "shift.role_en", "starts_at": "shift.starts_at", "ends_at": "shift.ends_at", "capacity": "shift.capacity"}

func shiftFormLabels(e domain.Event) map[string]string {
	var prefixes []string
	for _, sh := range e.Shifts {
		prefixes = append(prefixes, fmt.Sprintf("s%d_", sh.ID))
	}
	return eventFormLabels(append(prefixes, "new_", "")...)
}

func (s *Server) addShiftSubmit(w http.ResponseWriter, r *http.Request) error {
	e, o, f, v, err := s.eventEditForm(w, r)
	if err != nil {
		return err
	}
	f.Labels, v.Form = shiftFormLabels(e), f
	sh := domain.Shift{EventID: e.ID}
	var p domain.Problems
	applyShiftForm(f, "new_", &sh, &p)
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

// prefixer names a shift's domain fields as its form's fields: role.en → prefix+"role_en", and
// role (no language given) → prefix+"role_kk", the first of its fields.
func prefixer(prefix string) func(string) string {
	return func(n string) string {
		if strings.HasPrefix(n, prefix) {
			return n
		}
		if n == "role" {
			return prefix + "role_kk"
		}
		return prefix + strings.ReplaceAll(n, ".", "_")
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
		applyShiftForm(f, prefix, sh, &p)
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
