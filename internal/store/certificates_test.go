package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// approvedHours gives a volunteer approved minutes on a new shift of f's event: the clock moves
// into the shift for the claim and its approval, and back.
func approvedHours(t *testing.T, s *store.Store, c *clock, f *fixture, u domain.User, offset time.Duration, minutes int) {
	t.Helper()
	sh := f.shift(t, 5, offset)
	sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	was := c.now()
	c.set(sh.StartsAt.Add(time.Hour))
	defer c.set(was)
	claim, err := s.EnterHours(ctx, 0, sg.ID, minutes, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ApproveHours(ctx, 0, claim); err != nil {
		t.Fatal(err)
	}
}

// A certificate freezes the approved hours when it is issued: later hours do not change it; a
// volunteer with none is refused and nothing is stored; a code is found however it is typed.
func TestIssueCertificate(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		people := f.users(t, 2, "2000-01-01")
		vol, idle := people[0], people[1]
		if _, err := s.IssueCertificate(ctx, idle.ID, "kk"); key(err) != "cert.no_hours" || code(err) != domain.Conflict {
			t.Fatalf("no approved hours: %v", err)
		}
		// a pending claim is not an approved hour
		sh := f.shift(t, 5, 0)
		sg, _, err := s.SignUp(ctx, store.SignupRequest{ShiftID: sh.ID, UserID: idle.ID})
		if err != nil {
			t.Fatal(err)
		}
		c.set(sh.StartsAt)
		if _, err := s.EnterHours(ctx, 0, sg.ID, 60, 0); err != nil {
			t.Fatal(err)
		}
		c.set(time.Now().UTC())
		if _, err := s.IssueCertificate(ctx, idle.ID, "ru"); key(err) != "cert.no_hours" {
			t.Fatalf("only a pending claim: %v", err)
		}
		if cs, err := s.UserCertificates(ctx, idle.ID); err != nil || len(cs) != 0 {
			t.Fatalf("a refused certificate was stored: %v %v", cs, err)
		}
		if _, err := s.IssueCertificate(ctx, vol.ID, "de"); key(err) != "cert.lang_invalid" {
			t.Fatalf("a language erikti does not speak: %v", err)
		}

		other := domain.Organization{Name: domain.Text{KK: "Қамқор"}, Status: domain.OrgVerified}
		if err := s.CreateOrganization(ctx, 0, &other); err != nil {
			t.Fatal(err)
		}
		second := domain.Event{OrgID: other.ID, Direction: "social", Title: domain.Text{KK: "Қарттарға көмек", RU: "Помощь пожилым"},
			Venue: domain.Text{KK: "Абай даңғылы"}, District: "almaly", StartsAt: f.event.StartsAt.Add(48 * time.Hour), EndsAt: f.event.StartsAt.Add(52 * time.Hour), Status: domain.EventPublished}
		if err := s.CreateEvent(ctx, 0, &second); err != nil {
			t.Fatal(err)
		}
		approvedHours(t, s, c, f, vol, 0, 90)
		approvedHours(t, s, c, f, vol, 3*time.Hour, 45) // the same event and organization again
		approvedHours(t, s, c, &fixture{s: s, org: other, event: second}, vol, 0, 100)

		cert, err := s.IssueCertificate(ctx, vol.ID, "kk")
		if err != nil {
			t.Fatal(err)
		}
		day := func(t time.Time) string { return t.In(domain.Almaty()).Format(time.DateOnly) }
		if cert.TotalMinutes != 235 || cert.Name != vol.Name || cert.Lang != "kk" || cert.Revoked() ||
			cert.FirstDay.Format(time.DateOnly) != day(f.event.StartsAt) || cert.LastDay.Format(time.DateOnly) != day(second.StartsAt) ||
			!slices.Equal(cert.Organizations, []string{"Жасыл Алматы", "Қамқор"}) || len(cert.Events) != 2 || cert.Events[1].KK != "Қарттарға көмек" {
			t.Fatalf("the certificate: %+v", cert)
		}
		if norm, err := domain.ParseCertificateCode(cert.Code); err != nil || norm != cert.Code || !strings.HasPrefix(cert.Code, "ERK-") || len(cert.Code) != 18 {
			t.Fatalf("the code %q: %v", cert.Code, err)
		}

		// later hours and a new name change nothing issued
		approvedHours(t, s, c, f, vol, 6*time.Hour, 30)
		typed := strings.ToLower(strings.ReplaceAll(cert.Code[4:], "-", " "))
		got, err := s.CertificateByCode(ctx, typed)
		if err != nil || got.TotalMinutes != 235 || got.ID != cert.ID || !slices.Equal(got.Organizations, cert.Organizations) || got.Events[0] != cert.Events[0] {
			t.Fatalf("by the code typed as %q: %+v %v", typed, got, err)
		}
		next, err := s.IssueCertificate(ctx, vol.ID, "en")
		if err != nil || next.TotalMinutes != 265 || next.Code == cert.Code {
			t.Fatalf("a second certificate: %+v %v", next, err)
		}
		mine, err := s.UserCertificates(ctx, vol.ID)
		if err != nil || len(mine) != 2 || mine[0].ID != next.ID {
			t.Fatalf("the volunteer's certificates, newest first: %+v %v", mine, err)
		}
		for _, bad := range []string{"", "ERK-0000-0000-000", "ERK-0000-0000-0000-0", "ERK-UUUU-0000-0000", "ЕРК-0000-0000-0000"} {
			if _, err := s.CertificateByCode(ctx, bad); code(err) != domain.NotFound || key(err) != "cert.not_found" {
				t.Errorf("the code %q: %v", bad, err)
			}
		}
		if _, err := s.CertificateByCode(ctx, "ERK-0000-0000-0000"); code(err) != domain.NotFound {
			t.Fatalf("a code no one has: %v", err)
		}
		found, err := s.Certificates(ctx, store.CertificateFilter{Code: strings.ToLower(cert.Code[4:11])})
		if err != nil || len(found) != 1 || found[0].ID != cert.ID {
			t.Fatalf("the Front Office's search by a part of the code: %+v %v", found, err)
		}
		if all, err := s.Certificates(ctx, store.CertificateFilter{}); err != nil || len(all) != 2 || all[0].ID != next.ID {
			t.Fatalf("every certificate: %+v %v", all, err)
		}
	})
}

