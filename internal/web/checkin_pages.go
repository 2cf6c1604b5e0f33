package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"erikti/internal/domain"
	"erikti/internal/qrcode"
	"erikti/internal/store"
)

var checkinLabels = map[string]string{"code": "checkin.code", "signup_id": "checkin.signup"}

// deskQueryMax is how many characters of a name search the desk reads; the rest is cut.
const deskQueryMax = 100

// The states of a confirmed volunteer at the desk, each with its text and colour (state-*).
const (
	deskWaiting = "waiting" // not checked in yet, the shift not over
	deskIn      = "in"
	deskOut     = "out"
	deskAbsent  = "absent" // never checked in, the shift over
)

// checkinRow is one confirmed volunteer on the coordinator's check-in desk.
type checkinRow struct {
	Signup  domain.Signup
	Checkin domain.Checkin
	State   string // deskWaiting, deskIn, deskOut or deskAbsent
	Match   string // the name in lower case, for the live filter
	Hidden  bool   // not found by the search; the live filter may show it again
}

// deskCounts is how many confirmed volunteers are in each state, over the whole shift.
type deskCounts struct {
	Waiting, In, Out, Absent, All int
}

// deskDone is the last check-in this coordinator made, shown with its Undo while the window lasts.
type deskDone struct {
	SignupID int64
	Name     string
	Undo     bool
}

type checkinData struct {
	Event         domain.Event
	Shift         domain.Shift
	Rows          []checkinRow // every confirmed volunteer, those the search does not find hidden
	Counts        deskCounts
	Query         string
	Found         int // how many the search finds
	Done          *deskDone
	Before, After int
	UndoMinutes   int
	Claims        []domain.LedgerEntry // the shift's claims of hours
	Names         map[int64]string     // by signup
}

// deskQuery reads the desk's name search: trimmed, and cut at deskQueryMax characters.
func deskQuery(r *http.Request) string {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > deskQueryMax {
		q = string([]rune(q)[:deskQueryMax])
	}
	return q
}

// deskState is where a confirmed volunteer stands at now.
func deskState(sh domain.Shift, c domain.Checkin, now time.Time) string {
	switch {
	case !c.CheckedOutAt.IsZero():
		return deskOut
	case !c.CheckedInAt.IsZero():
		return deskIn
	case domain.NoShow(sh, c, now):
		return deskAbsent
	}
	return deskWaiting
}

// checkinPage is the coordinator's check-in desk for a shift: who is in, out or absent, the list of
// confirmed volunteers to tap (found by name with ?q=), and a code to type or scan.
func (s *Server) checkinPage(w http.ResponseWriter, r *http.Request) error {
	sh, e, _, err := s.memberShift(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "checkin.title")
	v.Form = newForm(url.Values{})
	q := r.URL.Query()
	if n := q.Get("all"); n != "" {
		count, _ := strconv.Atoi(n)
		v.Notice = v.T("checkin.done_all", "n", count)
	}
	return s.renderCheckin(w, v, sh, e, http.StatusOK, q.Get("done"), q.Get("signup"))
}

