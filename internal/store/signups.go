package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"erikti/internal/domain"
)

// SignupRequest is one volunteer asking for a place on a shift.
type SignupRequest struct {
	ShiftID int64
	UserID  int64
	// TokenHash, when set, names the volunteer instead of UserID: the hash of their API token,
	// checked in the signup's first statement as UserByToken checks it (live, not expired, the
	// account not disabled), so that a request pays no read of its own for it. PolicyVersion, when
	// set, is the privacy policy their standing consent must be to (consent.required otherwise).
	TokenHash, PolicyVersion string
	IdempotencyKey           string // optional; a retry with the same key returns the first answer
	// GuardianAge: under it on the shift's day the volunteer needs a guardian's consent
	// (domain.DefaultGuardianAge when 0).
	GuardianAge int
}

// idempotentResult is what an idempotency key remembers of a signup: its first answer.
type idempotentResult struct {
	ID       int64  `json:"id"`
	ShiftID  int64  `json:"shift_id"`
	EventID  int64  `json:"event_id"`
	Status   string `json:"status"`
	Position int    `json:"waitlist_position"`
	Created  int64  `json:"created_at"`
}

// SignUp gives a volunteer a place on a shift, or a place in its waitlist, in one transaction:
//
//  1. the volunteer is read with their mail's recipient and the answer of an idempotency key they
//     sent before, in one statement; on PostgreSQL their row is locked, so one person's requests
//     run one at a time and a replayed idempotency key finds the first request's answer;
//  2. the domain rules are checked on the shift, its event and organization as read then:
//     published event, organization not suspended, shift not started, old enough, a guardian's
//     consent under req.GuardianAge, not already on the shift, no overlapping shift; the mail's
//     facts are read with them;
//  3. the shift's row is locked (PostgreSQL; on SQLite the single writer is the lock) and its
//     shift, event and organization read again; only if they moved are the rules checked again;
//  4. the seat rule (takeSeat, seats.go) decides on the shift's counters as read under that lock:
//     confirmed while a seat is free, else the end of the waitlist; one UPDATE writes the counters
//     only if the row still holds the ones decided on (writeSeats). A CHECK constraint on the shift
//     row holds the same line in the database itself (see doc.go).
//
// On SQLite, signups that wait in the group committer's line together are taken together (see
// signupRun): the same rules on the same rows, with the seats counted in memory by the same seat
// rule and the rows written a few statements for them all.
//
// replayed is true when the answer comes from an earlier request with the same key.
func (s *Store) SignUp(ctx context.Context, req SignupRequest) (sg domain.Signup, replayed bool, err error) {
	w := &signupWrite{s: s, req: req}
	if s.gc != nil {
		err = s.gc.doSignup(ctx, w)
	} else {
		err = s.write(ctx, w.alone)
	}
	return w.sg, w.replayed, err
}

// signupWrite is one signup and its answer.
type signupWrite struct {
	s        *Store
	req      SignupRequest
	sg       domain.Signup
	replayed bool
	// what a signupRun keeps of an accepted signup until it writes it
	seq   sql.NullInt64
	facts *shiftFacts
	to    recipient
}

