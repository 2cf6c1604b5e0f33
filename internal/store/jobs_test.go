package store_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// eachClocked runs fn on every engine with a store on a settable clock.
func eachClocked(t *testing.T, fn func(t *testing.T, s *store.Store, c *clock)) {
	t.Helper()
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
			fn(t, storetest.Open(t, engine, store.Options{Now: c.now}), c)
		})
	}
}

func newUser(t *testing.T, s *store.Store, email string) domain.User {
	t.Helper()
	b, _ := domain.ParseDate("2000-01-02")
	u := domain.User{Email: email, Name: "Әсел Нұрғалиқызы", BirthDate: b, Locale: "kk"}
	if err := s.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	return u
}

// linkToken is the secret of a mail's link.
func linkToken(t *testing.T, m domain.Mail) string {
	t.Helper()
	u, err := url.Parse(m.Link)
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("mail link %q carries no token", m.Link)
	}
	return u.Query().Get("token")
}

// A registration writes its verification mail in the same transaction; a claim takes it once, and
// once sent its link is gone from the stored job.
func TestRegistrationQueuesItsVerificationMail(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "asel@example.kz")
		jobs, err := s.UserJobs(ctx, u.ID, 10)
		if err != nil || len(jobs) != 1 {
			t.Fatalf("jobs of the new account: %v %v", jobs, err)
		}
		m, err := jobs[0].Mail()
		if err != nil || m.Kind != domain.MailVerifyEmail || m.To != u.Email || m.Locale != "kk" || m.Name != u.Name {
			t.Fatalf("verification mail: %+v %v", m, err)
		}
		linkToken(t, m)

		claimed, err := s.ClaimJobs(ctx, "w1", 10, time.Minute)
		if err != nil || len(claimed) != 1 || claimed[0].ID != jobs[0].ID || claimed[0].Attempts != 1 {
			t.Fatalf("claim: %+v %v", claimed, err)
		}
		if again, err := s.ClaimJobs(ctx, "w2", 10, time.Minute); err != nil || len(again) != 0 {
			t.Fatalf("a running job was claimed twice: %+v %v", again, err)
		}
		if ok, err := s.CompleteJob(ctx, "w2", claimed[0]); err != nil || ok {
			t.Fatalf("another worker completed w1's job: %v %v", ok, err)
		}
		if ok, err := s.CompleteJob(ctx, "w1", claimed[0]); err != nil || !ok {
			t.Fatalf("complete: %v %v", ok, err)
		}
		done, _ := s.UserJobs(ctx, u.ID, 10)
		m, _ = done[0].Mail()
		if done[0].State != store.JobDone || m.Link != "" || m.To != u.Email {
			t.Fatalf("after sending: %+v %+v", done[0], m)
		}
		c.add(time.Hour)
		if again, _ := s.ClaimJobs(ctx, "w1", 10, time.Minute); len(again) != 0 {
			t.Fatalf("a done job was claimed again: %+v", again)
		}
	})
}

// A failing job waits longer after each failure, and is parked after its last attempt; the Front
// Office puts it back in line.
func TestFailingJobsBackOffThenPark(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		u := newUser(t, s, "bauyrzhan@example.kz")
		var last store.Job
		for attempt := 1; ; attempt++ {
			got, err := s.ClaimJobs(ctx, "w", 10, time.Minute)
			if err != nil || len(got) != 1 || got[0].Attempts != attempt {
				t.Fatalf("attempt %d: claimed %+v %v", attempt, got, err)
			}
			last = got[0]
			if err := s.FailJob(ctx, "w", last, errors.New("dial tcp 127.0.0.1:1: connection refused"), store.FailureUnreachable); err != nil {
				t.Fatal(err)
			}
			if attempt == last.MaxAttempts {
				break
			}
			// not due before its backoff
			c.add(store.Backoff(attempt) - time.Second)
			if early, _ := s.ClaimJobs(ctx, "w", 10, time.Minute); len(early) != 0 {
				t.Fatalf("attempt %d: claimed before its backoff ran out", attempt)
			}
			c.add(time.Second)
		}
		parked, err := s.Jobs(ctx, store.JobParked, 10)
		if err != nil || len(parked) != 1 || parked[0].ID != last.ID || !strings.Contains(parked[0].LastError, "connection refused") ||
			parked[0].Failure != store.FailureUnreachable {
			t.Fatalf("parked: %+v %v", parked, err)
		}
		c.add(30 * 24 * time.Hour)
		if got, _ := s.ClaimJobs(ctx, "w", 10, time.Minute); len(got) != 0 {
			t.Fatalf("a parked job was claimed: %+v", got)
		}
		if err := s.RetryJob(ctx, u.ID, 999999); code(err) != domain.NotFound {
			t.Fatalf("retrying no job: %v", err)
		}
		if err := s.RetryJob(ctx, u.ID, last.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ClaimJobs(ctx, "w", 10, time.Minute); len(got) != 1 || got[0].Attempts != 1 {
			t.Fatalf("after retry: %+v", got)
		}
	})
}

