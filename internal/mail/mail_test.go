package mail_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/mail"
	"erikti/internal/mail/mailtest"
)

func writer(t *testing.T) *mail.Writer {
	t.Helper()
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	w, err := mail.NewWriter(msgs, "https://erikti.example.kz/")
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// Every kind of mail is written in every language, with no message key showing.
func TestEveryMailInEveryLanguage(t *testing.T) {
	w := writer(t)
	for _, kind := range domain.MailKinds() {
		for _, lang := range domain.Languages() {
			m, err := w.Write(domain.Mail{Kind: kind, To: "a@example.kz", Name: "Әлихан", Locale: lang,
				Params: map[string]string{"hours": "48", "minutes": "60", "position": "3", "venue": "Орталық саябақ", "minor": "Әлихан Сейітов",
					"age": "18", "days": "7", "guardian": "Гүлнар Сейітова", "organization": "Жасыл Алматы", "inviter": "Дәурен",
					"subject": "Жиын орны", "text": "Бас кіреберісте кездесеміз.", "sender": "Дәурен", "h": "2", "m": "15", "reason": "Кешікті",
					"partner": "Бауыржан Ким"},
				Texts: map[string]domain.Text{"event": {KK: "Сенбілік", RU: "Субботник", EN: "Clean-up"}, "role": {KK: "Көмекші"},
					"programme": {KK: "Ұрпақтар диалогы", EN: "Dialogue of Generations"}, "round": {KK: "Қысқы кезең", EN: "Winter round"}},
				Times:     map[string]int64{"starts": 1772683200, "ends": 1772690400},
				ParamKeys: map[string]string{"role": "role.admin", "outcome": "mail.hours_decided.rejected", "as": "mentoring.as_mentee"}, Link: "/x?token=abc"})
			if err != nil {
				t.Fatalf("%s %s: %v", kind, lang, err)
			}
			for part, text := range map[string]string{"subject": m.Subject, "text": m.Text, "html": m.HTML} {
				if strings.Contains(text, "mail.") || strings.Contains(text, "{") || text == "" {
					t.Errorf("%s %s %s has a key or an empty placeholder: %.300q", kind, lang, part, text)
				}
			}
			if !strings.Contains(m.Text, "https://erikti.example.kz/x?token=abc") || !strings.Contains(m.HTML, `href="https://erikti.example.kz/x?token=abc"`) {
				t.Errorf("%s %s: the link is missing:\n%s", kind, lang, m.Text)
			}
			if !strings.Contains(m.Text, "Әлихан") || m.Lang != lang || !strings.Contains(m.HTML, `lang="`+lang+`"`) {
				t.Errorf("%s %s: greeting or language: %q", kind, lang, m.Text)
			}
		}
	}
	// a placeholder given as a message key is written in the mail's language
	for lang, role := range map[string]string{"kk": "Үйлестіруші", "ru": "Координатор", "en": "Coordinator"} {
		m, err := w.Write(domain.Mail{Kind: domain.MailInvitation, To: "a@example.kz", Locale: lang,
			Params: map[string]string{"organization": "Қамқор", "inviter": "Дана", "days": "7"}, ParamKeys: map[string]string{"role": "role.coordinator"}})
		if err != nil || !strings.Contains(m.Text, role) || !strings.Contains(m.Subject, "Қамқор") {
			t.Errorf("%s: the invitation's role: %v\n%s", lang, err, m.Text)
		}
	}
	// a decision on hours: the outcome's message is written with the mail's own placeholders
	for _, c := range []struct{ lang, outcome, want string }{
		{"kk", "mail.hours_decided.approved", "еріктілік сағаттарыңызды растады: 2 сағ 15 мин"},
		{"ru", "mail.hours_decided.rejected", "не подтвердила ваши часы (2 ч 15 мин). Причина: Кешікті"},
		{"en", "mail.hours_decided.approved", "Қамқор approved 2 h 15 min of your volunteering"},
	} {
		m, err := w.Write(domain.Mail{Kind: domain.MailHoursDecided, To: "a@example.kz", Locale: c.lang,
			Params:    map[string]string{"organization": "Қамқор", "h": "2", "m": "15", "reason": "Кешікті"},
			Texts:     map[string]domain.Text{"event": {KK: "Сенбілік", RU: "Субботник", EN: "Clean-up"}, "role": {KK: "Көмекші"}},
			Times:     map[string]int64{"starts": 1772683200},
			ParamKeys: map[string]string{"outcome": c.outcome}, Link: "/me/hours"})
		if err != nil || !strings.Contains(m.Text, c.want) || !strings.Contains(m.HTML, c.want) || strings.Contains(m.Text, "{") {
			t.Errorf("%s %s: %v\n%s", c.lang, c.outcome, err, m.Text)
		}
	}
	if _, err := w.Write(domain.Mail{Kind: "no_such_kind", To: "a@example.kz"}); err == nil {
		t.Error("a kind without texts was written")
	}
	// what a person wrote is escaped in the HTML
	m, err := w.Write(domain.Mail{Kind: domain.MailVerifyEmail, To: "a@example.kz", Name: `<script>alert(1)</script>`, Locale: "en"})
	if err != nil || strings.Contains(m.HTML, "<script>") {
		t.Fatalf("escaping: %v\n%s", err, m.HTML)
	}
}

// A message goes over real SMTP as plain text with an HTML alternative and its attachment, in the
// recipient's language, with a subject a mail reader decodes letter for letter.
func TestSendOverSMTP(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Config{})
	smtp, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, TLS: mail.TLSNone, From: "erikti <no-reply@erikti.example.kz>"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := writer(t).Write(domain.Mail{Kind: domain.MailVerifyEmail, To: "Aruzhan@Example.kz", Name: "Аружан Қайратқызы", Locale: "kk",
		Params: map[string]string{"hours": "48"}, Link: "/verify-email?token=t0k"})
	if err != nil {
		t.Fatal(err)
	}
	m.Headers = map[string]string{"List-Unsubscribe": "<https://erikti.example.kz/u>"}
	m.Attachments = []mail.Attachment{{Name: "shift.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}}
	if err := smtp.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.From != "no-reply@erikti.example.kz" || len(got.To) != 1 || got.To[0] != "Aruzhan@Example.kz" {
		t.Fatalf("envelope: %q → %q", got.From, got.To)
	}
	p, err := mailtest.Parse(got.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if p.Subject != "erikti үшін электрондық пошта мекенжайыңызды растаңыз" {
		t.Errorf("subject: %q", p.Subject)
	}
	if p.Header.Get("Content-Language") != "kk" || p.Header.Get("List-Unsubscribe") != "<https://erikti.example.kz/u>" ||
		p.Header.Get("Message-Id") == "" || p.Header.Get("Date") == "" {
		t.Errorf("header: %v", p.Header)
	}
	if !strings.Contains(p.Text, "Сәлеметсіз бе, Аружан Қайратқызы!") || !strings.Contains(p.Text, "https://erikti.example.kz/verify-email?token=t0k") {
		t.Errorf("text: %q", p.Text)
	}
	if !strings.Contains(p.HTML, `href="https://erikti.example.kz/verify-email?token=t0k"`) {
		t.Errorf("html: %q", p.HTML)
	}
	if string(p.Attachments["shift.ics"]) != "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" || p.AttachTypes["shift.ics"] != "text/calendar" {
		t.Errorf("attachment: %q %q", p.Attachments, p.AttachTypes)
	}
}

// With credentials the sender authenticates, over STARTTLS; it never sends a password in the
// clear, and without credentials it sends no AUTH, which a server that needs one refuses.
func TestSMTPAuth(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Config{User: "erikti", Password: "s3cret", StartTLS: true})
	msg := mail.Message{To: "a@example.kz", Subject: "Сынақ", Text: "Сәлем"}
	cfg := mail.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, TLS: mail.TLSStartTLS, From: "no-reply@erikti.example.kz",
		Timeout: 5 * time.Second, TLSConfig: srv.ClientTLS}
	send := func(cfg mail.SMTPConfig) error {
		s, err := mail.NewSMTP(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return s.Send(context.Background(), msg)
	}
	if err := send(cfg); err == nil {
		t.Fatal("a server that requires AUTH took a message without it")
	}
	clear := cfg
	clear.TLS, clear.Username, clear.Password = mail.TLSNone, "erikti", "s3cret"
	if err := send(clear); err == nil {
		t.Fatal("a password was sent in the clear")
	}
	wrong := cfg
	wrong.Username, wrong.Password = "erikti", "guess"
	if err := send(wrong); err == nil {
		t.Fatal("a wrong password was taken")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages arrived without a right AUTH", n)
	}
	cfg.Username, cfg.Password = "erikti", "s3cret"
	if err := send(cfg); err != nil {
		t.Fatal(err)
	}
	if got := srv.Wait(t, 1, 5*time.Second)[0]; !got.TLS {
		t.Fatal("the message did not come over TLS")
	}
	// a certificate the sender does not trust is refused
	untrusted := cfg
	untrusted.TLSConfig = nil
	if err := send(untrusted); err == nil {
		t.Fatal("a self-signed certificate was trusted")
	}
}

// A refused mailbox fails for good; an unreachable server fails for now.
func TestSMTPFailures(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Config{})
	srv.Reject("gone@example.kz")
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, TLS: mail.TLSNone, From: "no-reply@erikti.example.kz"})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), mail.Message{To: "gone@example.kz", Subject: "x", Text: "x"})
	if err == nil || !mail.Permanent(err) {
		t.Fatalf("a refused mailbox: %v (permanent %v)", err, mail.Permanent(err))
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	down, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: port, TLS: mail.TLSNone, From: "no-reply@erikti.example.kz", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = down.Send(context.Background(), mail.Message{To: "a@example.kz", Subject: "x", Text: "x"})
	if err == nil || mail.Permanent(err) {
		t.Fatalf("an unreachable server: %v (permanent %v)", err, mail.Permanent(err))
	}
	// STARTTLS required, and this server offers none: refused rather than sent in the clear
	tlsOnly, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: srv.Port, TLS: mail.TLSStartTLS, From: "no-reply@erikti.example.kz"})
	if err != nil {
		t.Fatal(err)
	}
	if err := tlsOnly.Send(context.Background(), mail.Message{To: "a@example.kz", Subject: "x", Text: "x"}); err == nil {
		t.Fatal("a mail went in the clear though STARTTLS was required")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages arrived", n)
	}
}

