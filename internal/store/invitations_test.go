package store_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// mailTo is the newest pending mail of kind addressed to email (with or without an account).
func mailTo(t *testing.T, s *store.Store, email, kind string) domain.Mail {
	t.Helper()
	jobs, err := s.Jobs(ctx, store.JobPending, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if m, err := j.Mail(); err == nil && m.To == email && m.Kind == kind {
			return m
		}
	}
	t.Fatalf("no %s mail to %s", kind, email)
	return domain.Mail{}
}

func newOrg(t *testing.T, s *store.Store, adminID int64, name string) domain.Organization {
	t.Helper()
	o := domain.Organization{Name: domain.Text{KK: name}}
	if err := s.CreateOrganization(ctx, adminID, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// An invitation to an address without an account goes in the inviter's language; the account
// registered later with that address accepts it once, and becomes a member with its role; someone
// else cannot accept it and spends nothing.
func TestInvitationToANewAddress(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		org := newOrg(t, s, admin.ID, "Жасыл Алматы")
		inv, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: " Dana@Example.KZ ", Role: domain.RoleCoordinator, Locale: "ru"})
		if err != nil {
			t.Fatal(err)
		}
		if inv.Email != "dana@example.kz" || !inv.Pending(c.now()) {
			t.Fatalf("invitation: %+v", inv)
		}
		m := mailTo(t, s, "dana@example.kz", domain.MailInvitation)
		if m.Locale != "ru" || m.Name != "" || m.Texts["organization"] != org.Name || m.Params["inviter"] != admin.Name || m.ParamKeys["role"] != "role.coordinator" {
			t.Fatalf("mail: %+v", m)
		}
		token := linkToken(t, m)
		got, err := s.InvitationByToken(ctx, token)
		if err != nil || got.ID != inv.ID || got.OrgName != org.Name || got.Inviter != admin.Name {
			t.Fatalf("by token: %+v %v", got, err)
		}
		waiting, _ := s.Invitations(ctx, org.ID)
		if len(waiting) != 1 || waiting[0].ID != inv.ID {
			t.Fatalf("waiting: %+v", waiting)
		}

		// someone else, signed in, is refused and spends nothing
		other := newUser(t, s, "other@example.kz")
		if _, err := s.AcceptInvitation(ctx, other.ID, token); key(err) != "invitation.other_address" || code(err) != domain.Forbidden {
			t.Fatalf("someone else accepted: %v", err)
		}
		if role, _ := s.MemberRole(ctx, org.ID, other.ID); role != "" {
			t.Fatal("someone else became a member")
		}
		dana := newUser(t, s, "dana@example.kz")
		acc, err := s.AcceptInvitation(ctx, dana.ID, token)
		if err != nil || acc.Role != domain.RoleCoordinator {
			t.Fatalf("accept: %+v %v", acc, err)
		}
		if role, _ := s.MemberRole(ctx, org.ID, dana.ID); role != domain.RoleCoordinator {
			t.Fatalf("role after accepting: %q", role)
		}
		if _, err := s.AcceptInvitation(ctx, dana.ID, token); key(err) != "field.token_invalid" {
			t.Fatalf("accepted twice: %v", err)
		}
		if _, err := s.InvitationByToken(ctx, token); key(err) != "field.token_invalid" {
			t.Fatalf("a spent link still reads: %v", err)
		}
		if waiting, _ := s.Invitations(ctx, org.ID); len(waiting) != 0 {
			t.Fatalf("an accepted invitation still waits: %+v", waiting)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{Action: "invitation.", Limit: 10})
		if err != nil || len(entries) != 2 {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

// An invitation to an account goes in the account's language; bad input names its field and
// stores nothing; a member is not invited; inviting again revokes the link before; a revoked or
// expired link is refused.
func TestInvitationRules(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		org := newOrg(t, s, admin.ID, "Қамқор")
		b, _ := domain.ParseDate("1990-01-01")
		arman := domain.User{Email: "arman@example.kz", Name: "Арман", BirthDate: b, Locale: "en"}
		if err := s.CreateUser(ctx, &arman, "x"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []struct{ email, role, field, key string }{
			{"", "coordinator", "email", "field.required"},
			{"not an email", "coordinator", "email", "field.email"},
			{"x@example.kz", "owner", "role", "field.member_role"},
			{"x@example.kz", "", "role", "field.required"},
			{"admin@example.kz", "coordinator", "email", "field.already_member"},
		} {
			_, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: bad.email, Role: bad.role, Locale: "kk"})
			var e *domain.Error
			if !errors.As(err, &e) || e.Code != domain.Invalid || e.Fields[0].Field != bad.field || e.Fields[0].Key != bad.key {
				t.Fatalf("%+v: %v", bad, err)
			}
		}
		if _, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: 987654, Email: "x@example.kz", Role: "admin"}); code(err) != domain.NotFound {
			t.Fatalf("no such organization: %v", err)
		}
		if waiting, _ := s.Invitations(ctx, org.ID); len(waiting) != 0 {
			t.Fatalf("refused invitations were stored: %+v", waiting)
		}

		first, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: arman.Email, Role: domain.RoleAdmin, Locale: "kk"})
		if err != nil {
			t.Fatal(err)
		}
		m := mailTo(t, s, arman.Email, domain.MailInvitation)
		if m.Locale != "en" || m.Name != "Арман" {
			t.Fatalf("the mail to an account: %+v", m)
		}
		firstToken := linkToken(t, m)
		c.add(time.Second)
		second, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: arman.Email, Role: domain.RoleCoordinator, Locale: "kk"})
		if err != nil {
			t.Fatal(err)
		}
		secondToken := linkToken(t, mailTo(t, s, arman.Email, domain.MailInvitation))
		if d, err := s.PersonalData(ctx, arman.ID); err != nil || len(d.Invitations) != 1 || d.Invitations[0].ID != second.ID {
			t.Fatalf("the invitee's data: %+v %v", d.Invitations, err)
		}
		if firstToken == secondToken {
			t.Fatal("the same link twice")
		}
		if _, err := s.AcceptInvitation(ctx, arman.ID, firstToken); key(err) != "field.token_invalid" {
			t.Fatalf("the replaced link: %v", err)
		}
		if waiting, _ := s.Invitations(ctx, org.ID); len(waiting) != 1 || waiting[0].ID != second.ID {
			t.Fatalf("waiting: %+v", waiting)
		}
		if err := s.RevokeInvitation(ctx, admin.ID, org.ID, first.ID); code(err) != domain.Conflict {
			t.Fatalf("revoking a replaced invitation: %v", err)
		}
		other := newOrg(t, s, admin.ID, "Басқа ұйым")
		if err := s.RevokeInvitation(ctx, admin.ID, other.ID, second.ID); code(err) != domain.NotFound {
			t.Fatalf("revoking through another organization: %v", err)
		}
		if err := s.RevokeInvitation(ctx, admin.ID, org.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AcceptInvitation(ctx, arman.ID, secondToken); key(err) != "field.token_invalid" {
			t.Fatalf("a revoked link: %v", err)
		}
		// an expired link
		if _, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: arman.Email, Role: domain.RoleCoordinator}); err != nil {
			t.Fatal(err)
		}
		late := linkToken(t, mailTo(t, s, arman.Email, domain.MailInvitation))
		c.add(domain.InvitationTTL + time.Second)
		if _, err := s.AcceptInvitation(ctx, arman.ID, late); key(err) != "field.token_invalid" {
			t.Fatalf("an expired link: %v", err)
		}
		if role, _ := s.MemberRole(ctx, org.ID, arman.ID); role != "" {
			t.Fatalf("a refused link made a member: %q", role)
		}
	})
}

