package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"erikti/internal/domain"
)

// signupRun is how the SQLite group committer takes the signups of its batch that wait in line
// one after another (issue 7): in a flash crowd they are nearly all signups for one shift, and
// making each alone costs a dozen statements, three of them writes that fire triggers. A run reads
// and checks each signup exactly as signupWrite.alone does, in the order of the line, but counts
// the seats it takes in memory, and writes what it accepted in a few statements for them all: one
// UPDATE a shift, multi-row INSERTs of the signups, their mails and their idempotency keys.
//
// What keeps it exact:
//   - the committer is SQLite's one writer, and the run reads inside the batch's transaction, so
//     a shift's counters as read plus the seats the run took are its counters;
//   - the rules that read a volunteer's own rows (on the shift already, an overlapping shift, a
//     replayed idempotency key) must see their earlier signups: so a run holds one signup a
//     volunteer, and when a second one comes (known once its token is read) the run is written
//     out and they are read again;
//   - a refused signup changes nothing: the rules only read, and a volunteer's preferences row, the
//     one thing a signup may write before its seat, is written only once the rules have passed;
//   - any error that is not a refusal fails the batch, whose writes then run again each alone.
type signupRun struct {
	tx     *Tx
	users  map[int64]bool      // the volunteers of the run
	shifts map[int64]*runShift // the shifts the run read
	order  []int64             // the shifts in the order first read
	rows   []*signupWrite      // the accepted signups, in the order of the line
	texts  map[insertText]string
}

// insertText names a statement of insertMany: its INSERT, how many rows it holds, its RETURNING.
type insertText struct {
	insert    string
	rows      int
	returning string
}

// runShift is a shift as a run counts it.
type runShift struct {
	t                     domain.SignupTarget // as read, with the run's seats counted in
	facts                 shiftFacts
	seq                   int64 // its waitlist_seq, with the run's
	confirmed, waitlisted int   // the seats the run took
}

func newSignupRun() *signupRun {
	return &signupRun{users: map[int64]bool{}, shifts: map[int64]*runShift{}, texts: map[insertText]string{}}
}

// begin starts the run anew on a batch's transaction.
func (run *signupRun) begin(tx *Tx) *signupRun {
	run.reset()
	run.tx = tx
	return run
}

// add takes the signup of r into the run, leaving a refusal in r.err; the error it returns is
// not a refusal and fails the batch.
func (run *signupRun) add(r *writeReq) error {
	err := run.take(r.signup)
	var refusal *domain.Error
	if err != nil && !errors.As(err, &refusal) {
		return err
	}
	r.err = err
	return nil
}

// take reads and checks w as alone does, and takes its seat in memory.
func (run *signupRun) take(w *signupWrite) error {
	s, tx := w.s, run.tx
	w.sg, w.replayed = domain.Signup{}, false
	now := s.now().UTC().Truncate(time.Second)
	v, err := volunteerOf(tx, w.req, now)
	if err != nil {
		return err
	}
	if run.users[v.id] {
		// their earlier signup of the run is written first, and they are read again after it
		if err := run.flush(); err != nil {
			return err
		}
		if v, err = volunteerOf(tx, w.req, now); err != nil {
			return err
		}
	}
	run.users[v.id] = true
	w.req.UserID = v.id
	req := w.req
	if done, err := w.replay(v); done || err != nil {
		return err
	}
	sh, err := run.shift(req.ShiftID)
	if err != nil {
		return err
	}
	if err := s.checkSignup(tx, req, sh.t, v.birth, now); err != nil {
		return err
	}
	if w.to, err = v.recipient(tx); err != nil {
		return err
	}
	w.sg = domain.Signup{ShiftID: req.ShiftID, EventID: sh.t.Shift.EventID, UserID: req.UserID, CreatedAt: now}
	w.seq = sql.NullInt64{}
	if sh.t.Shift.Confirmed < sh.t.Shift.Capacity {
		w.sg.Status = domain.SignupConfirmed
		sh.t.Shift.Confirmed++
		sh.confirmed++
	} else {
		w.sg.Status = domain.SignupWaitlisted
		sh.t.Shift.Waitlisted++
		sh.waitlisted++
		sh.seq++
		w.sg.WaitlistPosition, w.seq = sh.t.Shift.Waitlisted, sql.NullInt64{Int64: sh.seq, Valid: true}
	}
	w.facts = &sh.facts
	run.rows = append(run.rows, w)
	return nil
}

// shift is the run's count of shift id, read at its first signup.
func (run *signupRun) shift(id int64) (*runShift, error) {
	if sh, ok := run.shifts[id]; ok {
		return sh, nil
	}
	t, facts, err := signupTarget(run.tx, id)
	if err != nil {
		return nil, err
	}
	sh := &runShift{t: t, facts: facts}
	if err := run.tx.QueryRow(`SELECT waitlist_seq FROM shifts WHERE id = ?`, id).Scan(&sh.seq); err != nil {
		return nil, fmt.Errorf("store: signups: waitlist of shift %d: %w", id, err)
	}
	run.shifts[id], run.order = sh, append(run.order, id)
	return sh, nil
}

