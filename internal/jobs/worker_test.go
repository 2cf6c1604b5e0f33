package jobs_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"erikti/internal/domain"
	"erikti/internal/jobs"
	"erikti/internal/locale"
	"erikti/internal/mail"
	"erikti/internal/mail/mailtest"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

var ctx = context.Background()

// clock is a settable time for the store.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rig is a store on a settable clock, a real SMTP server on loopback, and what a worker needs.
type rig struct {
	st     *store.Store
	clock  *clock
	smtp   *mailtest.Server
	writer *mail.Writer
	sender *mail.SMTP
}

func each(t *testing.T, fn func(t *testing.T, r *rig)) {
	t.Helper()
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	writer, err := mail.NewWriter(msgs, "https://erikti.example.kz")
	if err != nil {
		t.Fatal(err)
	}
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
			r := &rig{st: storetest.Open(t, engine, store.Options{Now: c.now}), clock: c, smtp: mailtest.Start(t, mailtest.Config{}), writer: writer}
			r.sender = r.smtpTo(t, r.smtp.Port)
			fn(t, r)
		})
	}
}

func (r *rig) smtpTo(t *testing.T, port int) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: port, TLS: mail.TLSNone, From: "erikti <no-reply@erikti.example.kz>", Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (r *rig) worker(sender mail.Sender) *jobs.Worker {
	return r.workerWith(sender, jobs.Options{Poll: 10 * time.Millisecond})
}

func (r *rig) workerWith(sender mail.Sender, opt jobs.Options) *jobs.Worker {
	return jobs.New(r.st, r.writer, sender, slog.New(slog.NewTextHandler(io.Discard, nil)), opt)
}

func (r *rig) register(t *testing.T, email, lang string) domain.User {
	t.Helper()
	b, _ := domain.ParseDate("2004-04-04")
	u := domain.User{Email: email, Name: "Інкәр Сейітқызы", BirthDate: b, Locale: lang}
	if err := r.st.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	return u
}

// deadPort is a loopback port nothing listens on.
func deadPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

var linkRe = regexp.MustCompile(`https://erikti\.example\.kz(/verify-email\?token=[A-Za-z0-9_%-]+)`)

// A registration's mail goes out through the worker, in the person's language, and the link in it,
// as the person's mail reader shows it, confirms the address.
func TestTheVerificationMailArrivesAndItsLinkWorks(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		u := r.register(t, "inkar@example.kz", "ru")
		if n, err := r.worker(r.sender).RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("run: %d %v", n, err)
		}
		got := r.smtp.Wait(t, 1, 5*time.Second)
		p, err := mailtest.Parse(got[0].Raw)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].To[0] != u.Email || p.Subject != "Подтвердите адрес электронной почты для erikti" || p.Header.Get("Content-Language") != "ru" {
			t.Fatalf("mail: to %v, subject %q, %v", got[0].To, p.Subject, p.Header)
		}
		m := linkRe.FindStringSubmatch(p.Text)
		if m == nil {
			t.Fatalf("no link in the text: %q", p.Text)
		}
		link, _ := url.Parse(m[1])
		if _, err := r.st.VerifyEmail(ctx, link.Query().Get("token")); err != nil {
			t.Fatalf("the mailed link: %v", err)
		}
		// it went once, and its secret is gone from the job
		if n, _ := r.worker(r.sender).RunDue(ctx); n != 0 {
			t.Fatalf("%d jobs claimed again", n)
		}
		jobsOf, _ := r.st.UserJobs(ctx, u.ID, 10)
		if jm, _ := jobsOf[0].Mail(); jobsOf[0].State != store.JobDone || jm.Link != "" {
			t.Fatalf("the job after sending: %+v", jobsOf[0])
		}
		if n := len(r.smtp.Messages()); n != 1 {
			t.Fatalf("%d messages, want 1", n)
		}
	})
}

