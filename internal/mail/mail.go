// Package mail writes erikti's emails in the recipient's language and sends them over SMTP.
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is an email ready to send.
type Message struct {
	To      string
	Subject string
	Text    string // the plain-text body
	HTML    string // the same as HTML
	Lang    string // Content-Language: kk, ru or en
	// Headers are extra header fields (List-Unsubscribe, …).
	Headers     map[string]string
	Attachments []Attachment
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Sender sends messages: over SMTP, or into the log when no SMTP server is set (a demo).
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Permanent reports whether a send failed for good: the server refused the address or the message
// (a 5xx answer), so trying again would fail the same way.
func Permanent(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) {
		return !se.IsTemp()
	}
	return false
}

// TLS modes of an SMTP connection.
const (
	TLSNone     = "none"     // plain text; for a relay on the same host
	TLSStartTLS = "starttls" // STARTTLS is required
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, usually port 465)
)

// SMTPConfig is how to reach the SMTP server.
type SMTPConfig struct {
	Host     string
	Port     int
	Username string // no AUTH when empty
	Password string
	TLS      string // TLSNone, TLSStartTLS or TLSImplicit
	From     string // the From address, with or without a display name
	Timeout  time.Duration
	// TLSConfig verifies the server's certificate; the system's roots for Host when nil.
	TLSConfig *tls.Config
}

// SMTP sends messages through an SMTP server, one connection per message.
type SMTP struct {
	cfg  SMTPConfig
	opts []gomail.Option
}

// NewSMTP checks cfg and returns a sender.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: no SMTP host")
	}
	if cfg.Port <= 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("mail: SMTP port %d is not a port", cfg.Port)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(cfg.Timeout)}
	switch cfg.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("mail: TLS mode %q is not none, starttls or tls", cfg.TLS)
	}
	if cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(cfg.TLSConfig))
	}
	if cfg.Username != "" { // AUTH only over TLS: a password never goes in the clear
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(cfg.Username),
			gomail.WithPassword(cfg.Password))
	}
	if _, err := gomail.NewClient(cfg.Host, opts...); err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	probe := gomail.NewMsg()
	if err := probe.From(cfg.From); err != nil {
		return nil, fmt.Errorf("mail: from address %q: %w", cfg.From, err)
	}
	return &SMTP{cfg: cfg, opts: opts}, nil
}

// Send delivers m.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return err
	}
	c, err := gomail.NewClient(s.cfg.Host, s.opts...)
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail: send to %s: %w", m.To, err)
	}
	return nil
}

// build writes m as a MIME message: plain text with an HTML alternative, then the attachments.
func (s *SMTP) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	if m.Lang != "" {
		msg.SetGenHeader(gomail.HeaderContentLang, m.Lang)
	}
	for k, v := range m.Headers {
		msg.SetGenHeader(gomail.Header(k), v)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType))); err != nil {
			return nil, fmt.Errorf("mail: attach %s: %w", a.Name, err)
		}
	}
	return msg, nil
}

// LogSender writes messages into the log instead of sending them: how erikti runs without an SMTP
// server (the demo), so that the links in them can still be followed.
type LogSender struct {
	Log *slog.Logger
}

// Send logs m.
func (l LogSender) Send(_ context.Context, m Message) error {
	l.Log.Info("mail (no SMTP server set: written here instead of sent)", "to", m.To, "subject", m.Subject,
		"text", m.Text, "attachments", strconv.Itoa(len(m.Attachments)))
	return nil
}
