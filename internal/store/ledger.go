package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"erikti/internal/domain"
)

// ledgerHash is the SHA-256 of the previous hash of the volunteer's chain and the entry's fields,
// each length-prefixed, as chainHash does for the audit log.
func ledgerHash(prev string, e domain.LedgerEntry) string {
	h := sha256.New()
	for _, f := range []string{prev, strconv.FormatInt(e.UserID, 10), strconv.FormatInt(e.SignupID, 10), strconv.FormatInt(e.ShiftID, 10),
		strconv.FormatInt(e.OrgID, 10), e.Kind, strconv.Itoa(e.Minutes), strconv.FormatInt(e.RefersTo, 10), e.Reason,
		strconv.FormatInt(e.ActorID, 10), strconv.FormatInt(e.CreatedAt.Unix(), 10)} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendLedger writes e as the next link of its volunteer's chain and returns its id.
func (s *Store) appendLedger(tx *Tx, e domain.LedgerEntry) (int64, error) {
	// the volunteer's row orders writers of one chain on PostgreSQL (the head may not exist yet)
	var uid int64
	if err := tx.QueryRow(`SELECT id FROM users WHERE id = ?`+tx.forUpdate(""), e.UserID).Scan(&uid); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: ledger: %w", err)
	}
	var prev string
	if err := tx.QueryRow(`SELECT hash FROM ledger_heads WHERE user_id = ?`, e.UserID).Scan(&prev); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: ledger head: %w", err)
	}
	e.CreatedAt = fromUnix(s.now().Unix())
	hash := ledgerHash(prev, e)
	var id int64
	if err := tx.QueryRow(`INSERT INTO hours_ledger (user_id, signup_id, shift_id, org_id, kind, minutes, refers_to, reason, actor_id, created_at, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.UserID, e.SignupID, e.ShiftID, e.OrgID, e.Kind, e.Minutes, e.RefersTo, e.Reason, e.ActorID, e.CreatedAt.Unix(), prev, hash).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: ledger: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO ledger_heads (user_id, hash, last_id) VALUES (?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, last_id = excluded.last_id`, e.UserID, hash, id); err != nil {
		return 0, fmt.Errorf("store: ledger head: %w", err)
	}
	return id, nil
}

// claimFromCheckin writes the claim a check-out gives: the time between check-in and check-out,
// cut to the shift's length and domain.HoursMargin. It writes none for a check-out before the shift
// started, nor when the signup has a pending or approved claim already (a coordinator entered
// hours first): a signup holds one live claim, which a correction replaces.
func (s *Store) claimFromCheckin(tx *Tx, sh domain.Shift, orgID int64, c domain.Checkin, actorID int64) error {
	if domain.CheckStarted(sh, s.now()) != nil {
		return nil
	}
	live, err := liveClaims(tx, sh.ID, c.SignupID)
	if err != nil || len(live) > 0 {
		return err
	}
	_, err = s.appendLedger(tx, domain.LedgerEntry{UserID: c.UserID, SignupID: c.SignupID, ShiftID: sh.ID, OrgID: orgID,
		Kind: domain.LedgerCheckin, Minutes: domain.AttendedMinutes(sh, c.CheckedInAt, c.CheckedOutAt), ActorID: actorID})
	return err
}

// lockShift locks a shift's row (PostgreSQL; on SQLite the single writer is the lock): every
// path that claims or approves hours takes it first (a check-out and EnterHours did already), so
// that the claims and decisions of one signup are written one at a time, in one lock order.
func lockShift(tx *Tx, shiftID int64) error {
	if _, err := tx.Exec(`SELECT id FROM shifts WHERE id = ?`+tx.forUpdate(""), shiftID); err != nil {
		return fmt.Errorf("store: lock shift %d: %w", shiftID, err)
	}
	return nil
}

// liveClaims lists a signup's claims that are pending or approved, oldest first; shiftID is the
// signup's shift, by whose index the ledger is read (it has none by signup).
func liveClaims(tx *Tx, shiftID, signupID int64) ([]domain.LedgerEntry, error) {
	claims, err := claimsWhere(tx, `shift_id = ? AND signup_id = ?`, shiftID, signupID)
	if err != nil {
		return nil, err
	}
	live := claims[:0]
	for _, c := range claims {
		if c.Status == domain.ClaimPending || c.Status == domain.LedgerApproved {
			live = append(live, c)
		}
	}
	return live, nil
}