// With the SMTP server unreachable the registration still stands; the mail is retried with backoff,
// parked after its last attempt with the reason, and sent when the Front Office retries it.
func TestAnUnreachableServerParksTheMailWithoutLosingIt(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		u := r.register(t, "nurlan@example.kz", "kk")
		down := r.worker(r.smtpTo(t, deadPort(t)))
		attempts := 0
		for range 100 {
			n, err := down.RunDue(ctx)
			if err != nil {
				t.Fatal(err)
			}
			attempts += n
			r.clock.add(7 * time.Hour) // past any backoff
		}
		jobsOf, _ := r.st.UserJobs(ctx, u.ID, 10)
		j := jobsOf[0]
		if j.State != store.JobParked || attempts != j.MaxAttempts || j.LastError == "" || j.Failure != store.FailureUnreachable {
			t.Fatalf("after %d attempts: %+v", attempts, j)
		}
		if got, err := r.st.User(ctx, u.ID); err != nil || got.Email != u.Email {
			t.Fatalf("the account: %v", err)
		}
		if err := r.st.RetryJob(ctx, 0, j.ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := r.worker(r.sender).RunDue(ctx); n != 1 {
			t.Fatal("the retried job was not run")
		}
		r.smtp.Wait(t, 1, 5*time.Second)
	})
}

// A mailbox the server refuses for good is parked after one attempt, with the server's answer.
func TestABouncedAddressIsParkedAtOnce(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		r.smtp.Reject("gone@example.kz")
		u := r.register(t, "gone@example.kz", "en")
		r.worker(r.sender).RunDue(ctx)
		jobsOf, _ := r.st.UserJobs(ctx, u.ID, 10)
		if j := jobsOf[0]; j.State != store.JobParked || j.Attempts != 1 || !regexp.MustCompile(`550|mailbox`).MatchString(j.LastError) ||
			j.Failure != store.FailureRefused {
			t.Fatalf("bounced: %+v", j)
		}
		parked, _ := r.st.Jobs(ctx, store.JobParked, 10)
		if len(parked) != 1 {
			t.Fatalf("the Front Office sees %d parked jobs", len(parked))
		}
	})
}

// Two workers (two nodes) running at once over many due mails send each exactly once.
func TestTwoWorkersNeverSendTwice(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		const n = 60
		for i := range n {
			r.register(t, fmt.Sprintf("crowd%02d@example.kz", i), "kk")
		}
		wctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		idle := [2]chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1)}
		for i := range 2 {
			w := r.workerWith(r.sender, jobs.Options{Poll: 10 * time.Millisecond, Idle: func() {
				select {
				case idle[i] <- struct{}{}:
				default:
				}
			}})
			wg.Add(1)
			go func() { defer wg.Done(); w.Run(wctx) }()
		}
		r.smtp.Wait(t, n, 30*time.Second)
		// a double, if any, has arrived once each worker, every mail sent, has found nothing more
		// to do: an idle worker has finished every job it claimed
		for i, c := range idle {
			select {
			case <-c: // found idle before the last mail arrived
			default:
			}
			select {
			case <-c:
			case <-time.After(30 * time.Second):
				t.Fatalf("worker %d never found itself idle after the last mail", i)
			}
		}
		cancel()
		wg.Wait()
		got := r.smtp.Messages()
		seen := map[string]int{}
		for _, m := range got {
			seen[m.To[0]]++
		}
		if len(got) != n || len(seen) != n {
			t.Fatalf("%d messages to %d addresses, want %d each once", len(got), len(seen), n)
		}
	})
}

