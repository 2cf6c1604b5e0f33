package web

import (
	"net/http"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// checkinView is a confirmed volunteer's attendance on a shift, as the API shows it.
type checkinView struct {
	SignupID     int64  `json:"signup_id"`
	ShiftID      int64  `json:"shift_id"`
	UserID       int64  `json:"user_id"`
	Name         string `json:"name"`
	CheckedInAt  string `json:"checked_in_at,omitempty"`
	CheckedOutAt string `json:"checked_out_at,omitempty"`
}

func viewCheckin(c domain.Checkin) checkinView {
	return checkinView{SignupID: c.SignupID, ShiftID: c.ShiftID, UserID: c.UserID, Name: c.UserName,
		CheckedInAt: formatTime(c.CheckedInAt), CheckedOutAt: formatTime(c.CheckedOutAt)}
}

// checkinInput is what a coordinator typed or scanned; all (check-outs only) checks out everyone
// still in.
type checkinInput struct {
	Code  string `json:"code"`
	Token string `json:"token"`
	All   bool   `json:"all"`
}

// apiCheckIn checks a confirmed volunteer in to the shift by their code or QR token, or by their
// signup's id (the desk's list).
func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Code     string `json:"code"`
		Token    string `json:"token"`
		SignupID int64  `json:"signup_id"`
	}
	sh, u, err := s.shiftForMemberInput(w, r, &in)
	if err != nil {
		return err
	}
	if in.SignupID < 0 {
		return domain.FieldErr(domain.Invalid, "signup_id", "field.id", nil)
	}
	c, err := s.store.CheckIn(r.Context(), u.ID, sh.ID, store.CheckinCredential{Code: in.Code, Token: in.Token, SignupID: in.SignupID})
	if err != nil {
		return withField(err, "signup_id")
	}
	writeJSON(w, http.StatusOK, viewCheckin(c))
	return nil
}

// apiUndoCheckIn takes back a check-in the caller made of the signup the path names, within
// domain.CheckinUndoWindow and while nothing rests on it (store.UndoCheckIn): 409 otherwise,
// also for a confirmed signup never checked in. An unknown signup is 404; one of an organization
// the caller may not act for 403, as for its shift.
func (s *Server) apiUndoCheckIn(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	sg, err := s.store.Signup(r.Context(), id)
	if err != nil {
		return withField(err, "id")
	}
	_, orgID, err := s.store.Shift(r.Context(), sg.ShiftID)
	if err != nil {
		return err
	}
	if err := s.requireMember(r, u, orgID); err != nil {
		return err
	}
	if _, err = s.store.UndoCheckIn(r.Context(), u.ID, sg.ShiftID, id); err != nil {
		return withField(fieldRenamed(err, "signup_id", "id"), "id")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiCheckOut checks a volunteer out of the shift, or with all everyone still in.
func (s *Server) apiCheckOut(w http.ResponseWriter, r *http.Request) error {
	var in checkinInput
	sh, u, err := s.shiftForMemberInput(w, r, &in)
	if err != nil {
		return err
	}
	if in.All {
		if in.Code != "" || in.Token != "" {
			return domain.FieldErr(domain.Invalid, "all", "checkin.all_or_one", nil)
		}
		n, err := s.store.CheckOutAll(r.Context(), u.ID, sh.ID)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, map[string]int{"checked_out": n})
		return nil
	}
	c, err := s.store.CheckOut(r.Context(), u.ID, sh.ID, store.CheckinCredential{Code: in.Code, Token: in.Token})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewCheckin(c))
	return nil
}

// apiCheckinPass gives the volunteer the check-in code of their confirmed signup and a fresh QR
// token (the one before stops working).
func (s *Server) apiCheckinPass(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	var in struct{}
	if err := decode(w, r, &in, true); err != nil {
		return err
	}
	code, token, err := s.store.CheckinPass(r.Context(), u.ID, id)
	if err != nil {
		return withField(err, "id")
	}
	writePrivate(w, map[string]string{"code": code, "token": token})
	return nil
}