func TestSMTPSettingsAreChecked(t *testing.T) {
	for _, cfg := range []mail.SMTPConfig{
		{Port: 25, TLS: mail.TLSNone, From: "a@example.kz"},
		{Host: "h", Port: 0, TLS: mail.TLSNone, From: "a@example.kz"},
		{Host: "h", Port: 25, TLS: "sometimes", From: "a@example.kz"},
		{Host: "h", Port: 25, TLS: mail.TLSNone, From: "not an address"},
	} {
		if _, err := mail.NewSMTP(cfg); err == nil {
			t.Errorf("%+v was accepted", cfg)
		}
	}
}

// A mail a person may turn off carries one-click unsubscribe headers (RFC 8058) and the same link in
// its text; one the law or safety requires carries none. Times are written in Almaty in the
// recipient's language.
func TestUnsubscribeAndTimes(t *testing.T) {
	w := writer(t)
	base := domain.Mail{Kind: domain.MailReminderDay, To: "a@example.kz", Locale: "kk",
		Texts:  map[string]domain.Text{"event": {KK: "Сенбілік"}, "role": {KK: "Көмекші"}},
		Times:  map[string]int64{"starts": time.Date(2026, 3, 5, 10, 0, 0, 0, domain.Almaty()).Unix(), "ends": 1772690400},
		Params: map[string]string{"venue": "Саябақ"}}
	optional := base
	optional.Category, optional.Unsubscribe = domain.CategoryReminders, "s3cr3t"
	m, err := w.Write(optional)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://erikti.example.kz/unsubscribe/s3cr3t?c=reminders"
	if m.Headers["List-Unsubscribe"] != "<"+want+">" || m.Headers["List-Unsubscribe-Post"] != "List-Unsubscribe=One-Click" ||
		!strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
		t.Fatalf("unsubscribe: %v\n%s", m.Headers, m.Text)
	}
	if !strings.Contains(m.Text, "2026 ж. 5 наурыз, 10:00 басталады") {
		t.Fatalf("the start in Almaty, in Kazakh: %s", m.Text)
	}
	required := base
	required.Kind = domain.MailEventCancelled
	if m, _ := w.Write(required); len(m.Headers) != 0 || strings.Contains(m.Text, "/unsubscribe/") {
		t.Fatalf("a required mail can be unsubscribed from: %v", m.Headers)
	}
}