const ledgerColumns = `id, user_id, signup_id, shift_id, org_id, kind, minutes, refers_to, reason, actor_id, created_at`

func scanLedger(row interface{ Scan(...any) error }, extra ...any) (domain.LedgerEntry, error) {
	var e domain.LedgerEntry
	var at int64
	err := row.Scan(append([]any{&e.ID, &e.UserID, &e.SignupID, &e.ShiftID, &e.OrgID, &e.Kind, &e.Minutes, &e.RefersTo, &e.Reason, &e.ActorID, &at}, extra...)...)
	e.CreatedAt = fromUnix(at)
	return e, err
}

// claimStatus is what later entries made of a claim.
func claimStatus(q queryer, id int64) (string, error) {
	rows, err := q.Query(`SELECT kind FROM hours_ledger WHERE refers_to = ?`, id)
	if err != nil {
		return "", fmt.Errorf("store: claim status: %w", err)
	}
	defer rows.Close()
	st := domain.ClaimPending
	for rows.Next() {
		var kind string
		if err := rows.Scan(&kind); err != nil {
			return "", fmt.Errorf("store: claim status: %w", err)
		}
		switch kind {
		case domain.LedgerApproved, domain.LedgerRejected:
			st = kind
		case domain.LedgerEntered:
			if st == domain.ClaimPending {
				st = domain.ClaimSuperseded
			}
		}
	}
	return st, rows.Err()
}

// claimByID reads a claim (a checkin or entered entry) with its status; field names it in errors.
func claimByID(q queryer, id int64, field string) (domain.LedgerEntry, error) {
	e, err := scanLedger(q.QueryRow(`SELECT `+ledgerColumns+` FROM hours_ledger WHERE id = ? AND kind IN ('checkin', 'entered')`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return e, domain.FieldErr(domain.NotFound, field, "not_found.hours", nil)
	}
	if err != nil {
		return e, fmt.Errorf("store: claim %d: %w", id, err)
	}
	e.Status, err = claimStatus(q, id)
	return e, err
}

// Claim returns one claim of the ledger with its status, for the caller to check its organization.
func (s *Store) Claim(ctx context.Context, id int64) (domain.LedgerEntry, error) {
	return claimByID(s.read(ctx), id, "id")
}

// EnterHours writes a coordinator's claim of minutes for a confirmed signup of a shift that has
// started; replaces, when not 0, is the pending claim of the same signup it corrects. Without
// replaces, a claim for a signup that has a pending one corrects it (a signup holds one live
// claim), and one for a signup whose hours are approved is refused (409 hours.already_approved).
// The caller has checked that actorID may act for the signup's organization.
func (s *Store) EnterHours(ctx context.Context, actorID, signupID int64, minutes int, replaces int64) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *Tx) error {
		sg, err := signupByID(tx, signupID)
		if err != nil {
			return err
		}
		if sg.Status != domain.SignupConfirmed {
			return domain.FieldErr(domain.Invalid, "signup_id", "hours.not_confirmed", nil)
		}
		sh, orgID, err := shiftByID(tx, sg.ShiftID, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		if err := domain.CheckStarted(sh, s.now()); err != nil {
			return err
		}
		if err := domain.CheckMinutes(sh, minutes); err != nil {
			return err
		}
		if replaces != 0 {
			old, err := claimByID(tx, replaces, "replaces")
			if err != nil {
				return err
			}
			if old.SignupID != signupID {
				return domain.FieldErr(domain.Invalid, "replaces", "hours.other_signup", nil)
			}
			if old.Status != domain.ClaimPending {
				return domain.FieldErr(domain.Conflict, "replaces", "hours.not_pending", nil)
			}
		} else {
			live, err := liveClaims(tx, sh.ID, signupID)
			if err != nil {
				return err
			}
			for _, c := range live {
				if c.Status == domain.LedgerApproved {
					return domain.Errorf(domain.Conflict, "hours.already_approved", nil)
				}
				replaces = c.ID // the latest pending claim
			}
		}
		if id, err = s.appendLedger(tx, domain.LedgerEntry{UserID: sg.UserID, SignupID: signupID, ShiftID: sh.ID, OrgID: orgID,
			Kind: domain.LedgerEntered, Minutes: minutes, RefersTo: replaces, ActorID: actorID}); err != nil {
			return err
		}
		return s.audit(tx, actorID, "hours.enter", "signup", signupID, map[string]any{"minutes": minutes, "replaces": replaces, "entry": id})
	})
	return id, err
}

