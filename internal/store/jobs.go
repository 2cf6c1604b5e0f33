package store

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"erikti/internal/domain"
)

// The states of a job.
const (
	JobPending = "pending"
	JobRunning = "running"
	JobDone    = "done"
	JobParked  = "parked" // failed too often; waits for the Front Office to retry it
)

// Why a job failed, as the person it concerns is told.
const (
	FailureRefused     = "refused"     // the mail server refused the address for good
	FailureUnreachable = "unreachable" // the mail server could not be reached or failed for now
	FailureInvalid     = "invalid"     // the job cannot be done as it stands
)

// JobMail is the kind of job that sends a domain.Mail.
const JobMail = "mail"

// mailAttempts is how often a mail is tried before it is parked: with the backoff of FailJob,
// about fifteen hours of retries.
const mailAttempts = 12

// Job is one piece of work for the worker.
type Job struct {
	ID          int64
	Kind        string
	Payload     string // JSON
	UserID      int64  // whom it concerns, 0 for nobody
	State       string
	RunAt       time.Time
	Attempts    int
	MaxAttempts int
	LastError   string // what went wrong, for the Front Office
	Failure     string // FailureRefused, FailureUnreachable, FailureInvalid, or "" while nothing failed
	CreatedAt   time.Time
	DoneAt      time.Time
}

// Mail decodes the payload of a mail job.
func (j Job) Mail() (domain.Mail, error) {
	var m domain.Mail
	if err := json.Unmarshal([]byte(j.Payload), &m); err != nil {
		return m, fmt.Errorf("store: job %d: %w", j.ID, err)
	}
	return m, nil
}

const jobColumns = `id, kind, payload, user_id, state, run_at, attempts, max_attempts, last_error, failure, created_at, done_at`

func scanJob(row interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var runAt, created, done int64
	if err := row.Scan(&j.ID, &j.Kind, &j.Payload, &j.UserID, &j.State, &runAt, &j.Attempts, &j.MaxAttempts, &j.LastError, &j.Failure, &created, &done); err != nil {
		return j, err
	}
	j.RunAt, j.CreatedAt, j.DoneAt = fromUnix(runAt), fromUnix(created), fromUnix(done)
	return j, nil
}

// enqueue writes a job inside the transaction of the change that causes it.
func (s *Store) enqueue(tx *Tx, kind string, userID int64, payload any, runAt time.Time, maxAttempts int) error {
	raw, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("store: job payload: %w", err)
	}
	if _, err := tx.Exec(`INSERT INTO jobs (kind, payload, user_id, run_at, max_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		kind, string(raw), userID, unix(runAt), maxAttempts, s.now().Unix()); err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return nil
}

// enqueueMail writes a mail to userID (0 when it goes to someone without an account) to be sent
// as soon as the worker can.
func (s *Store) enqueueMail(tx *Tx, userID int64, m domain.Mail) error {
	return s.enqueue(tx, JobMail, userID, m, s.now(), mailAttempts)
}

// ClaimJobs takes up to n jobs that are due — pending ones whose time has come, and running ones
// whose lease ran out because their worker died — for worker, leased until lease from now. Each
// claim counts as an attempt. On PostgreSQL, workers on several nodes never claim the same job
// (FOR UPDATE SKIP LOCKED); on SQLite the one writer is the lock.
func (s *Store) ClaimJobs(ctx context.Context, worker string, n int, lease time.Duration) ([]Job, error) {
	now := s.now()
	var jobs []Job
	err := s.write(ctx, func(tx *Tx) error {
		jobs = jobs[:0]
		skip := ""
		if tx.dialect == Postgres {
			skip = " FOR UPDATE SKIP LOCKED"
		}
		// two claims, each an index range in its own order that stops at its limit: one condition
		// OR the other would gather and sort every due job, a cost that grows with the backlog
		// (a flash crowd leaves thousands of mails due at once). A dead worker's jobs go first:
		// they have waited longest.
		for _, due := range []string{`state = 'running' AND locked_until < ?`, `state = 'pending' AND run_at <= ?`} {
			if len(jobs) == n {
				break
			}
			rows, err := tx.Query(`UPDATE jobs SET state = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1
				WHERE id IN (SELECT id FROM jobs WHERE `+due+` ORDER BY run_at, id LIMIT ?`+skip+`)
				RETURNING `+jobColumns, worker, unix(now.Add(lease)), now.Unix(), n-len(jobs))
			if err != nil {
				return err
			}
			for rows.Next() {
				j, err := scanJob(rows)
				if err != nil {
					rows.Close()
					return err
				}
				jobs = append(jobs, j)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		// RETURNING gives no order: the oldest due first
		slices.SortFunc(jobs, func(a, b Job) int { return cmp.Or(a.RunAt.Compare(b.RunAt), cmp.Compare(a.ID, b.ID)) })
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs: %w", err)
	}
	return jobs, nil
}

// CompleteJob marks a job worker holds as done. A mail's link is removed from the stored job, so
// that no secret it carried outlives its sending. It reports false when the worker's lease had run
// out and someone else holds the job now.
func (s *Store) CompleteJob(ctx context.Context, worker string, j Job) (bool, error) {
	payload := j.Payload
	if j.Kind == JobMail {
		if m, err := j.Mail(); err == nil && m.Link != "" {
			m.Link = ""
			raw, _ := json.Marshal(m)
			payload = string(raw)
		}
	}
	var done bool
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE jobs SET state = 'done', done_at = ?, payload = ?, last_error = '', failure = '', locked_by = '', locked_until = 0
			WHERE id = ? AND state = 'running' AND locked_by = ?`, s.now().Unix(), payload, j.ID, worker)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		done = n == 1
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("store: complete job %d: %w", j.ID, err)
	}
	return done, nil
}

