package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// lineStep is one write of a line of signups: a signup and the answer it must get, or (check set)
// a write of another kind that reads the shift's counters as they stand at its place in the line.
type lineStep struct {
	user, shift int // indexes into the line's volunteers and shifts; shift -1 is none that exists
	key         string
	want        string // "confirmed 0", "waitlisted 2", "replayed confirmed 0", or the refusal's key
	check       *[2]int
}

// The line of signups a flash crowd makes, taken in one batch by the SQLite group committer (the
// signups beside each other as one run, see signupRun), answers exactly as the same signups made
// one at a time in the same order: seats and waitlist positions, refusals of every kind, a
// volunteer twice in the line, a replayed idempotency key and a key reused for another shift, a
// write of another kind in the middle that must see the seats taken before it. The line is
// played three times: one at a time (both databases), as one batch, and as a batch that a broken
// write makes fail, so that each write runs again alone.
func TestSignupsTakenTogetherAnswerAsAlone(t *testing.T) {
	line := []lineStep{
		{user: 0, shift: 0, want: "confirmed 0"},
		{user: 1, shift: 0, key: "k1", want: "confirmed 0"},
		{user: 2, shift: 0, want: "waitlisted 1"},
		{user: 0, shift: 1, want: "signup.overlap"}, // the same volunteer again: on A, which B overlaps
		{user: 1, shift: 0, key: "k1", want: "replayed confirmed 0"},
		{user: 3, shift: 0, want: "waitlisted 2"},
		{check: &[2]int{2, 2}}, // shift A's counters, read by a write between the signups
		{user: 6, shift: 2, want: "signup.guardian_consent_needed"},
		{user: 4, shift: -1, want: "not_found.shift"},
		{user: 4, shift: 2, want: "confirmed 0"},
		{user: 5, shift: 2, want: "waitlisted 1"},
		{user: 2, shift: 0, want: "signup.already"},
		{user: 1, shift: 2, key: "k1", want: "idempotency.mismatch"},
		{user: 3, shift: 2, want: "waitlisted 2"},
		{user: 5, shift: 1, want: "confirmed 0"}, // B does not overlap C, where they wait
		{user: 7, shift: 2, want: "consent.required"},
		{user: -1, shift: 2, want: "auth.token_invalid"},
		{user: 8, shift: 3, want: "signup.already"}, // signed up before the line
		{user: 9, shift: 0, want: "signup.overlap"}, // on B since before the line
	}

	type play struct {
		engine, how string
		byToken     bool // the volunteers are named by their API tokens' hashes, as the API names them
	}
	var plays []play
	for _, byToken := range []bool{false, true} {
		plays = append(plays, play{"sqlite", "alone", byToken}, play{"sqlite", "batch", byToken}, play{"sqlite", "broken batch", byToken})
		for _, engine := range storetest.Engines() {
			if engine != "sqlite" {
				plays = append(plays, play{engine, "alone", byToken})
			}
		}
	}
	for _, p := range plays {
		name := p.engine + "/" + p.how + map[bool]string{false: "/by id", true: "/by token"}[p.byToken]
		t.Run(name, func(t *testing.T) {
			s := storetest.Open(t, p.engine, store.Options{})
			f := newFixture(t, s)
			shifts := []domain.Shift{f.shift(t, 2, 0), f.shift(t, 2, time.Hour), f.shift(t, 1, 4*time.Hour), f.shift(t, 5, 6*time.Hour)}
			vols := append(f.users(t, 6, "2000-01-01"), f.users(t, 1, f.event.StartsAt.AddDate(-15, 0, 0).Format(time.DateOnly))...)
			vols = append(vols, f.users(t, 3, "1990-05-05")...)
			for i, v := range vols {
				if i != 7 { // volunteer 7 never consented
					if err := s.GiveConsent(ctx, v.ID, store.ConsentPrivacy, domain.PrivacyPolicyVersion, "form"); err != nil {
						t.Fatal(err)
					}
				}
				if err := s.CreateToken(ctx, v.ID, fmt.Sprintf("token-hash-%d", i), time.Now().Add(time.Hour), false); err != nil {
					t.Fatal(err)
				}
			}
			request := func(user, shift int, key string) store.SignupRequest {
				shiftID := int64(1 << 40)
				if shift >= 0 {
					shiftID = shifts[shift].ID
				}
				r := store.SignupRequest{ShiftID: shiftID, IdempotencyKey: key, PolicyVersion: domain.PrivacyPolicyVersion}
				switch {
				case p.byToken && user < 0:
					r.TokenHash = "no-such-token"
				case p.byToken:
					r.TokenHash = fmt.Sprintf("token-hash-%d", user)
				case user < 0:
					r.UserID = 1 << 40
				default:
					r.UserID = vols[user].ID
				}
				return r
			}
			for _, before := range [][2]int{{8, 3}, {9, 1}} { // committed before the line
				if _, _, err := s.SignUp(ctx, request(before[0], before[1], "")); err != nil {
					t.Fatal(err)
				}
			}
			got := make([]string, len(line))
			ids := make([]int64, len(line))
			run := func(i int) {
				st := line[i]
				if st.check != nil {
					err := s.WriteForTest(ctx, func(tx *store.Tx) error {
						var c, w int
						if err := tx.QueryRow(`SELECT confirmed_count, waitlisted_count FROM shifts WHERE id = ?`, shifts[0].ID).Scan(&c, &w); err != nil {
							return err
						}
						got[i] = fmt.Sprintf("%d %d", c, w)
						return nil
					})
					if err != nil {
						got[i] = err.Error()
					}
					return
				}
				sg, replayed, err := s.SignUp(ctx, request(st.user, st.shift, st.key))
				switch {
				case err != nil && key(err) == "":
					got[i] = err.Error()
				case err != nil:
					got[i] = key(err)
				case replayed:
					got[i] = fmt.Sprintf("replayed %s %d", sg.Status, sg.WaitlistPosition)
				default:
					got[i] = fmt.Sprintf("%s %d", sg.Status, sg.WaitlistPosition)
				}
				ids[i] = sg.ID
			}
			if p.how == "alone" {
				for i := range line {
					run(i)
				}
			} else {
				c0, _ := s.WriteStats()
				release := holdCommitter(t, s)
				done := make(chan int, len(line)+1)
				for i := range line {
					go func() { run(i); done <- i }()
					waitInLine(t, s, i+1)
				}
				broke := make(chan error, 1)
				if p.how == "broken batch" {
					go func() {
						broke <- s.WriteForTest(ctx, func(tx *store.Tx) error {
							_, err := tx.Exec(`ROLLBACK`)
							return err
						})
					}()
					waitInLine(t, s, len(line)+1)
				}
				release()
				for range line {
					<-done
				}
				c, _ := s.WriteStats()
				switch p.how {
				case "batch":
					if c-c0 != 2 { // the holding write, then the line
						t.Errorf("%d commits for the holding write and the line; want 2", c-c0)
					}
				case "broken batch":
					if err := <-broke; err == nil {
						t.Error("the write that ended the transaction answered no error")
					}
					accepted := 0
					for _, st := range line {
						if st.check != nil || strings.HasPrefix(st.want, "confirmed") || strings.HasPrefix(st.want, "waitlisted") || strings.HasPrefix(st.want, "replayed") {
							accepted++
						}
					}
					if c-c0 != int64(1+accepted) {
						t.Errorf("%d commits; want %d, the holding write's and each accepted write's of the line alone", c-c0, 1+accepted)
					}
				}
			}
			for i, st := range line {
				want := st.want
				if st.check != nil {
					want = fmt.Sprintf("%d %d", st.check[0], st.check[1])
				}
				if got[i] != want {
					t.Errorf("step %d (volunteer %d, shift %d, key %q): %q, want %q", i, st.user, st.shift, st.key, got[i], want)
				}
			}
			if ids[4] != ids[1] || ids[1] == 0 {
				t.Errorf("the replay answered signup %d, the first answer %d", ids[4], ids[1])
			}
			checkShift(t, s, shifts[0].ID, 2, 2)
			checkShift(t, s, shifts[1].ID, 2, 0)
			checkShift(t, s, shifts[2].ID, 1, 2)
			checkShift(t, s, shifts[3].ID, 1, 0)
			// every answer is its row, and each accepted signup wrote its one mail
			wantMails := map[int][]string{0: {domain.MailSignupConfirmed}, 1: {domain.MailSignupConfirmed}, 2: {domain.MailSignupWaitlisted},
				3: {domain.MailSignupWaitlisted, domain.MailSignupWaitlisted}, 4: {domain.MailSignupConfirmed},
				5: {domain.MailSignupWaitlisted, domain.MailSignupConfirmed}, 6: nil, 7: nil,
				8: {domain.MailSignupConfirmed}, 9: {domain.MailSignupConfirmed}}
			for u, want := range wantMails {
				var kinds []string
				for _, m := range mailsOf(t, s, vols[u].ID) {
					if m.Kind != domain.MailVerifyEmail {
						kinds = append(kinds, m.Kind)
					}
				}
				if fmt.Sprint(kinds) != fmt.Sprint(want) {
					t.Errorf("volunteer %d's mails: %v, want %v", u, kinds, want)
				}
			}
			for i, st := range line {
				if st.check != nil || ids[i] == 0 {
					continue
				}
				sg, err := s.Signup(ctx, ids[i])
				if err != nil || sg.UserID != vols[st.user].ID || sg.ShiftID != shifts[st.shift].ID {
					t.Errorf("step %d: stored %+v %v", i, sg, err)
				}
			}
			for _, u := range []int{6, 7} {
				if sgs, err := s.UserSignups(ctx, vols[u].ID); err != nil || len(sgs) != 0 {
					t.Errorf("refused volunteer %d has signups: %v %v", u, sgs, err)
				}
			}
			// the key answers the first signup still
			sg, replayed, err := s.SignUp(ctx, request(1, 0, "k1"))
			if err != nil || !replayed || sg.ID != ids[1] {
				t.Errorf("the key after the line: %+v %v %v", sg, replayed, err)
			}
		})
	}
}
