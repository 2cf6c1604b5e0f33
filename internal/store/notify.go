package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"erikti/internal/domain"
)

// The mails a volunteer's shifts cause: each written in the transaction of its cause (a signup and
// its confirmation commit together or not at all), and the reminders, one job per shift and time,
// that fan out to the shift's confirmed volunteers when they come due.

// JobReminder is the kind of job that reminds a shift's confirmed volunteers of it.
const JobReminder = "reminder"

// reminderAttempts is how often a reminder job is tried; it only writes mail jobs, in one
// transaction, so a failure is the database's.
const reminderAttempts = 5

// reminder is a reminder job's payload.
type reminder struct {
	ShiftID  int64  `json:"shift_id"`
	Which    string `json:"which"`     // domain.MailReminderDay or domain.MailReminderHours
	StartsAt int64  `json:"starts_at"` // the shift's start when the job was written: a moved shift has new jobs
}

// MailPrefs is what a person lets erikti mail them, and the secret of their unsubscribe links.
type MailPrefs struct {
	Signups, Reminders bool
	Token              string
}

// allows reports whether prefs let a mail of category go.
func (p MailPrefs) allows(category string) bool {
	switch category {
	case domain.CategorySignups:
		return p.Signups
	case domain.CategoryReminders:
		return p.Reminders
	}
	return true
}

func newMailToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// ensureMailPrefs gives userID their preferences row, everything on, if they have none yet.
func ensureMailPrefs(tx *Tx, userID int64) error {
	if _, err := tx.Exec(`INSERT INTO mail_prefs (user_id, token) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING`, userID, newMailToken()); err != nil {
		return fmt.Errorf("store: mail preferences: %w", err)
	}
	return nil
}

// recipient is what a mail needs of the person it goes to.
type recipient struct {
	id                  int64
	email, name, locale string
	prefs               MailPrefs
	deleted             bool
}

// recipientOf reads a mail's recipient; an account made before preferences existed gets its row.
func recipientOf(tx *Tx, userID int64) (recipient, error) {
	r := recipient{id: userID}
	var rs recipientScan
	err := tx.QueryRow(`SELECT `+recipientColumns+` FROM users u LEFT JOIN mail_prefs p ON p.user_id = u.id WHERE u.id = ?`, userID).
		Scan(rs.dest(&r)...)
	if err != nil {
		return r, fmt.Errorf("store: recipient %d: %w", userID, err)
	}
	if !rs.fill(&r) {
		if err := ensureMailPrefs(tx, userID); err != nil {
			return r, err
		}
		return recipientOf(tx, userID)
	}
	return r, nil
}

// recipientColumns read a recipient of a user u, with their preferences p (LEFT JOIN mail_prefs p).
const recipientColumns = `u.email, u.name, u.locale, u.disabled_at, p.signups, p.reminders, p.token`

// recipientScan takes recipientColumns from a row.
type recipientScan struct {
	disabled           int64
	signups, reminders sql.NullBool
	token              sql.NullString
}

func (rs *recipientScan) dest(r *recipient) []any {
	return []any{&r.email, &r.name, &r.locale, &rs.disabled, &rs.signups, &rs.reminders, &rs.token}
}

// fill completes r from the row; false when the person has no preferences row yet.
func (rs *recipientScan) fill(r *recipient) bool {
	r.prefs = MailPrefs{Signups: rs.signups.Bool, Reminders: rs.reminders.Bool, Token: rs.token.String}
	r.deleted = rs.disabled > 0
	return rs.token.Valid
}

// shiftFacts is what a mail about a shift tells.
type shiftFacts struct {
	shift   domain.Shift
	eventID int64
	title   domain.Text
	venue   domain.Text
	org     domain.Text // the organization's name, read only for the mails that tell it
}