// An organization sends at most MaxInvitationsPerHour invitations an hour.
func TestInvitationsAreLimited(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		org := newOrg(t, s, admin.ID, "Көп шақыру")
		invite := func(i int) error {
			_, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: fmt.Sprintf("p%d@example.kz", i), Role: domain.RoleCoordinator})
			return err
		}
		for i := range store.MaxInvitationsPerHour {
			if err := invite(i); err != nil {
				t.Fatal(err)
			}
		}
		if err := invite(1000); code(err) != domain.Conflict || key(err) != "people.too_many_invitations" {
			t.Fatalf("one too many: %v", err)
		}
		c.add(time.Hour + time.Second)
		if err := invite(1001); err != nil {
			t.Fatalf("an hour later: %v", err)
		}
	})
}

// The last admin cannot be removed or become a coordinator; with two admins, either may go, and
// two admins removing each other at once leave one.
func TestRemovingMembersKeepsAnAdmin(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		coord := newUser(t, s, "coord@example.kz")
		org := newOrg(t, s, admin.ID, "Жарқын")
		if err := s.AddMember(ctx, admin.ID, org.ID, coord.ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveMember(ctx, admin.ID, org.ID, admin.ID); code(err) != domain.Conflict || key(err) != "people.last_admin" {
			t.Fatalf("removing the last admin: %v", err)
		}
		if err := s.SetMemberRole(ctx, admin.ID, org.ID, admin.ID, domain.RoleCoordinator); code(err) != domain.Conflict {
			t.Fatalf("the last admin demoting themselves: %v", err)
		}
		if err := s.SetMemberRole(ctx, admin.ID, org.ID, coord.ID, "owner"); code(err) != domain.Invalid {
			t.Fatalf("a bad role: %v", err)
		}
		if err := s.RemoveMember(ctx, admin.ID, org.ID, 987654); code(err) != domain.NotFound {
			t.Fatalf("removing a non-member: %v", err)
		}
		members, _ := s.Members(ctx, org.ID)
		if len(members) != 2 || members[0].UserID != admin.ID || members[0].Role != domain.RoleAdmin {
			t.Fatalf("members: %+v", members)
		}
		if err := s.RemoveMember(ctx, admin.ID, org.ID, coord.ID); err != nil {
			t.Fatal(err)
		}
		if role, _ := s.MemberRole(ctx, org.ID, coord.ID); role != "" {
			t.Fatalf("a removed coordinator is still %q", role)
		}

		// two admins remove each other at the same moment: one of them stays
		second := newUser(t, s, "second@example.kz")
		if err := s.AddMember(ctx, admin.ID, org.ID, second.ID, domain.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, pair := range [][2]int64{{admin.ID, second.ID}, {second.ID, admin.ID}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.RemoveMember(ctx, pair[0], org.ID, pair[1])
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("both or neither removal went through: %v, %v", errs[0], errs[1])
		}
		if members, _ := s.Members(ctx, org.ID); len(members) != 1 || members[0].Role != domain.RoleAdmin {
			t.Fatalf("after the race: %+v", members)
		}
		entries, _ := s.AuditLog(ctx, store.AuditFilter{Action: "member.remove", Limit: 10})
		if len(entries) != 2 {
			t.Fatalf("%d member.remove entries, want 2", len(entries))
		}
	})
}