// FailJob records why a job worker holds failed: cause for the Front Office, failure for the person
// it concerns. It runs again after a backoff that doubles with every attempt (30 s, 1 min, 2 min, …
// at most 6 h), or is parked once it has had its attempts.
func (s *Store) FailJob(ctx context.Context, worker string, j Job, cause error, failure string) error {
	msg := strings.ToValidUTF8(strings.ReplaceAll(cause.Error(), "\x00", ""), "?")
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	state, runAt := JobPending, s.now().Add(Backoff(j.Attempts))
	if j.Attempts >= j.MaxAttempts {
		state, runAt = JobParked, j.RunAt
	}
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE jobs SET state = ?, run_at = ?, last_error = ?, failure = ?, locked_by = '', locked_until = 0
			WHERE id = ? AND state = 'running' AND locked_by = ?`, state, unix(runAt), msg, failure, j.ID, worker)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: fail job %d: %w", j.ID, err)
	}
	return nil
}

// ReleaseJob hands a job worker holds back, untried, to be claimed again at once: how a worker
// that is shutting down returns the job in hand. The attempt its claim counted is given back.
func (s *Store) ReleaseJob(ctx context.Context, worker string, j Job) error {
	err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.Exec(`UPDATE jobs SET state = 'pending', attempts = attempts - 1, locked_by = '', locked_until = 0
			WHERE id = ? AND state = 'running' AND locked_by = ?`, j.ID, worker)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: release job %d: %w", j.ID, err)
	}
	return nil
}

// SettleQueuedMail marks every mail still waiting as done without sending it, and reports how
// many: what the demo loader does with the mails of its made-up people.
func (s *Store) SettleQueuedMail(ctx context.Context) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE jobs SET state = 'done', done_at = ? WHERE kind = ? AND state = 'pending'`, s.now().Unix(), JobMail)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: settle queued mail: %w", err)
	}
	return int(n), nil
}

// Backoff is how long a job waits after its attempt-th failure.
func Backoff(attempt int) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	if attempt > 10 {
		return 6 * time.Hour
	}
	return min(30*time.Second<<(attempt-1), 6*time.Hour)
}

// RetryJob puts a parked job back in line with its attempts renewed, for the Front Office.
func (s *Store) RetryJob(ctx context.Context, actorID, jobID int64) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.Exec(`UPDATE jobs SET state = 'pending', attempts = 0, run_at = ? WHERE id = ? AND state = 'parked'`, s.now().Unix(), jobID)
		if err != nil {
			return fmt.Errorf("store: retry job: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.Errorf(domain.NotFound, "not_found.job", nil)
		}
		return s.audit(tx, actorID, "job.retry", "job", jobID, nil)
	})
}

// JobCounts counts the jobs in each state.
func (s *Store) JobCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.read(ctx).Query(`SELECT state, COUNT(*) FROM jobs GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("store: job counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{JobPending: 0, JobRunning: 0, JobDone: 0, JobParked: 0}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, fmt.Errorf("store: job counts: %w", err)
		}
		out[state] = n
	}
	return out, rows.Err()
}

// Jobs lists jobs in state, newest first, at most limit of them.
func (s *Store) Jobs(ctx context.Context, state string, limit int) ([]Job, error) {
	return s.jobs(ctx, `WHERE state = ? ORDER BY id DESC LIMIT ?`, state, limit)
}

// UserJobs lists the jobs that concern userID, newest first, at most limit of them.
func (s *Store) UserJobs(ctx context.Context, userID int64, limit int) ([]Job, error) {
	return s.jobs(ctx, `WHERE user_id = ? ORDER BY id DESC LIMIT ?`, userID, limit)
}

func (s *Store) jobs(ctx context.Context, where string, args ...any) ([]Job, error) {
	rows, err := s.read(ctx).Query(`SELECT `+jobColumns+` FROM jobs `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("store: jobs: %w", err)
		}
		out = append(out, j)
	}
	return out, rows.Err()
}
