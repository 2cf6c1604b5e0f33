package web

import (
	"net/http"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// What erikti owes people by mail, as they and the Front Office see it: a person's own mails with
// whether each went out and why not, and the Front Office's list of mails that could not be
// delivered, to retry.

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
		l.Subject = v.T("mail." + m.Kind + ".subject")
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

func (s *Server) notificationsPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "notifications.title")
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

type officeJobsData struct {
	Counts map[string]int
	Parked []mailLine
}

func (s *Server) officeJobsPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "office_jobs.title")
	counts, err := s.store.JobCounts(r.Context())
	if err != nil {
		return err
	}
	parked, err := s.store.Jobs(r.Context(), store.JobParked, 200)
	if err != nil {
		return err
	}
	d := officeJobsData{Counts: counts}
	for _, j := range parked {
		d.Parked = append(d.Parked, v.mailLine(j))
	}
	if r.URL.Query().Get("done") == "retried" {
		v.Notice = v.T("office_jobs.retried")
	}
	v.Data = d
	s.render(w, http.StatusOK, "office_jobs", v)
	return nil
}

func (s *Server) retryJobSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.job", nil)
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	if err := s.store.RetryJob(r.Context(), u.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/office/jobs?done=retried", http.StatusSeeOther)
	return nil
}