// checkApproval applies the rules of approving claim by actorID at now, inside tx with the
// shift's row locked: not one's own hours, a shift that has started, and no other approved claim
// for the signup, whose total so stays within the cap.
func (s *Store) checkApproval(tx *Tx, actorID int64, claim domain.LedgerEntry) error {
	if err := domain.CheckNotOwn(actorID, claim); err != nil {
		return err
	}
	sh, _, err := shiftByID(tx, claim.ShiftID, "")
	if err != nil {
		return err
	}
	if err := domain.CheckStarted(sh, s.now()); err != nil {
		return err
	}
	live, err := liveClaims(tx, claim.ShiftID, claim.SignupID)
	if err != nil {
		return err
	}
	approved := 0
	for _, c := range live {
		if c.Status == domain.LedgerApproved {
			approved += c.Minutes
		}
	}
	if approved > 0 {
		return domain.Errorf(domain.Conflict, "hours.already_approved", nil)
	}
	return domain.CheckMinutes(sh, approved+claim.Minutes)
}

// decide writes a decision on a pending claim, inside tx.
func (s *Store) decide(tx *Tx, actorID int64, claim domain.LedgerEntry, kind, reason string) error {
	if claim.Status != domain.ClaimPending {
		return domain.FieldErr(domain.Conflict, "id", "hours.not_pending", nil)
	}
	id, err := s.appendLedger(tx, domain.LedgerEntry{UserID: claim.UserID, SignupID: claim.SignupID, ShiftID: claim.ShiftID, OrgID: claim.OrgID,
		Kind: kind, Minutes: claim.Minutes, RefersTo: claim.ID, Reason: reason, ActorID: actorID})
	if err != nil {
		return err
	}
	return s.audit(tx, actorID, "hours."+kind, "hours", claim.ID, map[string]any{"entry": id, "minutes": claim.Minutes, "reason": reason})
}

// ApproveHours approves a pending claim, under the rules of checkApproval. The caller has checked
// that actorID may act for its organization.
func (s *Store) ApproveHours(ctx context.Context, actorID, claimID int64) error {
	return s.write(ctx, func(tx *Tx) error {
		c, err := claimByID(tx, claimID, "id")
		if err != nil {
			return err
		}
		if err := lockShift(tx, c.ShiftID); err != nil {
			return err
		}
		if c, err = claimByID(tx, claimID, "id"); err != nil { // as it is under the lock
			return err
		}
		if c.Status != domain.ClaimPending {
			return domain.FieldErr(domain.Conflict, "id", "hours.not_pending", nil)
		}
		if err := s.checkApproval(tx, actorID, c); err != nil {
			return err
		}
		if err := s.decide(tx, actorID, c, domain.LedgerApproved, ""); err != nil {
			return err
		}
		return s.notifyDecided(tx, c.UserID, c.ShiftID, domain.LedgerApproved, c.Minutes, "")
	})
}

// RejectHours rejects a pending claim with a reason.
func (s *Store) RejectHours(ctx context.Context, actorID, claimID int64, reason string) error {
	r, err := domain.CheckReason(reason)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := claimByID(tx, claimID, "id")
		if err != nil {
			return err
		}
		if err := lockShift(tx, c.ShiftID); err != nil {
			return err
		}
		if c, err = claimByID(tx, claimID, "id"); err != nil { // as it is under the lock
			return err
		}
		if err := s.decide(tx, actorID, c, domain.LedgerRejected, r); err != nil {
			return err
		}
		return s.notifyDecided(tx, c.UserID, c.ShiftID, domain.LedgerRejected, c.Minutes, r)
	})
}