// alone makes the signup in a transaction of its own (or the savepoint of one).
func (w *signupWrite) alone(tx *Tx) error {
	s := w.s
	w.sg, w.replayed = domain.Signup{}, false
	now := s.now().UTC().Truncate(time.Second)
	v, err := volunteerOf(tx, w.req, now)
	if err != nil {
		return err
	}
	w.req.UserID = v.id
	req := w.req
	if done, err := w.replay(v); done || err != nil {
		return err
	}
	// the rules, checked on what is read before the shift's lock; the lock (PostgreSQL) is
	// taken only for the few statements that take the seat, so that a crowd on one shift
	// waits for each other as briefly as can be
	t, facts, err := signupTarget(tx, req.ShiftID)
	if err != nil {
		return err
	}
	if err := s.checkSignup(tx, req, t, v.birth, now); err != nil {
		return err
	}
	if tx.dialect == Postgres {
		// what a change that committed while the rules were checked may have moved: the shift,
		// its event's and its organization's status, read again under the shift's lock
		// the lock first, then the read in a statement of its own: in READ COMMITTED a new
		// statement sees what committed while it waited for the lock (a join that waits sees
		// its other tables as they were when it began)
		if _, err := tx.Exec(`SELECT id FROM shifts WHERE id = ?`+tx.forUpdate(""), req.ShiftID); err != nil {
			return fmt.Errorf("store: signup: lock the shift: %w", err)
		}
		locked, lockedFacts, err := signupTarget(tx, req.ShiftID)
		if err != nil {
			return err
		}
		if !sameRules(locked, t) {
			if err := s.checkSignup(tx, req, locked, v.birth, now); err != nil {
				return err
			}
		}
		t, facts = locked, lockedFacts
	}
	to, err := v.recipient(tx)
	if err != nil {
		return err
	}

	// the seat: decided by the seat rule on the shift's counters as read under its lock, and
	// written by one statement that holds only if they have not moved
	w.sg = domain.Signup{ShiftID: req.ShiftID, EventID: t.Shift.EventID, UserID: req.UserID, CreatedAt: now}
	before := t.Shift
	w.sg.Status = takeSeat(&t.Shift)
	last, err := writeSeats(tx, before, t.Shift)
	if err != nil {
		return err
	}
	var seq sql.NullInt64
	if w.sg.Status == domain.SignupWaitlisted {
		w.sg.WaitlistPosition, seq = t.Shift.Waitlisted, sql.NullInt64{Int64: last, Valid: true}
	}
	err = tx.QueryRow(`INSERT INTO signups (shift_id, user_id, status, waitlist_seq, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, req.ShiftID, req.UserID, w.sg.Status, seq, unix(now), unix(now)).Scan(&w.sg.ID)
	if isUnique(err) {
		return domain.Errorf(domain.Conflict, "signup.already", nil)
	}
	if err != nil {
		return fmt.Errorf("store: signup: insert: %w", err)
	}
	if m, ok := signupMail(w.sg, facts, to); ok {
		if err := s.enqueueMail(tx, req.UserID, m); err != nil {
			return err
		}
	}
	if req.IdempotencyKey != "" {
		if _, err := tx.Exec(`INSERT INTO idempotency_keys (user_id, key, fingerprint, result, created_at) VALUES (?, ?, ?, ?, ?)`,
			req.UserID, req.IdempotencyKey, w.fingerprint(), w.result(), unix(now)); err != nil {
			return fmt.Errorf("store: signup: remember idempotency key: %w", err)
		}
	}
	return nil
}

// fingerprint is what an idempotency key of the signup stands for.
func (w *signupWrite) fingerprint() string { return "signup:" + strconv.FormatInt(w.req.ShiftID, 10) }

// result is the answer an idempotency key remembers.
func (w *signupWrite) result() string {
	b, _ := json.Marshal(idempotentResult{ID: w.sg.ID, ShiftID: w.sg.ShiftID, EventID: w.sg.EventID,
		Status: string(w.sg.Status), Position: w.sg.WaitlistPosition, Created: unix(w.sg.CreatedAt)})
	return string(b)
}

// replay answers the signup from its idempotency key's first answer, when there is one; done is
// true then, or when the key stands for another request (err).
func (w *signupWrite) replay(v volunteer) (done bool, err error) {
	if !v.keyUsed {
		return false, nil
	}
	if v.fingerprint != w.fingerprint() {
		return true, domain.FieldErr(domain.Invalid, "Idempotency-Key", "idempotency.mismatch", nil)
	}
	var r idempotentResult
	if err := json.Unmarshal([]byte(v.result), &r); err != nil {
		return true, fmt.Errorf("store: signup: stored answer: %w", err)
	}
	w.sg = domain.Signup{ID: r.ID, ShiftID: r.ShiftID, EventID: r.EventID, UserID: w.req.UserID,
		Status: domain.SignupStatus(r.Status), WaitlistPosition: r.Position, CreatedAt: fromUnix(r.Created)}
	w.replayed = true
	return true, nil
}

// volunteer is what a signup reads of the person signing up, in one statement.
type volunteer struct {
	id                  int64
	birth               time.Time
	to                  recipient
	consent             string // the version of the privacy policy of their standing consent
	prefsKnown          bool   // false: an account made before mail preferences existed, without their row
	keyUsed             bool   // the idempotency key was used before, for fingerprint, answered with result
	fingerprint, result string
}

// volunteerOf reads the volunteer of req (by UserID, or by TokenHash), their standing privacy
// consent, their mail's recipient and what their idempotency key answered before, in one
// statement. On PostgreSQL it locks their row first, in a statement of its own, so that the read
// sees what a request of theirs that held the lock committed (in READ COMMITTED, a join that
// waits for a lock sees its other tables as they were when it began).
func volunteerOf(tx *Tx, req SignupRequest, now time.Time) (volunteer, error) {
	var v volunteer
	query, args := volunteerByID, []any{req.IdempotencyKey, req.UserID}
	if req.TokenHash != "" {
		query, args = volunteerByToken, []any{req.IdempotencyKey, req.TokenHash, now.Unix()}
	}
	if tx.dialect == Postgres {
		lock := `SELECT u.id FROM users u WHERE u.id = ?`
		if req.TokenHash != "" {
			lock = `SELECT u.id FROM ` + tokenUser + ` WHERE ` + tokenLive
		}
		var id int64
		err := tx.QueryRow(lock+tx.forUpdate("u"), args[1:]...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return v, domain.Errorf(domain.Unauthorized, "auth.token_invalid", nil)
		}
		if err != nil {
			return v, fmt.Errorf("store: signup: lock the volunteer: %w", err)
		}
		query, args = volunteerByID, []any{req.IdempotencyKey, id}
	}
	v, err := scanVolunteer(tx.QueryRow(query, args...), req.IdempotencyKey != "")
	if errors.Is(err, sql.ErrNoRows) {
		return v, domain.Errorf(domain.Unauthorized, "auth.token_invalid", nil)
	}
	if err != nil {
		return v, err
	}
	return v, v.consentFor(req)
}

// scanVolunteer reads a volunteer from a row of volunteerColumns (after extra); keyed tells
// whether the request sent an idempotency key.
func scanVolunteer(row interface{ Scan(...any) error }, keyed bool, extra ...any) (volunteer, error) {
	var v volunteer
	var birth string
	var rs recipientScan
	var consent, fp, result sql.NullString
	err := row.Scan(append(extra, &v.id, &birth, &consent, &v.to.email, &v.to.name, &v.to.locale,
		&rs.disabled, &rs.signups, &rs.reminders, &rs.token, &fp, &result)...)
	if errors.Is(err, sql.ErrNoRows) {
		return v, err
	}
	if err != nil {
		return v, fmt.Errorf("store: signup: volunteer: %w", err)
	}
	v.to.id = v.id
	v.birth, _ = domain.ParseDate(birth)
	v.consent = consent.String
	v.prefsKnown = rs.fill(&v.to)
	v.keyUsed, v.fingerprint, v.result = keyed && fp.Valid, fp.String, result.String
	return v, nil
}

// consentFor refuses the volunteer's signup when their standing consent is not to the policy
// req asks for.
func (v volunteer) consentFor(req SignupRequest) error {
	if req.PolicyVersion != "" && v.consent != req.PolicyVersion {
		return domain.Errorf(domain.Forbidden, "consent.required", nil)
	}
	return nil
}

// The statements of volunteerOf, built once: by the user's id, or by a live API token (as
// UserByToken reads one). Their first argument is the idempotency key.
const (
	tokenUser = `api_tokens t JOIN users u ON u.id = t.user_id`               // #nosec G101 -- SQL naming the tokens table, not a credential
	tokenLive = `t.token_hash = ? AND t.expires_at > ? AND u.disabled_at = 0` // #nosec G101 -- SQL that compares a token's hash, not a credential

	volunteerColumns = `u.id, u.birth_date, ` + privacyConsentColumn + `, ` + recipientColumns + `, k.fingerprint, k.result`
	volunteerFrom    = `SELECT ` + volunteerColumns + ` FROM `
	volunteerJoins   = ` LEFT JOIN mail_prefs p ON p.user_id = u.id LEFT JOIN idempotency_keys k ON k.user_id = u.id AND k.key = ? WHERE `

	volunteerByID    = volunteerFrom + `users u` + volunteerJoins + `u.id = ?`
	volunteerByToken = volunteerFrom + tokenUser + volunteerJoins + tokenLive
)

// recipient is the volunteer as their mail's recipient, giving them their preferences row first
// if they have none.
func (v volunteer) recipient(tx *Tx) (recipient, error) {
	if v.prefsKnown {
		return v.to, nil
	}
	return recipientOf(tx, v.id)
}

// signupTarget reads, in one statement, what the rules of a signup need of its shift, event and
// organization, and what its mail tells of them.
func signupTarget(tx *Tx, shiftID int64) (t domain.SignupTarget, f shiftFacts, err error) {
	t.Shift, err = scanShift(tx.QueryRow(signupTargetQuery, shiftID),
		&t.EventStatus, &t.EventMinAge, &t.Direction, &t.Heavy, &t.OrgStatus, &f.title.KK, &f.title.RU, &f.title.EN, &f.venue.KK, &f.venue.RU, &f.venue.EN)
	if errors.Is(err, sql.ErrNoRows) {
		return t, f, domain.Errorf(domain.NotFound, "not_found.shift", nil)
	}
	if err != nil {
		return t, f, fmt.Errorf("store: signup: shift %d: %w", shiftID, err)
	}
	f.shift, f.eventID = t.Shift, t.Shift.EventID
	return t, f, nil
}

// signupTargetQuery is signupTarget's statement, built once.
var signupTargetQuery = `SELECT ` + prefixed("s.", shiftColumns) + `, e.status, e.min_age, e.direction, e.heavy, o.status,
		e.title_kk, e.title_ru, e.title_en, e.venue_kk, e.venue_ru, e.venue_en
		FROM shifts s JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = e.org_id WHERE s.id = ?`

// sameRules reports whether two reads of a signup's target give the rules the same answer.
func sameRules(a, b domain.SignupTarget) bool {
	return a.Shift.StartsAt.Equal(b.Shift.StartsAt) && a.Shift.EndsAt.Equal(b.Shift.EndsAt) && a.EventStatus == b.EventStatus &&
		a.EventMinAge == b.EventMinAge && a.Direction == b.Direction && a.Heavy == b.Heavy && a.OrgStatus == b.OrgStatus
}

// checkSignup checks the rules of a signup: the domain's (published, open, old enough), a
// guardian's consent under req.GuardianAge, not already on the shift, no overlapping shift.
func (s *Store) checkSignup(tx *Tx, req SignupRequest, t domain.SignupTarget, birthDate, now time.Time) error {
	if err := checkRules(tx, req, t, birthDate, now); err != nil {
		return err
	}
	return onShiftOrOverlapping(tx, req.UserID, t.Shift)
}

// checkRules is checkSignup but for the volunteer's other signups.
func checkRules(tx *Tx, req SignupRequest, t domain.SignupTarget, birthDate, now time.Time) error {
	if err := domain.CheckSignup(t, birthDate, now); err != nil {
		return err
	}
	if domain.NeedsGuardian(birthDate, t.Shift.StartsAt, req.GuardianAge) {
		if ok, err := hasGuardianConsent(tx, req.UserID); err != nil {
			return err
		} else if !ok {
			age := req.GuardianAge
			if age <= 0 {
				age = domain.DefaultGuardianAge
			}
			return domain.Errorf(domain.Forbidden, "signup.guardian_consent_needed", map[string]any{"age": age})
		}
	}
	return nil
}

// onShiftOrOverlapping refuses a signup, in one statement, when the volunteer already holds (or
// waits for) a place on the shift, or one on another shift at the same time.
func onShiftOrOverlapping(tx *Tx, userID int64, sh domain.Shift) error {
	var o onShift
	err := tx.QueryRow(`SELECT g.id, s.id, s.event_id, e.title_kk, e.title_ru, e.title_en, s.starts_at,
		s.role_kk, s.role_ru, s.role_en, s.ends_at
		FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN events e ON e.id = s.event_id
		WHERE g.user_id = ? AND g.status <> 'cancelled' AND (s.id = ? OR (s.starts_at < ? AND s.ends_at > ?))
		ORDER BY CASE WHEN s.id = ? THEN 0 ELSE 1 END, s.starts_at LIMIT 1`, userID, sh.ID, unix(sh.EndsAt), unix(sh.StartsAt), sh.ID).
		Scan(o.dest()...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: signup: on the shift or overlapping: %w", err)
	}
	return o.refusal(sh)
}

// onShift is a signup of the volunteer's that refuses another: on the same shift, or on one at
// the same time.
type onShift struct {
	signup       int64
	other        domain.Shift
	title        domain.Text
	starts, ends int64
}

// dest scans the columns signup id, shift id, event id, the event's title (kk, ru, en), starts_at,
// the shift's role (kk, ru, en) and ends_at.
func (o *onShift) dest() []any {
	return []any{&o.signup, &o.other.ID, &o.other.EventID, &o.title.KK, &o.title.RU, &o.title.EN, &o.starts,
		&o.other.Role.KK, &o.other.Role.RU, &o.other.Role.EN, &o.ends}
}

// before reports whether o is the one to name rather than p, for a signup on sh: the same shift
// first, then the soonest.
func (o *onShift) before(p *onShift, sh int64) bool {
	if (o.other.ID == sh) != (p.other.ID == sh) {
		return o.other.ID == sh
	}
	return o.starts < p.starts
}

func (o *onShift) refusal(sh domain.Shift) error {
	if o.other.ID == sh.ID {
		return domain.Errorf(domain.Conflict, "signup.already", map[string]any{"signup_id": o.signup})
	}
	o.other.StartsAt, o.other.EndsAt = fromUnix(o.starts), fromUnix(o.ends)
	return domain.OverlapError(o.other, o.title)
}

// CancelSignup cancels a signup. allowed decides, from the signup and its shift's organization,
// whether the actor may. Cancelling a confirmed place promotes the first in the waitlist in the same
// transaction, as the seat rule says (leaveSeat). Cancelling a cancelled signup changes nothing and
// returns it.
func (s *Store) CancelSignup(ctx context.Context, actorID, signupID int64, allowed func(sg domain.Signup, orgID int64) error) (sg domain.Signup, promoted []int64, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		sg, promoted, err = s.cancelInTx(tx, actorID, signupID, allowed)
		return err
	})
	return sg, promoted, err
}

// cancelInTx is CancelSignup inside the caller's transaction.
func (s *Store) cancelInTx(tx *Tx, actorID, signupID int64, allowed func(sg domain.Signup, orgID int64) error) (sg domain.Signup, promoted []int64, err error) {
	var shiftID int64
	if err := tx.QueryRow(`SELECT shift_id FROM signups WHERE id = ?`, signupID).Scan(&shiftID); errors.Is(err, sql.ErrNoRows) {
		return sg, nil, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	} else if err != nil {
		return sg, nil, fmt.Errorf("store: cancel: %w", err)
	}
	sh, orgID, err := shiftByID(tx, shiftID, tx.forUpdate("s")) // the shift's lock orders every change to its signups
	if err != nil {
		return sg, nil, err
	}
	sg, err = signupByID(tx, signupID)
	if err != nil {
		return sg, nil, err
	}
	if err := allowed(sg, orgID); err != nil {
		return sg, nil, err
	}
	if sg.Status == domain.SignupCancelled {
		return sg, nil, nil
	}
	now := s.now().Unix()
	if _, err := tx.Exec(`UPDATE signups SET status = 'cancelled', waitlist_seq = NULL, cancelled_at = ?, updated_at = ? WHERE id = ?`,
		now, now, signupID); err != nil {
		return sg, nil, fmt.Errorf("store: cancel: %w", err)
	}
	after := sh
	promote := leaveSeat(&after, sg.Status, s.now())
	if promoted, _, err = s.settleSeats(tx, sh, after, promote); err != nil {
		return sg, nil, err
	}
	sg.Status, sg.WaitlistPosition, sg.CancelledAt = domain.SignupCancelled, 0, fromUnix(now)
	if actorID != sg.UserID {
		return sg, promoted, s.audit(tx, actorID, "signup.cancel", "signup", signupID, map[string]any{"shift_id": shiftID, "user_id": sg.UserID})
	}
	return sg, promoted, nil
}

// signupColumns reads a signup with its waitlist position: the waitlisted ahead of it, plus one.
const signupColumns = `g.id, g.shift_id, s.event_id, g.user_id, g.status, g.created_at, g.cancelled_at,
	CASE WHEN g.status = 'waitlisted' THEN (SELECT COUNT(*) FROM signups w WHERE w.shift_id = g.shift_id
		AND w.status = 'waitlisted' AND w.waitlist_seq <= g.waitlist_seq) ELSE 0 END`

func scanSignup(row interface{ Scan(...any) error }, extra ...any) (domain.Signup, error) {
	var sg domain.Signup
	var created, cancelled int64
	dest := append([]any{&sg.ID, &sg.ShiftID, &sg.EventID, &sg.UserID, &sg.Status, &created, &cancelled, &sg.WaitlistPosition}, extra...)
	err := row.Scan(dest...)
	sg.CreatedAt, sg.CancelledAt = fromUnix(created), fromUnix(cancelled)
	return sg, err
}

func signupByID(q queryer, id int64) (domain.Signup, error) {
	sg, err := scanSignup(q.QueryRow(`SELECT `+signupColumns+` FROM signups g JOIN shifts s ON s.id = g.shift_id WHERE g.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sg, domain.Errorf(domain.NotFound, "not_found.signup", nil)
	}
	if err != nil {
		return sg, fmt.Errorf("store: signup %d: %w", id, err)
	}
	return sg, nil
}

