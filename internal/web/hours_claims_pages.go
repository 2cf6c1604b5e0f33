package web

import (
	"fmt"
	"net/http"

	"erikti/internal/domain"
)

var claimLabels = map[string]string{"reason": "hours.reason"}

type claimData struct {
	Claim domain.LedgerEntry
	Shift domain.Shift
	Event domain.Event
	Name  string
}

// memberClaim is the claim named by the path, for a member of its organization, with its shift.
func (s *Server) memberClaim(r *http.Request) (claimData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return claimData{}, domain.Errorf(domain.NotFound, "not_found.hours", nil)
	}
	if _, err := pageUser(r); err != nil {
		return claimData{}, err
	}
	c, err := s.store.Claim(r.Context(), id)
	if err != nil {
		return claimData{}, err
	}
	if _, _, err := s.memberOrg(r, c.OrgID); err != nil {
		return claimData{}, err
	}
	sh, _, err := s.store.Shift(r.Context(), c.ShiftID)
	if err != nil {
		return claimData{}, err
	}
	e, err := s.store.Event(r.Context(), sh.EventID)
	if err != nil {
		return claimData{}, err
	}
	sg, err := s.store.Roster(r.Context(), sh.ID)
	if err != nil {
		return claimData{}, err
	}
	d := claimData{Claim: c, Shift: sh, Event: e}
	for _, g := range sg {
		if g.ID == c.SignupID {
			d.Name = g.UserName
		}
	}
	return d, nil
}

// claimPage shows a claim of hours with the forms to approve or reject it.
func (s *Server) claimPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.memberClaim(r)
	if err != nil {
		return err
	}
	return s.formPage(w, r, "hours.claim_title", "claim", nil, claimLabels, d)
}

// claimSubmit approves the claim, or rejects it with a reason.
func (s *Server) claimSubmit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.memberClaim(r)
	if err != nil {
		return err
	}
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	if f.Values.Get("decision") == domain.LedgerRejected {
		err = s.store.RejectHours(r.Context(), u.ID, d.Claim.ID, f.Values.Get("reason"))
	} else {
		err = s.store.ApproveHours(r.Context(), u.ID, d.Claim.ID)
	}
	if err != nil {
		v := s.newView(r, "hours.claim_title")
		f.Labels, v.Form = claimLabels, f
		if err := f.take(v, err, func(field string) string {
			if field == "id" {
				return "reason"
			}
			return field
		}); err != nil {
			return err
		}
		v.Data = d
		st := http.StatusUnprocessableEntity
		if domain.ErrorCode(err) == domain.Conflict {
			st = http.StatusConflict
		}
		s.render(w, st, "claim", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin", d.Shift.ID), http.StatusSeeOther)
	return nil
}

// approveShiftHoursSubmit approves every pending claim of the shift.
func (s *Server) approveShiftHoursSubmit(w http.ResponseWriter, r *http.Request) error {
	sh, _, _, err := s.memberShift(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	u, _ := pageUser(r)
	if _, err := s.store.ApproveShiftHours(r.Context(), u.ID, sh.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/shifts/%d/checkin", sh.ID), http.StatusSeeOther)
	return nil
}