// notifyDecided writes the mail that tells a volunteer what became of their hours on a shift:
// approved (with the minutes) or rejected (with the reason), in the decision's transaction. It is
// an answer about their signup, so it honours the signups category of their mail preferences.
func (s *Store) notifyDecided(tx *Tx, userID, shiftID int64, kind string, minutes int, reason string) error {
	r, err := recipientOf(tx, userID)
	if err != nil {
		return err
	}
	if r.deleted || !r.prefs.allows(domain.CategorySignups) {
		return nil
	}
	f, err := shiftFactsOf(tx, shiftID)
	if err != nil {
		return err
	}
	var org domain.Text
	if err := tx.QueryRow(`SELECT o.name_kk, o.name_ru, o.name_en FROM events e JOIN organizations o ON o.id = e.org_id WHERE e.id = ?`,
		f.eventID).Scan(&org.KK, &org.RU, &org.EN); err != nil {
		return fmt.Errorf("store: hours mail: %w", err)
	}
	outcome := "mail.hours_decided.approved"
	if kind == domain.LedgerRejected {
		outcome = "mail.hours_decided.rejected"
	}
	return s.enqueueMail(tx, userID, domain.Mail{Kind: domain.MailHoursDecided, To: r.email, Name: r.name, Locale: r.locale,
		Params: map[string]string{"h": strconv.Itoa(minutes / 60), "m": strconv.Itoa(minutes % 60), "reason": reason},
		Texts:  map[string]domain.Text{"event": f.title, "role": f.shift.Role, "organization": org},
		Times:  map[string]int64{"starts": f.shift.StartsAt.Unix()}, ParamKeys: map[string]string{"outcome": outcome},
		Link: "/me/hours", Category: domain.CategorySignups, Unsubscribe: r.prefs.Token})
}

