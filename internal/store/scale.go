package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// The big data sets (erikti demo --scale city|country) are written by the functions of this file:
// plain rows made elsewhere (internal/demo), with their IDs given by the caller from ScaleNextIDs,
// stored by multi-row INSERTs of a prepared statement inside one transaction per batch. A shift's
// counts are left at zero while its signups go in and set once, at the end, by one UPDATE from the
// signups (ScaleFinish); ScaleViolations then counts, in SQL, every way the rows could break the
// rules the signup path keeps one request at a time.

// ScaleIDs are the largest IDs in use, so that a loader numbers its rows after them.
type ScaleIDs struct {
	Organizations, Users, Consents, Events, Shifts, Signups int64
}

// ScaleNextIDs reads the largest ID of each table a big data set fills.
func (s *Store) ScaleNextIDs(ctx context.Context) (ScaleIDs, error) {
	var ids ScaleIDs
	err := s.read(ctx).QueryRow(`SELECT
		(SELECT COALESCE(MAX(id), 0) FROM organizations), (SELECT COALESCE(MAX(id), 0) FROM users),
		(SELECT COALESCE(MAX(id), 0) FROM consents), (SELECT COALESCE(MAX(id), 0) FROM events),
		(SELECT COALESCE(MAX(id), 0) FROM shifts), (SELECT COALESCE(MAX(id), 0) FROM signups)`).
		Scan(&ids.Organizations, &ids.Users, &ids.Consents, &ids.Events, &ids.Shifts, &ids.Signups)
	if err != nil {
		return ids, fmt.Errorf("store: scale ids: %w", err)
	}
	return ids, nil
}

// ScaleOrg is an organization of a big data set, its ID given.
type ScaleOrg struct {
	domain.Organization
	CreatedAt time.Time
}

// ScaleUser is a volunteer of a big data set, its ID given. Every one has consented to the privacy
// policy at CreatedAt (method "demo"), as registering requires; one with ConsentID > 0 also has a
// guardian's consent, that row's ID, given by GuardianEmail under the name GuardianName.
type ScaleUser struct {
	ID                          int64
	Email, Name                 string
	BirthDate                   time.Time
	Locale                      string
	District, University, Langs string
	CreatedAt                   time.Time
	ConsentID                   int64 // the privacy consent's ID
	GuardianConsentID           int64 // 0: none
	GuardianEmail, GuardianName string
}

// ScaleSignup is a signup of a big data set, its ID given: confirmed, waitlisted with its
// WaitlistSeq, or cancelled at CancelledAt.
type ScaleSignup struct {
	ID, ShiftID, UserID int64
	Status              domain.SignupStatus
	WaitlistSeq         int64
	CreatedAt           time.Time
	CancelledAt         time.Time
}

// bulkChunk is how many rows one INSERT carries: under SQLite's 32,766 and PostgreSQL's 65,535
// bound values either way.
func bulkChunk(cols int) int { return min(500, 30000/cols) }

// insertRows inserts n rows into table: row(i, args) appends row i's values to args. The
// statement for a full chunk is prepared once and reused; the last, shorter chunk has its own.
func insertRows(tx *Tx, table string, cols []string, n int, row func(i int, args []any) []any) error {
	chunk := bulkChunk(len(cols))
	statement := func(rows int) string {
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		one := "(" + placeholders(len(cols)) + ")"
		for i := range rows {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(one)
		}
		return rebind(tx.dialect, b.String())
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, chunk*len(cols))
	for start := 0; start < n; start += chunk {
		rows := min(chunk, n-start)
		args = args[:0]
		for i := start; i < start+rows; i++ {
			args = row(i, args)
		}
		if rows < chunk {
			if _, err := tx.tx.ExecContext(tx.ctx, statement(rows), args...); err != nil {
				return fmt.Errorf("store: insert into %s: %w", table, err)
			}
			continue
		}
		if full == nil {
			var err error
			if full, err = tx.tx.PrepareContext(tx.ctx, statement(chunk)); err != nil {
				return fmt.Errorf("store: prepare insert into %s: %w", table, err)
			}
		}
		if _, err := full.ExecContext(tx.ctx, args...); err != nil {
			return fmt.Errorf("store: insert into %s: %w", table, err)
		}
	}
	return nil
}

