// Package jobs runs the work that erikti's changes leave in the job table: a worker in every
// `erikti serve` claims due jobs, runs them, retries failures with backoff, and parks a job that
// keeps failing where the Front Office sees it.
package jobs

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"erikti/internal/calendar"
	"erikti/internal/domain"
	"erikti/internal/mail"
	"erikti/internal/store"
)

// Options tune a worker; the zero value is right for production.
type Options struct {
	Poll       time.Duration // how often an idle worker looks for due jobs; 1 s when 0
	Lease      time.Duration // how long a claimed job is the worker's before others may take it; 5 min when 0
	Batch      int           // how many jobs one claim takes; 10 when 0
	JobTimeout time.Duration // how long one job may run; 1 min when 0
	// Idle, when set, is called each time Run finds no job due, every job it claimed before being
	// done: a test waits on it to know the worker holds nothing, instead of waiting on the clock.
	Idle func()
}

// Worker claims and runs jobs.
type Worker struct {
	st     *store.Store
	writer *mail.Writer
	sender mail.Sender
	log    *slog.Logger
	opt    Options
	id     string
}

// New returns a worker that sends mail written by writer through sender.
func New(st *store.Store, writer *mail.Writer, sender mail.Sender, log *slog.Logger, opt Options) *Worker {
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.Lease <= 0 {
		opt.Lease = 5 * time.Minute
	}
	if opt.Batch <= 0 {
		opt.Batch = 10
	}
	if opt.JobTimeout <= 0 {
		opt.JobTimeout = time.Minute
	}
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return &Worker{st: st, writer: writer, sender: sender, log: log, opt: opt,
		id: fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))}
}

// ID names the worker in the jobs it holds.
func (w *Worker) ID() string { return w.id }

// Run works until ctx ends. The job in hand is finished then (within JobTimeout); the jobs claimed
// with it and not started are handed back at once for another worker.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.opt.Poll)
	defer t.Stop()
	for {
		n, err := w.RunDue(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("jobs: claim", "err", err)
		}
		if n > 0 && ctx.Err() == nil {
			continue // more may be due
		}
		if n == 0 && err == nil && ctx.Err() == nil && w.opt.Idle != nil {
			w.opt.Idle()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDue claims the jobs that are due, up to a batch, and runs them one after the other; it
// returns how many it claimed.
func (w *Worker) RunDue(ctx context.Context) (int, error) {
	if ctx.Err() != nil {
		return 0, nil
	}
	jobs, err := w.st.ClaimJobs(ctx, w.id, w.opt.Batch, w.opt.Lease)
	if err != nil {
		return 0, err
	}
	for i, j := range jobs {
		if ctx.Err() != nil { // shutting down: hand back what has not started
			for _, rest := range jobs[i:] {
				if err := w.st.ReleaseJob(context.WithoutCancel(ctx), w.id, rest); err != nil {
					w.log.Error("jobs: release", "job", rest.ID, "err", err)
				}
			}
			break
		}
		w.runOne(context.WithoutCancel(ctx), j)
	}
	return len(jobs), nil
}

// runOne runs a job and records how it went.
func (w *Worker) runOne(ctx context.Context, j store.Job) {
	jctx, cancel := context.WithTimeout(ctx, w.opt.JobTimeout)
	defer cancel()
	err := w.do(jctx, j)
	if err == nil {
		if ok, err := w.st.CompleteJob(ctx, w.id, j); err != nil {
			w.log.Error("jobs: complete", "job", j.ID, "err", err)
		} else if !ok {
			w.log.Warn("jobs: lease ran out before the job was done", "job", j.ID)
		}
		return
	}
	failure := store.FailureUnreachable
	switch {
	case errors.Is(err, errPermanent):
		failure = store.FailureInvalid
	case mail.Permanent(err):
		failure = store.FailureRefused
	}
	if failure != store.FailureUnreachable {
		j.Attempts = j.MaxAttempts // no retry will do better: park it now
	}
	w.log.Warn("jobs: failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
	if err := w.st.FailJob(ctx, w.id, j, err, failure); err != nil {
		w.log.Error("jobs: record failure", "job", j.ID, "err", err)
	}
}

// shiftCalendar is the shift a mail tells of as an iCalendar file, as it stands when the mail goes.
func (w *Worker) shiftCalendar(ctx context.Context, m domain.Mail) (mail.Attachment, error) {
	sh, e, err := w.st.ShiftForCalendar(ctx, m.ShiftICS)
	if domain.ErrorCode(err) == domain.NotFound {
		return mail.Attachment{}, fmt.Errorf("%w: %v", errPermanent, err)
	}
	if err != nil {
		return mail.Attachment{}, err
	}
	lang := m.Locale
	summary := e.Title.In(lang)
	if role := sh.Role.In(lang); role != "" {
		summary += ": " + role
	}
	c := calendar.New(summary, time.Now(), domain.Almaty())
	c.Add(calendar.Entry{UID: fmt.Sprintf("shift-%d@erikti", sh.ID), Summary: summary, Location: e.Place(lang),
		URL: w.writer.URL(fmt.Sprintf("/events/%d", e.ID)), Start: sh.StartsAt, End: sh.EndsAt, Cancelled: e.Status == domain.EventCancelled})
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		return mail.Attachment{}, err
	}
	return mail.Attachment{Name: "erikti.ics", ContentType: "text/calendar", Data: buf.Bytes()}, nil
}

// errPermanent marks a job that can never succeed.
var errPermanent = errors.New("cannot be done")

func (w *Worker) do(ctx context.Context, j store.Job) error {
	switch j.Kind {
	case store.JobMail:
		m, err := j.Mail()
		if err != nil {
			return fmt.Errorf("%w: %v", errPermanent, err)
		}
		msg, err := w.writer.Write(m)
		if err != nil {
			return fmt.Errorf("%w: %v", errPermanent, err)
		}
		if m.ShiftICS > 0 {
			ics, err := w.shiftCalendar(ctx, m)
			if err != nil {
				return err
			}
			msg.Attachments = append(msg.Attachments, ics)
		}
		return w.sender.Send(ctx, msg)
	case store.JobReminder:
		_, err := w.st.SendReminders(ctx, j)
		if domain.ErrorCode(err) == domain.Invalid {
			return fmt.Errorf("%w: %v", errPermanent, err)
		}
		return err
	default:
		return fmt.Errorf("%w: no worker knows the kind %q", errPermanent, j.Kind)
	}
}
