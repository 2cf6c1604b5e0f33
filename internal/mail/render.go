package mail

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"strings"

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

// htmlData is what the HTML template receives.
type htmlData struct {
	Lang, Subject, Greeting string
	Paragraphs              []string
	Action, Link, LinkHint  string
	Footer                  string
}

// Write turns m into a message: subject, text and HTML in m's language (Kazakh when it has none).
func (w *Writer) Write(m domain.Mail) (Message, error) {
	lang := m.Locale
	if !domain.IsLanguage(lang) {
		lang = "kk"
	}
	params := make(map[string]any, len(m.Params)+len(m.ParamKeys))
	for k, v := range m.Params {
		params[k] = v
	}
	for k, key := range m.ParamKeys {
		params[k] = w.msgs.T(lang, key, nil)
	}
	t := func(key string) string { return w.msgs.T(lang, key, params) }
	prefix := "mail." + m.Kind + "."
	subject := t(prefix + "subject")
	if subject == prefix+"subject" {
		return Message{}, fmt.Errorf("mail: no text for the kind %q", m.Kind)
	}
	d := htmlData{Lang: lang, Subject: subject, Footer: t("mail.footer")}
	if m.Name != "" {
		d.Greeting = w.msgs.T(lang, "mail.greeting", map[string]any{"name": m.Name})
	}
	for _, p := range strings.Split(t(prefix+"body"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			d.Paragraphs = append(d.Paragraphs, p)
		}
	}
	if m.Link != "" {
		d.Action, d.Link, d.LinkHint = t(prefix+"action"), w.baseURL+m.Link, t("mail.link_hint")
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
	var html bytes.Buffer
	if err := w.html.Execute(&html, d); err != nil {
		return Message{}, fmt.Errorf("mail: %s: %w", m.Kind, err)
	}
	return Message{To: m.To, Subject: subject, Text: text.String(), HTML: html.String(), Lang: lang}, nil
}
