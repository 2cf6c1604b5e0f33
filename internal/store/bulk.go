package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"erikti/internal/domain"
)

// BulkVolunteer is one account BulkVolunteers inserts: an adult volunteer who acts through an API
// token only (the account has no password anyone could type).
type BulkVolunteer struct {
	Email     string
	Name      string
	BirthDate time.Time
	Locale    string
	TokenHash string // the stored hash of the volunteer's API token: auth.HashToken of it
	ID        int64  // set by BulkVolunteers
}

// noPassword is the password hash of a bulk account: not an argon2id hash, so no password matches it.
const noPassword = "!bulk: no password" // #nosec G101 -- a marker no argon2 hash matches: such accounts cannot sign in with any password

// bulkRows is how many rows one multi-row INSERT carries; at most 7 columns a row, the statement
// stays under SQLite's 32,766 and PostgreSQL's 65,535 placeholders.
const bulkRows = 4000

// BulkVolunteers inserts the accounts of vs in one transaction, a few multi-row statements a table:
// each account (its address verified, as an operator's `erikti user add` makes it), the consent
// given (Kind, Version and Method are read, recorded as a registration records them), its mail
// preferences (everything on) and its API token, which expires at tokenExpires and is not
// confirmed with a second factor. Every volunteer must be an adult today and every email new;
// otherwise nothing is stored. It sets each ID. It is for load tests and imports, where hashing a
// password for each of 100,000 accounts would take longer than the work measured.
func (s *Store) BulkVolunteers(ctx context.Context, vs []BulkVolunteer, consent Consent, tokenExpires time.Time) error {
	now := s.now().UTC().Truncate(time.Second)
	for i, v := range vs {
		if domain.AgeOn(v.BirthDate, now) < domain.AdultAge {
			return fmt.Errorf("store: bulk volunteers: %s (row %d) is not an adult", v.Email, i)
		}
		if v.Email == "" || v.TokenHash == "" {
			return fmt.Errorf("store: bulk volunteers: row %d needs an email and a token hash", i)
		}
	}
	if consent.Kind == "" || consent.Version == "" || consent.Method == "" {
		return fmt.Errorf("store: bulk volunteers: the consent needs a kind, a version and a method")
	}
	origin := originOf(ctx)
	err := s.write(ctx, func(tx *Tx) error {
		for lo := 0; lo < len(vs); lo += bulkRows {
			batch := vs[lo:min(lo+bulkRows, len(vs))]
			if err := bulkUsers(tx, batch, unix(now)); err != nil {
				return err
			}
			if err := bulkInsert(tx, "consents (user_id, kind, version, given_at, method, origin)", 6, len(batch), func(i int) []any {
				return []any{batch[i].ID, consent.Kind, consent.Version, unix(now), consent.Method, origin}
			}); err != nil {
				return fmt.Errorf("store: bulk consents: %w", err)
			}
			if err := bulkInsert(tx, "mail_prefs (user_id, token)", 2, len(batch), func(i int) []any {
				return []any{batch[i].ID, newMailToken()}
			}); err != nil {
				return fmt.Errorf("store: bulk mail preferences: %w", err)
			}
			if err := bulkInsert(tx, "api_tokens (token_hash, user_id, created_at, expires_at, second_factor)", 5, len(batch), func(i int) []any {
				return []any{batch[i].TokenHash, batch[i].ID, unix(now), unix(tokenExpires), false}
			}); err != nil {
				return fmt.Errorf("store: bulk tokens: %w", err)
			}
		}
		return nil
	})
	if isUnique(err) {
		return domain.FieldErr(domain.Conflict, "email", "field.email_taken", nil)
	}
	if err != nil {
		return fmt.Errorf("store: bulk volunteers: %w", err)
	}
	return nil
}

