package web

import (
	"erikti/internal/domain"
	"erikti/internal/store"
	"fmt"
	"net/http"
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
	d := myShiftsData{Attended: checkins, NoShow: map[int64]bool{}}
	for _, sg := range signups {
		if sg.Status == domain.SignupConfirmed && sg.Shift != nil {
			d.NoShow[sg.ID] = domain.NoShow(*sg.Shift, checkins[sg.ID], v.Now)
		}
		if sg.Status != domain.SignupCancelled && sg.Shift != nil && sg.Shift.EndsAt.After(v.Now) {
			d.Upcoming = append(d.Upcoming, sg)
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
