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
// the seats it takes in memory by the seat rule (takeSeat, seats.go), and writes what it accepted in
// a few statements for them all: one UPDATE a shift (writeSeats), multi-row INSERTs of the signups,
// their mails and their idempotency keys.
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
	seen   map[int64]bool      // the volunteers met so far in the line that addAll takes
	pre    []prefetched        // what prefetch read of each signup of that line
	idx    []int               // prefetch's lists of signups
	args   []any               // a statement's arguments
	texts  map[runStatement]string
}

// runStatement names a statement of the run's: what it is and how many rows it holds.
type runStatement struct {
	name string
	rows int
}

// runShift is a shift as a run counts it.
type runShift struct {
	t     domain.SignupTarget // as read, with the run's seats counted in by the seat rule
	read  domain.Shift        // its counters as read, which writeSeats finds again at flush
	facts shiftFacts
	seq   int64 // its waitlist_seq, with the run's
}

func newSignupRun() *signupRun {
	return &signupRun{users: map[int64]bool{}, shifts: map[int64]*runShift{}, seen: map[int64]bool{}, texts: map[runStatement]string{}}
}

// begin starts the run anew on a batch's transaction.
func (run *signupRun) begin(tx *Tx) *signupRun {
	run.reset()
	run.tx = tx
	return run
}

// addAll takes the signups of reqs, writes that wait next to each other in line, into the run,
// leaving each refusal in its r.err; the error it returns is not a refusal and fails the batch.
func (run *signupRun) addAll(reqs []*writeReq) error {
	if err := run.prefetch(reqs); err != nil {
		return err
	}
	clear(run.seen)
	for i, r := range reqs {
		err := run.take(r.signup, &run.pre[i])
		var refusal *domain.Error
		if err != nil && !errors.As(err, &refusal) {
			return err
		}
		r.err = err
	}
	return nil
}

// take reads and checks w as alone does — from what prefetch read of it, when that still stands
// — and takes its seat in memory.
func (run *signupRun) take(w *signupWrite, p *prefetched) error {
	s, tx := w.s, run.tx
	w.sg, w.replayed = domain.Signup{}, false
	now := s.now().UTC().Truncate(time.Second)
	v, err, pre := p.v, p.err, p.read
	if !pre {
		v, err = volunteerOf(tx, w.req, now)
	}
	if err != nil {
		return err // a token not valid, or no consent: nothing a signup changes
	}
	if run.seen[v.id] {
		// an earlier signup of theirs in this line: it is written first if the run holds it,
		// and they are read again after it
		pre = false
		if run.users[v.id] {
			if err := run.flush(); err != nil {
				return err
			}
		}
		if v, err = volunteerOf(tx, w.req, now); err != nil {
			return err
		}
	}
	run.seen[v.id], run.users[v.id] = true, true
	w.req.UserID = v.id
	req := w.req
	if done, err := w.replay(v); done || err != nil {
		return err
	}
	sh, err := run.shift(req.ShiftID)
	if err != nil {
		return err
	}
	if err := checkRules(tx, req, sh.t, v.birth, now); err != nil {
		return err
	}
	switch {
	case !pre || !p.onRead:
		if err := onShiftOrOverlapping(tx, req.UserID, sh.t.Shift); err != nil {
			return err
		}
	case p.on.signup != 0:
		return p.on.refusal(sh.t.Shift)
	}
	if w.to, err = v.recipient(tx); err != nil {
		return err
	}
	w.sg = domain.Signup{ShiftID: req.ShiftID, EventID: sh.t.Shift.EventID, UserID: req.UserID, CreatedAt: now}
	w.seq = sql.NullInt64{}
	if w.sg.Status = takeSeat(&sh.t.Shift); w.sg.Status == domain.SignupWaitlisted {
		sh.seq++
		w.sg.WaitlistPosition, w.seq = sh.t.Shift.Waitlisted, sql.NullInt64{Int64: sh.seq, Valid: true}
	}
	w.facts = &sh.facts
	run.rows = append(run.rows, w)
	return nil
}

// prefetched is what prefetch read of one signup of a line.
type prefetched struct {
	read   bool // v (or err) was read
	v      volunteer
	err    error // the refusal of the read: a token not valid, or no consent
	onRead bool  // on was read: a signup of theirs that refuses this one, if on.signup != 0
	on     onShift
}

