package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// What erikti owes people by mail: a person's own mails with whether each went out and why not,
// their mail preferences, and unsubscribing. The Front Office's list of mails that could not be
// delivered is in office_pages.go.

// mailLine is one mail as a page shows it.
type mailLine struct {
	ID        int64
	Subject   string // in the reader's language
	To        string
	Created   time.Time
	State     string // sent, waiting, retrying, failed
	Reason    string // why it did not go out yet, translated; empty when nothing failed
	NextTry   time.Time
	Attempts  int
	LastError string // for the Front Office only
}

func (v *view) mailLine(j store.Job) mailLine {
	l := mailLine{ID: j.ID, Created: j.CreatedAt, Attempts: j.Attempts, LastError: j.LastError}
	if m, err := j.Mail(); err == nil {
		l.To = m.To
		l.Subject = v.s.mails.Subject(v.Lang, m)
	}
	switch {
	case j.State == store.JobDone:
		l.State = "sent"
	case j.State == store.JobParked:
		l.State = "failed"
	case j.Attempts > 0 && j.Failure != "":
		l.State, l.NextTry = "retrying", j.RunAt
	default:
		l.State = "waiting"
	}
	if j.Failure != "" && j.State != store.JobDone {
		l.Reason = v.T("notifications.failure_" + j.Failure)
	}
	return l
}

var prefsLabels = map[string]string{"mail": "prefs.legend"}

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "notifications.title")
	prefs, err := s.store.MailPrefs(r.Context(), u.ID)
	if err != nil {
		return err
	}
	var on []string
	if prefs.Signups {
		on = append(on, domain.CategorySignups)
	}
	if prefs.Reminders {
		on = append(on, domain.CategoryReminders)
	}
	v.Form = newForm(url.Values{"mail": on})
	v.Form.Labels = prefsLabels
	if r.URL.Query().Get("done") == "saved" {
		v.Notice = v.T("prefs.saved")
	}
	jobs, err := s.store.UserJobs(r.Context(), u.ID, 50)
	if err != nil {
		return err
	}
	lines := make([]mailLine, 0, len(jobs))
	for _, j := range jobs {
		if j.Kind == store.JobMail {
			lines = append(lines, v.mailLine(j))
		}
	}
	v.Data = lines
	s.render(w, http.StatusOK, "notifications", v)
	return nil
}

// prefsSubmit records which mails the reader lets erikti send beyond those always sent.
func (s *Server) prefsSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	for _, c := range f.Values["mail"] {
		if !slices.Contains(domain.MailCategories(), c) {
			return domain.FieldErr(domain.Invalid, "mail", "field.unknown_category", nil)
		}
	}
	if err := s.store.SetMailPrefs(r.Context(), u.ID, f.Has("mail", domain.CategorySignups), f.Has("mail", domain.CategoryReminders)); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/notifications?done=saved", http.StatusSeeOther)
	return nil
}

type unsubscribeData struct {
	Token, Category string
	Done            bool
}

// unsubscribePage is where an unsubscribe link in a mail leads: a button that turns that kind of
// mail off. A mail program's one-click POST (RFC 8058) comes to unsubscribeSubmit directly.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "unsubscribe.title")
	c := r.URL.Query().Get("c")
	if !slices.Contains(domain.MailCategories(), c) {
		return domain.Errorf(domain.NotFound, "not_found.route", nil)
	}
	v.Data = unsubscribeData{Token: r.PathValue("token"), Category: c}
	s.render(w, http.StatusOK, "unsubscribe", v)
	return nil
}

func (s *Server) unsubscribeSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	c := r.URL.Query().Get("c")
	if c == "" {
		c = f.Get("c")
	}
	if err := s.store.Unsubscribe(r.Context(), r.PathValue("token"), c); err != nil {
		if domain.ErrorCode(err) == domain.Invalid {
			return domain.Errorf(domain.NotFound, "not_found.route", nil)
		}
		return err
	}
	v := s.newView(r, "unsubscribe.title")
	v.Data = unsubscribeData{Category: c, Done: true}
	v.Notice = v.T("unsubscribe.done")
	s.render(w, http.StatusOK, "unsubscribe", v)
	return nil
}
