package domain

import "time"

// Mail is an email erikti owes someone: the kind names its text (the messages mail.KIND.subject,
// mail.KIND.body and, with a link, mail.KIND.action), written in the recipient's language when it
// is sent. It is stored as a job in the same transaction as the change that causes it.
type Mail struct {
	Kind   string            `json:"kind"`
	To     string            `json:"to"`
	Name   string            `json:"name,omitempty"` // whom to greet; no greeting when empty
	Locale string            `json:"locale"`
	Params map[string]string `json:"params,omitempty"` // the texts' {placeholders}
	// Link is the path (under erikti's public address) of the button in the mail; a secret in it
	// is removed from the stored job once the mail has gone.
	Link string `json:"link,omitempty"`
}

// The kinds of mail.
const (
	MailVerifyEmail   = "verify_email"
	MailResetPassword = "reset_password"
	// MailGuardianConsent goes to a young volunteer's guardian, who has no account: it is written
	// in the volunteer's language, the one guess erikti has of the family's.
	MailGuardianConsent   = "guardian_consent"
	MailGuardianConfirmed = "guardian_confirmed" // tells the volunteer their guardian agreed
	MailGuardianDeclined  = "guardian_declined"  // tells the volunteer their guardian did not
)

// MailKinds lists every kind of mail erikti writes; each has its texts in every language.
func MailKinds() []string {
	return []string{
		MailVerifyEmail,
		MailResetPassword,
		MailGuardianConsent,
		MailGuardianConfirmed,
		MailGuardianDeclined,
	}
}

// How long the links sent by email stay good.
const (
	VerifyEmailTTL   = 48 * time.Hour
	ResetPasswordTTL = time.Hour
)