// bulk runs fn in one write transaction; on PostgreSQL it first locks the tables a big data set
// fills against other writers, whose IDs would collide with the ones given.
func (s *Store) bulk(ctx context.Context, fn func(tx *Tx) error) error {
	return s.write(ctx, func(tx *Tx) error {
		if tx.dialect == Postgres {
			if _, err := tx.Exec(`LOCK TABLE organizations, users, consents, guardian_consents, mail_prefs, events, shifts, signups
				IN SHARE ROW EXCLUSIVE MODE`); err != nil {
				return fmt.Errorf("store: lock for a big data set: %w", err)
			}
		} else if _, err := tx.Exec(`PRAGMA cache_size = -131072`); err != nil {
			// 128 MiB of pages while the rows go in, so that their indexes stay in memory
			return fmt.Errorf("store: cache for a big data set: %w", err)
		}
		return fn(tx)
	})
}

// ScaleInsertOrganizations stores orgs, with the IDs they carry.
func (s *Store) ScaleInsertOrganizations(ctx context.Context, orgs []ScaleOrg) error {
	return s.bulk(ctx, func(tx *Tx) error {
		return insertRows(tx, "organizations", orgTable.insertNames(true), len(orgs), func(i int, a []any) []any {
			o := orgs[i].Organization
			o.CreatedAt = orgs[i].CreatedAt
			return orgTable.insertValues(&o, true, a)
		})
	})
}

// ScaleInsertUsers stores volunteers with the IDs they carry, all with one password hash, each
// with their address verified, their mail preferences (everything on, as for anyone who
// registers), their consent to the privacy policy and, for those who have one, their guardian's.
func (s *Store) ScaleInsertUsers(ctx context.Context, passwordHash string, users []ScaleUser) error {
	if len(users) == 0 {
		return nil
	}
	return s.bulk(ctx, func(tx *Tx) error {
		err := insertRows(tx, "users", []string{"id", "email", "name", "password_hash", "birth_date", "locale", "created_at",
			"email_verified_at", "district", "university", "languages"}, len(users), func(i int, a []any) []any {
			u := users[i]
			return append(a, u.ID, u.Email, u.Name, passwordHash, u.BirthDate.Format(time.DateOnly), u.Locale,
				unix(u.CreatedAt), unix(u.CreatedAt), u.District, u.University, u.Langs)
		})
		if err != nil {
			return err
		}
		token := `lower(hex(randomblob(24)))`
		if tx.dialect == Postgres {
			token = `replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')` // #nosec G101 -- SQL that makes random tokens for the scale demo, not a credential
		}
		if _, err := tx.Exec(`INSERT INTO mail_prefs (user_id, token) SELECT id, `+token+` FROM users WHERE id BETWEEN ? AND ?
			ON CONFLICT (user_id) DO NOTHING`,
			users[0].ID, users[len(users)-1].ID); err != nil {
			return fmt.Errorf("store: scale mail preferences: %w", err)
		}
		cols := []string{"id", "user_id", "kind", "version", "given_at", "method", "origin"}
		if err := insertRows(tx, "consents", cols, len(users), func(i int, a []any) []any {
			u := users[i]
			return append(a, u.ConsentID, u.ID, ConsentPrivacy, domain.PrivacyPolicyVersion, unix(u.CreatedAt), "demo", "")
		}); err != nil {
			return err
		}
		var minors []ScaleUser
		for _, u := range users {
			if u.GuardianConsentID > 0 {
				minors = append(minors, u)
			}
		}
		if err := insertRows(tx, "consents", cols, len(minors), func(i int, a []any) []any {
			u := minors[i]
			return append(a, u.GuardianConsentID, u.ID, ConsentGuardian, domain.GuardianConsentVersion, unix(u.CreatedAt), "demo", "")
		}); err != nil {
			return err
		}
		return insertRows(tx, "guardian_consents", []string{"consent_id", "user_id", "guardian_email", "guardian_name"}, len(minors),
			func(i int, a []any) []any {
				u := minors[i]
				return append(a, u.GuardianConsentID, u.ID, u.GuardianEmail, u.GuardianName)
			})
	})
}

