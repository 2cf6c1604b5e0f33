package domain

import (
	"strings"
	"time"
)

// Mail is an email erikti owes someone: the kind names its text (the messages mail.KIND.subject,
// mail.KIND.body and, with a link, mail.KIND.action), written in the recipient's language when it
// is sent. It is stored as a job in the same transaction as the change that causes it.
type Mail struct {
	Kind   string            `json:"kind"`
	To     string            `json:"to"`
	Name   string            `json:"name,omitempty"` // whom to greet; no greeting when empty
	Locale string            `json:"locale"`
	Params map[string]string `json:"params,omitempty"` // the texts' {placeholders}
	// Texts fill placeholders with content written in several languages (an event's title), and
	// Times with moments written as a date and time of Almaty in the recipient's language.
	Texts map[string]Text  `json:"texts,omitempty"`
	Times map[string]int64 `json:"times,omitempty"` // Unix seconds
	// Category is the kind of mail the person may turn off (MailCategories), or "" for one the
	// law or safety requires; Unsubscribe is the secret of their one-click unsubscribe link.
	Category    string `json:"category,omitempty"`
	Unsubscribe string `json:"unsubscribe,omitempty"`
	// ShiftICS attaches the shift with this id as an iCalendar file.
	ShiftICS int64 `json:"shift_ics,omitempty"`
	// ParamKeys are placeholders filled with a message (named by its key) in the recipient's
	// language, such as a role's name.
	ParamKeys map[string]string `json:"param_keys,omitempty"`
	// Link is the path (under erikti's public address) of the button in the mail; a secret in it
	// is removed from the stored job once the mail has gone.
	Link string `json:"link,omitempty"`
}

// The kinds of mail.
const (
	MailVerifyEmail      = "verify_email"
	MailResetPassword    = "reset_password"
	MailSignupConfirmed  = "signup_confirmed"
	MailSignupWaitlisted = "signup_waitlisted"
	MailSignupPromoted   = "signup_promoted"
	MailReminderDay      = "reminder_day"   // a day before the shift
	MailReminderHours    = "reminder_hours" // two hours before
	MailShiftChanged     = "shift_changed"  // its time or place changed
	MailEventCancelled   = "event_cancelled"
	MailInvitation       = "invitation"
	MailRosterMessage    = "roster_message" // a coordinator's word to everyone on a shift
	// MailGuardianConsent goes to a young volunteer's guardian, who has no account: it is written
	// in the volunteer's language, the one guess erikti has of the family's.
	MailGuardianConsent   = "guardian_consent"
	MailGuardianConfirmed = "guardian_confirmed" // tells the volunteer their guardian agreed
	MailGuardianDeclined  = "guardian_declined"  // tells the volunteer their guardian did not
	// MailHoursDecided tells a volunteer their hours on a shift were approved or rejected (with
	// the reason); the placeholder outcome is the message of the decision.
	MailHoursDecided = "hours_decided"
	// MailAccountExists tells the owner of an address that someone tried to register with it:
	// registration answers the same either way, so that it reveals no account.
	MailAccountExists = "account_exists"
	// MailMentoringMatch tells a mentor or a mentee of their pair in a mentoring round, and asks
	// them to accept or decline it.
	MailMentoringMatch = "mentoring_match"
)

// The categories of mail a person may turn off. Everything else — their account's links, a
// change to or the cancellation of a shift they hold — goes whatever they chose.
const (
	CategorySignups   = "signups"   // a place confirmed, on the waitlist, or freed for them
	CategoryReminders = "reminders" // a day and two hours before a shift
)

// MailCategories lists the categories of mail a person may turn off.
func MailCategories() []string { return []string{CategorySignups, CategoryReminders} }

// When the reminders go, before a shift starts.
const (
	ReminderDayBefore   = 24 * time.Hour
	ReminderHoursBefore = 2 * time.Hour
)

// MailKinds lists every kind of mail erikti writes; each has its texts in every language.
func MailKinds() []string {
	return []string{
		MailVerifyEmail,
		MailResetPassword,
		MailSignupConfirmed,
		MailSignupWaitlisted,
		MailSignupPromoted,
		MailReminderDay,
		MailReminderHours,
		MailShiftChanged,
		MailEventCancelled,
		MailGuardianConsent,
		MailGuardianConfirmed,
		MailGuardianDeclined,
		MailInvitation,
		MailRosterMessage,
		MailHoursDecided,
		MailAccountExists,
		MailMentoringMatch,
	}
}

// How long the links sent by email stay good.
const (
	VerifyEmailTTL   = 48 * time.Hour
	ResetPasswordTTL = time.Hour
	InvitationTTL    = 7 * 24 * time.Hour
)

// RosterMessage is what a coordinator writes to everyone holding or waiting for a place on a shift.
type RosterMessage struct {
	Subject string
	Text    string
}

// Limits on a roster message, and how many one shift may be sent in a day.
const (
	MaxRosterSubjectLen  = 150
	MaxRosterTextLen     = 5000
	RosterMessagesPerDay = 3
)

// Validate checks a roster message's fields.
func (m *RosterMessage) Validate() error {
	var p Problems
	CheckText(&p, "subject", m.Subject, 1, MaxRosterSubjectLen)
	if strings.ContainsAny(m.Subject, "\r\n") {
		p.Add("subject", "field.one_line", nil)
	}
	CheckText(&p, "text", m.Text, 1, MaxRosterTextLen)
	m.Subject, m.Text = strings.TrimSpace(m.Subject), strings.TrimSpace(strings.ReplaceAll(m.Text, "\r\n", "\n"))
	return p.Err()
}