// No one withdraws their own Front Office role or disables their own account; the CLI (actor 0)
// and another Front Office account may.
func TestFrontOfficeRoleIsNotWithdrawnByItsHolder(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		fo := newUser(t, s, "fo@example.kz")
		if err := s.SetFrontOffice(ctx, 0, fo.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetFrontOffice(ctx, fo.ID, fo.ID, false); code(err) != domain.Conflict || key(err) != "people.own_role_refused" {
			t.Fatalf("withdrawing one's own role: %v", err)
		}
		if err := s.SetDisabled(ctx, fo.ID, fo.ID, true); code(err) != domain.Conflict {
			t.Fatalf("disabling one's own account: %v", err)
		}
		if u, _ := s.User(ctx, fo.ID); !u.FrontOffice || u.Disabled {
			t.Fatalf("after the refusals: %+v", u)
		}
		other := newUser(t, s, "other@example.kz")
		if err := s.SetFrontOffice(ctx, fo.ID, other.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := s.SetFrontOffice(ctx, other.ID, fo.ID, false); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.User(ctx, fo.ID); u.FrontOffice {
			t.Fatal("the role was not withdrawn")
		}
	})
}

// Deleting an account removes the invitations sent to its address, and their links.
func TestDeletionRemovesInvitations(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		org := newOrg(t, s, admin.ID, "Ұмыт")
		u := newUser(t, s, "forget@example.kz")
		if _, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: u.Email, Role: domain.RoleAdmin}); err != nil {
			t.Fatal(err)
		}
		token := linkToken(t, mailTo(t, s, u.Email, domain.MailInvitation))
		if err := s.DeleteAccount(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if invs, _ := s.Invitations(ctx, org.ID); len(invs) != 0 {
			t.Fatalf("invitations kept after deletion: %+v", invs)
		}
		if _, err := s.InvitationByToken(ctx, token); key(err) != "field.token_invalid" {
			t.Fatalf("an invitation's link outlived its account: %v", err)
		}
	})
}

// Accepting, revoking and inviting again at the same moment: one wins, the other is refused
// cleanly, and an invitation is never both a membership and revoked.
func TestInvitationRaces(t *testing.T) {
	eachClocked(t, func(t *testing.T, s *store.Store, c *clock) {
		admin := newUser(t, s, "admin@example.kz")
		org := newOrg(t, s, admin.ID, "Жарыс")
		u := newUser(t, s, "racer@example.kz")
		for round := range 8 {
			inv, err := s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: u.Email, Role: domain.RoleCoordinator})
			if err != nil {
				t.Fatal(err)
			}
			token := linkToken(t, mailTo(t, s, u.Email, domain.MailInvitation))
			var wg sync.WaitGroup
			var acceptErr, otherErr error
			wg.Add(2)
			go func() { defer wg.Done(); _, acceptErr = s.AcceptInvitation(ctx, u.ID, token) }()
			go func() {
				defer wg.Done()
				if round%2 == 0 {
					otherErr = s.RevokeInvitation(ctx, admin.ID, org.ID, inv.ID)
				} else {
					_, otherErr = s.Invite(ctx, admin.ID, store.NewInvitation{OrgID: org.ID, Email: u.Email, Role: domain.RoleAdmin})
				}
			}()
			wg.Wait()
			for _, err := range []error{acceptErr, otherErr} {
				if err != nil && code(err) == domain.Internal {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			role, _ := s.MemberRole(ctx, org.ID, u.ID)
			if (acceptErr == nil) != (role != "") {
				t.Fatalf("round %d: accepted %v, role %q", round, acceptErr, role)
			}
			if round%2 == 0 && (acceptErr == nil) == (otherErr == nil) {
				t.Fatalf("round %d: accept %v, revoke %v", round, acceptErr, otherErr)
			}
			if role != "" {
				if err := s.RemoveMember(ctx, admin.ID, org.ID, u.ID); err != nil {
					t.Fatal(err)
				}
			}
			if invs, _ := s.Invitations(ctx, org.ID); len(invs) > 0 {
				for _, i := range invs {
					if err := s.RevokeInvitation(ctx, admin.ID, org.ID, i.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
}