// A worker that dies mid-job leaves the job to be claimed again once its lease runs out; one that
// shuts down hands back what it had not started, at once and without losing an attempt.
func TestLeasesAndRelease(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		newUser(t, s, "dana@example.kz")
		newUser(t, s, "erlan@example.kz")
		got, err := s.ClaimJobs(ctx, "dead", 10, 5*time.Minute)
		if err != nil || len(got) != 2 {
			t.Fatalf("claim: %+v %v", got, err)
		}
		if err := s.ReleaseJob(ctx, "dead", got[1]); err != nil {
			t.Fatal(err)
		}
		back, _ := s.ClaimJobs(ctx, "alive", 10, 5*time.Minute)
		if len(back) != 1 || back[0].ID != got[1].ID || back[0].Attempts != 1 {
			t.Fatalf("released job: %+v", back)
		}
		if ok, err := s.CompleteJob(ctx, "alive", back[0]); err != nil || !ok {
			t.Fatalf("complete: %v %v", ok, err)
		}
		c.add(5*time.Minute - time.Second)
		if early, _ := s.ClaimJobs(ctx, "alive", 10, 5*time.Minute); len(early) != 0 {
			t.Fatalf("claimed inside another worker's lease: %+v", early)
		}
		c.add(2 * time.Second)
		again, _ := s.ClaimJobs(ctx, "alive", 10, 5*time.Minute)
		if len(again) != 1 || again[0].ID != got[0].ID || again[0].Attempts != 2 {
			t.Fatalf("after the lease ran out: %+v", again)
		}
		if ok, _ := s.CompleteJob(ctx, "dead", got[0]); ok {
			t.Fatal("the dead worker completed a job that is no longer its own")
		}
	})
}

// Workers claiming at the same time never take the same job (on PostgreSQL, FOR UPDATE SKIP
// LOCKED; on SQLite, the one writer).
func TestConcurrentClaimsNeverDouble(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		const n = 120
		for i := range n {
			newUser(t, s, fmt.Sprintf("many%d@example.kz", i))
		}
		var mu sync.Mutex
		seen := map[int64]string{}
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				name := fmt.Sprintf("w%d", w)
				for {
					got, err := s.ClaimJobs(ctx, name, 3, time.Minute)
					if err != nil {
						errs <- err
						return
					}
					if len(got) == 0 {
						return
					}
					for _, j := range got {
						mu.Lock()
						if other, dup := seen[j.ID]; dup {
							errs <- fmt.Errorf("job %d claimed by %s and %s", j.ID, other, name)
						}
						seen[j.ID] = name
						mu.Unlock()
						if ok, err := s.CompleteJob(ctx, name, j); err != nil || !ok {
							errs <- fmt.Errorf("complete %d: %v %v", j.ID, ok, err)
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if len(seen) != n {
			t.Fatalf("%d jobs claimed, want %d", len(seen), n)
		}
	})
}

func TestBackoffDoublesToACeiling(t *testing.T) {
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute}
	for i, w := range want {
		if got := store.Backoff(i + 1); got != w {
			t.Errorf("attempt %d: %v, want %v", i+1, got, w)
		}
	}
	if store.Backoff(0) != 30*time.Second || store.Backoff(50) != 6*time.Hour || store.Backoff(11) != 6*time.Hour {
		t.Errorf("edges: %v %v %v", store.Backoff(0), store.Backoff(11), store.Backoff(50))
	}
}

// A claim from a backlog takes a dead worker's jobs first, then the pending ones that have waited
// longest, up to the number asked, oldest first.
func TestClaimFromABacklogTakesTheOldest(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		var users []domain.User
		for i := range 6 { // each registration queues one verification mail, a minute apart
			users = append(users, newUser(t, s, fmt.Sprintf("backlog%d@example.kz", i)))
			c.add(time.Minute)
		}
		dead, err := s.ClaimJobs(ctx, "dead", 2, 5*time.Minute) // the two oldest
		if err != nil || len(dead) != 2 || dead[0].UserID != users[0].ID || dead[1].UserID != users[1].ID {
			t.Fatalf("the dead worker's claim: %+v %v", dead, err)
		}
		c.add(10 * time.Minute) // its lease runs out
		got, err := s.ClaimJobs(ctx, "alive", 3, 5*time.Minute)
		if err != nil || len(got) != 3 {
			t.Fatalf("claim: %+v %v", got, err)
		}
		for i, want := range []int{0, 1, 2} {
			if got[i].UserID != users[want].ID {
				t.Errorf("job %d of the claim is volunteer %d's; want volunteer %d's: %+v", i, got[i].UserID, users[want].ID, got)
			}
		}
		if got[0].Attempts != 2 || got[2].Attempts != 1 {
			t.Errorf("attempts %d and %d, want 2 (claimed again) and 1", got[0].Attempts, got[2].Attempts)
		}
		rest, _ := s.ClaimJobs(ctx, "alive", 10, 5*time.Minute)
		if len(rest) != 3 || rest[0].UserID != users[3].ID || rest[2].UserID != users[5].ID {
			t.Fatalf("the rest: %+v", rest)
		}
	})
}
