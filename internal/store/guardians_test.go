package store_test

import (
	"errors"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// minor makes an account born on birth, writing in lang.
func minor(t *testing.T, s *store.Store, email, birth, lang string) domain.User {
	t.Helper()
	b, _ := domain.ParseDate(birth)
	u := domain.User{Email: email, Name: "Әлихан Сейітов", BirthDate: b, Locale: lang}
	if err := s.CreateUser(ctx, &u, "x"); err != nil {
		t.Fatal(err)
	}
	return u
}

// mailOf is the newest mail of kind queued for userID.
func mailOf(t *testing.T, s *store.Store, userID int64, kind string) (domain.Mail, int) {
	t.Helper()
	var m domain.Mail
	n := 0
	for _, x := range mailsOf(t, s, userID) {
		if x.Kind == kind {
			m, n = x, n+1
		}
	}
	if n == 0 {
		t.Fatalf("no %s mail for account %d", kind, userID)
	}
	return m, n
}

func guardianStatus(t *testing.T, s *store.Store, userID int64, age int) store.GuardianState {
	t.Helper()
	st, err := s.GuardianState(ctx, userID, age)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A minor's signup waits for a guardian's consent: asked for with a link that spends once and
// expires, recorded with who, when, how, which version and from where, and only then the signup
// goes; declining allows nothing.
func TestGuardianConsent(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 10, 0)
		teen := minor(t, s, "alikhan@example.kz", "2010-01-01", "ru") // 16 on the clock's day and the shift's

		// refused before any consent, and nothing stored
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: teen.ID}); code(err) != domain.Forbidden || key(err) != "signup.guardian_consent_needed" {
			t.Fatalf("a 16-year-old without consent: %v", err)
		}
		checkShift(t, s, sh.ID, 0, 0)
		if st := guardianStatus(t, s, teen.ID, 0); st.Status != domain.GuardianNeeded {
			t.Fatalf("status %q, want needed", st.Status)
		}

		// bad requests name their field and send nothing
		for _, bad := range []struct {
			g     domain.GuardianRequest
			field string
			key   string
		}{
			{domain.GuardianRequest{Email: "ALIKHAN@example.kz", Name: "Гүлнар"}, "email", "field.guardian_own_email"},
			{domain.GuardianRequest{Email: "not an address", Name: "Гүлнар"}, "email", "field.email"},
			{domain.GuardianRequest{Email: "", Name: "Гүлнар"}, "email", "field.required"},
			{domain.GuardianRequest{Email: "mother@example.kz", Name: "  "}, "name", "field.required"},
		} {
			_, err := s.RequestGuardianConsent(ctx, teen.ID, 0, bad.g)
			var de *domain.Error
			if !errors.As(err, &de) || len(de.Fields) == 0 || de.Fields[0].Field != bad.field || de.Fields[0].Key != bad.key {
				t.Fatalf("%+v: %v", bad.g, err)
			}
		}
		if n := len(mailsOf(t, s, teen.ID)); n != 1 { // the verification mail only
			t.Fatalf("%d mails after bad requests", n)
		}

		// a request: one link a minute, in the minor's language, to the guardian
		sent, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: " Mother@Example.kz ", Name: "Гүлнар Сейітова"})
		if err != nil || !sent {
			t.Fatalf("request: %v %v", sent, err)
		}
		m, _ := mailOf(t, s, teen.ID, domain.MailGuardianConsent)
		if m.To != "mother@example.kz" || m.Locale != "ru" || m.Name != "Гүлнар Сейітова" || m.Params["minor"] != teen.Name {
			t.Fatalf("the guardian's mail: %+v", m)
		}
		first := linkToken(t, m)
		if st := guardianStatus(t, s, teen.ID, 0); st.Status != domain.GuardianRequested || st.RequestedTo != "mother@example.kz" ||
			!st.Expiry.Equal(c.now().Add(domain.GuardianConsentTTL).Truncate(time.Second)) {
			t.Fatalf("after asking: %+v", st)
		}
		if sent, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Гүлнар"}); err != nil || sent {
			t.Fatalf("a second link within a minute: %v %v", sent, err)
		}

		// the link read without spending it
		l, err := s.GuardianLinkOf(ctx, first)
		if err != nil || l.MinorID != teen.ID || l.MinorName != teen.Name || !l.MinorBirth.Equal(teen.BirthDate) || l.Email != "mother@example.kz" {
			t.Fatalf("the link: %+v %v", l, err)
		}
		// forged, or another purpose's, is refused naming token
		verify := linkToken(t, mailsOf(t, s, teen.ID)[0])
		for _, bad := range []string{"forged-secret", verify} {
			if _, err := s.AnswerGuardianConsent(ctx, 0, bad, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Гүлнар"}); key(err) != "field.token_invalid" {
				t.Fatalf("token %q: %v", bad, err)
			}
			if _, err := s.GuardianLinkOf(ctx, bad); key(err) != "field.token_invalid" {
				t.Fatalf("reading token %q: %v", bad, err)
			}
		}
		// a bad answer spends nothing
		if _, err := s.AnswerGuardianConsent(ctx, 0, first, domain.GuardianAnswer{Decision: domain.GuardianConfirm}); key(err) != "field.required" {
			t.Fatalf("no name: %v", err)
		}
		if _, err := s.AnswerGuardianConsent(ctx, 0, first, domain.GuardianAnswer{Decision: "maybe", Name: "Гүлнар"}); key(err) != "field.guardian_decision" {
			t.Fatalf("a bad decision: %v", err)
		}
		// the minor may not answer their own link
		if _, err := s.AnswerGuardianConsent(ctx, teen.ID, first, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Гүлнар"}); code(err) != domain.Forbidden {
			t.Fatalf("the minor answering: %v", err)
		}

		// declining spends the link and allows nothing
		if id, err := s.AnswerGuardianConsent(ctx, 0, first, domain.GuardianAnswer{Decision: domain.GuardianDecline}); err != nil || id != teen.ID {
			t.Fatalf("decline: %d %v", id, err)
		}
		if _, err := s.AnswerGuardianConsent(ctx, 0, first, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Гүлнар"}); key(err) != "field.token_invalid" {
			t.Fatalf("a spent link: %v", err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: teen.ID}); key(err) != "signup.guardian_consent_needed" {
			t.Fatalf("after a decline: %v", err)
		}
		if st := guardianStatus(t, s, teen.ID, 0); st.Status != domain.GuardianNeeded || st.Consent != nil {
			t.Fatalf("after a decline: %+v", st)
		}
		if told, _ := mailOf(t, s, teen.ID, domain.MailGuardianDeclined); told.To != teen.Email || told.Locale != "ru" {
			t.Fatalf("the minor's mail after a decline: %+v", told)
		}
		if cs, _ := s.Consents(ctx, teen.ID); len(cs) != 0 {
			t.Fatalf("a decline recorded %+v", cs)
		}

		// a link expires after 7 days; a new one spends the older ones
		c.add(2 * time.Minute)
		if sent, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Гүлнар"}); err != nil || !sent {
			t.Fatalf("ask again: %v %v", sent, err)
		}
		m, _ = mailOf(t, s, teen.ID, domain.MailGuardianConsent)
		expiring := linkToken(t, m)
		c.add(domain.GuardianConsentTTL + time.Second)
		if _, err := s.AnswerGuardianConsent(ctx, 0, expiring, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Гүлнар"}); key(err) != "field.token_invalid" {
			t.Fatalf("an expired link: %v", err)
		}
		if st := guardianStatus(t, s, teen.ID, 0); st.Status != domain.GuardianNeeded {
			t.Fatalf("after the link expired: %q", st.Status)
		}
		if sent, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: "aunt@example.kz", Name: "Айгүл"}); err != nil || !sent {
			t.Fatalf("ask a third time: %v %v", sent, err)
		}
		m, _ = mailOf(t, s, teen.ID, domain.MailGuardianConsent)
		older := linkToken(t, m)
		c.add(2 * time.Minute)
		if sent, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: "father@example.kz", Name: "Серік"}); err != nil || !sent {
			t.Fatalf("ask a fourth time: %v %v", sent, err)
		}
		m, _ = mailOf(t, s, teen.ID, domain.MailGuardianConsent)
		newest := linkToken(t, m)
		if _, err := s.AnswerGuardianConsent(ctx, 0, older, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: "Айгүл"}); key(err) != "field.token_invalid" {
			t.Fatalf("an older link after a new one: %v", err)
		}

		// confirming records who, when, how, which version, from where, and tells the minor
		at := c.now().Truncate(time.Second)
		if id, err := s.AnswerGuardianConsent(store.WithOrigin(ctx, "192.0.2.7"), 0, newest, domain.GuardianAnswer{Decision: domain.GuardianConfirm, Name: " Серік Сейітов "}); err != nil || id != teen.ID {
			t.Fatalf("confirm: %d %v", id, err)
		}
		cs, err := s.Consents(ctx, teen.ID)
		if err != nil || len(cs) != 1 {
			t.Fatalf("consents: %+v %v", cs, err)
		}
		if g := cs[0]; g.Kind != store.ConsentGuardian || g.Version != domain.GuardianConsentVersion || !g.GivenAt.Equal(at) || g.Method != "email-link" ||
			g.Origin != "192.0.2.7" || g.GuardianEmail != "father@example.kz" || g.GuardianName != "Серік Сейітов" || !g.WithdrawnAt.IsZero() {
			t.Fatalf("the record: %+v", g)
		}
		told, _ := mailOf(t, s, teen.ID, domain.MailGuardianConfirmed)
		if told.To != teen.Email || told.Locale != "ru" || told.Params["guardian"] != "Серік Сейітов" {
			t.Fatalf("the minor's mail: %+v", told)
		}
		if st := guardianStatus(t, s, teen.ID, 0); st.Status != domain.GuardianGiven || st.Consent == nil || st.Consent.GuardianName != "Серік Сейітов" {
			t.Fatalf("after the consent: %+v", st)
		}
		if _, err := s.RequestGuardianConsent(ctx, teen.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Гүлнар"}); key(err) != "guardian.already_given" {
			t.Fatalf("asking after the consent: %v", err)
		}
		// now the signup goes
		if sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: teen.ID}); err != nil || sg.Status != domain.SignupConfirmed {
			t.Fatalf("signup after the consent: %+v %v", sg, err)
		}
		// and the minor's data holds it, until the account goes
		d, err := s.PersonalData(ctx, teen.ID)
		if err != nil || len(d.Consents) != 1 || d.Consents[0].GuardianEmail != "father@example.kz" {
			t.Fatalf("personal data: %+v %v", d.Consents, err)
		}
		if err := s.DeleteAccount(ctx, teen.ID); err != nil {
			t.Fatal(err)
		}
		if cs, _ := s.Consents(ctx, teen.ID); len(cs) != 1 || cs[0].GuardianEmail != "" || cs[0].GuardianName != "" {
			t.Fatalf("after deleting the account: %+v", cs)
		}
	})
}