// ScaleInsertEvents stores events and their shifts with the IDs they carry (each shift's EventID
// set), created at their CreatedAt. Their shifts' counts stay zero until ScaleFinish. They get no
// reminder jobs: their volunteers are made up, and are sent nothing.
func (s *Store) ScaleInsertEvents(ctx context.Context, events []domain.Event) error {
	return s.bulk(ctx, func(tx *Tx) error {
		err := insertRows(tx, "events", eventTable.insertNames(true), len(events), func(i int, a []any) []any {
			return eventTable.insertValues(&events[i], true, a)
		})
		if err != nil {
			return err
		}
		var shifts []*domain.Shift
		for i := range events {
			for j := range events[i].Shifts {
				shifts = append(shifts, &events[i].Shifts[j])
			}
		}
		return insertRows(tx, "shifts", shiftTable.insertNames(true), len(shifts), func(i int, a []any) []any {
			return shiftTable.insertValues(shifts[i], true, a)
		})
	})
}

// ScaleInsertSignups stores signups with the IDs they carry.
func (s *Store) ScaleInsertSignups(ctx context.Context, signups []ScaleSignup) error {
	return s.bulk(ctx, func(tx *Tx) error {
		return insertRows(tx, "signups", []string{"id", "shift_id", "user_id", "status", "waitlist_seq", "created_at", "updated_at",
			"cancelled_at"}, len(signups), func(i int, a []any) []any {
			g := signups[i]
			seq := sql.NullInt64{Int64: g.WaitlistSeq, Valid: g.Status == domain.SignupWaitlisted}
			updated := unix(g.CreatedAt)
			if g.Status == domain.SignupCancelled {
				updated = unix(g.CancelledAt)
			}
			return append(a, g.ID, g.ShiftID, g.UserID, string(g.Status), seq, unix(g.CreatedAt), updated, unix(g.CancelledAt))
		})
	})
}

// ScaleFinish ends the loading of a big data set: the counts of every shift after
// fromShiftID are set by one UPDATE from its signups (the CHECK on a shift's row refuses an
// overbooked one), PostgreSQL's ID sequences move past the IDs given, the planner's statistics
// are renewed, and the load is written to the audit log as one entry with what it added.
func (s *Store) ScaleFinish(ctx context.Context, fromShiftID int64, detail map[string]any) error {
	err := s.write(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(`UPDATE shifts SET confirmed_count = g.confirmed, waitlisted_count = g.waitlisted, waitlist_seq = g.seq
			FROM (SELECT shift_id,
				SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed,
				SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS waitlisted,
				COALESCE(MAX(waitlist_seq), 0) AS seq
				FROM signups WHERE shift_id > ? GROUP BY shift_id) g
			WHERE shifts.id = g.shift_id`, fromShiftID); err != nil {
			return fmt.Errorf("store: scale: shift counts: %w", err)
		}
		if tx.dialect == Postgres {
			for _, t := range []string{"organizations", "users", "consents", "events", "shifts", "signups"} {
				if _, err := tx.Exec(`SELECT setval(pg_get_serial_sequence('` + t + `', 'id'), (SELECT MAX(id) FROM ` + t + `))`); err != nil {
					return fmt.Errorf("store: scale: sequence of %s: %w", t, err)
				}
			}
		}
		return s.audit(tx, 0, "demo.scale_loaded", "demo", 0, detail)
	})
	if err != nil {
		return err
	}
	analyze := []string{"ANALYZE"}
	if s.dialect == SQLite {
		// ANALYZE where the statistics are missing or stale; the writer's cache back to its default
		analyze = []string{"PRAGMA optimize=0x10002", "PRAGMA cache_size = -2000"}
	}
	for _, q := range analyze {
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: scale: %s: %w", q, err)
		}
	}
	return nil
}

// Violations counts every way the stored signups break the rules the signup path keeps. All zero
// means every rule holds.
type Violations struct {
	Overbooked      int // shifts with more confirmed than their capacity (by count or by signups)
	CountMismatch   int // shifts whose confirmed or waitlisted count differs from their signups
	Duplicates      int // volunteer and shift pairs with more than one active signup
	WaitlistOrder   int // shifts whose waitlist counter is behind the places handed out
	IdleWaitlist    int // shifts still ahead with a free place and someone waiting for it
	Overlaps        int // active signups of a volunteer at the same time as an earlier one of theirs
	TooYoung        int // active signups of someone under the event's minimum age, or under 18 for emergency relief or heavy work
	NoGuardian      int // active signups of someone under the guardian age on the shift's day without a guardian's consent
	CancelledEvents int // active signups on cancelled events
}