// prefetch reads, for the signups of a line made with a token, their volunteers in a few
// statements for them all instead of one each, and then, for each volunteer's first signup of
// the line, the signup of theirs that refuses it (on the shift already, or at the same time).
// Until take comes to a signup, only the signups of other volunteers are taken, which change
// nothing of this: so what it read stands, but for a volunteer's second signup of the line, which
// take reads again.
func (run *signupRun) prefetch(reqs []*writeReq) error {
	run.pre = append(run.pre[:0], make([]prefetched, len(reqs))...)
	run.idx = run.idx[:0]
	for i, r := range reqs {
		if r.signup.req.TokenHash != "" {
			run.idx = append(run.idx, i)
		}
	}
	if len(run.idx) == 0 {
		return nil
	}
	now := reqs[run.idx[0]].signup.s.now().Unix()
	err := run.chunked(len(run.idx), func(from, size int) error {
		run.args = run.args[:0]
		for _, i := range run.idx[from : from+size] {
			req := reqs[i].signup.req
			run.args = append(run.args, i, req.TokenHash, req.IdempotencyKey)
			run.pre[i].read, run.pre[i].err = true, domain.Errorf(domain.Unauthorized, "auth.token_invalid", nil)
		}
		run.args = append(run.args, now)
		return scanAll(run.tx, run.text("volunteers", size, func() string {
			return `WITH q(i, token, key) AS (VALUES ` + valuesList(3, size) + `) SELECT q.i, ` + volunteerColumns + `
				FROM q JOIN api_tokens t ON t.token_hash = q.token JOIN users u ON u.id = t.user_id
				LEFT JOIN mail_prefs p ON p.user_id = u.id LEFT JOIN idempotency_keys k ON k.user_id = u.id AND k.key = q.key
				WHERE t.expires_at > ? AND u.disabled_at = 0`
		}), run.args, func(rows *sql.Rows) error {
			var i int
			v, err := scanVolunteer(rows, true, &i)
			if err != nil {
				return err
			}
			if i < 0 || i >= len(reqs) {
				return fmt.Errorf("a volunteer for signup %d of %d", i, len(reqs))
			}
			req := reqs[i].signup.req
			v.keyUsed = v.keyUsed && req.IdempotencyKey != ""
			run.pre[i].v, run.pre[i].err = v, v.consentFor(req)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: signups: volunteers: %w", err)
	}

	// each volunteer's first signup of the line, on a shift that exists
	clear(run.seen)
	kept := run.idx[:0]
	for _, i := range run.idx {
		p := &run.pre[i]
		if p.err != nil || run.seen[p.v.id] {
			continue
		}
		run.seen[p.v.id] = true
		if _, err := run.shift(reqs[i].signup.req.ShiftID); err != nil {
			continue // take meets the same error, and answers it
		}
		kept = append(kept, i)
	}
	err = run.chunked(len(kept), func(from, size int) error {
		run.args = run.args[:0]
		for _, i := range kept[from : from+size] {
			sh := run.shifts[reqs[i].signup.req.ShiftID].t.Shift
			run.args = append(run.args, i, run.pre[i].v.id, sh.ID, unix(sh.StartsAt), unix(sh.EndsAt))
			run.pre[i].onRead = true
		}
		return scanAll(run.tx, run.text("on shifts", size, func() string {
			return `WITH q(i, user_id, shift_id, starts, ends) AS (VALUES ` + valuesList(5, size) + `)
				SELECT q.i, g.id, s.id, s.event_id, e.title_kk, e.title_ru, e.title_en, s.starts_at,
					s.role_kk, s.role_ru, s.role_en, s.ends_at
				FROM q JOIN signups g ON g.user_id = q.user_id AND g.status <> 'cancelled' JOIN shifts s ON s.id = g.shift_id
				JOIN events e ON e.id = s.event_id
				WHERE s.id = q.shift_id OR (s.starts_at < q.ends AND s.ends_at > q.starts)`
		}), run.args, func(rows *sql.Rows) error {
			var i int
			var o onShift
			if err := rows.Scan(append([]any{&i}, o.dest()...)...); err != nil {
				return err
			}
			if i < 0 || i >= len(reqs) {
				return fmt.Errorf("a signup that refuses signup %d of %d", i, len(reqs))
			}
			if p := &run.pre[i]; p.on.signup == 0 || o.before(&p.on, reqs[i].signup.req.ShiftID) {
				p.on = o
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: signups: their other signups: %w", err)
	}
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
	sh := &runShift{t: t, read: t.Shift, facts: facts}
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
		if sh.t.Shift.Confirmed == sh.read.Confirmed && sh.t.Shift.Waitlisted == sh.read.Waitlisted {
			continue
		}
		seq, err := writeSeats(tx, sh.read, sh.t.Shift)
		if err != nil {
			return err
		}
		if seq != sh.seq {
			return fmt.Errorf("store: signups: waitlist of shift %d: at %d, the run counted %d", id, seq, sh.seq)
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

// maxInsertRows is the most rows one statement of a run holds: an INSERT's, or a VALUES list of
// prefetch.
const maxInsertRows = 128

// insertMany inserts n rows of width values each with insert (the statement up to VALUES),
// add appending row i's values, in the chunks of chunked. With returning, each row a statement
// returns goes to scan.
func (run *signupRun) insertMany(insert string, width, n int, add func(args []any, i int) []any, returning string, scan func(*sql.Rows) error) error {
	return run.chunked(n, func(from, size int) error {
		run.args = run.args[:0]
		for i := from; i < from+size; i++ {
			run.args = add(run.args, i)
		}
		query := run.text(insert+returning, size, func() string { return insert + ` VALUES ` + valuesList(width, size) + returning })
		if scan == nil {
			_, err := run.tx.Exec(query, run.args...)
			return err
		}
		return scanAll(run.tx, query, run.args, scan)
	})
}

// chunked calls fn for n items in chunks of a power of two items, at most maxInsertRows, largest
// first, so that eight statement texts serve every batch and the prepared statements stay few.
func (run *signupRun) chunked(n int, fn func(from, size int) error) error {
	for from := 0; from < n; {
		size := maxInsertRows
		for size > n-from {
			size /= 2
		}
		if err := fn(from, size); err != nil {
			return err
		}
		from += size
	}
	return nil
}

// text is the statement named name for rows rows, built once.
func (run *signupRun) text(name string, rows int, build func() string) string {
	key := runStatement{name, rows}
	q, ok := run.texts[key]
	if !ok {
		q = build()
		run.texts[key] = q
	}
	return q
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
