package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// TestEveryRoleRouteNeedsASecondFactor walks the route table: a route is declared inRole exactly
// when the access matrix says only an organization's people or the Front Office may use it, and
// every inRole route refuses a Front Office account that is also an organization's admin while its
// token or session was made with a password alone — before the handler runs, changing nothing.
func TestEveryRoleRouteNeedsASecondFactor(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		w := a.world(1)
		// made as `erikti user add --role front-office` makes it, and an admin of X, before it has
		// set up TOTP: its token comes from a password alone
		fo := a.register("Сәуле Парольқызы", "1990-05-06")
		if err := a.store.SetFrontOffice(ctx, 0, fo.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := a.store.AddMember(ctx, 0, w.orgID, fo.ID, domain.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		tok := a.must(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": fo.Email, "password": "Ақ жол 2026!"}})
		fo.token = tok.body["token"].(string)
		b := a.browser("en")
		b.signIn(t, fo)
		membersBefore, err := a.store.Members(ctx, w.orgID)
		if err != nil {
			t.Fatal(err)
		}

		policy := map[string]string{}
		for _, r := range accessMatrix() {
			policy[r.method+" "+r.pattern] = r.policy
		}
		fill := strings.NewReplacer("{id}", fmt.Sprint(w.orgID), "{user}", fmt.Sprint(w.coord.ID), "{invitation}", "1",
			"{code}", "ERK-0000-0000-0000", "{file}", "x.csv")
		s := a.srv.Config.Handler.(*Server)
		api := map[string]bool{}
		for _, rt := range s.routes {
			api[rt.method+" "+rt.pattern] = true
		}
		for _, rt := range append(append([]route(nil), s.routes...), s.pageTable()...) {
			key := rt.method + " " + rt.pattern
			p := policy[key]
			role := p == "member" || p == "admin" || p == "office"
			if role != (rt.access == inRole) {
				t.Errorf("%s: declared access %d, but the matrix's policy %q says role route: %v", key, rt.access, p, role)
			}
			if rt.access != inRole {
				continue
			}
			path := fill.Replace(rt.pattern)
			// an event's or a shift's id: X's own
			switch {
			case strings.Contains(rt.pattern, "/events/{id}"):
				path = strings.Replace(rt.pattern, "{id}", fmt.Sprint(w.eventID), 1)
			case strings.Contains(rt.pattern, "/shifts/{id}"):
				path = strings.Replace(rt.pattern, "{id}", fmt.Sprint(w.shiftID), 1)
			}
			if api[key] {
				var body any
				if rt.method != "GET" && rt.method != "DELETE" {
					body = map[string]any{} // what the handler would refuse as invalid, were it reached
					switch {
					case strings.HasSuffix(rt.pattern, "/invitations"):
						body = map[string]any{"email": "intruder@example.kz", "role": domain.RoleAdmin}
					case strings.Contains(rt.pattern, "/members/"):
						body = map[string]any{"role": domain.RoleCoordinator}
					}
				}
				rep := a.do(req{method: rt.method, path: path, token: fo.token, body: body})
				if rep.status != 403 || !strings.Contains(string(rep.raw), "forbidden.second_factor") && !strings.Contains(string(rep.raw), "two-factor") {
					t.Errorf("%s %s with a password-only token: %d %s, want 403 asking for a second factor", rt.method, path, rep.status, rep.raw)
				}
				continue
			}
			var form url.Values
			if rt.method == "POST" {
				form = url.Values{"role": {domain.RoleAdmin}, "email": {"intruder@example.kz"}, "status": {"suspended"}, "reason": {"x"}, "confirm": {"1"}}
			}
			pg := b.send(rt.method, path, form, nil)
			if pg.status != 303 || !strings.HasPrefix(pg.location, "/login/2fa") {
				t.Errorf("%s %s with a password-only session: %d %s, want the second step", rt.method, path, pg.status, pg.location)
			}
		}

		// nothing changed: no invitation, no new role
		membersAfter, err := a.store.Members(ctx, w.orgID)
		if err != nil {
			t.Fatal(err)
		}
		if len(membersAfter) != len(membersBefore) {
			t.Errorf("members: %d before, %d after", len(membersBefore), len(membersAfter))
		}
		invs, err := a.store.Invitations(ctx, w.orgID)
		if err != nil {
			t.Fatal(err)
		}
		if len(invs) != 0 {
			t.Errorf("invitations made without a second factor: %+v", invs)
		}
		entries, err := a.store.AuditLog(ctx, store.AuditFilter{ActorID: fo.ID, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Action != "access.denied" && !strings.HasPrefix(e.Action, "auth.") {
				t.Errorf("audited without a second factor: %s", e.Action)
			}
		}

		// the organizations' list shows no status reasons to a password-only Front Office token
		if _, err := a.store.SetOrganizationStatus(ctx, w.fo.ID, w.orgID, domain.OrgSuspended, "Тексеру жүріп жатыр"); err != nil {
			t.Fatal(err)
		}
		list := a.must(200, req{method: "GET", path: "/api/v1/organizations", token: fo.token})
		if strings.Contains(string(list.raw), "Тексеру") || strings.Contains(string(list.raw), "suspended") {
			t.Errorf("a password-only token sees a suspended organization or its reason: %s", list.raw)
		}
		list = a.must(200, req{method: "GET", path: "/api/v1/organizations", token: w.fo.token})
		if !strings.Contains(string(list.raw), "Тексеру") {
			t.Errorf("the Front Office with a second factor does not see the reason: %s", list.raw)
		}
	})
}

// TestAnUndeclaredAccessAnswersNoOne: a route whose access is the zero value (declared by no one)
// is refused by both doors (and New refuses to serve a route table holding one).
func TestAnUndeclaredAccessAnswersNoOne(t *testing.T) {
	var undeclared access
	r := httptest.NewRequest("GET", "/anything", nil)
	if _, err := (&Server{}).apiDoor(r, undeclared); err == nil {
		t.Error("the API's door let an undeclared access through")
	}
	if err := pageDoor(r, undeclared); err == nil {
		t.Error("the pages' door let an undeclared access through")
	}
}
