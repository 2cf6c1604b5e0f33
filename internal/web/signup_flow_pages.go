package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"erikti/internal/domain"
)

// The way a visitor signs up for a shift from its event page without losing it: the event page's
// "Sign up" is, for a visitor, a link to the shift's confirmation page (/signup?shift=N), whose
// door sends them to sign in with that page as the way back (next). The way back goes from the
// login page to the registration form, through the second step of signing in, into the link that
// verifies a new address (the link's token keeps it), and ends on the confirmation page: the shift
// as the event page shows it, with one "Confirm sign-up" button that posts the event page's own
// signup form. The page asks rather than signs up by itself, because a GET must take nothing, and
// a person who came back a day later, from a mail, deserves to see what they are about to take.
//
// Every way back passes localPath: a path on erikti, else "/".

// signupPath is the confirmation page of shift id, the way back of a visitor who pressed "Sign up".
func signupPath(id int64) string { return "/signup?shift=" + strconv.FormatInt(id, 10) }

// signupShift is the shift a way back leads to the confirmation of, or 0.
func signupShift(next string) int64 {
	u, err := url.Parse(localPath(next))
	if err != nil || u.Path != "/signup" {
		return 0
	}
	id, err := strconv.ParseInt(u.Query().Get("shift"), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// wayBackQuery is "?next=…" for a way back worth keeping, "" for none.
func wayBackQuery(next string) string {
	if next = localPath(next); next == "/" {
		return ""
	}
	return "?next=" + url.QueryEscape(next)
}

// signupConfirmData is the confirmation page of one shift.
type signupConfirmData struct {
	eventData
	Shift         *domain.Shift // of Event.Shifts
	Held          domain.Signup // the reader's place or place in line on the shift, if any
	Clash         domain.Signup // the reader's shift at the same time, if any
	Open          bool          // the shift takes signups now
	NeedsGuardian bool          // the reader needs a guardian's consent first
}

// shiftConfirmation reads the shift of the confirmation page as the reader may see it: a shift that
// does not exist, or of an event they may not see, is not found.
func (s *Server) shiftConfirmation(r *http.Request, v *view, shiftID int64) (signupConfirmData, error) {
	sh, _, err := s.store.Shift(r.Context(), shiftID)
	if err != nil {
		return signupConfirmData{}, err
	}
	ed, err := s.eventPageData(r, v, sh.EventID)
	if err != nil {
		return signupConfirmData{}, err
	}
	d := signupConfirmData{eventData: ed}
	for i := range ed.Event.Shifts {
		if ed.Event.Shifts[i].ID == shiftID {
			d.Shift = &ed.Event.Shifts[i]
		}
	}
	if d.Shift == nil {
		return d, domain.Errorf(domain.NotFound, "not_found.shift", nil)
	}
	d.Held, d.Clash = ed.Mine[shiftID], ed.Overlap[shiftID]
	d.Open = ed.CanSignUp && d.Shift.StartsAt.After(v.Now)
	e := ed.Event
	d.NeedsGuardian = d.Open && v.NeedsGuardian(d.Shift.StartsAt) && !(e.Heavy || e.Direction == domain.DirectionEmergency)
	return d, nil
}

// signupConfirmPage shows one shift with the button that takes it: where a visitor who pressed
// "Sign up" comes back to once signed in or registered.
func (s *Server) signupConfirmPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "signupflow.confirm_title")
	v.NoIndex = true
	raw := strings.TrimSpace(r.URL.Query().Get("shift"))
	if raw == "" {
		v.Problem = v.T("signupflow.field_shift") + ": " + v.T("field.required")
		s.render(w, http.StatusUnprocessableEntity, "signup_confirm", v)
		return nil
	}
	shiftID, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || shiftID <= 0 {
		v.Problem = v.T("signupflow.field_shift") + ": " + v.T("signupflow.shift_invalid")
		s.render(w, http.StatusUnprocessableEntity, "signup_confirm", v)
		return nil
	}
	d, err := s.shiftConfirmation(r, v, shiftID)
	if err != nil {
		return err
	}
	v.Title = v.T("signupflow.confirm_title")
	if r.URL.Query().Get("done") == "verified" && v.User != nil && v.User.EmailVerified { // said only when true
		v.Notice = v.T("verify.done")
	}
	v.Data = d
	s.render(w, http.StatusOK, "signup_confirm", v)
	return nil
}

// welcomeData is what a new account is told to do next.
type welcomeData struct {
	Email    string
	Verified bool
	Next     string             // the way back, "" for none
	Shift    *signupConfirmData // the shift the way back confirms, if it does and it can be shown
}

// welcomePage greets a new account: confirm the address (where the mail went), then the shift
// they came for (or the programme), then the profile.
func (s *Server) welcomePage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "signupflow.welcome_title")
	v.NoIndex = true
	d := welcomeData{Email: u.Email, Verified: u.EmailVerified}
	if next := localPath(r.URL.Query().Get("next")); next != "/" {
		d.Next = next
	}
	if id := signupShift(d.Next); id > 0 {
		title := v.Title
		sd, err := s.shiftConfirmation(r, v, id)
		switch {
		case err == nil:
			d.Shift = &sd
		case domain.ErrorCode(err) != domain.NotFound:
			return err
		}
		v.Title, v.OG, v.JSONLD = title, nil, nil // the welcome, not the event, is the page
	}
	v.Data = d
	s.render(w, http.StatusOK, "welcome", v)
	return nil
}

// afterVerification is where a verified link with the way back wayBack goes: the shift's
// confirmation page, saying the address is confirmed; "" to stay on the verification page.
func afterVerification(wayBack string) string {
	if id := signupShift(wayBack); id > 0 {
		return signupPath(id) + "&done=verified"
	}
	return ""
}

// WayBack is "?next=…" carrying the way back of the page's form to another page of signing in or
// registering, "" for none.
func (v *view) WayBack() string {
	if v.Form == nil {
		return ""
	}
	return wayBackQuery(v.Form.Get("next"))
}
