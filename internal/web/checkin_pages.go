package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"erikti/internal/domain"
	"erikti/internal/qrcode"
	"erikti/internal/store"
)

var checkinLabels = map[string]string{"code": "checkin.code"}

// checkinRow is one confirmed volunteer on the coordinator's check-in page.
type checkinRow struct {
	Signup  domain.Signup
	Checkin domain.Checkin
	NoShow  bool
}

type checkinData struct {
	Event         domain.Event
	Shift         domain.Shift
	Rows          []checkinRow
	Before, After int
	Claims        []domain.LedgerEntry // the shift's claims of hours
	Names         map[int64]string     // by signup
}

// checkinPage is the coordinator's check-in desk for a shift: a code to type, who is in and out.
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

// renderCheckin shows the check-in desk; done ("in" or "out") and signup name the last action's
// volunteer for the notice.
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
	d := checkinData{Event: e, Shift: sh, Before: int(domain.CheckinOpensBefore / time.Minute), After: int(domain.CheckoutGrace / time.Minute)}
	for _, sg := range roster {
		if sg.Status != domain.SignupConfirmed {
			continue
		}
		c := byID[sg.ID]
		d.Rows = append(d.Rows, checkinRow{Signup: sg, Checkin: c, NoShow: domain.NoShow(sh, c, v.Now)})
		if fmt.Sprint(sg.ID) == signup && (done == "in" || done == "out") {
			v.Notice = v.T("checkin.done_"+done, "name", sg.UserName)
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

// checkinSubmit checks a volunteer in or out by the code typed.
func (s *Server) checkinSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, e, f, u, err := s.memberShiftForm(w, r)
	if err != nil {
		return err
	}
	// a scanned QR code comes as its token (the camera's script fills it in), a typed one as code
	cred := store.CheckinCredential{Code: f.Values.Get("code"), Token: f.Get("token")}
	action := "in"
	var c domain.Checkin
	if f.Values.Get("action") == "out" {
		action = "out"
		c, err = s.store.CheckOut(r.Context(), u.ID, sh.ID, cred)
	} else {
		c, err = s.store.CheckIn(r.Context(), u.ID, sh.ID, cred)
	}
	if err != nil {
		return s.checkinFailed(w, r, f, err, sh, e)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin?done=%s&signup=%d", sh.ID, action, c.SignupID), http.StatusSeeOther)
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

// checkinFailed shows the desk again with the error beside the code field: 409 for a conflict
// (checked in already), else 422.
func (s *Server) checkinFailed(w http.ResponseWriter, r *http.Request, f *form, err error, sh domain.Shift, e domain.Event) error {
	v := s.newView(r, "checkin.title")
	f.Labels, v.Form = checkinLabels, f
	if err := f.take(v, err, func(string) string { return "code" }); err != nil {
		return err
	}
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
