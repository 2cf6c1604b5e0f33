package store_test

import (
	"database/sql"
	"fmt"
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
			s := storetest.Open(b, engine, store.Options{})
			org := domain.Organization{Name: "Бенчмарк", Status: domain.OrgVerified}
			if err := s.CreateOrganization(ctx, 0, &org); err != nil {
				b.Fatal(err)
			}
			ev := benchEvent(org.ID)
			if err := s.CreateEvent(ctx, 0, &ev); err != nil {
				b.Fatal(err)
			}
			users := make([]int64, b.N)
			for i := range users {
				u := domain.User{Email: fmt.Sprintf("b%d@example.kz", i), Name: "Б", BirthDate: ev.StartsAt.AddDate(-30, 0, 0), Locale: "kk"}
				if err := s.CreateUser(ctx, &u, "x"); err != nil {
					b.Fatal(err)
				}
				users[i] = u.ID
			}
			b.ResetTimer()
			for i := range b.N {
				if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: ev.Shifts[0].ID, UserID: users[i]}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
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
