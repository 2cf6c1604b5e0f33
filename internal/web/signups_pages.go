package web

import (
	"erikti/internal/calendar"
	"erikti/internal/domain"
	"erikti/internal/store"
	"fmt"
	"net/http"
	"time"
)

// A volunteer's signups as pages: signing up from the event page, my shifts, and cancelling.

// signUpPage takes a seat (or a place in line) from the event page's form.
func (s *Server) signUpPage(w http.ResponseWriter, r *http.Request) error {
	u, shiftID, f, err := postedAbout(w, r, pageUser, "not_found.shift")
	if err != nil {
		return err
	}
	key := f.Get("key")
	if checkIdempotencyKey(key) != nil {
		key = ""
	}
	sh, _, err := s.store.Shift(r.Context(), shiftID)
	if err != nil {
		return err
	}
	sg, replayed, err := s.store.SignUp(r.Context(), store.SignupRequest{ShiftID: shiftID, UserID: u.ID, IdempotencyKey: key, GuardianAge: s.opt.GuardianAge})
	if err != nil {
		code := domain.ErrorCode(err)
		if code != domain.Conflict && code != domain.Invalid && code != domain.Forbidden {
			return err
		}
		v := s.newView(r, "event.title")
		d, derr := s.eventPageData(r, v, sh.EventID)
		if derr != nil {
			return derr
		}
		f := newForm(nil) // the refusal, in the reader's words, shown at the top of the event page
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		v.Problem = f.Issues[0].Text
		v.Data = d
		s.render(w, status(code), "event", v)
		return nil
	}
	if !replayed {
		s.metrics.signups.WithLabelValues(string(sg.Status)).Inc()
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d?done=%s&shift=%d#shift-%d", sg.EventID, sg.Status, sg.ShiftID, sg.ShiftID), http.StatusSeeOther)
	return nil
}

type myShiftsData struct {
	Upcoming, Past []domain.Signup
	Attended       map[int64]domain.Checkin // by signup
	NoShow         map[int64]bool           // by signup: confirmed, ended, never checked in
	Places         map[int64]shiftPlace     // by event, of the upcoming shifts: where to go
}

// shiftPlace is where a volunteer goes for a shift: the event's venue and its map.
type shiftPlace struct {
	Venue, District, MapURL string
}

// placeOf is the venue of e as My shifts shows it.
func placeOf(v *view, e domain.Event) shiftPlace {
	return shiftPlace{Venue: e.Place(v.Lang), District: v.District(e.District), MapURL: mapURL(v, e)}
}

func (s *Server) myShiftsPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "myshifts.title")
	signups, err := s.store.UserSignups(r.Context(), u.ID)
	if err != nil {
		return err
	}
	checkins, err := s.store.UserCheckins(r.Context(), u.ID)
	if err != nil {
		return err
	}
	d := myShiftsData{Attended: checkins, NoShow: map[int64]bool{}, Places: map[int64]shiftPlace{}}
	for _, sg := range signups {
		if sg.Status == domain.SignupConfirmed && sg.Shift != nil {
			d.NoShow[sg.ID] = domain.NoShow(*sg.Shift, checkins[sg.ID], v.Now)
		}
		if sg.Status != domain.SignupCancelled && sg.Shift != nil && sg.Shift.EndsAt.After(v.Now) {
			d.Upcoming = append(d.Upcoming, sg)
			if _, seen := d.Places[sg.EventID]; !seen {
				e, err := s.store.Event(r.Context(), sg.EventID)
				if err != nil {
					return err
				}
				d.Places[sg.EventID] = placeOf(v, e)
			}
		} else {
			d.Past = append(d.Past, sg)
		}
	}
	if r.URL.Query().Get("done") == "cancelled" {
		v.Notice = v.T("myshifts.done_cancelled")
	}
	v.Data = d
	s.render(w, http.StatusOK, "myshifts", v)
	return nil
}

func (s *Server) cancelMySignup(w http.ResponseWriter, r *http.Request) error {
	u, id, _, err := postedAbout(w, r, pageUser, "not_found.signup")
	if err != nil {
		return err
	}
	_, _, err = s.store.CancelSignup(r.Context(), u.ID, id, func(sg domain.Signup, _ int64) error {
		if sg.UserID != u.ID {
			return domain.Errorf(domain.NotFound, "not_found.signup", nil)
		}
		return nil
	})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/shifts?done=cancelled", http.StatusSeeOther)
	return nil
}

// ownSignup is the signed-in volunteer's own signup named by the path, with its shift, in any
// status; anyone else's, or one that does not exist, is not found alike, so that no one learns
// which signups exist.
func (s *Server) ownSignup(r *http.Request) (domain.Signup, error) {
	u, err := pageUser(r)
	if err != nil {
		return domain.Signup{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Signup{}, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	signups, err := s.store.UserSignups(r.Context(), u.ID)
	if err != nil {
		return domain.Signup{}, err
	}
	for _, sg := range signups {
		if sg.ID == id && sg.Shift != nil {
			return sg, nil
		}
	}
	return domain.Signup{}, domain.Errorf(domain.NotFound, "not_found.signup", nil)
}

type cancelConfirmData struct {
	Signup domain.Signup
	Place  shiftPlace
	// what cancelling does to the place: "next" (the first person waiting takes it), "free" (it
	// becomes free), "leave" (a place in line is given up)
	Outcome string
}

// cancelConfirmPage asks before a signup is cancelled, saying what becomes of the place; its
// button posts to cancelMySignup. A cancelled signup has nothing left to ask about: back to My shifts.
func (s *Server) cancelConfirmPage(w http.ResponseWriter, r *http.Request) error {
	sg, err := s.ownSignup(r)
	if err != nil {
		return err
	}
	if sg.Status == domain.SignupCancelled {
		http.Redirect(w, r, "/me/shifts", http.StatusSeeOther)
		return nil
	}
	v := s.newView(r, "myday.cancel_title")
	e, err := s.store.Event(r.Context(), sg.EventID)
	if err != nil {
		return err
	}
	d := cancelConfirmData{Signup: sg, Place: placeOf(v, e), Outcome: cancelOutcome(sg, v.Now)}
	if d.Outcome == "leave" {
		v.Title = v.T("myday.leave_title")
	}
	v.Data = d
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "cancel_confirm", v)
	return nil
}

// cancelOutcome says what cancelling sg at now does to its place, as the store will do it (leaveSeat):
// a confirmed place goes to the first person waiting before the shift starts, else it is free.
func cancelOutcome(sg domain.Signup, now time.Time) string {
	switch {
	case sg.Status == domain.SignupWaitlisted:
		return "leave"
	case sg.Shift.Waitlisted > 0 && now.Before(sg.Shift.StartsAt):
		return "next"
	}
	return "free"
}

// signupCalendar is one signup's shift as an iCalendar file, for "add to my calendar".
func (s *Server) signupCalendar(w http.ResponseWriter, r *http.Request) error {
	sg, err := s.ownSignup(r)
	if err != nil {
		return err
	}
	e, err := s.store.Event(r.Context(), sg.EventID)
	if err != nil {
		return err
	}
	lang := s.pageLang(r) // the page's language, as the link was in
	c := calendar.New(s.msgs.T(lang, "calendar.my_name", nil), s.opt.Now(), domain.Almaty())
	c.Add(shiftEntry(s.baseURL(r), lang, sg, e.Place(lang), e.Status == domain.EventCancelled))
	return s.writeCalendar(w, c, fmt.Sprintf("shift-%d.ics", sg.ShiftID), false)
}