// renderCheckin shows the check-in desk; done ("in", "out", "undone" or "hours") and signup name
// the last action's volunteer for the notice; a check-in this coordinator may still undo comes with
// its Undo button instead.
func (s *Server) renderCheckin(w http.ResponseWriter, v *view, sh domain.Shift, e domain.Event, status int, done, signup string) error {
	ctx := v.r.Context()
	roster, err := s.store.Roster(ctx, sh.ID)
	if err != nil {
		return err
	}
	list, err := s.store.Checkins(ctx, sh.ID)
	if err != nil {
		return err
	}
	byID := map[int64]domain.Checkin{}
	for _, c := range list {
		byID[c.SignupID] = c
	}
	d := checkinData{Event: e, Shift: sh, Before: int(domain.CheckinOpensBefore / time.Minute), After: int(domain.CheckoutGrace / time.Minute),
		UndoMinutes: int(domain.CheckinUndoWindow / time.Minute), Query: deskQuery(v.r)}
	find := strings.ToLower(d.Query)
	for _, sg := range roster {
		if sg.Status != domain.SignupConfirmed {
			continue
		}
		c := byID[sg.ID]
		row := checkinRow{Signup: sg, Checkin: c, State: deskState(sh, c, v.Now), Match: strings.ToLower(sg.UserName)}
		d.Counts.add(row.State)
		row.Hidden = !strings.Contains(row.Match, find)
		if !row.Hidden {
			d.Found++
		}
		d.Rows = append(d.Rows, row)
		if fmt.Sprint(sg.ID) != signup {
			continue
		}
		switch done {
		case "in":
			d.Done = &deskDone{SignupID: sg.ID, Name: sg.UserName,
				Undo: c.CheckedOutAt.IsZero() && v.User != nil && c.CheckedInBy == v.User.ID && v.Now.Sub(c.CheckedInAt) <= domain.CheckinUndoWindow}
			if !d.Done.Undo {
				d.Done, v.Notice = nil, v.T("checkin.done_in", "name", sg.UserName)
			}
		case "out":
			v.Notice = v.T("checkin.done_out", "name", sg.UserName)
		case "undone":
			v.Notice = v.T("checkin.done_undone", "name", sg.UserName)
		}
	}
	if d.Claims, err = s.store.ShiftClaims(ctx, sh.ID); err != nil {
		return err
	}
	d.Names = map[int64]string{}
	for _, sg := range roster {
		d.Names[sg.ID] = sg.UserName
	}
	if done == "hours" {
		for _, c := range d.Claims {
			if fmt.Sprint(c.SignupID) == signup && c.Kind == domain.LedgerEntered {
				v.Notice = v.T("hours.entered_notice", "name", d.Names[c.SignupID], "hours", v.Hours(c.Minutes))
			}
		}
	}
	v.Form.Labels = checkinLabels
	v.Data = d
	s.render(w, status, "checkin", v)
	return nil
}

func (n *deskCounts) add(state string) {
	n.All++
	switch state {
	case deskIn:
		n.In++
	case deskOut:
		n.Out++
	case deskAbsent:
		n.Absent++
	default:
		n.Waiting++
	}
}

