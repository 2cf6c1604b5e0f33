package mail

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
	"erikti/internal/locale"
)

//go:embed templates/mail.html
var templates embed.FS

// Writer writes erikti's mails in their recipients' languages.
type Writer struct {
	msgs    *locale.Bundle
	baseURL string // erikti's public address, to which a mail's link is a path
	html    *template.Template
}

// NewWriter returns a writer whose links lead to baseURL (such as https://erikti.almaty.kz).
func NewWriter(msgs *locale.Bundle, baseURL string) (*Writer, error) {
	t, err := template.ParseFS(templates, "templates/mail.html")
	if err != nil {
		return nil, fmt.Errorf("mail: template: %w", err)
	}
	return &Writer{msgs: msgs, baseURL: strings.TrimRight(baseURL, "/"), html: t}, nil
}

// URL is the public address of a path of erikti.
func (w *Writer) URL(path string) string { return w.baseURL + path }

// htmlData is what the HTML template receives.
type htmlData struct {
	Lang, Subject, Greeting string
	Paragraphs              []string
	Action, Link, LinkHint  string
	Footer                  string
	Unsubscribe             string // the one-click link, for mails a person may turn off
	UnsubscribeText         string
}

// Write turns m into a message: subject, text and HTML in m's language (Kazakh when it has none).
func (w *Writer) Write(m domain.Mail) (Message, error) {
	lang := m.Locale
	if !domain.IsLanguage(lang) {
		lang = "kk"
	}
	params := w.params(lang, m)
	t := func(key string) string { return w.msgs.T(lang, key, params) }
	prefix := "mail." + m.Kind + "."
	subject := oneLine(t(prefix + "subject"))
	if subject == prefix+"subject" {
		return Message{}, fmt.Errorf("mail: no text for the kind %q", m.Kind)
	}
	d := htmlData{Lang: lang, Subject: subject, Footer: t("mail.footer")}
	var headers map[string]string
	if m.Category != "" && m.Unsubscribe != "" {
		u := w.baseURL + "/unsubscribe/" + m.Unsubscribe + "?c=" + m.Category
		headers = map[string]string{"List-Unsubscribe": "<" + u + ">", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
		d.Unsubscribe, d.UnsubscribeText = u, t("mail.unsubscribe_"+m.Category)
	}
	if m.Name != "" {
		d.Greeting = w.msgs.T(lang, "mail.greeting", map[string]any{"name": oneLine(m.Name)})
	}
	for _, p := range strings.Split(t(prefix+"body"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			d.Paragraphs = append(d.Paragraphs, p)
		}
	}
	if m.Link != "" {
		d.Action, d.Link, d.LinkHint = t(prefix+"action"), w.URL(m.Link), t("mail.link_hint")
	}
	var text strings.Builder
	if d.Greeting != "" {
		text.WriteString(d.Greeting + "\n\n")
	}
	for _, p := range d.Paragraphs {
		text.WriteString(p + "\n\n")
	}
	if d.Link != "" {
		text.WriteString(d.Action + ":\n" + d.Link + "\n\n")
	}
	text.WriteString("-- \n" + d.Footer + "\n")
	if d.Unsubscribe != "" {
		text.WriteString(d.UnsubscribeText + ": " + d.Unsubscribe + "\n")
	}
	var html bytes.Buffer
	if err := w.html.Execute(&html, d); err != nil {
		return Message{}, fmt.Errorf("mail: %s: %w", m.Kind, err)
	}
	return Message{To: m.To, Subject: subject, Text: text.String(), HTML: html.String(), Lang: lang, Headers: headers}, nil
}

// params fills m's placeholders in lang: its plain texts, its texts of several languages, its
// moments as dates and times of Almaty, and its messages named by key.
func (w *Writer) params(lang string, m domain.Mail) map[string]any {
	params := make(map[string]any, len(m.Params)+len(m.Texts)+len(m.Times)+len(m.ParamKeys))
	for k, v := range m.Params {
		if m.Kind == domain.MailRosterMessage && k == "text" {
			params[k] = v // the one text of several lines, a paragraph of the body; never a header
			continue
		}
		params[k] = oneLine(v)
	}
	for k, v := range m.Texts {
		params[k] = oneLine(v.In(lang))
	}
	for k, v := range m.Times {
		params[k] = w.dateTime(lang, time.Unix(v, 0))
	}
	// a message named by key may itself hold the mail's other placeholders
	plain := make(map[string]any, len(params))
	for k, v := range params {
		plain[k] = v
	}
	for k, key := range m.ParamKeys {
		params[k] = w.msgs.T(lang, key, plain)
	}
	return params
}

// Subject is m's subject in lang, as a list of a person's mails shows it.
func (w *Writer) Subject(lang string, m domain.Mail) string {
	return w.msgs.T(lang, "mail."+m.Kind+".subject", w.params(lang, m))
}

// dateTime writes a moment as a date and time of Almaty in lang: "5 наурыз 2026, 10:00".
func (w *Writer) dateTime(lang string, t time.Time) string {
	t = t.In(domain.Almaty())
	date := w.msgs.T(lang, "format.date", map[string]any{"day": t.Day(), "month": w.msgs.T(lang, fmt.Sprintf("month.%d", t.Month()), nil),
		"year": strconv.Itoa(t.Year())})
	return date + ", " + t.Format("15:04")
}

// oneLine is user data as one line: every run of control characters (CR, LF and tab among them)
// and Unicode line separators is one space, so that a name or a title in a mail can never start
// a line of its own that looks like erikti's text, nor end a header. The domain refuses such
// characters in these fields; this holds for data stored before it did.
func oneLine(s string) string {
	if !domain.HasLineBreakOrControl(s) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if domain.HasLineBreakOrControl(string(r)) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		b.WriteRune(r)
		space = false
	}
	return b.String()
}