// A worker that dies holding a job loses nothing: when its lease runs out another sends it.
func TestAJobOfADeadWorkerIsSentByAnother(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		r.register(t, "arman@example.kz", "en")
		held, err := r.st.ClaimJobs(ctx, "a worker that then died", 10, 5*time.Minute)
		if err != nil || len(held) != 1 {
			t.Fatalf("claim: %v %v", held, err)
		}
		alive := r.worker(r.sender)
		if n, _ := alive.RunDue(ctx); n != 0 {
			t.Fatal("a leased job was taken before its lease ran out")
		}
		r.clock.add(5*time.Minute + time.Second)
		if n, _ := alive.RunDue(ctx); n != 1 {
			t.Fatal("the dead worker's job was not taken over")
		}
		r.smtp.Wait(t, 1, 5*time.Second)
	})
}

// stopping is a real sender that asks the worker to stop while the first message is being sent.
type stopping struct {
	mail.Sender
	once sync.Once
	stop func()
}

func (s *stopping) Send(ctx context.Context, m mail.Message) error {
	s.once.Do(s.stop)
	return s.Sender.Send(ctx, m)
}

// A worker told to stop finishes the job in hand and hands back the rest of its batch untried.
func TestShutdownFinishesTheJobInHandAndReturnsTheRest(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		for i := range 5 {
			r.register(t, fmt.Sprintf("batch%d@example.kz", i), "kk")
		}
		wctx, cancel := context.WithCancel(ctx)
		w := r.worker(&stopping{Sender: r.sender, stop: cancel})
		done := make(chan struct{})
		go func() { w.Run(wctx); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("the worker did not stop")
		}
		if got := r.smtp.Wait(t, 1, 5*time.Second); len(got) != 1 {
			t.Fatalf("%d messages sent, want the one in hand", len(got))
		}
		pending, _ := r.st.Jobs(ctx, store.JobPending, 10)
		done2, _ := r.st.Jobs(ctx, store.JobDone, 10)
		if len(pending) != 4 || len(done2) != 1 {
			t.Fatalf("pending %d, done %d; want 4 and 1", len(pending), len(done2))
		}
		for _, j := range pending {
			if j.Attempts != 0 {
				t.Fatalf("a returned job lost an attempt: %+v", j)
			}
		}
	})
}

// shiftFor makes a verified organization's published event with one shift starting at start.
func (r *rig) shiftFor(t *testing.T, start time.Time, capacity int) domain.Shift {
	t.Helper()
	org := domain.Organization{Name: domain.Text{KK: "Жасыл Алматы"}, Status: domain.OrgVerified}
	if err := r.st.CreateOrganization(ctx, 0, &org); err != nil {
		t.Fatal(err)
	}
	e := domain.Event{OrgID: org.ID, Direction: "ecology", Title: domain.Text{KK: "Көктемгі сенбілік", RU: "Весенний субботник", EN: "Spring clean-up"},
		Venue: domain.Text{KK: "Орталық саябақ"}, District: "medeu", StartsAt: start, EndsAt: start.Add(4 * time.Hour), Status: domain.EventPublished,
		Shifts: []domain.Shift{{Role: domain.Text{KK: "Көмекші"}, StartsAt: start, EndsAt: start.Add(2 * time.Hour), Capacity: capacity}}}
	if err := r.st.CreateEvent(ctx, 0, &e); err != nil {
		t.Fatal(err)
	}
	return e.Shifts[0]
}