func shiftFactsOf(tx *Tx, shiftID int64) (shiftFacts, error) {
	var f shiftFacts
	var starts, ends int64
	err := tx.QueryRow(`SELECT s.id, s.event_id, s.role_kk, s.role_ru, s.role_en, s.starts_at, s.ends_at,
		e.title_kk, e.title_ru, e.title_en, e.venue_kk, e.venue_ru, e.venue_en FROM shifts s JOIN events e ON e.id = s.event_id WHERE s.id = ?`, shiftID).
		Scan(&f.shift.ID, &f.shift.EventID, &f.shift.Role.KK, &f.shift.Role.RU, &f.shift.Role.EN, &starts, &ends,
			&f.title.KK, &f.title.RU, &f.title.EN, &f.venue.KK, &f.venue.RU, &f.venue.EN)
	if err != nil {
		return f, fmt.Errorf("store: shift %d: %w", shiftID, err)
	}
	f.shift.StartsAt, f.shift.EndsAt, f.eventID = fromUnix(starts), fromUnix(ends), f.shift.EventID
	return f, nil
}

// mailAboutShift writes a mail of kind about shift f to userID, unless their preferences turn off
// its category or their account is gone; it reports whether it wrote one.
func (s *Store) mailAboutShift(tx *Tx, kind, category string, userID int64, f shiftFacts, params map[string]string, attach bool) (bool, error) {
	r, err := recipientOf(tx, userID)
	if err != nil {
		return false, err
	}
	return s.mailShiftTo(tx, kind, category, r, f, params, attach)
}

// mailShiftTo is mailAboutShift for a recipient already read.
func (s *Store) mailShiftTo(tx *Tx, kind, category string, r recipient, f shiftFacts, params map[string]string, attach bool) (bool, error) {
	m, ok := shiftMail(kind, category, r, f, params, attach)
	if !ok {
		return false, nil
	}
	return true, s.enqueueMail(tx, r.id, m)
}

// shiftMail is the mail of kind about shift f to r, or false when r's preferences turn off its
// category or r's account is gone.
func shiftMail(kind, category string, r recipient, f shiftFacts, params map[string]string, attach bool) (domain.Mail, bool) {
	if r.deleted || !r.prefs.allows(category) {
		return domain.Mail{}, false
	}
	m := domain.Mail{Kind: kind, To: r.email, Name: r.name, Locale: r.locale, Params: params,
		Texts: map[string]domain.Text{"event": f.title, "role": f.shift.Role, "venue": f.venue},
		Times: map[string]int64{"starts": f.shift.StartsAt.Unix(), "ends": f.shift.EndsAt.Unix()},
		Link:  fmt.Sprintf("/events/%d", f.eventID), Category: category}
	if kind == domain.MailEventCancelled {
		m.Link = "/programme"
	}
	if !f.org.Empty() {
		m.Texts["organization"] = f.org
	}
	if category != "" {
		m.Unsubscribe = r.prefs.Token
	}
	if attach {
		m.ShiftICS = f.shift.ID
	}
	return m, true
}

// signupMail is the mail that answers a signup: a place confirmed (with the shift as a calendar
// file) or a place on the waitlist; its facts and recipient were read by the signup.
func signupMail(sg domain.Signup, f shiftFacts, r recipient) (domain.Mail, bool) {
	if sg.Status == domain.SignupConfirmed {
		return shiftMail(domain.MailSignupConfirmed, domain.CategorySignups, r, f, nil, true)
	}
	return shiftMail(domain.MailSignupWaitlisted, domain.CategorySignups, r, f,
		map[string]string{"position": strconv.Itoa(sg.WaitlistPosition)}, false)
}

// notifyPromoted tells the volunteers of the promoted signups that a place is theirs now.
func (s *Store) notifyPromoted(tx *Tx, shiftID int64, users []int64) error {
	if len(users) == 0 {
		return nil
	}
	f, err := shiftFactsOf(tx, shiftID)
	if err != nil {
		return err
	}
	for _, u := range users {
		if _, err := s.mailAboutShift(tx, domain.MailSignupPromoted, domain.CategorySignups, u, f, nil, true); err != nil {
			return err
		}
	}
	return nil
}