// A guardian's consent does not open emergency relief or heavy work to an under-18; an adult
// needs no consent; the age is the server's choice; and the age that counts is the one on the
// shift's day.
func TestGuardianConsentAges(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		sh := f.shift(t, 10, 0)
		e := domain.Event{OrgID: f.org.ID, Direction: domain.DirectionEmergency, Title: domain.Text{KK: "Құтқару"}, Venue: domain.Text{KK: "Тау"}, District: "medeu",
			Status: domain.EventPublished, StartsAt: f.event.StartsAt.AddDate(0, 0, 3), EndsAt: f.event.StartsAt.AddDate(0, 0, 3).Add(4 * time.Hour)}
		e.Shifts = []domain.Shift{{Role: domain.Text{KK: "x"}, StartsAt: e.StartsAt, EndsAt: e.EndsAt, Capacity: 5}}
		if err := s.CreateEvent(ctx, 0, &e); err != nil {
			t.Fatal(err)
		}
		// a 17-year-old with a guardian's consent: ordinary work yes, emergencies no
		seventeen := minor(t, s, "seventeen@example.kz", sh.StartsAt.AddDate(-17, 0, -1).Format(time.DateOnly), "kk")
		if err := s.GiveGuardianConsent(ctx, seventeen.ID, "parent@example.kz", "Ата-ана", "test", false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: e.Shifts[0].ID, UserID: seventeen.ID}); key(err) != "signup.adults_only" {
			t.Fatalf("a 17-year-old with consent in emergency relief: %v", err)
		}
		checkShift(t, s, e.Shifts[0].ID, 0, 0)
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: seventeen.ID}); err != nil {
			t.Fatalf("a 17-year-old with consent: %v", err)
		}
		// an adult needs none and may not ask
		adult := minor(t, s, "adult@example.kz", "1999-09-09", "en")
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: adult.ID}); err != nil {
			t.Fatalf("an adult: %v", err)
		}
		if st := guardianStatus(t, s, adult.ID, 0); st.Status != domain.GuardianNotNeeded {
			t.Fatalf("an adult's status %q", st.Status)
		}
		if _, err := s.RequestGuardianConsent(ctx, adult.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Ана"}); key(err) != "guardian.not_needed" {
			t.Fatalf("an adult asking: %v", err)
		}
		// under a guardian age of 16, a 17-year-old needs none; a 15-year-old does
		other := minor(t, s, "other17@example.kz", sh.StartsAt.AddDate(-17, 0, -1).Format(time.DateOnly), "kk")
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: other.ID}); key(err) != "signup.guardian_consent_needed" {
			t.Fatalf("a 17-year-old under the default age: %v", err)
		}
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: other.ID, GuardianAge: 16}); err != nil {
			t.Fatalf("a 17-year-old under a guardian age of 16: %v", err)
		}
		fifteen := minor(t, s, "fifteen@example.kz", sh.StartsAt.AddDate(-15, 0, -1).Format(time.DateOnly), "kk")
		_, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: fifteen.ID, GuardianAge: 16})
		var de *domain.Error
		if key(err) != "signup.guardian_consent_needed" || !errors.As(err, &de) || de.Params["age"] != 16 {
			t.Fatalf("a 15-year-old under a guardian age of 16: %v", err)
		}
		// someone who turns 18 before the shift needs none for it
		turning := minor(t, s, "turning@example.kz", sh.StartsAt.AddDate(-18, 0, -1).Format(time.DateOnly), "kk")
		if _, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: turning.ID}); err != nil {
			t.Fatalf("18 on the shift's day: %v", err)
		}
		// five links a day at most
		young := minor(t, s, "young@example.kz", "2012-02-02", "kk")
		for i := range 5 {
			if sent, err := s.RequestGuardianConsent(ctx, young.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Ана"}); err != nil || !sent {
				t.Fatalf("link %d: %v %v", i+1, sent, err)
			}
			c.add(2 * time.Minute)
		}
		if sent, err := s.RequestGuardianConsent(ctx, young.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Ана"}); err != nil || sent {
			t.Fatalf("a sixth link in a day: %v %v", sent, err)
		}
		if _, n := mailOf(t, s, young.ID, domain.MailGuardianConsent); n != 5 {
			t.Fatalf("%d links mailed, want 5", n)
		}
		c.add(24 * time.Hour)
		if sent, err := s.RequestGuardianConsent(ctx, young.ID, 0, domain.GuardianRequest{Email: "mother@example.kz", Name: "Ана"}); err != nil || !sent {
			t.Fatalf("the next day: %v %v", sent, err)
		}
	})
}