// deskSignup reads the signup a desk's form names (a row tapped, an Undo); malformed is 422 naming it.
func deskSignup(f *form) (int64, error) {
	id, err := strconv.ParseInt(f.Values.Get("signup_id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.FieldErr(domain.Invalid, "signup_id", "field.id", nil)
	}
	return id, nil
}

// checkinSubmit checks a volunteer in or out by the code typed or scanned, or in by the row tapped.
func (s *Server) checkinSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, f, u, err := s.memberShiftForm(w, r)
	if err != nil {
		return err
	}
	// a scanned QR code comes as its token (the camera's script fills it in), a typed one as code,
	// a tapped row as its signup
	cred := store.CheckinCredential{Code: f.Values.Get("code"), Token: f.Get("token")}
	if f.Values.Has("signup_id") {
		if cred.SignupID, err = deskSignup(f); err != nil {
			return s.checkinFailed(w, r, f, err, sh, e)
		}
	}
	action := "in"
	var c domain.Checkin
	if f.Values.Get("action") == "out" && cred.SignupID == 0 {
		action = "out"
		c, err = s.store.CheckOut(r.Context(), u.ID, sh.ID, cred)
	} else {
		c, err = s.store.CheckIn(r.Context(), u.ID, sh.ID, cred)
	}
	if err != nil {
		return s.checkinFailed(w, r, f, err, sh, e)
	}
	// a tap comes back to its notice and Undo (#done) below the top, near the list; a code typed or
	// scanned to the top, beside the code's field and the camera
	anchor := ""
	if cred.SignupID != 0 {
		anchor = "#done"
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin?done=%s&signup=%d%s", sh.ID, action, c.SignupID, anchor), http.StatusSeeOther)
	return nil
}

// undoCheckinSubmit takes back the check-in this coordinator made of the signup named, within
// domain.CheckinUndoWindow (store.UndoCheckIn); a refusal is 409 on the desk, a signup with no
// check-in on this shift 404.
func (s *Server) undoCheckinSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, f, u, err := s.memberShiftForm(w, r)
	if err != nil {
		return err
	}
	id, err := deskSignup(f)
	if err == nil {
		_, err = s.store.UndoCheckIn(r.Context(), u.ID, sh.ID, id)
	}
	if domain.ErrorCode(err) == domain.NotFound {
		return err
	}
	if err != nil {
		return s.checkinFailed(w, r, f, err, sh, e)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin?done=undone&signup=%d#done", sh.ID, id), http.StatusSeeOther) // #nosec G710 -- a local path of two integers
	return nil
}

// checkoutAllSubmit checks out everyone still checked in to the shift.
func (s *Server) checkoutAllSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, f, u, err := s.memberShiftForm(w, r)
	if err != nil {
		return err
	}
	n, err := s.store.CheckOutAll(r.Context(), u.ID, sh.ID)
	if err != nil {
		return s.checkinFailed(w, r, f, err, sh, e)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin?all=%d", sh.ID, n), http.StatusSeeOther)
	return nil
}

// checkinFailed shows the desk again with the error beside the code field, or on the list for a
// row tapped or an Undo: 409 for a conflict (checked in already), else 422.
func (s *Server) checkinFailed(w http.ResponseWriter, r *http.Request, f *form, err error, sh domain.Shift, e domain.Event) error {
	v := s.newView(r, "checkin.title")
	f.Labels, v.Form = checkinLabels, f
	if err := f.take(v, err, func(name string) string {
		if name == "signup_id" {
			return name
		}
		return "code"
	}); err != nil {
		return err
	}
	// the tap's and the undo's fields are not typed again
	f.Values.Del("signup_id")
	st := http.StatusUnprocessableEntity
	if domain.ErrorCode(err) == domain.Conflict {
		st = http.StatusConflict
	}
	return s.renderCheckin(w, v, sh, e, st, "", "")
}

type checkinPassData struct {
	Signup domain.Signup
	Code   string
	Before int
}

// mySignup is the signed-in volunteer's own confirmed signup named by the path, with its shift;
// any other is not found alike (ownSignup).
func (s *Server) mySignup(r *http.Request) (domain.Signup, error) {
	sg, err := s.ownSignup(r)
	if err != nil {
		return domain.Signup{}, err
	}
	if sg.Status != domain.SignupConfirmed {
		return domain.Signup{}, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	return sg, nil
}

// checkinPassPage shows the volunteer their check-in code and its QR code.
func (s *Server) checkinPassPage(w http.ResponseWriter, r *http.Request) error {
	sg, err := s.mySignup(r)
	if err != nil {
		return err
	}
	code, _, err := s.store.CheckinPass(r.Context(), sg.UserID, sg.ID)
	if err != nil {
		return err
	}
	v := s.newView(r, "checkin.pass_title")
	v.Data = checkinPassData{Signup: sg, Code: code, Before: int(domain.CheckinOpensBefore / time.Minute)}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "checkin_pass", v)
	return nil
}

// checkinQR is the PNG of a QR code of a fresh check-in token of the volunteer's signup.
func (s *Server) checkinQR(w http.ResponseWriter, r *http.Request) error {
	sg, err := s.mySignup(r)
	if err != nil {
		return err
	}
	_, token, err := s.store.CheckinPass(r.Context(), sg.UserID, sg.ID)
	if err != nil {
		return err
	}
	img, err := qrcode.PNG(token, 240)
	if err != nil {
		return err
	}
	writePNG(w, img)
	return nil
}