// A confirmed signup's mail arrives with the shift as a calendar file that a real iCalendar parser
// reads, and with one-click unsubscribe headers; a day before the shift its reminder arrives, once.
func TestSignupMailAndReminderArrive(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		start := r.clock.now().Add(5 * 24 * time.Hour).Truncate(time.Hour)
		sh := r.shiftFor(t, start, 5)
		u := r.register(t, "aruzhan@example.kz", "kk")
		if _, _, err := r.st.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID}); err != nil {
			t.Fatal(err)
		}
		w := r.worker(r.sender)
		w.RunDue(ctx)
		got := r.smtp.Wait(t, 2, 5*time.Second) // the address's confirmation, then the signup's
		var confirmed mailtest.Parsed
		for _, m := range got {
			p, err := mailtest.Parse(m.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject == "Орныңыз расталды: Көктемгі сенбілік" {
				confirmed = p
			}
		}
		if confirmed.Subject == "" {
			t.Fatal("no confirmation arrived")
		}
		if !regexp.MustCompile(`^<https://erikti\.example\.kz/unsubscribe/[0-9a-f]+\?c=signups>$`).MatchString(confirmed.Header.Get("List-Unsubscribe")) ||
			confirmed.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Fatalf("unsubscribe headers: %v", confirmed.Header)
		}
		ics, ok := confirmed.Attachments["erikti.ics"]
		if !ok || confirmed.AttachTypes["erikti.ics"] != "text/calendar" {
			t.Fatalf("attachments: %v", confirmed.AttachTypes)
		}
		cal, err := goical.NewDecoder(bytes.NewReader(ics)).Decode()
		if err != nil {
			t.Fatalf("the attachment: %v\n%s", err, ics)
		}
		if err := goical.NewEncoder(io.Discard).Encode(cal); err != nil {
			t.Fatalf("the attachment is not a valid calendar: %v", err)
		}
		ev := cal.Events()
		if len(ev) != 1 {
			t.Fatalf("%d events in the attachment", len(ev))
		}
		uid, _ := ev[0].Props.Text(goical.PropUID)
		at, err := ev[0].DateTimeStart(nil)
		if uid != fmt.Sprintf("shift-%d@erikti", sh.ID) || err != nil || !at.Equal(start) ||
			ev[0].Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID) != "Asia/Almaty" {
			t.Fatalf("the attached shift: %q %v %v", uid, at, err)
		}

		// a minute before the day-before reminder, nothing; at its time, one reminder, once
		r.clock.add(start.Add(-domain.ReminderDayBefore - time.Minute).Sub(r.clock.now()))
		w.RunDue(ctx)
		w.RunDue(ctx)
		if n := len(r.smtp.Messages()); n != 2 {
			t.Fatalf("%d messages before the reminder's time", n)
		}
		r.clock.add(time.Minute)
		w.RunDue(ctx) // the reminder job writes the mail
		w.RunDue(ctx) // which goes
		w.RunDue(ctx)
		got = r.smtp.Wait(t, 3, 5*time.Second)
		// RunDue returns when its jobs are done: a second reminder would have arrived by now
		if n := len(r.smtp.Messages()); n != 3 {
			t.Fatalf("%d messages, want the reminder once", n)
		}
		p, _ := mailtest.Parse(got[2].Raw)
		if p.Subject != "Ертең: Көктемгі сенбілік" || !strings.Contains(p.Text, "басталады") {
			t.Fatalf("reminder: %q\n%s", p.Subject, p.Text)
		}
	})
}

var guardianLinkRe = regexp.MustCompile(`https://erikti\.example\.kz(/guardian/consent\?token=[A-Za-z0-9_%-]+)`)