// flush writes what the run accepted and starts it anew.
func (run *signupRun) flush() error {
	defer run.reset()
	if len(run.rows) == 0 {
		return nil
	}
	tx := run.tx
	for _, id := range run.order {
		sh := run.shifts[id]
		if sh.confirmed == 0 && sh.waitlisted == 0 {
			continue
		}
		res, err := tx.Exec(`UPDATE shifts SET confirmed_count = confirmed_count + ?, waitlisted_count = waitlisted_count + ?,
			waitlist_seq = waitlist_seq + ? WHERE id = ?`, sh.confirmed, sh.waitlisted, sh.waitlisted, id)
		if err != nil {
			return fmt.Errorf("store: signups: seats of shift %d: %w", id, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("store: signups: seats of shift %d: %d rows, %v", id, n, err)
		}
	}

	byUser := make(map[int64]*signupWrite, len(run.rows))
	for _, w := range run.rows {
		byUser[w.req.UserID] = w
	}
	err := run.insertMany(`INSERT INTO signups (shift_id, user_id, status, waitlist_seq, created_at, updated_at)`, 6, len(run.rows),
		func(args []any, i int) []any {
			w := run.rows[i]
			return append(args, w.req.ShiftID, w.req.UserID, w.sg.Status, w.seq, unix(w.sg.CreatedAt), unix(w.sg.CreatedAt))
		}, ` RETURNING id, user_id`, func(rows *sql.Rows) error {
			var id, user int64
			if err := rows.Scan(&id, &user); err != nil {
				return err
			}
			if w := byUser[user]; w != nil && w.sg.ID == 0 {
				w.sg.ID = id
				return nil
			}
			return fmt.Errorf("a signup of volunteer %d the run did not make", user)
		})
	if err != nil {
		return fmt.Errorf("store: signups: insert: %w", err)
	}

	var mails []*signupWrite
	var payloads []string
	var keys []*signupWrite
	for _, w := range run.rows {
		if w.sg.ID == 0 {
			return fmt.Errorf("store: signups: no id for volunteer %d", w.req.UserID)
		}
		if m, ok := signupMail(w.sg, *w.facts, w.to); ok {
			payload, err := json.Marshal(m)
			if err != nil {
				return fmt.Errorf("store: signups: mail payload: %w", err)
			}
			mails, payloads = append(mails, w), append(payloads, string(payload))
		}
		if w.req.IdempotencyKey != "" {
			keys = append(keys, w)
		}
	}
	now := run.rows[0].s.now()
	err = run.insertMany(`INSERT INTO jobs (kind, payload, user_id, run_at, max_attempts, created_at)`, 6, len(mails),
		func(args []any, i int) []any {
			return append(args, JobMail, payloads[i], mails[i].req.UserID, unix(now), mailAttempts, now.Unix())
		}, "", nil)
	if err != nil {
		return fmt.Errorf("store: signups: enqueue %s: %w", JobMail, err)
	}
	err = run.insertMany(`INSERT INTO idempotency_keys (user_id, key, fingerprint, result, created_at)`, 5, len(keys),
		func(args []any, i int) []any {
			w := keys[i]
			return append(args, w.req.UserID, w.req.IdempotencyKey, w.fingerprint(), w.result(), unix(w.sg.CreatedAt))
		}, "", nil)
	if err != nil {
		return fmt.Errorf("store: signups: remember idempotency keys: %w", err)
	}
	return nil
}

func (run *signupRun) reset() {
	clear(run.users)
	clear(run.shifts)
	run.order, run.rows = run.order[:0], run.rows[:0]
}

// maxInsertRows is the most rows one INSERT of insertMany holds.
const maxInsertRows = 128

// insertMany inserts n rows of width values each with insert (the statement up to VALUES),
// add appending row i's values. The rows go in statements of a power of two rows, at most
// maxInsertRows, largest first, so that eight statement texts a table serve every batch and the
// prepared statements stay few. With returning, each row a statement returns goes to scan.
func (run *signupRun) insertMany(insert string, width, n int, add func(args []any, i int) []any, returning string, scan func(*sql.Rows) error) error {
	tx := run.tx
	args := make([]any, 0, min(n, maxInsertRows)*width)
	for done := 0; done < n; {
		size := maxInsertRows
		for size > n-done {
			size /= 2
		}
		args = args[:0]
		for i := done; i < done+size; i++ {
			args = add(args, i)
		}
		name := insertText{insert, size, returning}
		query, ok := run.texts[name]
		if !ok {
			query = insert + ` VALUES ` + valuesList(width, size) + returning
			run.texts[name] = query
		}
		if scan == nil {
			if _, err := tx.Exec(query, args...); err != nil {
				return err
			}
		} else if err := scanAll(tx, query, args, scan); err != nil {
			return err
		}
		done += size
	}
	return nil
}

func scanAll(tx *Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// valuesList is "(?, ?), (?, ?)" for rows rows of width placeholders.
func valuesList(width, rows int) string {
	one := "(" + strings.Repeat("?, ", width-1) + "?)"
	var b strings.Builder
	b.Grow(rows * (len(one) + 2))
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	return b.String()
}