// Signup returns one signup.
func (s *Store) Signup(ctx context.Context, id int64) (domain.Signup, error) {
	return signupByID(s.read(ctx), id)
}

// UserSignups lists a volunteer's signups, soonest shift first, with their shifts and event titles.
func (s *Store) UserSignups(ctx context.Context, userID int64) ([]domain.Signup, error) {
	rows, err := s.read(ctx).Query(`SELECT `+signupColumns+`, `+prefixed("s.", shiftColumns)+`, e.title_kk, e.title_ru, e.title_en
		FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN events e ON e.id = s.event_id
		WHERE g.user_id = ? ORDER BY s.starts_at, g.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: user signups: %w", err)
	}
	defer rows.Close()
	out := []domain.Signup{}
	for rows.Next() {
		var sh domain.Shift
		var starts, ends int64
		var title domain.Text
		sg, err := scanSignup(rows, &sh.ID, &sh.EventID, &sh.Role.KK, &sh.Role.RU, &sh.Role.EN, &starts, &ends,
			&sh.Capacity, &sh.Confirmed, &sh.Waitlisted, &title.KK, &title.RU, &title.EN)
		if err != nil {
			return nil, fmt.Errorf("store: user signups: %w", err)
		}
		sh.StartsAt, sh.EndsAt = fromUnix(starts), fromUnix(ends)
		sg.Shift, sg.EventTitle = &sh, title
		out = append(out, sg)
	}
	return out, rows.Err()
}

// Roster lists a shift's confirmed volunteers in order of signup, then its waitlist in order.
func (s *Store) Roster(ctx context.Context, shiftID int64) ([]domain.Signup, error) {
	rows, err := s.read(ctx).Query(`SELECT `+signupColumns+`, u.name, u.email
		FROM signups g JOIN shifts s ON s.id = g.shift_id JOIN users u ON u.id = g.user_id
		WHERE g.shift_id = ? AND g.status <> 'cancelled'
		ORDER BY CASE WHEN g.status = 'confirmed' THEN 0 ELSE 1 END, g.waitlist_seq, g.id`, shiftID)
	if err != nil {
		return nil, fmt.Errorf("store: roster: %w", err)
	}
	defer rows.Close()
	out := []domain.Signup{}
	for rows.Next() {
		var name, email string
		sg, err := scanSignup(rows, &name, &email)
		if err != nil {
			return nil, fmt.Errorf("store: roster: %w", err)
		}
		sg.UserName, sg.UserEmail = name, email
		out = append(out, sg)
	}
	return out, rows.Err()
}