// A minor's request reaches the guardian through a real SMTP server in the minor's language (the
// guardian has no account), the link in it, as the guardian's mail reader shows it, records the
// consent, and the minor is told, in their language too.
func TestTheGuardianMailsArriveInTheMinorsLanguage(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		b, _ := domain.ParseDate("2011-05-05")
		u := domain.User{Email: "alikhan@example.kz", Name: "Әлихан Сейітов", BirthDate: b, Locale: "ru", EmailVerified: true}
		if err := r.st.CreateUser(ctx, &u, "x"); err != nil {
			t.Fatal(err)
		}
		if sent, err := r.st.RequestGuardianConsent(ctx, u.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Гүлнар Сейітова"}); err != nil || !sent {
			t.Fatalf("request: %v %v", sent, err)
		}
		if n, err := r.worker(r.sender).RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("run: %d %v", n, err)
		}
		got := r.smtp.Wait(t, 1, 5*time.Second)
		p, err := mailtest.Parse(got[0].Raw)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].To[0] != "mother@example.kz" || p.Subject != "Әлихан Сейітов просит вашего согласия на волонтёрство" || p.Header.Get("Content-Language") != "ru" ||
			!regexp.MustCompile(`Здравствуйте, Гүлнар Сейітова!`).MatchString(p.Text) || !regexp.MustCompile(`младше 18 лет`).MatchString(p.Text) {
			t.Fatalf("the guardian's mail: to %v, subject %q, %v\n%s", got[0].To, p.Subject, p.Header, p.Text)
		}
		m := guardianLinkRe.FindStringSubmatch(p.Text)
		if m == nil {
			t.Fatalf("no link in the text: %q", p.Text)
		}
		link, _ := url.Parse(m[1])
		if _, err := r.st.AnswerGuardianConsent(ctx, 0, link.Query().Get("token"), domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Гүлнар Сейітова"}); err != nil {
			t.Fatalf("the mailed link: %v", err)
		}
		if n, err := r.worker(r.sender).RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("run: %d %v", n, err)
		}
		got = r.smtp.Wait(t, 2, 5*time.Second)
		p, err = mailtest.Parse(got[1].Raw)
		if err != nil {
			t.Fatal(err)
		}
		if got[1].To[0] != u.Email || p.Subject != "Согласие получено: можно записываться на смены" || p.Header.Get("Content-Language") != "ru" ||
			!regexp.MustCompile(`Гүлнар Сейітова дал\(а\) согласие`).MatchString(p.Text) || !regexp.MustCompile(`https://erikti\.example\.kz/me/guardian`).MatchString(p.Text) {
			t.Fatalf("the minor's mail: to %v, subject %q\n%s", got[1].To, p.Subject, p.Text)
		}
	})
}

// A decision on a volunteer's hours reaches them through a real SMTP server in their language:
// a rejection with its reason, an approval with the hours, each with one-click unsubscribe.
func TestTheHoursDecisionMailArrives(t *testing.T) {
	each(t, func(t *testing.T, r *rig) {
		start := r.clock.now().Add(24 * time.Hour).Truncate(time.Hour)
		sh := r.shiftFor(t, start, 5)
		u := r.register(t, "dana@example.kz", "ru")
		sg, _, err := r.st.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		r.clock.add(start.Add(time.Hour).Sub(r.clock.now())) // hours only once the shift has started
		first, err := r.st.EnterHours(ctx, 0, sg.ID, 75, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.st.RejectHours(ctx, 0, first, "Ушла раньше"); err != nil {
			t.Fatal(err)
		}
		if _, err := r.st.EnterHours(ctx, 0, sg.ID, 100, 0); err != nil {
			t.Fatal(err)
		}
		if n, err := r.st.ApproveShiftHours(ctx, 0, sh.ID); err != nil || n != 1 {
			t.Fatalf("approve the shift: %d %v", n, err)
		}
		r.worker(r.sender).RunDue(ctx)
		got := r.smtp.Wait(t, 4, 5*time.Second) // the address's confirmation, the signup's, then the two decisions
		var texts []string
		for _, m := range got {
			p, err := mailtest.Parse(m.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != "Жасыл Алматы: ваши часы за «Весенний субботник»" {
				continue
			}
			if !regexp.MustCompile(`^<https://erikti\.example\.kz/unsubscribe/[0-9a-f]+\?c=signups>$`).MatchString(p.Header.Get("List-Unsubscribe")) ||
				!strings.Contains(p.Text, "https://erikti.example.kz/me/hours") {
				t.Errorf("headers or link: %v\n%s", p.Header, p.Text)
			}
			texts = append(texts, p.Text)
		}
		if len(texts) != 2 || !strings.Contains(texts[0]+texts[1], "не подтвердила ваши часы (1 ч 15 мин). Причина: Ушла раньше") ||
			!strings.Contains(texts[0]+texts[1], "подтвердила ваши волонтёрские часы: 1 ч 40 мин") {
			t.Fatalf("the decisions' mails: %q", texts)
		}
	})
}