// Total is the number of violations of every kind.
func (v Violations) Total() int {
	return v.Overbooked + v.CountMismatch + v.Duplicates + v.WaitlistOrder + v.IdleWaitlist + v.Overlaps +
		v.TooYoung + v.NoGuardian + v.CancelledEvents
}

func (v Violations) String() string {
	return fmt.Sprintf("overbooked %d, count mismatches %d, duplicate signups %d, waitlist order %d, idle waitlists %d, "+
		"overlapping shifts %d, too young %d, no guardian's consent %d, signups on cancelled events %d",
		v.Overbooked, v.CountMismatch, v.Duplicates, v.WaitlistOrder, v.IdleWaitlist, v.Overlaps, v.TooYoung, v.NoGuardian, v.CancelledEvents)
}

// almatyDay is, in SQL, the calendar day ('YYYY-MM-DD') in Almaty of the time in col (seconds
// since 1970), Almaty being offset seconds east of UTC.
func almatyDay(d Dialect, col string, offset int) string {
	off := strconv.Itoa(offset)
	if d == Postgres {
		return `to_char(to_timestamp(` + col + ` + ` + off + `) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
	}
	return `date(` + col + ` + ` + off + `, 'unixepoch')`
}

// birthday is, in SQL, the day ('YYYY-MM-DD') someone born on the date in col turns the age in
// years; NULL for an empty date (a deleted account's). Someone is younger than years on a day
// exactly when that birthday is after the day, as domain.AgeOn counts.
func birthday(d Dialect, col, years string) string {
	year := `CAST(substr(` + col + `, 1, 4) AS INTEGER) + (` + years + `)`
	if d == Postgres {
		year = `lpad((` + year + `)::text, 4, '0')`
	} else {
		year = `printf('%04d', ` + year + `)`
	}
	return `CASE WHEN ` + col + ` = '' THEN NULL ELSE ` + year + ` || substr(` + col + `, 5) END`
}

// ScaleViolations counts, in SQL over the whole database, the violations of the signup rules:
// now decides which shifts are still ahead, guardianAge (domain.DefaultGuardianAge when 0) who
// needs a guardian's consent.
func (s *Store) ScaleViolations(ctx context.Context, now time.Time, guardianAge int) (Violations, error) {
	if guardianAge <= 0 {
		guardianAge = domain.DefaultGuardianAge
	}
	_, offset := now.In(domain.Almaty()).Zone()
	greatest := "MAX"
	if s.dialect == Postgres {
		greatest = "GREATEST"
	}
	var v Violations
	// Only those born after the earliest shift's day less the oldest age any rule asks for can be
	// too young for a shift: a cheap first test that spares the rest most rows.
	var first sql.NullInt64
	var oldest int
	if err := s.read(ctx).QueryRow(`SELECT MIN(starts_at), (SELECT COALESCE(MAX(min_age), 0) FROM events) FROM shifts`).Scan(&first, &oldest); err != nil {
		return v, fmt.Errorf("store: scale violations: %w", err)
	}
	if !first.Valid {
		return v, nil // no shifts, no signups
	}
	oldest = max(oldest, guardianAge, domain.AdultAge)
	youngSince := time.Unix(first.Int64, 0).In(domain.Almaty()).AddDate(-oldest, 0, -1).Format(time.DateOnly)
	day := almatyDay(s.dialect, "s.starts_at", offset)
	required := `CASE WHEN e.direction = ? OR e.heavy THEN ` + greatest + `(e.min_age, ?) ELSE e.min_age END`
	checks := []struct {
		into  *int
		query string
		args  []any
	}{
		{&v.Overbooked, `SELECT COUNT(*) FROM shifts s LEFT JOIN (SELECT shift_id, COUNT(*) AS confirmed
				FROM signups WHERE status = 'confirmed' GROUP BY shift_id) g ON g.shift_id = s.id
			WHERE s.confirmed_count > s.capacity OR COALESCE(g.confirmed, 0) > s.capacity`, nil},
		{&v.CountMismatch, `SELECT COUNT(*) FROM shifts s LEFT JOIN (SELECT shift_id,
				SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed,
				SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) AS waitlisted
				FROM signups GROUP BY shift_id) g ON g.shift_id = s.id
			WHERE s.confirmed_count <> COALESCE(g.confirmed, 0) OR s.waitlisted_count <> COALESCE(g.waitlisted, 0)`, nil},
		{&v.Duplicates, `SELECT COUNT(*) FROM (SELECT shift_id, user_id FROM signups WHERE status <> 'cancelled'
			GROUP BY shift_id, user_id HAVING COUNT(*) > 1) d`, nil},
		{&v.WaitlistOrder, `SELECT COUNT(*) FROM shifts s LEFT JOIN (SELECT shift_id, MAX(waitlist_seq) AS seq
				FROM signups WHERE status = 'waitlisted' GROUP BY shift_id) g ON g.shift_id = s.id
			WHERE s.waitlist_seq < COALESCE(g.seq, 0) OR s.waitlist_seq < s.waitlisted_count`, nil},
		{&v.IdleWaitlist, `SELECT COUNT(*) FROM shifts s JOIN events e ON e.id = s.event_id
			WHERE s.waitlisted_count > 0 AND s.confirmed_count < s.capacity AND s.starts_at > ? AND e.status = 'published'`,
			[]any{now.Unix()}},
		{&v.Overlaps, `SELECT COUNT(*) FROM (SELECT s.starts_at, MAX(s.ends_at) OVER (PARTITION BY g.user_id
				ORDER BY s.starts_at, s.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_ends
				FROM signups g JOIN shifts s ON s.id = g.shift_id WHERE g.status <> 'cancelled') x
			WHERE x.before_ends > x.starts_at`, nil},
		{&v.TooYoung, `SELECT COUNT(*) FROM users u JOIN signups g ON g.user_id = u.id JOIN shifts s ON s.id = g.shift_id
			JOIN events e ON e.id = s.event_id
			WHERE u.birth_date > ? AND g.status <> 'cancelled' AND ` + required + ` > 0 AND ` + birthday(s.dialect, "u.birth_date", required) + ` > ` + day,
			[]any{youngSince, domain.DirectionEmergency, domain.AdultAge, domain.DirectionEmergency, domain.AdultAge}},
		{&v.NoGuardian, `SELECT COUNT(*) FROM users u JOIN signups g ON g.user_id = u.id JOIN shifts s ON s.id = g.shift_id
			WHERE u.birth_date > ? AND g.status <> 'cancelled' AND ` + birthday(s.dialect, "u.birth_date", strconv.Itoa(guardianAge)) + ` > ` + day + `
			AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.user_id = g.user_id AND c.kind = ?)`, []any{youngSince, ConsentGuardian}},
		{&v.CancelledEvents, `SELECT COUNT(*) FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN events e ON e.id = s.event_id
			WHERE g.status <> 'cancelled' AND e.status = 'cancelled'`, nil},
	}
	r := s.read(ctx)
	for _, c := range checks {
		if err := r.QueryRow(c.query, c.args...).Scan(c.into); err != nil {
			return v, fmt.Errorf("store: scale violations: %w", err)
		}
	}
	return v, nil
}

// ScaleCounts are the rows of the tables a big data set fills, and of the jobs table.
type ScaleCounts struct {
	Organizations, Users, Events, Listed, Shifts, Signups, Jobs int64 // Listed: events the programme lists (published or cancelled, of verified organizations)
}

// ScaleCounts counts the rows of the tables a big data set fills.
func (s *Store) ScaleCounts(ctx context.Context) (ScaleCounts, error) {
	var c ScaleCounts
	err := s.read(ctx).QueryRow(`SELECT (SELECT COUNT(*) FROM organizations), (SELECT COUNT(*) FROM users),
		(SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM events e JOIN organizations o ON o.id = e.org_id WHERE e.status IN ('published', 'cancelled') AND o.status = 'verified'),
		(SELECT COUNT(*) FROM shifts), (SELECT COUNT(*) FROM signups), (SELECT COUNT(*) FROM jobs)`).
		Scan(&c.Organizations, &c.Users, &c.Events, &c.Listed, &c.Shifts, &c.Signups, &c.Jobs)
	if err != nil {
		return c, fmt.Errorf("store: scale counts: %w", err)
	}
	return c, nil
}