// ApproveShiftHours approves every pending claim of a shift that has started (422 naming
// starts_at, hours.not_started, before) and reports how many. It passes over the claims checkApproval refuses:
// the actor's own, and a second one for a signup whose hours are approved.
func (s *Store) ApproveShiftHours(ctx context.Context, actorID, shiftID int64) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		sh, _, err := shiftByID(tx, shiftID, tx.forUpdate("s"))
		if err != nil {
			return err
		}
		if err := domain.CheckStarted(sh, s.now()); err != nil {
			return err
		}
		claims, err := claimsWhere(tx, `shift_id = ?`, shiftID)
		if err != nil {
			return err
		}
		// one mail per volunteer, with all their hours approved here
		var users []int64
		approved := map[int64]int{}
		for _, c := range claims {
			if c.Status != domain.ClaimPending {
				continue
			}
			if err := s.checkApproval(tx, actorID, c); domain.ErrorCode(err) == domain.Conflict || domain.ErrorCode(err) == domain.Invalid {
				continue
			} else if err != nil {
				return err
			}
			if err := s.decide(tx, actorID, c, domain.LedgerApproved, ""); err != nil {
				return err
			}
			if _, ok := approved[c.UserID]; !ok {
				users = append(users, c.UserID)
			}
			approved[c.UserID] += c.Minutes
			n++
		}
		for _, u := range users {
			if err := s.notifyDecided(tx, u, shiftID, domain.LedgerApproved, approved[u], ""); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// ShiftClaims lists a shift's claims with their status, oldest first.
func (s *Store) ShiftClaims(ctx context.Context, shiftID int64) ([]domain.LedgerEntry, error) {
	return claimsWhere(s.read(ctx), `shift_id = ?`, shiftID)
}

// UserClaims lists a volunteer's claims with their status, oldest first.
func (s *Store) UserClaims(ctx context.Context, userID int64) ([]domain.LedgerEntry, error) {
	return claimsWhere(s.read(ctx), `user_id = ?`, userID)
}

func claimsWhere(q queryer, where string, args ...any) ([]domain.LedgerEntry, error) {
	rows, err := q.Query(`SELECT `+ledgerColumns+` FROM hours_ledger WHERE kind IN ('checkin', 'entered') AND `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	var out []domain.LedgerEntry
	for rows.Next() {
		e, err := scanLedger(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: claims: %w", err)
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claims: %w", err)
	}
	for i := range out {
		if out[i].Status, err = claimStatus(q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LedgerBreak is the first entry of a volunteer's chain whose hash does not follow from the
// entries before it.
type LedgerBreak struct {
	UserID, ID int64 // ID 0: the head does not match the last entry (last entries removed)
	Reason     string
}

func (b *LedgerBreak) Error() string {
	return fmt.Sprintf("hours ledger chain of volunteer %d broken at entry %d: %s", b.UserID, b.ID, b.Reason)
}

// LedgerViolation is the first entry of a sound chain that breaks a rule of hours (see
// domain.CheckStarted, CheckNotOwn and CapMinutes): written before its shift started, approved by
// the volunteer themselves, or a signup's second approved claim or one past its cap.
type LedgerViolation struct {
	UserID, SignupID, ID int64
	Reason               string
}

func (v *LedgerViolation) Error() string {
	return fmt.Sprintf("hours of volunteer %d on signup %d break a rule at entry %d: %s", v.UserID, v.SignupID, v.ID, v.Reason)
}

// ledgerRules checks every claim and approval against the rules of hours and returns the first
// *LedgerViolation, oldest first.
func ledgerRules(q queryer) error {
	rows, err := q.Query(`SELECT a.id, a.user_id, a.signup_id, a.kind, a.minutes, a.actor_id, a.created_at, s.starts_at, s.ends_at
		FROM hours_ledger a JOIN shifts s ON s.id = a.shift_id ORDER BY a.id`)
	if err != nil {
		return fmt.Errorf("store: verify ledger rules: %w", err)
	}
	defer rows.Close()
	type approvals struct{ n, minutes int }
	bySignup := map[int64]approvals{}
	for rows.Next() {
		var e domain.LedgerEntry
		var at, starts, ends int64
		if err := rows.Scan(&e.ID, &e.UserID, &e.SignupID, &e.Kind, &e.Minutes, &e.ActorID, &at, &starts, &ends); err != nil {
			return fmt.Errorf("store: verify ledger rules: %w", err)
		}
		sh := domain.Shift{StartsAt: fromUnix(starts), EndsAt: fromUnix(ends)}
		bad := func(reason string) error {
			return &LedgerViolation{UserID: e.UserID, SignupID: e.SignupID, ID: e.ID, Reason: reason}
		}
		if e.Kind == domain.LedgerRejected {
			continue
		}
		if domain.CheckStarted(sh, fromUnix(at)) != nil {
			return bad("written before its shift started")
		}
		if e.Kind != domain.LedgerApproved {
			continue
		}
		if e.ActorID == e.UserID {
			return bad("approved by the volunteer themselves")
		}
		a := bySignup[e.SignupID]
		a.n, a.minutes = a.n+1, a.minutes+e.Minutes
		bySignup[e.SignupID] = a
		if a.n > 1 {
			return bad("a second approved claim for the signup")
		}
		if a.minutes > domain.CapMinutes(sh) {
			return bad(fmt.Sprintf("%d minutes approved for the signup, over its cap of %d", a.minutes, domain.CapMinutes(sh)))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: verify ledger rules: %w", err)
	}
	return nil
}

// VerifyLedger walks every volunteer's chain and returns how many entries it checked, or the first
// *LedgerBreak; on sound chains it then checks the rules of hours and returns the first
// *LedgerViolation.
func (s *Store) VerifyLedger(ctx context.Context) (int, error) {
	r := s.read(ctx)
	rows, err := r.Query(`SELECT ` + ledgerColumns + `, prev_hash, hash FROM hours_ledger ORDER BY user_id, id`)
	if err != nil {
		return 0, fmt.Errorf("store: verify ledger: %w", err)
	}
	defer rows.Close()
	type tail struct {
		hash string
		id   int64
	}
	last := map[int64]tail{}
	n := 0
	for rows.Next() {
		var prevHash, hash string
		e, err := scanLedger(rows, &prevHash, &hash)
		if err != nil {
			return n, fmt.Errorf("store: verify ledger: %w", err)
		}
		prev := last[e.UserID].hash
		switch {
		case prevHash != prev:
			return n, &LedgerBreak{UserID: e.UserID, ID: e.ID, Reason: "it does not follow the entry before it (one was removed or inserted)"}
		case ledgerHash(prev, e) != hash:
			return n, &LedgerBreak{UserID: e.UserID, ID: e.ID, Reason: "its content does not match its hash (it was edited)"}
		}
		last[e.UserID] = tail{hash, e.ID}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: verify ledger: %w", err)
	}
	heads, err := r.Query(`SELECT user_id, hash, last_id FROM ledger_heads ORDER BY user_id`)
	if err != nil {
		return n, fmt.Errorf("store: verify ledger: %w", err)
	}
	defer heads.Close()
	seen := 0
	for heads.Next() {
		var uid, lastID int64
		var hash string
		if err := heads.Scan(&uid, &hash, &lastID); err != nil {
			return n, fmt.Errorf("store: verify ledger: %w", err)
		}
		if t := last[uid]; t.hash != hash || t.id != lastID {
			return n, &LedgerBreak{UserID: uid, Reason: "the last entries were removed"}
		}
		seen++
	}
	if err := heads.Err(); err != nil {
		return n, fmt.Errorf("store: verify ledger: %w", err)
	}
	if seen != len(last) {
		return n, &LedgerBreak{Reason: "a chain has no head (it was inserted)"}
	}
	return n, ledgerRules(r)
}

// BookEntry is one approved claim in a volunteer's book, with where and when.
type BookEntry struct {
	ClaimID      int64
	Minutes      int
	ShiftStarts  time.Time
	EventID      int64
	EventTitle   domain.Text
	Direction    string
	Organization domain.Text
}

// PendingHours lists a volunteer's claims still waiting for a decision, oldest shift first: the
// claims no approval, rejection or correction refers to (the pending status of claimStatus). Each
// entry carries its minutes and its shift's start; the other fields of BookEntry are left empty.
func (s *Store) PendingHours(ctx context.Context, userID int64) ([]BookEntry, error) {
	rows, err := s.read(ctx).Query(`SELECT a.id, a.minutes, s.starts_at
		FROM hours_ledger a JOIN shifts s ON s.id = a.shift_id
		WHERE a.user_id = ? AND a.kind IN ('checkin', 'entered')
		AND NOT EXISTS (SELECT 1 FROM hours_ledger d WHERE d.refers_to = a.id AND d.kind IN ('approved', 'rejected', 'entered'))
		ORDER BY s.starts_at, a.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: pending hours: %w", err)
	}
	defer rows.Close()
	out := []BookEntry{}
	for rows.Next() {
		var b BookEntry
		var starts int64
		if err := rows.Scan(&b.ClaimID, &b.Minutes, &starts); err != nil {
			return nil, fmt.Errorf("store: pending hours: %w", err)
		}
		b.ShiftStarts = fromUnix(starts)
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pending hours: %w", err)
	}
	return out, nil
}

// HoursBook lists a volunteer's approved hours, oldest shift first.
func (s *Store) HoursBook(ctx context.Context, userID int64) ([]BookEntry, error) {
	rows, err := s.read(ctx).Query(`SELECT a.refers_to, a.minutes, s.starts_at, e.id, e.title_kk, e.title_ru, e.title_en, e.direction, o.name_kk, o.name_ru, o.name_en
		FROM hours_ledger a JOIN shifts s ON s.id = a.shift_id JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = a.org_id
		WHERE a.user_id = ? AND a.kind = 'approved' ORDER BY s.starts_at, a.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: hours book: %w", err)
	}
	defer rows.Close()
	out := []BookEntry{}
	for rows.Next() {
		var b BookEntry
		var starts int64
		if err := rows.Scan(&b.ClaimID, &b.Minutes, &starts, &b.EventID, &b.EventTitle.KK, &b.EventTitle.RU, &b.EventTitle.EN, &b.Direction, &b.Organization.KK, &b.Organization.RU, &b.Organization.EN); err != nil {
			return nil, fmt.Errorf("store: hours book: %w", err)
		}
		b.ShiftStarts = fromUnix(starts)
		out = append(out, b)
	}
	return out, rows.Err()
}
