package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// auditSome writes n entries of its own and one through a change, from an address.
func auditSome(t *testing.T, s *store.Store, n int) domain.User {
	t.Helper()
	u := domain.User{Email: "fo@example.kz", Name: "Фронт-офис", Locale: "kk"}
	if err := s.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	c := store.WithOrigin(ctx, "192.0.2.7")
	for i := range n {
		if err := s.Record(c, u.ID, "auth.login", "user", u.ID, map[string]any{"n": i}); err != nil {
			t.Fatal(err)
		}
	}
	org := domain.Organization{Name: domain.Text{KK: "Қамқор"}}
	if err := s.CreateOrganization(c, u.ID, &org); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestAuditLogIsAChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := auditSome(t, s, 5)
		n, err := s.VerifyAudit(ctx)
		if err != nil || n != 6 {
			t.Fatalf("a fresh chain: %d entries, %v", n, err)
		}
		got, err := s.AuditLog(ctx, store.AuditFilter{Action: "auth.", ActorID: u.ID, Limit: 3})
		if err != nil || len(got) != 3 || got[0].Origin != "192.0.2.7" || got[0].ActorName != "Фронт-офис" || got[0].ID < got[1].ID {
			t.Fatalf("search: %+v %v", got, err)
		}
		older, err := s.AuditLog(ctx, store.AuditFilter{Action: "auth.", Before: got[2].ID})
		if err != nil || len(older) != 2 {
			t.Fatalf("the next page: %+v %v", older, err)
		}
		if got, _ := s.AuditLog(ctx, store.AuditFilter{Action: "organization."}); len(got) != 1 || got[0].Entity != "organization" {
			t.Fatalf("by action: %+v", got)
		}
		// the log refuses to change through SQL
		if err := s.ExecForTest(ctx, `UPDATE audit_log SET detail = 'x' WHERE id = (SELECT MIN(id) FROM audit_log)`); err == nil {
			t.Fatal("an audit entry was edited")
		}
		if err := s.ExecForTest(ctx, `DELETE FROM audit_log`); err == nil {
			t.Fatal("audit entries were deleted")
		}
	})
}

// Someone with the database in hand drops the guard and edits, removes or appends: each breaks the chain.
func TestAuditChainShowsTampering(t *testing.T) {
	tamper := map[string][]string{
		"edited":       {`UPDATE audit_log SET detail = '{"n":99}' WHERE id = (SELECT MIN(id) + 2 FROM audit_log)`},
		"removed":      {`DELETE FROM audit_log WHERE id = (SELECT MIN(id) + 1 FROM audit_log)`},
		"tail removed": {`DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)`},
		"inserted": {`INSERT INTO audit_log (at, action, entity, entity_id, detail, origin, prev_hash, hash)
			SELECT at, 'auth.login', 'user', 1, '', '', hash, 'forged' FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)`},
	}
	for _, engine := range storetest.Engines() {
		for name, stmts := range tamper {
			t.Run(engine+"/"+name, func(t *testing.T) {
				s := storetest.Open(t, engine, store.Options{})
				auditSome(t, s, 4)
				drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
				if engine == "postgres" {
					drop = []string{`DROP TRIGGER audit_log_append_only ON audit_log`}
				}
				for _, q := range append(drop, stmts...) {
					if err := s.ExecForTest(ctx, q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				_, err := s.VerifyAudit(ctx)
				var br *store.ChainBreak
				if !errors.As(err, &br) {
					t.Fatalf("tampering (%s) went unnoticed: %v", name, err)
				}
			})
		}
	}
}

// Writers at the same time never fork the chain.
func TestAuditChainUnderConcurrentWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := auditSome(t, s, 0)
		var wg sync.WaitGroup
		for i := range 40 {
			wg.Go(func() {
				if err := s.Record(ctx, u.ID, "auth.login", "user", int64(i), nil); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if n, err := s.VerifyAudit(ctx); err != nil || n != 41 {
			t.Fatalf("after concurrent writers: %d entries, %v", n, err)
		}
	})
}

// Entries written before the chain existed (hash ”) are chained by the next migration run.
func TestLegacyAuditEntriesAreChained(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		auditSome(t, s, 2)
		if err := s.ExecForTest(ctx, `INSERT INTO audit_log (at, action, entity, entity_id) VALUES (1, 'event.create', 'event', 7)`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAudit(ctx); err == nil {
			t.Fatal("an unchained entry passed")
		}
		if err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != 4 {
			t.Fatalf("after chaining: %d, %v", n, err)
		}
	})
}

// TestAuditEntriesAreBounded: a client's input cannot make one entry of the log that is never
// deleted large: each text of the detail is cut to 4 KiB and the origin to 128 bytes, and the
// chain still verifies.
func TestAuditEntriesAreBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		long := strings.Repeat("ә/", 30000) // 90,000 bytes, as a long path
		c := store.WithOrigin(ctx, strings.Repeat("f", 1000))
		if err := s.Record(c, 0, "access.denied", "route", 0, map[string]any{"method": "GET", "path": long, "n": 7}); err != nil {
			t.Fatal(err)
		}
		got, err := s.AuditLog(ctx, store.AuditFilter{Action: "access.denied", Limit: 5})
		if err != nil || len(got) != 1 {
			t.Fatalf("entries %v, %v", got, err)
		}
		if e := got[0]; len(e.Detail) > 4200 || len(e.Origin) > 128 || !strings.Contains(e.Detail, `"n":7`) || !strings.Contains(e.Detail, "ә/ә") {
			t.Errorf("an entry of %d bytes of detail and %d of origin: %.200s", len(e.Detail), len(e.Origin), e.Detail)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n != 1 {
			t.Errorf("the chain: %d entries, %v", n, err)
		}
	})
}

// An account made with the Front Office role has that grant in the audit log, with the origin of
// whoever made it (the command line: "cli"), as a grant to an existing account has (finding 11 of
// issue 14); an ordinary account has none.
func TestAFrontOfficeAccountIsAGrantInTheAuditLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := store.WithOrigin(ctx, "cli")
		fo := domain.User{Email: "office@example.kz", Name: "Фронт-офис", Locale: "kk", FrontOffice: true, EmailVerified: true}
		if err := s.CreateUser(c, &fo, "x"); err != nil {
			t.Fatal(err)
		}
		plain := domain.User{Email: "plain@example.kz", Name: "Ерлан", Locale: "kk", EmailVerified: true}
		if err := s.CreateUser(c, &plain, "x"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetDisabled(c, 0, fo.ID, true); err != nil {
			t.Fatal(err)
		}
		grants, err := s.AuditLog(ctx, store.AuditFilter{Action: "user.front_office", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(grants) != 1 || grants[0].EntityID != fo.ID || grants[0].Origin != "cli" || grants[0].ActorID != 0 ||
			grants[0].Detail != `{"front_office":true}` {
			t.Fatalf("grants in the audit log: %+v", grants)
		}
		disabled, _ := s.AuditLog(ctx, store.AuditFilter{Action: "user.disabled", Limit: 10})
		if len(disabled) != 1 || disabled[0].EntityID != fo.ID || disabled[0].Origin != "cli" {
			t.Fatalf("disabling in the audit log: %+v", disabled)
		}
		if n, err := s.VerifyAudit(ctx); err != nil || n < 2 {
			t.Fatalf("the chain: %d %v", n, err)
		}
	})
}
