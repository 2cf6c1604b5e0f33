package store_test

import (
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// BenchmarkSignUp measures one signup transaction (checks, seat, insert, commit with
// synchronous=FULL on SQLite), one request at a time, beside a baseline measured in the same run:
// a bare transaction that inserts one row into a table of the same database.
//
//	go test -run '^$' -bench SignUp -benchtime 2000x ./internal/store/
func BenchmarkSignUp(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(engine+"/baseline-bare-insert", func(b *testing.B) {
			db, err := bareDB(engine, storetest.DSN(b, engine))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE TABLE bare (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)`); err != nil {
				b.Fatal(err)
			}
			q := `INSERT INTO bare (id, v) VALUES (?, ?)`
			if engine == "postgres" {
				q = `INSERT INTO bare (id, v) VALUES ($1, $2)`
			}
			b.ResetTimer()
			for i := range b.N {
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				if _, err := tx.Exec(q, i, i); err != nil {
					b.Fatal(err)
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(engine+"/signup", func(b *testing.B) {
			s, ev, users := benchSignupSetup(b, engine)
			b.ResetTimer()
			for i := range b.N {
				if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: ev.Shifts[0].ID, UserID: users[i]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchSignupSetup makes a store of engine with a verified organization, an event whose one shift
// has 450 places, and b.N adult volunteers.
func benchSignupSetup(b *testing.B, engine string) (*store.Store, domain.Event, []int64) {
	b.Helper()
	s, ev := benchShift(b, engine)
	users := make([]int64, b.N)
	for i := range users {
		u := domain.User{Email: fmt.Sprintf("b%d@example.kz", i), Name: "Б", BirthDate: ev.StartsAt.AddDate(-30, 0, 0), Locale: "kk"}
		if err := s.CreateUser(ctx, &u, "x"); err != nil {
			b.Fatal(err)
		}
		users[i] = u.ID
	}
	return s, ev, users
}

// benchShift makes a store of engine with a verified organization and an event whose one shift
// has 450 places.
func benchShift(b *testing.B, engine string) (*store.Store, domain.Event) {
	b.Helper()
	s := storetest.Open(b, engine, store.Options{})
	org := domain.Organization{Name: domain.Text{KK: "Бенчмарк"}, Status: domain.OrgVerified}
	if err := s.CreateOrganization(ctx, 0, &org); err != nil {
		b.Fatal(err)
	}
	ev := benchEvent(org.ID)
	if err := s.CreateEvent(ctx, 0, &ev); err != nil {
		b.Fatal(err)
	}
	return s, ev
}

func bareDB(engine, dsn string) (*sql.DB, error) {
	if engine == "postgres" {
		return sql.Open("pgx", dsn)
	}
	db, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate")
	if err == nil {
		db.SetMaxOpenConns(1)
	}
	return db, err
}

// BenchmarkSignUpCrowd measures signups made at the same time by 256 goroutines on one shift of
// 450 places (the rest waitlisted), as a flash crowd makes them, beside two baselines measured in
// the same run on the same database: bare one-row transactions from the same 256 goroutines (what
// one commit per write gives), and bare rows inserted 100 to a transaction from one goroutine
// (what sharing a commit can give at best). On SQLite the store's group committer is what lets the
// signups pass the first baseline.
//
//	go test -run '^$' -bench SignUpCrowd -benchtime 10000x ./internal/store/
func BenchmarkSignUpCrowd(b *testing.B) {
	const clients = 256
	crowd := func(b *testing.B, fn func(i int) error) {
		b.Helper()
		var next atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		for range clients {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < b.N; i = int(next.Add(1)) - 1 {
					if err := fn(i); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
	}
	for _, engine := range storetest.Engines() {
		b.Run(engine+"/baseline-bare-insert-each-committed", func(b *testing.B) {
			db, q := bareTable(b, engine)
			if engine == "postgres" {
				db.SetMaxOpenConns(16)
			}
			crowd(b, func(i int) error {
				tx, err := db.Begin()
				if err != nil {
					return err
				}
				if _, err := tx.Exec(q, i, i); err != nil {
					tx.Rollback()
					return err
				}
				return tx.Commit()
			})
		})
		b.Run(engine+"/baseline-bare-insert-100-a-commit", func(b *testing.B) {
			db, q := bareTable(b, engine)
			b.ResetTimer()
			for i := 0; i < b.N; i += 100 {
				tx, err := db.Begin()
				if err != nil {
					b.Fatal(err)
				}
				for j := i; j < min(i+100, b.N); j++ {
					if _, err := tx.Exec(q, j, j); err != nil {
						b.Fatal(err)
					}
				}
				if err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
		})
		b.Run(engine+"/signup", func(b *testing.B) {
			s, ev, users := benchSignupSetup(b, engine)
			c0, w0 := s.WriteStats()
			crowd(b, func(i int) error {
				_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: ev.Shifts[0].ID, UserID: users[i]})
				return err
			})
			if c, w := s.WriteStats(); c > c0 {
				b.ReportMetric(float64(w-w0)/float64(c-c0), "writes/commit")
			}
			checkCrowd(b, s, ev.Shifts[0].ID)
		})
		// as the API makes them: each volunteer named by their token's hash, with their consent
		// checked and an idempotency key of their own
		b.Run(engine+"/signup-by-token", func(b *testing.B) {
			s, ev := benchShift(b, engine)
			vs := make([]store.BulkVolunteer, b.N)
			for i := range vs {
				vs[i] = store.BulkVolunteer{Email: fmt.Sprintf("t%d@example.kz", i), Name: "Т", BirthDate: ev.StartsAt.AddDate(-30, 0, 0),
					Locale: "kk", TokenHash: fmt.Sprintf("token-hash-%d", i)}
			}
			consent := store.Consent{Kind: store.ConsentPrivacy, Version: domain.PrivacyPolicyVersion, Method: "form"}
			if err := s.BulkVolunteers(ctx, vs, consent, ev.StartsAt); err != nil {
				b.Fatal(err)
			}
			c0, w0 := s.WriteStats()
			crowd(b, func(i int) error {
				_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: ev.Shifts[0].ID, TokenHash: vs[i].TokenHash,
					PolicyVersion: domain.PrivacyPolicyVersion, IdempotencyKey: fmt.Sprintf("key-%d", i)})
				return err
			})
			if c, w := s.WriteStats(); c > c0 {
				b.ReportMetric(float64(w-w0)/float64(c-c0), "writes/commit")
			}
			checkCrowd(b, s, ev.Shifts[0].ID)
		})
	}
}

// checkCrowd fails b unless the shift of 450 places holds b.N signups, the rest waitlisted.
func checkCrowd(b *testing.B, s *store.Store, shiftID int64) {
	b.Helper()
	sh, _, err := s.Shift(ctx, shiftID)
	if err != nil {
		b.Fatal(err)
	}
	if want := min(b.N, 450); sh.Confirmed != want || sh.Waitlisted != b.N-want {
		b.Fatalf("%d confirmed, %d waitlisted; want %d and %d", sh.Confirmed, sh.Waitlisted, want, b.N-want)
	}
}

// bareTable opens the database of a new store of engine straight, without the store, and makes
// a two-column table in it; q inserts one row.
func bareTable(b *testing.B, engine string) (*sql.DB, string) {
	b.Helper()
	db, err := bareDB(engine, storetest.DSN(b, engine))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE bare (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	if engine == "postgres" {
		return db, `INSERT INTO bare (id, v) VALUES ($1, $2)`
	}
	return db, `INSERT INTO bare (id, v) VALUES (?, ?)`
}