// Revoking needs a reason, is audited, and happens once; deleting the account revokes the rest
// and removes the name from all of them; the volunteer's data download lists them.
func TestRevokeCertificate(t *testing.T) {
	eachNow(t, func(t *testing.T, s *store.Store, c *clock) {
		f := newFixture(t, s)
		vol := f.users(t, 1, "2000-01-01")[0]
		approvedHours(t, s, c, f, vol, 0, 60)
		first, err := s.IssueCertificate(ctx, vol.ID, "ru")
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.IssueCertificate(ctx, vol.ID, "kk")
		if err != nil {
			t.Fatal(err)
		}
		office := f.users(t, 1, "1985-01-01")[0]
		if _, err := s.RevokeCertificate(ctx, office.ID, first.Code, "   "); key(err) != "cert.reason_required" || code(err) != domain.Invalid {
			t.Fatalf("no reason: %v", err)
		}
		if got, _ := s.CertificateByCode(ctx, first.Code); got.Revoked() {
			t.Fatal("a refused revocation revoked")
		}
		if _, err := s.RevokeCertificate(ctx, office.ID, "ERK-0000-0000-0000", "Қате"); code(err) != domain.NotFound {
			t.Fatalf("an unknown code: %v", err)
		}
		c.set(c.now().Add(time.Hour))
		revoked, err := s.RevokeCertificate(ctx, office.ID, strings.ToLower(first.Code), "Сағаттар қате енгізілген")
		if err != nil || !revoked.Revoked() || revoked.RevokedBy != office.ID || revoked.RevokeReason != "Сағаттар қате енгізілген" || !revoked.RevokedAt.Equal(c.now()) {
			t.Fatalf("revoked: %+v %v", revoked, err)
		}
		if _, err := s.RevokeCertificate(ctx, office.ID, first.Code, "Тағы да"); code(err) != domain.Conflict || key(err) != "cert.already_revoked" {
			t.Fatalf("revoking twice: %v", err)
		}
		if got, _ := s.CertificateByCode(ctx, first.Code); got.RevokeReason != "Сағаттар қате енгізілген" {
			t.Fatalf("a second revocation changed the first: %+v", got)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{Action: "certificate.revoke"})
		if err != nil || len(log) != 1 || log[0].ActorID != office.ID || log[0].EntityID != first.ID || !strings.Contains(log[0].Detail, first.Code) {
			t.Fatalf("the audit log: %+v %v", log, err)
		}

		data, err := s.PersonalData(ctx, vol.ID)
		if err != nil || len(data.Certificates) != 2 || data.Certificates[0].ID != second.ID {
			t.Fatalf("the data download: %+v %v", data.Certificates, err)
		}
		if err := s.DeleteAccount(ctx, vol.ID); err != nil {
			t.Fatal(err)
		}
		for _, code := range []string{first.Code, second.Code} {
			got, err := s.CertificateByCode(ctx, code)
			if err != nil || got.Name != "" || !got.Revoked() || got.TotalMinutes != 60 {
				t.Fatalf("after the deletion: %+v %v", got, err)
			}
		}
		if got, _ := s.CertificateByCode(ctx, first.Code); got.RevokeReason != "Сағаттар қате енгізілген" {
			t.Fatalf("the deletion changed an earlier revocation: %+v", got)
		}
		if got, _ := s.CertificateByCode(ctx, second.Code); got.RevokeReason != domain.CertificateDeletedReason || got.RevokedBy != vol.ID {
			t.Fatalf("the deletion's revocation: %+v", got)
		}
	})
}
