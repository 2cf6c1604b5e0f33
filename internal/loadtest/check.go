package loadtest

import (
	"context"
	"fmt"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// Outcome is what the check found in the database after the load.
type Outcome struct {
	Shifts        int `json:"shifts"`
	Full          int `json:"shifts_full"` // shifts whose places are all taken
	Confirmed     int `json:"confirmed"`
	Waitlisted    int `json:"waitlisted"`
	Answered      int `json:"answered_2xx"`
	Refused       int `json:"refused"`          // answers that are not 2xx: none of them may be stored
	InFlight      int `json:"in_flight"`        // requests with no answer (a transport error or a timeout)
	InFlightKept  int `json:"in_flight_stored"` // of those, stored: allowed, the request was in flight
	Overbooked    int `json:"overbooked"`       // shifts with more confirmed than places
	MaxViolations int `json:"violations_total,omitempty"`
}

// check reads every load shift's outcome and holds it against the answers:
//   - no shift holds more confirmed than its capacity, and its counters agree with its rows;
//   - a shift with S signups holds min(S, capacity) confirmed and S − that waitlisted, with
//     waitlist_seq strictly increasing (positions 1..S−C, each once), one signup per volunteer;
//   - every 2xx answer is its volunteer's row: the same id and status, and for the waitlisted the
//     answered position is the row's place in the waitlist's order;
//   - every row has a 2xx answer, except those of requests that got none (in flight); a refused
//     request (4xx, 5xx) stored nothing; every row left its idempotency key.
func check(ctx context.Context, st *store.Store, fx *fixture, answers []sample, rep *Report) error {
	outcomes, err := st.ShiftOutcomes(ctx, fx.shifts)
	if err != nil {
		return err
	}
	holdAgainst(outcomes, fx, answers, rep)
	return nil
}

// holdAgainst is check's reasoning, on outcomes already read.
func holdAgainst(outcomes map[int64]*store.ShiftOutcome, fx *fixture, answers []sample, rep *Report) {
	o := &rep.Outcome
	o.Shifts = len(fx.shifts)
	bad := func(format string, args ...any) {
		o.MaxViolations++
		if len(rep.Violations) < 20 {
			rep.Violations = append(rep.Violations, fmt.Sprintf(format, args...))
		}
	}
	type row struct {
		sg   store.OutcomeSignup
		rank int // place in the waitlist, 0 when confirmed
	}
	byUser := map[int64]row{}    // every row of the load's shifts, by volunteer (each signs up once)
	onShift := map[int64]int64{} // signup → its shift
	for _, id := range fx.shifts {
		so := outcomes[id]
		conf, wait := 0, 0
		var lastSeq int64
		for _, sg := range so.Signups {
			if prev, ok := byUser[sg.UserID]; ok {
				bad("volunteer %d holds two signups (%d and %d)", sg.UserID, prev.sg.ID, sg.ID)
			}
			r := row{sg: sg}
			switch sg.Status {
			case domain.SignupConfirmed:
				conf++
			case domain.SignupWaitlisted:
				wait++
				r.rank = wait
				if sg.WaitlistSeq <= lastSeq {
					bad("shift %d: waitlist_seq %d after %d", id, sg.WaitlistSeq, lastSeq)
				}
				lastSeq = sg.WaitlistSeq
			}
			if sg.Keys != 1 {
				bad("signup %d: %d idempotency keys stored with it, want 1", sg.ID, sg.Keys)
			}
			byUser[sg.UserID] = r
			onShift[sg.ID] = id
		}
		if conf > so.Capacity || so.Confirmed > so.Capacity {
			o.Overbooked++
			bad("shift %d OVERBOOKED: %d confirmed rows, counter %d, capacity %d", id, conf, so.Confirmed, so.Capacity)
		}
		if conf != so.Confirmed || wait != so.Waitlisted {
			bad("shift %d: counters say %d confirmed and %d waitlisted, rows %d and %d", id, so.Confirmed, so.Waitlisted, conf, wait)
		}
		if total := conf + wait; conf != min(total, so.Capacity) {
			bad("shift %d: %d signups, %d places, but %d confirmed", id, total, so.Capacity, conf)
		}
		if conf == so.Capacity {
			o.Full++
		}
		o.Confirmed += conf
		o.Waitlisted += wait
	}

	answered := map[int64]bool{}
	for _, a := range answers {
		vol := fx.load[a.i]
		r, stored := byUser[vol.id]
		switch {
		case a.status == 0:
			o.InFlight++
			if stored {
				o.InFlightKept++
				answered[vol.id] = true
			}
		case a.status >= 200 && a.status < 300:
			o.Answered++
			answered[vol.id] = true
			switch {
			case !stored:
				bad("volunteer %d was answered %d (signup %d, %s) but nothing is stored", vol.id, a.status, a.id, a.state)
			case r.sg.ID != a.id || string(r.sg.Status) != a.state:
				bad("volunteer %d was answered signup %d %s, the row is %d %s", vol.id, a.id, a.state, r.sg.ID, r.sg.Status)
			case a.state == string(domain.SignupWaitlisted) && a.position != r.rank:
				bad("volunteer %d was answered waitlist position %d, the waitlist's order puts them at %d", vol.id, a.position, r.rank)
			case a.state == string(domain.SignupConfirmed) && a.position != 0:
				bad("volunteer %d was answered confirmed with a waitlist position %d", vol.id, a.position)
			}
			if shift := fx.shiftOf(a.i); stored && onShift[r.sg.ID] != shift {
				bad("volunteer %d's signup %d is on another shift than %d", vol.id, r.sg.ID, shift)
			}
		default:
			o.Refused++
			if stored {
				bad("volunteer %d was refused (%s) but signup %d is stored", vol.id, a.err, r.sg.ID)
			}
		}
	}
	for user, r := range byUser {
		if !answered[user] {
			bad("signup %d of volunteer %d is stored without an answer or a request in flight", r.sg.ID, user)
		}
	}
	if len(answers) != len(fx.load) {
		bad("%d signups sent, %d recorded", len(fx.load), len(answers))
	}
}
