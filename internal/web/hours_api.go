package web

import (
	"net/http"
	"strconv"
	"time"

	"erikti/internal/domain"
)

// claimView is a claim of hours in the ledger, as the API shows it.
type claimView struct {
	ID        int64  `json:"id"`
	SignupID  int64  `json:"signup_id"`
	ShiftID   int64  `json:"shift_id"`
	UserID    int64  `json:"user_id"`
	Kind      string `json:"kind"`
	Minutes   int    `json:"minutes"`
	Replaces  int64  `json:"replaces,omitempty"`
	Status    string `json:"status"`
	CreatedAt string `json:"created_at"`
}

func viewClaim(e domain.LedgerEntry) claimView {
	return claimView{ID: e.ID, SignupID: e.SignupID, ShiftID: e.ShiftID, UserID: e.UserID, Kind: e.Kind, Minutes: e.Minutes,
		Replaces: e.RefersTo, Status: e.Status, CreatedAt: formatTime(e.CreatedAt)}
}

// shiftHours lists a shift's claims of hours with their status.
func (s *Server) shiftHours(w http.ResponseWriter, r *http.Request) error {
	sh, _, err := s.shiftForMember(r)
	if err != nil {
		return err
	}
	claims, err := s.store.ShiftClaims(r.Context(), sh.ID)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(claims, viewClaim))
	return nil
}

// enterHours writes a coordinator's claim of minutes for a confirmed signup of the shift, or a
// correction of a pending one.
func (s *Server) enterHours(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		SignupID int64 `json:"signup_id"`
		Minutes  *int  `json:"minutes"`
		Replaces int64 `json:"replaces"`
	}
	sh, u, err := s.shiftForMemberInput(w, r, &in)
	if err != nil {
		return err
	}
	if in.Minutes == nil {
		return domain.FieldErr(domain.Invalid, "minutes", "field.required", nil)
	}
	sg, err := s.store.Signup(r.Context(), in.SignupID)
	if err != nil || sg.ShiftID != sh.ID {
		return domain.FieldErr(domain.Invalid, "signup_id", "hours.not_confirmed", nil)
	}
	id, err := s.store.EnterHours(r.Context(), u.ID, sg.ID, *in.Minutes, in.Replaces)
	if err != nil {
		return err
	}
	c, err := s.store.Claim(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewClaim(c))
	return nil
}

// approveShiftHours approves every pending claim of the shift.
func (s *Server) approveShiftHours(w http.ResponseWriter, r *http.Request) error {
	sh, u, err := s.shiftForMember(r)
	if err != nil {
		return err
	}
	n, err := s.store.ApproveShiftHours(r.Context(), u.ID, sh.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]int{"approved": n})
	return nil
}

// claimForMember is the claim named by the path, for a member of its organization.
func (s *Server) claimForMember(r *http.Request) (domain.LedgerEntry, domain.User, error) {
	id, u, err := s.idUser(r)
	if err != nil {
		return domain.LedgerEntry{}, u, err
	}
	c, err := s.store.Claim(r.Context(), id)
	if err != nil {
		return c, u, err
	}
	return c, u, s.requireMember(r, u, c.OrgID)
}

// decideHours approves a claim, or rejects it with a reason.
func (s *Server) decideHours(w http.ResponseWriter, r *http.Request) error {
	c, u, err := s.claimForMember(r)
	if err != nil {
		return err
	}
	var in struct {
		Decision string `json:"decision"`
		Reason   string `json:"reason"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	switch in.Decision {
	case domain.LedgerApproved:
		err = s.store.ApproveHours(r.Context(), u.ID, c.ID)
	case domain.LedgerRejected:
		err = s.store.RejectHours(r.Context(), u.ID, c.ID, in.Reason)
	default:
		return domain.FieldErr(domain.Invalid, "decision", "hours.decision", nil)
	}
	if err != nil {
		return err
	}
	if c, err = s.store.Claim(r.Context(), c.ID); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewClaim(c))
	return nil
}

// bookEntry is one approved entry of the volunteer's book.
type bookEntry struct {
	ClaimID      int64       `json:"claim_id"`
	Organization domain.Text `json:"organization"`
	EventID      int64       `json:"event_id"`
	Event        domain.Text `json:"event"`
	Direction    string      `json:"direction"`
	Date         string      `json:"date"`
	Minutes      int         `json:"minutes"`
	day          time.Time
}

// Day is the shift's day, for the page.
func (b bookEntry) Day() time.Time { return b.day }

// hoursBook is the volunteer's book: every approved entry, with totals in minutes by year (of
// the shift, in Almaty) and by direction; the API and the page show the same.
type hoursBook struct {
	Items       []bookEntry    `json:"items"`
	Total       int            `json:"total_minutes"`
	ByYear      map[string]int `json:"by_year"`
	ByDirection map[string]int `json:"by_direction"`
}

func (s *Server) bookOf(r *http.Request, userID int64) (hoursBook, error) {
	book, err := s.store.HoursBook(r.Context(), userID)
	if err != nil {
		return hoursBook{}, err
	}
	out := hoursBook{Items: []bookEntry{}, ByYear: map[string]int{}, ByDirection: map[string]int{}}
	for _, b := range book {
		day := b.ShiftStarts.In(domain.Almaty())
		out.Items = append(out.Items, bookEntry{ClaimID: b.ClaimID, Organization: b.Organization, EventID: b.EventID, Event: b.EventTitle,
			Direction: b.Direction, Date: day.Format("2006-01-02"), Minutes: b.Minutes, day: day})
		out.Total += b.Minutes
		out.ByYear[strconv.Itoa(day.Year())] += b.Minutes
		out.ByDirection[b.Direction] += b.Minutes
	}
	return out, nil
}

// myHours is the volunteer's book of hours.
func (s *Server) myHours(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	out, err := s.bookOf(r, u.ID)
	if err != nil {
		return err
	}
	writePrivate(w, out)
	return nil
}
