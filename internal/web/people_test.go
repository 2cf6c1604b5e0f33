package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/jobs"
	"erikti/internal/locale"
	"erikti/internal/mail"
	"erikti/internal/mail/mailtest"
	"erikti/internal/store"
)

// The people of an organization: invitations by email, removing, roles; the Front Office role.

// TestInvitationByPages: an admin invites from the organization's page; bad input comes back
// beside its field and stores nothing; the link shows what it invites to, refuses someone else
// without spending itself, sends a newcomer to register and back, and its button makes the member.
func TestInvitationByPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(1)
		admin := a.coordinatorBrowser(t, w)
		orgPage := fmt.Sprintf("/manage/organizations/%d", w.orgID)
		admin.get(orgPage).must(t, 200).has(t, `id="people-title"`, "Members and their roles", w.coord.Email, "Organization admin",
			`action="`+orgPage+`/invitations"`, `id="f-invite_email"`, `id="f-invite_role"`, "No invitation awaits an answer.")

		// bad input: beside the field, in the reader's language, nothing stored
		ru := a.browser("ru")
		ru.signIn(t, w.coord)
		ru.post(orgPage+"/invitations", url.Values{"invite_email": {"not an email"}, "invite_role": {"owner"}}).must(t, 422).
			has(t, `id="f-invite_email-error"`, `id="f-invite_role-error"`, `href="#f-invite_email"`, "Должен быть адрес электронной почты",
				"Выберите: координатор или администратор организации", `value="Жасыл Алматы"`)
		admin.post(orgPage+"/invitations", url.Values{"invite_email": {w.coord.Email}, "invite_role": {"coordinator"}}).must(t, 422).
			has(t, "This person is already a member of the organization")
		if invs, _ := a.store.Invitations(ctx, w.orgID); len(invs) != 0 {
			t.Fatalf("refused invitations were stored: %+v", invs)
		}

		newcomer := fmt.Sprintf("newcomer%d@example.kz", seq.Add(1))
		admin.post(orgPage+"/invitations", url.Values{"invite_email": {strings.ToUpper(newcomer)}, "invite_role": {"coordinator"}}).must(t, 303)
		admin.get(orgPage+"?done=invited").must(t, 200).has(t, "The invitation is on its way.", newcomer, "Withdraw the invitation")
		token := a.mailTo(newcomer, domain.MailInvitation)
		link := "/invitations/accept?token=" + url.QueryEscape(token)

		// not signed in: what it invites to, and the way to sign in or register and come back
		anon := a.browser("en")
		anon.get(link).must(t, 200).has(t, "Жасыл Алматы", "Coordinator", "Дәурен Қасымов",
			`href="/login?next=`+url.QueryEscape(link)+`"`, `href="/register?next=`+url.QueryEscape(link)+`"`).lacks(t, `action="/invitations/accept"`)
		// signed in as someone else: refused, nothing spent
		other := a.browser("en")
		other.signUp(t, "Бөтен адам", "1995-05-05")
		other.get(link).must(t, 403).has(t, "This invitation was sent to another email address").lacks(t, `action="/invitations/accept"`)
		other.post("/invitations/accept", url.Values{"token": {token}}).must(t, 403)
		if _, err := a.store.InvitationByToken(ctx, token); err != nil {
			t.Fatalf("someone else spent the link: %v", err)
		}
		// a bad link
		anon.get("/invitations/accept?token=nonsense").must(t, 422).has(t, "This link is not valid", `id="f-token"`)

		// the newcomer registers from the link and comes back to it
		p := anon.post("/register", url.Values{"name": {"Жаңа Үйлестіруші"}, "email": {newcomer}, "password": {"Ақ жол 2026!"},
			"birth_date": {"2000-02-02"}, "locale": {"kk"}, "accept_privacy_policy": {"1"}, "next": {link}}).must(t, 303)
		// by the welcome, which leads on to the invitation
		if want := "/welcome?next=" + url.QueryEscape(link); p.location != want {
			t.Fatalf("after registering: %s, want %s", p.location, want)
		}
		anon.get(p.location).must(t, 200).has(t, "Continue where you left off", `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
		anon.get(link).must(t, 200).has(t, `action="/invitations/accept"`, "Accept the invitation")
		// the invitation is among what erikti holds about its invitee
		anon.get("/me/data").must(t, 200).has(t, "Invitations sent to my address", "“Жасыл Алматы”, as Coordinator")
		if body := anon.get("/me/data.json").must(t, 200).body; !strings.Contains(body, `"invitations":[{"id":`) {
			t.Fatalf("the download lacks the invitation: %s", body)
		}
		if invs, _ := a.store.Invitations(ctx, w.orgID); len(invs) != 1 {
			t.Fatal("opening the link spent it")
		}
		p = anon.post("/invitations/accept", url.Values{"token": {token}}).must(t, 303)
		if p.location != orgPage+"?done=joined" {
			t.Fatalf("after accepting: %s", p.location)
		}
		anon.enrolAsRoleHolder(t, p.location) // a member now: two-factor first
		anon.get(p.location).must(t, 200).has(t, "Welcome to “Жасыл Алматы”").lacks(t, `id="f-invite_email"`)
		u, _, _ := a.store.UserByEmail(ctx, newcomer)
		if role, _ := a.store.MemberRole(ctx, w.orgID, u.ID); role != domain.RoleCoordinator {
			t.Fatalf("role after accepting: %q", role)
		}
		anon.post("/invitations/accept", url.Values{"token": {token}}).must(t, 422).has(t, "This link is not valid")
		entries, _ := a.store.AuditLog(ctx, store.AuditFilter{Action: "invitation.accept", Limit: 5})
		if len(entries) != 1 || entries[0].ActorID != u.ID {
			t.Fatalf("audit: %+v", entries)
		}
		// a coordinator sees the people but not their tools
		anon.get(orgPage).must(t, 200).has(t, w.coord.Email, newcomer).lacks(t, "/remove", `action="`+orgPage+`/invitations"`)
		anon.post(orgPage+"/invitations", url.Values{"invite_email": {"x@example.kz"}, "invite_role": {"admin"}}).must(t, 403)

		// the admin makes the newcomer an admin and back, then removes them: confirmed, audited, at once
		member := fmt.Sprintf("%s/members/%d", orgPage, u.ID)
		admin.post(member+"/role", url.Values{"role": {"admin"}}).must(t, 303)
		admin.post(member+"/role", url.Values{"role": {"owner"}}).must(t, 422).has(t, "Choose coordinator or organization admin")
		admin.post(member+"/role", url.Values{"role": {"coordinator"}}).must(t, 303)
		admin.get(member+"/remove").must(t, 200).has(t, "Жаңа Үйлестіруші", `id="f-confirm"`)
		admin.post(member+"/remove", url.Values{}).must(t, 422).has(t, `id="f-confirm-error"`)
		if role, _ := a.store.MemberRole(ctx, w.orgID, u.ID); role == "" {
			t.Fatal("an unconfirmed removal removed")
		}
		admin.post(member+"/remove", url.Values{"confirm": {"1"}}).must(t, 303)
		anon.get(orgPage).must(t, 403)
		anon.get(orgPage+"/events/new").must(t, 403)
		// the last admin cannot be removed or demote themselves
		self := fmt.Sprintf("%s/members/%d", orgPage, w.coord.ID)
		admin.post(self+"/remove", url.Values{"confirm": {"1"}}).must(t, 409).has(t, "last admin")
		admin.post(self+"/role", url.Values{"role": {"coordinator"}}).must(t, 409).has(t, "last admin")
		// an invitation withdrawn: its link no longer works
		late := fmt.Sprintf("late%d@example.kz", seq.Add(1))
		admin.post(orgPage+"/invitations", url.Values{"invite_email": {late}, "invite_role": {"admin"}}).must(t, 303)
		invs, _ := a.store.Invitations(ctx, w.orgID)
		admin.post(fmt.Sprintf("%s/invitations/%d/revoke", orgPage, invs[0].ID), url.Values{}).must(t, 303)
		anon.get("/invitations/accept?token="+url.QueryEscape(a.mailTo(late, domain.MailInvitation))).must(t, 422)
		for _, action := range []string{"member.role", "member.remove", "invitation.create", "invitation.revoke"} {
			if entries, _ := a.store.AuditLog(ctx, store.AuditFilter{Action: action, ActorID: w.coord.ID, Limit: 5}); len(entries) == 0 {
				t.Errorf("no %s in the audit log", action)
			}
		}
	})
}

// TestOrganizationsAreIsolated: the admin of organization Y cannot list, invite into, change or
// remove from organization X, by API or by page, and cannot accept an invitation sent to someone
// else; a removed coordinator is refused at once.
func TestOrganizationsAreIsolated(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(1)
		y := a.register("Ұйым Y әкімшісі", "1990-01-01")
		orgY := id(a.must(201, req{method: "POST", path: "/api/v1/organizations", token: y.token, body: map[string]any{"name": map[string]string{"kk": "Ұйым Y"}}}))
		a.enrol(&y) // a role's refusals below are for the organization, not for a missing second factor
		coordX := a.register("X үйлестірушісі", "1998-01-01")
		if err := a.store.AddMember(ctx, w.coord.ID, w.orgID, coordX.ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		a.enrol(&coordX)
		x := fmt.Sprintf("/api/v1/organizations/%d", w.orgID)
		a.must(201, req{method: "POST", path: x + "/invitations", token: w.coord.token, body: map[string]any{"email": "pending@example.kz", "role": "coordinator"}})
		invs, _ := a.store.Invitations(ctx, w.orgID)

		for _, r := range []req{
			{method: "GET", path: x + "/members"},
			{method: "GET", path: x + "/invitations"},
			{method: "POST", path: x + "/invitations", body: map[string]any{"email": "friend@example.kz", "role": "admin"}},
			{method: "DELETE", path: fmt.Sprintf("%s/invitations/%d", x, invs[0].ID)},
			{method: "PATCH", path: fmt.Sprintf("%s/members/%d", x, coordX.ID), body: map[string]any{"role": "admin"}},
			{method: "DELETE", path: fmt.Sprintf("%s/members/%d", x, coordX.ID)},
		} {
			r.token = y.token
			a.must(403, r)
		}
		// nor through Y's own routes: X's member and invitation are not found there
		a.must(404, req{method: "DELETE", path: fmt.Sprintf("/api/v1/organizations/%d/members/%d", orgY, coordX.ID), token: y.token})
		a.must(404, req{method: "DELETE", path: fmt.Sprintf("/api/v1/organizations/%d/invitations/%d", orgY, invs[0].ID), token: y.token})
		// a coordinator of X lists its people but invites and removes no one
		a.must(200, req{method: "GET", path: x + "/members", token: coordX.token})
		a.must(403, req{method: "POST", path: x + "/invitations", token: coordX.token, body: map[string]any{"email": "friend@example.kz", "role": "admin"}})
		a.must(403, req{method: "DELETE", path: fmt.Sprintf("%s/members/%d", x, w.coord.ID), token: coordX.token})
		if m, _ := a.store.Members(ctx, w.orgID); len(m) != 2 {
			t.Fatalf("members of X: %+v", m)
		}
		if invs, _ := a.store.Invitations(ctx, w.orgID); len(invs) != 1 {
			t.Fatalf("invitations of X: %+v", invs)
		}

		// the pages say the same
		yb := a.browser("en")
		yb.signIn(t, y)
		page := fmt.Sprintf("/manage/organizations/%d", w.orgID)
		yb.get(page).must(t, 403)
		yb.post(page+"/invitations", url.Values{"invite_email": {"friend@example.kz"}, "invite_role": {"admin"}}).must(t, 403)
		yb.get(fmt.Sprintf("%s/members/%d/remove", page, coordX.ID)).must(t, 403)
		yb.post(fmt.Sprintf("%s/members/%d/remove", page, coordX.ID), url.Values{"confirm": {"1"}}).must(t, 403)
		yb.post(fmt.Sprintf("%s/members/%d/role", page, coordX.ID), url.Values{"role": {"admin"}}).must(t, 403)
		yb.post(fmt.Sprintf("%s/invitations/%d/revoke", page, invs[0].ID), url.Values{}).must(t, 403)
		yb.get(fmt.Sprintf("/manage/organizations/%d/members/%d/remove", orgY, coordX.ID)).must(t, 404)

		// an invitation sent to someone else: refused, nothing spent, and its invitee still accepts it
		a.must(422, req{method: "POST", path: x + "/invitations", token: w.coord.token, body: map[string]any{"email": coordX.Email, "role": "admin"}})
		outsider := a.register("Шақырылған", "1999-09-09")
		a.must(201, req{method: "POST", path: x + "/invitations", token: w.coord.token, body: map[string]any{"email": outsider.Email, "role": "coordinator"}})
		token := a.mailToken(outsider.ID, domain.MailInvitation)
		yb.post("/invitations/accept", url.Values{"token": {token}}).must(t, 403).has(t, "This invitation was sent to another email address")
		if role, _ := a.store.MemberRole(ctx, w.orgID, y.ID); role != "" {
			t.Fatalf("Y's admin joined X as %q", role)
		}
		if _, err := a.store.AcceptInvitation(ctx, outsider.ID, token); err != nil {
			t.Fatalf("the invitee's link after the refusal: %v", err)
		}

		// removed: the next request is refused, by API and by page
		cb := a.browser("en")
		cb.signIn(t, coordX)
		cb.get(page).must(t, 200)
		a.must(204, req{method: "DELETE", path: fmt.Sprintf("%s/members/%d", x, coordX.ID), token: w.coord.token})
		a.must(403, req{method: "GET", path: x + "/members", token: coordX.token})
		a.must(403, req{method: "POST", path: x + "/events", token: coordX.token, body: map[string]any{}})
		a.must(403, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", w.shiftID), token: coordX.token})
		cb.get(page).must(t, 403)
		cb.get(fmt.Sprintf("/manage/shifts/%d/roster", w.shiftID)).must(t, 403)
	})
}

// TestInvitationAPIErrors: bad input is a 422 naming the field in the reader's language, and
// stores nothing; the last admin stays.
func TestInvitationAPIErrors(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		msgs, _ := locale.Load()
		x := fmt.Sprintf("/api/v1/organizations/%d", w.orgID)
		for _, c := range []struct {
			lang  string
			body  map[string]any
			field string
			key   string
		}{
			{"ru", map[string]any{"email": "не адрес", "role": "coordinator"}, "email", "field.email"},
			{"kk", map[string]any{"email": "a@example.kz", "role": "owner"}, "role", "field.member_role"},
			{"en", map[string]any{"role": "admin"}, "email", "field.required"},
			{"en", map[string]any{"email": w.coord.Email, "role": "admin"}, "email", "field.already_member"},
		} {
			rep := a.must(422, req{method: "POST", path: x + "/invitations", token: w.coord.token, body: c.body, header: map[string]string{"Accept-Language": c.lang}})
			e := rep.body["errors"].([]any)[0].(map[string]any)
			if e["field"] != c.field || e["message"] != msgs.T(c.lang, c.key, nil) || rep.header.Get("Content-Language") != c.lang {
				t.Errorf("%v: %s", c.body, rep.raw)
			}
		}
		if invs, _ := a.store.Invitations(context.Background(), w.orgID); len(invs) != 0 {
			t.Fatalf("refused invitations were stored: %+v", invs)
		}
		rep := a.must(409, req{method: "DELETE", path: fmt.Sprintf("%s/members/%d", x, w.coord.ID), token: w.coord.token, header: map[string]string{"Accept-Language": "en"}})
		if !strings.Contains(string(rep.raw), "last admin") {
			t.Fatalf("409: %s", rep.raw)
		}
		a.must(404, req{method: "DELETE", path: fmt.Sprintf("%s/members/%d", x, w.fo.ID), token: w.coord.token})
		a.must(401, req{method: "GET", path: x + "/members"})
		a.must(404, req{method: "GET", path: "/api/v1/organizations/987654/members", token: w.coord.token})
	})
}

// TestOfficePeoplePage: the Front Office finds an account, grants and withdraws the role (with a
// confirmation), never its own, and disables and enables accounts; no one else may.
func TestOfficePeoplePage(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		fo := a.frontOffice()
		office := a.browser("en")
		office.signIn(t, fo)
		office.get("/office").must(t, 200).has(t, `href="/office/people"`)
		office.get("/office/people").must(t, 200).has(t, `id="f-email"`)
		office.get("/office/people?email=nobody@example.kz").must(t, 422).has(t, `id="f-email-error"`, "No account has this address")

		vb := a.browser("en")
		email := vb.signUp(t, "Болашақ Фронт-офис", "1991-01-01")
		p, _, _ := a.store.UserByEmail(ctx, email)
		office.get("/office/people?email="+url.QueryEscape(strings.ToUpper(email))).must(t, 200).has(t, "Болашақ Фронт-офис", "Grant the Front Office role")
		vb.get("/office").must(t, 403)
		office.post(fmt.Sprintf("/office/people/%d/front-office", p.ID), url.Values{"front_office": {"1"}}).must(t, 303)
		secret, _ := vb.enrolAsRoleHolder(t, "/office") // holding a role now, they set up two-factor first
		vb.get("/office").must(t, 200)
		office.get("/office/people?email="+url.QueryEscape(email)+"&done=granted").must(t, 200).has(t, "The Front Office role is granted.", "Withdraw the Front Office role")
		// the new Front Office account grants to no one else's harm, and cannot be left alone by accident
		vb.get("/office/people?email="+url.QueryEscape(email)).must(t, 200).has(t, "only another Front Office account").lacks(t, `value="0"`)
		vb.post(fmt.Sprintf("/office/people/%d/front-office", p.ID), url.Values{"front_office": {"0"}}).must(t, 409).has(t, "You cannot withdraw your own Front Office role")
		vb.post(fmt.Sprintf("/office/people/%d/disabled", p.ID), url.Values{"disabled": {"1"}}).must(t, 409)
		// withdrawing needs the box ticked
		office.post(fmt.Sprintf("/office/people/%d/front-office", p.ID), url.Values{"front_office": {"0"}}).must(t, 422).has(t, `id="f-confirm_fo-error"`)
		if u, _ := a.store.User(ctx, p.ID); !u.FrontOffice {
			t.Fatal("an unconfirmed withdrawal withdrew")
		}
		office.post(fmt.Sprintf("/office/people/%d/front-office", p.ID), url.Values{"front_office": {"0"}, "confirm_fo": {"1"}}).must(t, 303)
		vb.get("/office").must(t, 403)
		// disabling ends the account's session at once; enabling lets it sign in again
		office.post(fmt.Sprintf("/office/people/%d/disabled", p.ID), url.Values{"disabled": {"1"}}).must(t, 422).has(t, `id="f-confirm_disable-error"`)
		office.post(fmt.Sprintf("/office/people/%d/disabled", p.ID), url.Values{"disabled": {"1"}, "confirm_disable": {"1"}}).must(t, 303)
		if r := vb.get("/me/shifts"); r.status != 303 || !strings.HasPrefix(r.location, "/login") {
			t.Fatalf("a disabled account's session: %d %s", r.status, r.location)
		}
		office.get("/office/people?email="+url.QueryEscape(email)).must(t, 200).has(t, "Disabled: signs in no more", "Enable the account")
		office.post(fmt.Sprintf("/office/people/%d/disabled", p.ID), url.Values{"disabled": {"0"}}).must(t, 303)
		vb.signIn(t, person{User: p, secret: secret})
		office.post("/office/people/987654/disabled", url.Values{"disabled": {"0"}}).must(t, 404)
		for _, action := range []string{"user.front_office", "user.disabled"} {
			if entries, _ := a.store.AuditLog(ctx, store.AuditFilter{Action: action, ActorID: fo.ID, Limit: 10}); len(entries) < 2 {
				t.Errorf("%s: %d audit entries", action, len(entries))
			}
		}
		// nor may anyone else, by page or API
		vb.get("/office/people").must(t, 403)
		vb.post(fmt.Sprintf("/office/people/%d/front-office", fo.ID), url.Values{"front_office": {"0"}, "confirm_fo": {"1"}}).must(t, 403)
		if u, _ := a.store.User(ctx, fo.ID); !u.FrontOffice {
			t.Fatal("a volunteer withdrew the Front Office role")
		}
	})
}

var inviteLinkRe = regexp.MustCompile(`https?://[^/\s]+(/invitations/accept\?token=[A-Za-z0-9_%-]+)`)

// TestInvitationMailArrivesAndItsLinkWorks: end to end, the invitation to a new address goes out
// through the worker to a real SMTP server, in the inviter's language; the newcomer follows its
// link, registers, comes back, accepts, and is a member.
func TestInvitationMailArrivesAndItsLinkWorks(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(1)
		msgs, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		writer, err := mail.NewWriter(msgs, a.srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		smtp := mailtest.Start(t, mailtest.Config{})
		sender, err := mail.NewSMTP(mail.SMTPConfig{Host: "127.0.0.1", Port: smtp.Port, TLS: mail.TLSNone, From: "erikti <no-reply@erikti.example.kz>", Timeout: 2 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		worker := jobs.New(a.store, writer, sender, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.Options{Poll: 10 * time.Millisecond})
		if _, err := worker.RunDue(ctx); err != nil { // the mails of the world's accounts
			t.Fatal(err)
		}
		before := len(smtp.Messages())

		newcomer := fmt.Sprintf("smtp%d@example.kz", seq.Add(1))
		admin := a.browser("ru")
		admin.signIn(t, w.coord)
		admin.post(fmt.Sprintf("/manage/organizations/%d/invitations", w.orgID), url.Values{"invite_email": {newcomer}, "invite_role": {"admin"}}).must(t, 303)
		if n, err := worker.RunDue(ctx); err != nil || n != 1 {
			t.Fatalf("run: %d %v", n, err)
		}
		got := smtp.Wait(t, before+1, 5*time.Second)[before]
		m, err := mailtest.Parse(got.Raw)
		if err != nil {
			t.Fatal(err)
		}
		if got.To[0] != newcomer || m.Header.Get("Content-Language") != "ru" || m.Subject != "Дәурен Қасымов приглашает вас в «Жасыл Алматы» на erikti" {
			t.Fatalf("mail: to %v, subject %q, %v", got.To, m.Subject, m.Header)
		}
		if !strings.Contains(m.Text, "Ваша роль: Администратор организации") {
			t.Fatalf("the role is not in the reader's language: %q", m.Text)
		}
		found := inviteLinkRe.FindStringSubmatch(m.Text)
		if found == nil {
			t.Fatalf("no link in the text: %q", m.Text)
		}
		link := found[1]

		b := a.browser("ru")
		b.get(link).must(t, 200).has(t, "Жасыл Алматы", "Зарегистрироваться")
		p := b.post("/register", url.Values{"name": {"Гүлнар Сапарова"}, "email": {newcomer}, "password": {"Ақ жол 2026!"},
			"birth_date": {"1997-07-07"}, "locale": {"ru"}, "accept_privacy_policy": {"1"}, "next": {link}}).must(t, 303)
		token := mustURL(link).Query().Get("token")
		// the welcome leads on to the invitation
		b.get(p.location).must(t, 200).has(t, `href="`+strings.ReplaceAll(link, "&", "&amp;")+`"`)
		b.get(link).must(t, 200).has(t, "Принять приглашение", `value="`+token+`"`)
		b.post("/invitations/accept", url.Values{"token": {token}}).must(t, 303)
		u, _, _ := a.store.UserByEmail(ctx, newcomer)
		if role, _ := a.store.MemberRole(ctx, w.orgID, u.ID); role != domain.RoleAdmin {
			t.Fatalf("after following the mailed link: role %q", role)
		}
		b.enrolAsRoleHolder(t, fmt.Sprintf("/manage/organizations/%d", w.orgID))
		b.get(fmt.Sprintf("/manage/organizations/%d", w.orgID)).must(t, 200).has(t, `id="f-invite_email"`)
	})
}