// No user data brings a raw CR or LF into a mail (finding 10 of issue 14): a name or a title
// stored before the domain refused them is written on one line, in the subject and the body; a
// roster message's own text keeps its lines, in the body only.
func TestUserDataCannotStartALine(t *testing.T) {
	w := writer(t)
	evil := "Дана\r\nBcc: x@example.kz\n\nClick https://evil.example\u2028now"
	m, err := w.Write(domain.Mail{Kind: domain.MailRosterMessage, To: "a@example.kz", Name: evil, Locale: "en",
		Params: map[string]string{"organization": evil, "subject": evil, "text": "Line one.\nLine two.", "sender": evil},
		Texts:  map[string]domain.Text{"event": {EN: evil}, "role": {EN: evil}}, Times: map[string]int64{"starts": 1772683200}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(m.Subject, "\r\n\u2028") {
		t.Errorf("subject: %q", m.Subject)
	}
	for _, line := range strings.Split(m.Text, "\n") {
		if strings.HasPrefix(line, "Bcc:") || strings.HasPrefix(line, "Click") || strings.ContainsAny(line, "\r\u2028") {
			t.Errorf("user data made a line of its own: %q\n%s", line, m.Text)
		}
	}
	if !strings.Contains(m.Text, "Line one.\nLine two.") {
		t.Errorf("the roster message lost its lines:\n%s", m.Text)
	}
}