// bulkUsers inserts the accounts of batch and sets their IDs, matched by email (the order of the
// rows RETURNING gives is not promised).
func bulkUsers(tx *Tx, batch []BulkVolunteer, now int64) error {
	var q strings.Builder
	q.WriteString(`INSERT INTO users (email, name, password_hash, birth_date, locale, created_at, email_verified_at) VALUES `)
	args := make([]any, 0, 7*len(batch))
	for i, v := range batch {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
		locale := v.Locale
		if locale == "" {
			locale = "kk"
		}
		args = append(args, v.Email, v.Name, noPassword, v.BirthDate.Format(time.DateOnly), locale, now, now)
	}
	q.WriteString(" RETURNING id, email")
	rows, err := tx.Query(q.String(), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	ids := make(map[string]int64, len(batch))
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return fmt.Errorf("store: bulk users: %w", err)
		}
		ids[email] = id
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i := range batch {
		id, ok := ids[batch[i].Email]
		if !ok {
			return fmt.Errorf("store: bulk users: %s was not inserted", batch[i].Email)
		}
		batch[i].ID = id
	}
	return nil
}

// bulkInsert inserts n rows of cols values each (row(i) gives row i's) into table in one statement.
func bulkInsert(tx *Tx, table string, cols, n int, row func(i int) []any) error {
	if n == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	var q strings.Builder
	q.WriteString("INSERT INTO " + table + " VALUES ")
	args := make([]any, 0, cols*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(one)
		args = append(args, row(i)...)
	}
	_, err := tx.Exec(q.String(), args...)
	return err
}

// ShiftOutcome is what a shift holds, as a load test checks it: its counters and every signup not
// cancelled, the confirmed first, then the waitlist in its order.
type ShiftOutcome struct {
	ShiftID    int64
	Capacity   int
	Confirmed  int // the shift's confirmed_count
	Waitlisted int // its waitlisted_count
	Signups    []OutcomeSignup
}

// OutcomeSignup is one signup of a ShiftOutcome.
type OutcomeSignup struct {
	ID          int64
	UserID      int64
	Status      domain.SignupStatus
	WaitlistSeq int64 // 0 unless waitlisted
	Keys        int   // how many idempotency keys the volunteer's signups left
}

// ShiftOutcomes reads the outcome of each shift of ids (an unknown one is not found), from the
// read pool.
func (s *Store) ShiftOutcomes(ctx context.Context, ids []int64) (map[int64]*ShiftOutcome, error) {
	out := make(map[int64]*ShiftOutcome, len(ids))
	r := s.read(ctx)
	for lo := 0; lo < len(ids); lo += 500 {
		part := ids[lo:min(lo+500, len(ids))]
		in := strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := r.Query(`SELECT id, capacity, confirmed_count, waitlisted_count FROM shifts WHERE id IN (`+in+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: shift outcomes: %w", err)
		}
		for rows.Next() {
			o := &ShiftOutcome{}
			if err := rows.Scan(&o.ShiftID, &o.Capacity, &o.Confirmed, &o.Waitlisted); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: shift outcomes: %w", err)
			}
			out[o.ShiftID] = o
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: shift outcomes: %w", err)
		}
		rows, err = r.Query(`SELECT g.shift_id, g.id, g.user_id, g.status, g.waitlist_seq,
			(SELECT COUNT(*) FROM idempotency_keys k WHERE k.user_id = g.user_id)
			FROM signups g WHERE g.status <> 'cancelled' AND g.shift_id IN (`+in+`)
			ORDER BY g.shift_id, CASE WHEN g.status = 'confirmed' THEN 0 ELSE 1 END, g.waitlist_seq, g.id`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: shift outcomes: %w", err)
		}
		for rows.Next() {
			var shiftID int64
			var sg OutcomeSignup
			var seq sql.NullInt64
			if err := rows.Scan(&shiftID, &sg.ID, &sg.UserID, &sg.Status, &seq, &sg.Keys); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: shift outcomes: %w", err)
			}
			sg.WaitlistSeq = seq.Int64
			if o := out[shiftID]; o != nil {
				o.Signups = append(o.Signups, sg)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: shift outcomes: %w", err)
		}
	}
	for _, id := range ids {
		if out[id] == nil {
			return nil, domain.Errorf(domain.NotFound, "not_found.shift", nil)
		}
	}
	return out, nil
}
