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
	// ParamKeys are placeholders filled with a message (named by its key) in the recipient's
	// language, such as a role's name.
	ParamKeys map[string]string `json:"param_keys,omitempty"`
	// Link is the path (under erikti's public address) of the button in the mail; a secret in it
	// is removed from the stored job once the mail has gone.
	Link string `json:"link,omitempty"`
}

// The kinds of mail.
const (
	MailVerifyEmail   = "verify_email"
	MailResetPassword = "reset_password"
	MailInvitation    = "invitation"
)

// MailKinds lists every kind of mail erikti writes; each has its texts in every language.
func MailKinds() []string {
	return []string{
		MailVerifyEmail,
		MailResetPassword,
		MailInvitation,
	}
}

// How long the links sent by email stay good.
const (
	VerifyEmailTTL   = 48 * time.Hour
	ResetPasswordTTL = time.Hour
	InvitationTTL    = 7 * 24 * time.Hour
)
