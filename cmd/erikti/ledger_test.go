package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// erikti verify-ledger finds an intact ledger intact, and an edited entry (its guard dropped) as
// the first break, with a non-zero exit.
func TestVerifyLedger(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, engine)
			start := time.Now().Add(48 * time.Hour).Truncate(time.Hour).UTC()
			now := start.Add(-10 * time.Minute)
			st, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			org := domain.Organization{Name: domain.Text{KK: "Жасыл Алматы"}, Status: domain.OrgVerified}
			if err := st.CreateOrganization(ctx, 0, &org); err != nil {
				t.Fatal(err)
			}
			ev := domain.Event{OrgID: org.ID, Direction: "ecology", Title: domain.Text{KK: "Сенбілік"}, Venue: domain.Text{KK: "Саябақ"}, District: "medeu",
				StartsAt: start, EndsAt: start.Add(4 * time.Hour), Status: domain.EventPublished}
			if err := st.CreateEvent(ctx, 0, &ev); err != nil {
				t.Fatal(err)
			}
			sh := domain.Shift{EventID: ev.ID, Role: domain.Text{KK: "Көмекші"}, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: 5}
			if err := st.CreateShift(ctx, 0, &sh); err != nil {
				t.Fatal(err)
			}
			u := domain.User{Email: "v@example.kz", Name: "Ерікті", BirthDate: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), Locale: "kk"}
			if err := st.CreateUser(ctx, &u, "x"); err != nil {
				t.Fatal(err)
			}
			sg, _, err := st.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID})
			if err != nil {
				t.Fatal(err)
			}
			code, _, err := st.CheckinPass(ctx, u.ID, sg.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.CheckIn(ctx, 0, sh.ID, store.CheckinCredential{Code: code}); err != nil {
				t.Fatal(err)
			}
			now = sh.EndsAt
			if _, err := st.CheckOut(ctx, 0, sh.ID, store.CheckinCredential{Code: code}); err != nil {
				t.Fatal(err)
			}
			if _, err := st.ApproveShiftHours(ctx, 0, sh.ID); err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"verify-ledger", "--db", dsn}, env(nil), nil, &out, io.Discard); err != nil || !strings.Contains(out.String(), "intact: 2 entries") {
				t.Fatalf("verify-ledger: %v %s", err, out.String())
			}
			drop := `DROP TRIGGER hours_ledger_no_update`
			if engine == "postgres" {
				drop = `DROP TRIGGER hours_ledger_append_only ON hours_ledger`
			}
			// someone with the database in hand, around erikti
			db := storetest.Raw(t, dsn)
			for _, q := range []string{drop, `UPDATE hours_ledger SET minutes = 900 WHERE kind = 'checkin'`} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			err = run(ctx, []string{"verify-ledger", "--db", dsn}, env(nil), nil, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), "0 entries sound") || !strings.Contains(err.Error(), "edited") {
				t.Fatalf("an edited entry went unnoticed: %v", err)
			}
		})
	}
}