// activeSignups lists the volunteers and shifts of the signups not cancelled, of one shift or of
// every shift of an event.
func activeSignups(tx *Tx, where string, id int64) (users, shifts []int64, err error) {
	rows, err := tx.Query(`SELECT g.user_id, g.shift_id FROM signups g JOIN shifts s ON s.id = g.shift_id
		WHERE g.status <> 'cancelled' AND `+where+` ORDER BY g.id`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("store: signups to tell: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u, sh int64
		if err := rows.Scan(&u, &sh); err != nil {
			return nil, nil, fmt.Errorf("store: signups to tell: %w", err)
		}
		users, shifts = append(users, u), append(shifts, sh)
	}
	return users, shifts, rows.Err()
}

// notifyShiftHolders writes kind (a change or a cancellation, which always go) to everyone holding or
// waiting for a place, as listed by activeSignups.
func (s *Store) notifyShiftHolders(tx *Tx, kind string, users, shifts []int64) error {
	facts := map[int64]shiftFacts{}
	for i, u := range users {
		f, ok := facts[shifts[i]]
		if !ok {
			var err error
			if f, err = shiftFactsOf(tx, shifts[i]); err != nil {
				return err
			}
			facts[shifts[i]] = f
		}
		if _, err := s.mailAboutShift(tx, kind, "", u, f, nil, kind == domain.MailShiftChanged); err != nil {
			return err
		}
	}
	return nil
}

// scheduleReminders writes the reminder jobs of a shift that starts at startsAt: a day and two
// hours before, each only if that time is still to come.
func (s *Store) scheduleReminders(tx *Tx, shiftID int64, startsAt time.Time) error {
	now := s.now()
	for _, r := range []struct {
		which  string
		before time.Duration
	}{{domain.MailReminderDay, domain.ReminderDayBefore}, {domain.MailReminderHours, domain.ReminderHoursBefore}} {
		at := startsAt.Add(-r.before)
		if !at.After(now) {
			continue
		}
		if err := s.enqueue(tx, JobReminder, 0, reminder{ShiftID: shiftID, Which: r.which, StartsAt: startsAt.Unix()}, at, reminderAttempts); err != nil {
			return err
		}
	}
	return nil
}

// SendReminders runs a reminder job: it writes, in one transaction, the reminder mail of each
// confirmed volunteer of the shift who has not had it yet. A job for a shift that has moved since,
// started, or whose event is cancelled writes nothing; it reports how many mails it wrote.
func (s *Store) SendReminders(ctx context.Context, j Job) (int, error) {
	var p reminder
	if err := json.Unmarshal([]byte(j.Payload), &p); err != nil || p.ShiftID == 0 {
		return 0, domain.Errorf(domain.Invalid, "job.payload", nil)
	}
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		f, err := shiftFactsOf(tx, p.ShiftID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		var status string
		if err := tx.QueryRow(`SELECT status FROM events WHERE id = ?`, f.eventID).Scan(&status); err != nil {
			return fmt.Errorf("store: reminders: %w", err)
		}
		if f.shift.StartsAt.Unix() != p.StartsAt || !s.now().Before(f.shift.StartsAt) || status != string(domain.EventPublished) {
			return nil
		}
		rows, err := tx.Query(`SELECT id, user_id FROM signups WHERE shift_id = ? AND status = 'confirmed' ORDER BY id`, p.ShiftID)
		if err != nil {
			return fmt.Errorf("store: reminders: %w", err)
		}
		var signups, users []int64
		for rows.Next() {
			var id, u int64
			if err := rows.Scan(&id, &u); err != nil {
				rows.Close()
				return fmt.Errorf("store: reminders: %w", err)
			}
			signups, users = append(signups, id), append(users, u)
		}
		rows.Close()
		for i, sgID := range signups {
			res, err := tx.Exec(`INSERT INTO reminders_sent (signup_id, which, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
				sgID, p.Which, s.now().Unix())
			if err != nil {
				return fmt.Errorf("store: reminders: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue // this volunteer has had it
			}
			sent, err := s.mailAboutShift(tx, p.Which, domain.CategoryReminders, users[i], f, nil, false)
			if err != nil {
				return err
			}
			if sent {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: reminders: %w", err)
	}
	return n, nil
}

// ShiftForCalendar is what a shift's calendar file shows: the shift, its event, and whether the
// event is cancelled.
func (s *Store) ShiftForCalendar(ctx context.Context, shiftID int64) (domain.Shift, domain.Event, error) {
	sh, _, err := s.Shift(ctx, shiftID)
	if err != nil {
		return sh, domain.Event{}, err
	}
	e, err := s.Event(ctx, sh.EventID)
	return sh, e, err
}

// MailPrefs returns what userID lets erikti mail them.
func (s *Store) MailPrefs(ctx context.Context, userID int64) (MailPrefs, error) {
	p := MailPrefs{Signups: true, Reminders: true}
	err := s.read(ctx).QueryRow(`SELECT signups, reminders, token FROM mail_prefs WHERE user_id = ?`, userID).Scan(&p.Signups, &p.Reminders, &p.Token)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("store: mail preferences: %w", err)
	}
	return p, nil
}

// SetMailPrefs records what userID lets erikti mail them.
func (s *Store) SetMailPrefs(ctx context.Context, userID int64, signups, reminders bool) error {
	return s.write(ctx, func(tx *Tx) error {
		if err := ensureMailPrefs(tx, userID); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE mail_prefs SET signups = ?, reminders = ? WHERE user_id = ?`, signups, reminders, userID); err != nil {
			return fmt.Errorf("store: mail preferences: %w", err)
		}
		return nil
	})
}

// Unsubscribe turns off category for the person whose unsubscribe secret is token, as the one-click
// link in their mails asks.
func (s *Store) Unsubscribe(ctx context.Context, token, category string) error {
	column := map[string]string{domain.CategorySignups: "signups", domain.CategoryReminders: "reminders"}[category]
	if column == "" {
		return domain.FieldErr(domain.Invalid, "c", "field.unknown_category", nil)
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE mail_prefs SET `+column+` = FALSE WHERE token = ?`, token)
		if err != nil {
			return fmt.Errorf("store: unsubscribe: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.FieldErr(domain.Invalid, "token", "field.token_invalid", nil)
		}
		return nil
	})
}

// MessageRoster writes a coordinator's message to everyone holding or waiting for a place on a
// shift, in one transaction, and reports to how many; a shift is sent at most
// domain.RosterMessagesPerDay in a day. The caller has checked that actorID may act for the shift.
func (s *Store) MessageRoster(ctx context.Context, actorID, shiftID int64, msg domain.RosterMessage) (int, error) {
	if err := msg.Validate(); err != nil {
		return 0, err
	}
	n := 0
	err := s.write(ctx, func(tx *Tx) error {
		n = 0
		if _, _, err := shiftByID(tx, shiftID, tx.forUpdate("s")); err != nil {
			return err
		}
		var today int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM roster_messages WHERE shift_id = ? AND sent_at > ?`,
			shiftID, s.now().Add(-24*time.Hour).Unix()).Scan(&today); err != nil {
			return fmt.Errorf("store: roster message: %w", err)
		}
		if today >= domain.RosterMessagesPerDay {
			return domain.Errorf(domain.Conflict, "roster.message_limit", map[string]any{"n": domain.RosterMessagesPerDay})
		}
		users, _, err := activeSignups(tx, `g.shift_id = ?`, shiftID)
		if err != nil {
			return err
		}
		f, err := shiftFactsOf(tx, shiftID)
		if err != nil {
			return err
		}
		var sender string
		if err := tx.QueryRow(`SELECT o.name_kk, o.name_ru, o.name_en FROM events e JOIN organizations o ON o.id = e.org_id WHERE e.id = ?`,
			f.eventID).Scan(&f.org.KK, &f.org.RU, &f.org.EN); err != nil {
			return fmt.Errorf("store: roster message: %w", err)
		}
		if err := tx.QueryRow(`SELECT name FROM users WHERE id = ?`, actorID).Scan(&sender); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: roster message: %w", err)
		}
		for _, u := range users {
			sent, err := s.mailAboutShift(tx, domain.MailRosterMessage, "", u, f,
				map[string]string{"subject": msg.Subject, "text": msg.Text, "sender": sender}, false)
			if err != nil {
				return err
			}
			if sent {
				n++
			}
		}
		if _, err := tx.Exec(`INSERT INTO roster_messages (shift_id, actor_id, subject, recipients, sent_at) VALUES (?, ?, ?, ?, ?)`,
			shiftID, actorID, msg.Subject, n, s.now().Unix()); err != nil {
			return fmt.Errorf("store: roster message: %w", err)
		}
		return s.audit(tx, actorID, "shift.message", "shift", shiftID, map[string]any{"recipients": n})
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
