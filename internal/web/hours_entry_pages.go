package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"erikti/internal/domain"
)

// The coordinator's entry of hours for one confirmed volunteer of a shift, linked from the
// check-in desk: for someone who came but was not checked in or out, or to correct a claim still
// pending (the entry is then a correction that refers to it, as the ledger keeps every entry).

var hoursEntryLabels = map[string]string{"hours": "hours.enter_hours", "minutes": "hours.enter_minutes"}

type hoursEntryData struct {
	Signup   domain.Signup
	Name     string
	Shift    domain.Shift
	Event    domain.Event
	Claims   []domain.LedgerEntry // this volunteer's claims on the shift, oldest first
	Corrects *domain.LedgerEntry  // the pending claim a new entry replaces, if any
	Max, Min int                  // the cap, in hours and minutes
}

// memberSignupHours is the confirmed signup named by the path, for a member of its shift's
// organization, with its shift, event and claims.
func (s *Server) memberSignupHours(r *http.Request) (hoursEntryData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return hoursEntryData{}, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	if _, err := pageUser(r); err != nil {
		return hoursEntryData{}, err
	}
	ctx := r.Context()
	sg, err := s.store.Signup(ctx, id)
	if err != nil {
		return hoursEntryData{}, err
	}
	sh, orgID, err := s.store.Shift(ctx, sg.ShiftID)
	if err != nil {
		return hoursEntryData{}, err
	}
	if _, _, err := s.memberOrg(r, orgID); err != nil {
		return hoursEntryData{}, err
	}
	if sg.Status != domain.SignupConfirmed {
		return hoursEntryData{}, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	e, err := s.store.Event(ctx, sh.EventID)
	if err != nil {
		return hoursEntryData{}, err
	}
	d := hoursEntryData{Signup: sg, Shift: sh, Event: e}
	roster, err := s.store.Roster(ctx, sh.ID)
	if err != nil {
		return d, err
	}
	for _, g := range roster {
		if g.ID == sg.ID {
			d.Name = g.UserName
		}
	}
	claims, err := s.store.ShiftClaims(ctx, sh.ID)
	if err != nil {
		return d, err
	}
	for _, c := range claims {
		if c.SignupID == sg.ID {
			d.Claims = append(d.Claims, c)
		}
	}
	for i := len(d.Claims) - 1; i >= 0; i-- {
		if d.Claims[i].Status == domain.ClaimPending {
			d.Corrects = &d.Claims[i]
			break
		}
	}
	c := domain.CapMinutes(sh)
	d.Max, d.Min = c/60, c%60
	return d, nil
}

// Decided reports whether the volunteer has a claim approved or rejected and none pending.
func (d hoursEntryData) Decided() bool {
	if d.Corrects != nil {
		return false
	}
	for _, c := range d.Claims {
		if c.Status == domain.LedgerApproved || c.Status == domain.LedgerRejected {
			return true
		}
	}
	return false
}

// hoursEntryPage shows the volunteer's claims and the form to enter hours.
func (s *Server) hoursEntryPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.memberSignupHours(r)
	if err != nil {
		return err
	}
	return s.formPage(w, r, "hours.enter_title", "hours_entry", nil, hoursEntryLabels, d)
}

// parseHoursEntry reads the form's hours (a whole number from 0) and minutes (0 to 59, empty
// for 0) into minutes; each mistake is named by its field.
func parseHoursEntry(f *form) (int, error) {
	var p domain.Problems
	num := func(name string, empty bool) int {
		v := f.Get(name)
		if v == "" && empty {
			return 0
		}
		if v == "" {
			p.Add(name, "field.required", nil)
			return 0
		}
		n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			p.Add(name, "hours.not_number", nil)
			return 0
		}
		// a number too large for any shift is kept large, for the cap to refuse, not overflow
		n = max(min(n, 1<<20), -(1 << 20))
		if n < 0 {
			p.Add(name, "hours.negative", nil)
		}
		return n
	}
	h, m := num("hours", false), num("minutes", true)
	if m > 59 {
		p.Add("minutes", "hours.minutes_range", nil)
	}
	return h*60 + m, p.Err()
}

// hoursEntrySubmit writes the entry, or a correction of the pending claim, and goes back to the
// check-in desk; a mistake comes back as 422 with the field named, nothing stored.
func (s *Server) hoursEntrySubmit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.memberSignupHours(r)
	if err != nil {
		return err
	}
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	minutes, err := parseHoursEntry(f)
	// the form's own mistakes name its fields; the store's (below zero or over the cap, of the
	// total) are shown beside the hours
	rename := func(field string) string { return field }
	if err == nil {
		var replaces int64
		if d.Corrects != nil {
			replaces = d.Corrects.ID
		}
		_, err = s.store.EnterHours(r.Context(), u.ID, d.Signup.ID, minutes, replaces)
		rename = func(string) string { return "hours" }
	}
	if err != nil {
		v := s.newView(r, "hours.enter_title")
		f.Labels, v.Form = hoursEntryLabels, f
		if err := f.take(v, err, rename); err != nil {
			return err
		}
		v.Data = d
		st := http.StatusUnprocessableEntity
		if domain.ErrorCode(err) == domain.Conflict {
			st = http.StatusConflict
		}
		s.render(w, st, "hours_entry", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin?done=hours&signup=%d", d.Shift.ID, d.Signup.ID), http.StatusSeeOther)
	return nil
}
