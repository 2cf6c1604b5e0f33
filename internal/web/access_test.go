package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The access matrix: every route of the API and every page, tried by each kind of person on
// resources of others, against one table of who may. A route without a row fails the test.

// personas, in the order the matrix tries them.
var personas = []string{"anonymous", "volunteerA", "volunteerB", "guardian", "coordinatorX", "coordinatorY", "adminX", "frontOffice"}

// who may: each policy names the personas allowed; everyone else is refused.
var policies = map[string][]string{
	"anyone":    personas,
	"account":   personas[1:],
	"owner":     {"volunteerA"},                                          // volunteer A's own signup
	"member":    {"coordinatorX", "adminX", "frontOffice"},               // organization X's people
	"admin":     {"adminX", "frontOffice"},                               // organization X's admin
	"office":    {"frontOffice"},                                         // the Front Office
	"rosterX":   {"volunteerA", "coordinatorX", "adminX", "frontOffice"}, // a signup: its volunteer or X's people
	"volunteer": {"volunteerA", "volunteerB", "guardian"},                // accounts that hold no role (nor have set up TOTP)
	"none":      {},                                                      // a secret address, which no one holds here
}

// matrixRow is one route tried by every persona. Bodies are chosen so that an allowed request is
// refused by validation (422) or is harmless (a signup: the first takes the seat, the rest wait in
// line), so that one persona's turn leaves the next one's question the same.
type matrixRow struct {
	method, pattern string
	path            string // with {org}, {otherOrg}, {event}, {shift}, {signup}, {confirmed}, {claim}, {adminX}, {volunteerB}, {invitation}, {certificate}, {code} filled in
	body            any    // JSON for the API, url.Values for pages
	policy          string
}

func accessMatrix() []matrixRow {
	empty := url.Values{}
	return []matrixRow{
		{"GET", "/healthz", "/healthz", nil, "anyone"},
		{"GET", "/readyz", "/readyz", nil, "anyone"},
		{"GET", "/metrics", "/metrics", nil, "none"}, // only with --metrics-token (client_test.go)
		{"GET", "/api/v1/openapi.json", "/api/v1/openapi.json", nil, "anyone"},
		{"POST", "/api/v1/auth/register", "/api/v1/auth/register", map[string]any{}, "anyone"},
		{"POST", "/api/v1/auth/token", "/api/v1/auth/token", map[string]any{}, "anyone"},
		{"POST", "/api/v1/auth/verify-email", "/api/v1/auth/verify-email", map[string]any{}, "anyone"},
		{"POST", "/api/v1/auth/password-reset", "/api/v1/auth/password-reset", map[string]any{}, "anyone"},
		{"POST", "/api/v1/auth/password-reset/confirm", "/api/v1/auth/password-reset/confirm", map[string]any{}, "anyone"},
		{"POST", "/api/v1/me/verify-email", "/api/v1/me/verify-email", nil, "account"},
		{"GET", "/api/v1/me", "/api/v1/me", nil, "account"},
		{"GET", "/api/v1/me/signups", "/api/v1/me/signups", nil, "account"},
		{"GET", "/api/v1/directions", "/api/v1/directions", nil, "anyone"},
		{"GET", "/api/v1/districts", "/api/v1/districts", nil, "anyone"},
		{"GET", "/api/v1/projects", "/api/v1/projects", nil, "anyone"},
		{"GET", "/api/v1/organizations", "/api/v1/organizations", nil, "anyone"},
		{"POST", "/api/v1/organizations", "/api/v1/organizations", map[string]any{}, "account"},
		{"GET", "/api/v1/organizations/{id}", "/api/v1/organizations/{org}", nil, "anyone"},
		{"POST", "/api/v1/organizations/{id}/verify", "/api/v1/organizations/{org}/verify", map[string]any{"status": "bogus"}, "office"},
		{"POST", "/api/v1/organizations/{id}/events", "/api/v1/organizations/{org}/events", map[string]any{}, "member"},
		{"GET", "/api/v1/organizations/{id}/members", "/api/v1/organizations/{org}/members", nil, "member"},
		{"PATCH", "/api/v1/organizations/{id}/members/{user}", "/api/v1/organizations/{org}/members/{adminX}", map[string]any{"role": "bogus"}, "admin"},
		{"DELETE", "/api/v1/organizations/{id}/members/{user}", "/api/v1/organizations/{org}/members/{adminX}", nil, "admin"}, // X's last admin: 409
		{"GET", "/api/v1/organizations/{id}/invitations", "/api/v1/organizations/{org}/invitations", nil, "admin"},
		{"POST", "/api/v1/organizations/{id}/invitations", "/api/v1/organizations/{org}/invitations", map[string]any{}, "admin"},
		{"DELETE", "/api/v1/organizations/{id}/invitations/{invitation}", "/api/v1/organizations/{org}/invitations/{invitation}", nil, "admin"}, // revoked already: 409
		{"POST", "/api/v1/users/{id}/front-office", "/api/v1/users/{volunteerB}/front-office", map[string]any{}, "office"},
		{"GET", "/api/v1/events", "/api/v1/events", nil, "anyone"},
		{"GET", "/api/v1/events/{id}", "/api/v1/events/{event}", nil, "anyone"},
		{"PATCH", "/api/v1/events/{id}", "/api/v1/events/{event}", map[string]any{"direction": "bogus"}, "member"},
		{"PUT", "/api/v1/events/{id}/cover", "/api/v1/events/{event}/cover", map[string]any{}, "member"}, // not multipart: 415
		{"DELETE", "/api/v1/events/{id}/cover", "/api/v1/events/{event}/cover", nil, "member"},
		{"PUT", "/api/v1/organizations/{id}/logo", "/api/v1/organizations/{org}/logo", map[string]any{}, "admin"},
		{"DELETE", "/api/v1/organizations/{id}/logo", "/api/v1/organizations/{org}/logo", nil, "admin"},
		{"POST", "/api/v1/events/{id}/shifts", "/api/v1/events/{event}/shifts", map[string]any{}, "member"},
		{"PATCH", "/api/v1/shifts/{id}", "/api/v1/shifts/{shift}", map[string]any{"capacity": 0}, "member"},
		{"POST", "/api/v1/shifts/{id}/signups", "/api/v1/shifts/{shift}/signups", map[string]any{}, "account"},
		{"GET", "/api/v1/shifts/{id}/roster", "/api/v1/shifts/{shift}/roster", nil, "member"},
		{"GET", "/api/v1/shifts/{id}/roster/export", "/api/v1/shifts/{shift}/roster/export", nil, "member"},
		{"GET", "/api/v1/events/{id}/roster/export", "/api/v1/events/{event}/roster/export?format=xlsx", nil, "member"},
		{"GET", "/api/v1/organizations/{id}/signups/export", "/api/v1/organizations/{org}/signups/export", nil, "member"},
		{"GET", "/api/v1/signups/export", "/api/v1/signups/export?format=xlsx", nil, "office"},
		{"GET", "/api/v1/organizations/{id}/hours/export", "/api/v1/organizations/{org}/hours/export", nil, "member"},
		{"GET", "/api/v1/hours/export", "/api/v1/hours/export?format=xlsx", nil, "office"},
		{"POST", "/api/v1/shifts/{id}/messages", "/api/v1/shifts/{shift}/messages", map[string]any{"subject": ""}, "member"},
		{"POST", "/api/v1/shifts/{id}/checkins", "/api/v1/shifts/{shift}/checkins", map[string]any{"code": ""}, "member"},
		{"DELETE", "/api/v1/checkins/{id}", "/api/v1/checkins/{confirmed}", nil, "member"},
		{"POST", "/api/v1/shifts/{id}/checkouts", "/api/v1/shifts/{shift}/checkouts", map[string]any{"code": ""}, "member"},
		{"POST", "/api/v1/signups/{id}/checkin-pass", "/api/v1/signups/{confirmed}/checkin-pass", nil, "owner"},
		{"GET", "/api/v1/shifts/{id}/hours", "/api/v1/shifts/{shift}/hours", nil, "member"},
		{"POST", "/api/v1/shifts/{id}/hours", "/api/v1/shifts/{shift}/hours", map[string]any{"signup_id": 0, "minutes": 0}, "member"},
		{"POST", "/api/v1/shifts/{id}/hours/approve", "/api/v1/shifts/{shift}/hours/approve", nil, "member"},
		{"POST", "/api/v1/hours/{id}/decision", "/api/v1/hours/{claim}/decision", map[string]any{"decision": "bogus"}, "member"},
		{"GET", "/api/v1/me/hours", "/api/v1/me/hours", nil, "account"},
		{"POST", "/api/v1/me/certificates", "/api/v1/me/certificates", map[string]any{"lang": "xx"}, "account"},
		{"GET", "/api/v1/me/certificates", "/api/v1/me/certificates", nil, "account"},
		{"GET", "/api/v1/me/certificates/{id}/pdf", "/api/v1/me/certificates/{certificate}/pdf", nil, "owner"}, // volunteer A's
		{"GET", "/api/v1/certificates/{code}", "/api/v1/certificates/{code}", nil, "anyone"},
		{"POST", "/api/v1/certificates/{code}/revoke", "/api/v1/certificates/{code}/revoke", map[string]any{"reason": " "}, "office"},
		{"DELETE", "/api/v1/signups/{id}", "/api/v1/signups/{cancelled}", nil, "rosterX"},
		{"GET", "/api/v1/mentoring/programmes", "/api/v1/mentoring/programmes", nil, "anyone"},
		{"GET", "/api/v1/mentoring/programmes/{id}", "/api/v1/mentoring/programmes/{programme}", nil, "anyone"},
		{"POST", "/api/v1/organizations/{id}/mentoring-programmes", "/api/v1/organizations/{org}/mentoring-programmes", map[string]any{}, "member"},
		{"POST", "/api/v1/mentoring/programmes/{id}/rounds", "/api/v1/mentoring/programmes/{programme}/rounds", map[string]any{}, "member"},
		{"GET", "/api/v1/mentoring/rounds/{id}", "/api/v1/mentoring/rounds/{round}", nil, "anyone"},
		{"POST", "/api/v1/mentoring/rounds/{id}/applications", "/api/v1/mentoring/rounds/{round}/applications", map[string]any{}, "account"},
		{"GET", "/api/v1/mentoring/rounds/{id}/applications", "/api/v1/mentoring/rounds/{round}/applications", nil, "member"},
		{"POST", "/api/v1/mentoring/applications/{id}/verification", "/api/v1/mentoring/applications/{mentorApp}/verification", map[string]any{"verified": true}, "member"},
		{"POST", "/api/v1/mentoring/rounds/{id}/match", "/api/v1/mentoring/rounds/{round}/match", nil, "member"},
		{"GET", "/api/v1/mentoring/rounds/{id}/pairs", "/api/v1/mentoring/rounds/{round}/pairs", nil, "member"},
		{"PUT", "/api/v1/mentoring/rounds/{id}/rules", "/api/v1/mentoring/rounds/{round}/rules", map[string]any{"kind": "bogus"}, "member"},
		{"POST", "/api/v1/mentoring/rounds/{id}/publish", "/api/v1/mentoring/rounds/{round}/publish", nil, "member"}, // nothing new to tell: 409
		{"GET", "/api/v1/me/mentoring", "/api/v1/me/mentoring", nil, "account"},
		{"POST", "/api/v1/mentoring/pairs/{id}/answer", "/api/v1/mentoring/pairs/{pair}/answer", map[string]any{"accept": true}, "owner"}, // volunteer A's, as its mentor
		{"POST", "/api/v1/mentoring/pairs/{id}/meetings", "/api/v1/mentoring/pairs/{pair}/meetings", map[string]any{}, "owner"},           // not accepted by both: 409
		{"GET", "/api/v1/mentoring/pairs/{id}/meetings", "/api/v1/mentoring/pairs/{pair}/meetings", nil, "rosterX"},                       // its two, and X's coordinators
		{"POST", "/api/v1/mentoring/pairs/{id}/feedback", "/api/v1/mentoring/pairs/{pair}/feedback", map[string]any{}, "owner"},           // not accepted by both: 409
		{"GET", "/api/v1/mentoring/programmes/{id}/figures", "/api/v1/mentoring/programmes/{programme}/figures", nil, "member"},

		{"GET", "/static/", "/static/nothing.css", nil, "anyone"},
		{"GET", "/lang/{lang}", "/lang/kk?back=/", nil, "anyone"},
		{"GET", "/robots.txt", "/robots.txt", nil, "anyone"},
		{"GET", "/images/{file}", "/images/00000000000000000000000000000000-320.jpg", nil, "none"}, // no such picture: 404 to all (images_test.go serves real ones)
		{"GET", "/sitemap.xml", "/sitemap.xml", nil, "anyone"},
		{"GET", "/{$}", "/", nil, "anyone"},
		{"GET", "/programme", "/programme", nil, "anyone"},
		{"GET", "/events/{id}", "/events/{event}", nil, "anyone"},
		{"POST", "/shifts/{id}/signup", "/shifts/{shift}/signup", empty, "account"},
		{"GET", "/signup", "/signup?shift={shift}", nil, "account"},
		{"GET", "/welcome", "/welcome?next=/signup?shift={shift}", nil, "account"},
		{"GET", "/fair", "/fair", nil, "anyone"},
		{"GET", "/organizations/{id}", "/organizations/{org}", nil, "anyone"},
		{"GET", "/register", "/register", nil, "anyone"},
		{"POST", "/register", "/register", empty, "anyone"},
		{"GET", "/login", "/login", nil, "anyone"},
		{"POST", "/login", "/login", empty, "anyone"},
		{"POST", "/logout", "/logout", empty, "anyone"}, // tried last: it ends the session
		{"GET", "/verify-email", "/verify-email?token=x", nil, "anyone"},
		{"POST", "/verify-email", "/verify-email", empty, "anyone"},
		{"POST", "/me/verify-email", "/me/verify-email", empty, "account"},
		{"GET", "/password-reset", "/password-reset", nil, "anyone"},
		{"POST", "/password-reset", "/password-reset", empty, "anyone"},
		{"GET", "/password-reset/confirm", "/password-reset/confirm?token=x", nil, "anyone"},
		{"POST", "/password-reset/confirm", "/password-reset/confirm", empty, "anyone"},
		{"GET", "/login/2fa", "/login/2fa", nil, "account"},
		{"POST", "/login/2fa", "/login/2fa", empty, "account"},
		{"GET", "/me/2fa", "/me/2fa", nil, "account"},
		{"POST", "/me/2fa", "/me/2fa", empty, "account"},
		{"GET", "/me/2fa/qr.png", "/me/2fa/qr.png", nil, "volunteer"}, // a pending secret's (GET /me/2fa made it); never a confirmed one's
		{"POST", "/me/2fa/recovery", "/me/2fa/recovery", empty, "account"},
		{"POST", "/me/2fa/disable", "/me/2fa/disable", url.Values{"password": {"wrong"}}, "volunteer"}, // who holds a role keeps it
		{"GET", "/me/shifts", "/me/shifts", nil, "account"},
		{"GET", "/me/signups/{id}/cancel", "/me/signups/{confirmed}/cancel", nil, "owner"},
		{"POST", "/me/signups/{id}/cancel", "/me/signups/{cancelled}/cancel", empty, "owner"},
		{"GET", "/me/signups/{id}/calendar.ics", "/me/signups/{confirmed}/calendar.ics", nil, "owner"},
		{"GET", "/me/profile", "/me/profile", nil, "account"},
		{"POST", "/me/profile", "/me/profile", url.Values{"locale": {"xx"}}, "account"},
		{"GET", "/privacy", "/privacy", nil, "anyone"},
		{"POST", "/api/v1/me/guardian", "/api/v1/me/guardian", map[string]any{}, "account"},
		{"POST", "/api/v1/guardian/consent", "/api/v1/guardian/consent", map[string]any{}, "anyone"},
		{"GET", "/me/guardian", "/me/guardian", nil, "account"},
		{"POST", "/me/guardian", "/me/guardian", empty, "account"},
		{"GET", "/guardian/consent", "/guardian/consent?token=x", nil, "anyone"},
		{"POST", "/guardian/consent", "/guardian/consent", empty, "anyone"},
		{"GET", "/me/consent", "/me/consent", nil, "account"},
		{"POST", "/me/consent", "/me/consent", empty, "account"},
		{"POST", "/me/consent/withdraw", "/me/consent/withdraw", empty, "account"}, // tried last but one: it stops what needs consent
		{"GET", "/me/password", "/me/password", nil, "account"},
		{"POST", "/me/password", "/me/password", url.Values{"current_password": {"wrong"}}, "account"},
		{"GET", "/me/security", "/me/security", nil, "account"},
		{"POST", "/me/security/end", "/me/security/end", url.Values{"kind": {"token"}, "handle": {"0000000000000000"}}, "none"}, // a handle no one here holds: 404 (one's own: TestSecurityPageListsAndEndsMySessionsAndTokens)
		{"POST", "/me/security/end-others", "/me/security/end-others", empty, "account"},                                        // tried third-last: it ends the persona's token
		{"GET", "/me/notifications", "/me/notifications", nil, "account"},
		{"POST", "/me/notifications", "/me/notifications", url.Values{"mail": {"bogus"}}, "account"},
		{"GET", "/unsubscribe/{token}", "/unsubscribe/{unsubscribe}?c=reminders", nil, "anyone"},
		{"POST", "/unsubscribe/{token}", "/unsubscribe/{unsubscribe}?c=reminders", url.Values{"List-Unsubscribe": {"One-Click"}}, "anyone"},
		{"GET", "/me/calendar", "/me/calendar", nil, "account"},
		{"POST", "/me/calendar", "/me/calendar", empty, "account"},
		{"GET", "/calendar/me/{file}", "/calendar/me/not-a-secret.ics", nil, "none"}, // only the secret opens it
		{"GET", "/calendar/directions/{file}", "/calendar/directions/ecology.ics", nil, "anyone"},
		{"GET", "/calendar/organizations/{file}", "/calendar/organizations/{org}.ics", nil, "anyone"},
		{"GET", "/me/data", "/me/data", nil, "account"},
		{"GET", "/me/data.json", "/me/data.json", nil, "account"},
		{"GET", "/me/delete", "/me/delete", nil, "account"},
		{"POST", "/me/delete", "/me/delete", url.Values{"password": {"wrong"}}, "account"},
		{"GET", "/manage", "/manage", nil, "account"},
		{"GET", "/manage/organizations/new", "/manage/organizations/new", nil, "account"},
		{"POST", "/manage/organizations/new", "/manage/organizations/new", empty, "account"},
		{"GET", "/manage/organizations/{id}", "/manage/organizations/{org}", nil, "member"},
		{"POST", "/manage/organizations/{id}", "/manage/organizations/{org}", empty, "admin"},
		{"POST", "/manage/organizations/{id}/apply", "/manage/organizations/{org}/apply", empty, "admin"}, // X is verified: 409 for its admin
		{"GET", "/manage/organizations/{id}/events/new", "/manage/organizations/{org}/events/new", nil, "member"},
		{"POST", "/manage/organizations/{id}/events/new", "/manage/organizations/{org}/events/new", empty, "member"},
		{"GET", "/manage/events/{id}", "/manage/events/{event}", nil, "member"},
		{"POST", "/manage/events/{id}", "/manage/events/{event}", empty, "member"},
		{"POST", "/manage/events/{id}/shifts", "/manage/events/{event}/shifts", empty, "member"},
		{"POST", "/manage/events/{id}/cancel", "/manage/events/{event}/cancel", empty, "member"},
		{"POST", "/manage/events/{id}/cover", "/manage/events/{event}/cover", empty, "member"},
		{"POST", "/manage/events/{id}/cover/remove", "/manage/events/{event}/cover/remove", empty, "member"},
		{"POST", "/manage/organizations/{id}/logo", "/manage/organizations/{org}/logo", empty, "admin"},
		{"POST", "/manage/organizations/{id}/logo/remove", "/manage/organizations/{org}/logo/remove", empty, "admin"},
		{"POST", "/manage/shifts/{id}", "/manage/shifts/{shift}", empty, "member"},
		{"GET", "/manage/shifts/{id}/roster", "/manage/shifts/{shift}/roster", nil, "member"},
		{"POST", "/manage/shifts/{id}/message", "/manage/shifts/{shift}/message", url.Values{"subject": {""}}, "member"},
		{"GET", "/manage/shifts/{id}/checkin", "/manage/shifts/{shift}/checkin", nil, "member"},
		{"POST", "/manage/shifts/{id}/checkin", "/manage/shifts/{shift}/checkin", url.Values{"code": {""}}, "member"},
		{"POST", "/manage/shifts/{id}/checkout-all", "/manage/shifts/{shift}/checkout-all", empty, "member"},
		{"POST", "/manage/shifts/{id}/checkin/undo", "/manage/shifts/{shift}/checkin/undo", empty, "member"},
		{"POST", "/manage/shifts/{id}/hours/approve", "/manage/shifts/{shift}/hours/approve", empty, "member"},
		{"GET", "/manage/signups/{id}/hours", "/manage/signups/{confirmed}/hours", nil, "member"},
		{"POST", "/manage/signups/{id}/hours", "/manage/signups/{confirmed}/hours", url.Values{"hours": {"x"}}, "member"},
		{"GET", "/manage/hours/{id}", "/manage/hours/{claim}", nil, "member"},
		{"POST", "/manage/hours/{id}", "/manage/hours/{claim}", url.Values{"decision": {"rejected"}}, "member"},
		{"GET", "/me/signups/{id}/checkin", "/me/signups/{confirmed}/checkin", nil, "owner"},
		{"GET", "/me/signups/{id}/checkin.png", "/me/signups/{confirmed}/checkin.png", nil, "owner"},
		{"GET", "/me/hours", "/me/hours", nil, "account"},
		{"POST", "/me/certificates", "/me/certificates", url.Values{"lang": {"xx"}}, "account"},
		{"GET", "/me/certificates/{file}", "/me/certificates/{certificate}.pdf", nil, "owner"},
		{"GET", "/certificates", "/certificates?code={code}", nil, "anyone"},
		{"GET", "/certificates/{code}", "/certificates/{code}", nil, "anyone"},
		{"GET", "/office/certificates", "/office/certificates", nil, "office"},
		{"POST", "/office/certificates/{code}/revoke", "/office/certificates/{code}/revoke", url.Values{"reason": {" "}}, "office"},
		{"POST", "/office/certificate-marks/{kind}", "/office/certificate-marks/seal", url.Values{}, "office"},
		{"POST", "/office/certificate-marks/{kind}/remove", "/office/certificate-marks/seal/remove", url.Values{}, "office"},
		{"GET", "/office", "/office", nil, "office"},
		{"GET", "/office/organizations/{id}", "/office/organizations/{org}", nil, "office"},
		{"POST", "/office/organizations/{id}", "/office/organizations/{org}", url.Values{"status": {"bogus"}}, "office"},
		{"GET", "/office/plan", "/office/plan", nil, "office"},
		{"GET", "/office/audit", "/office/audit", nil, "office"},
		{"GET", "/office/jobs", "/office/jobs", nil, "office"},
		{"POST", "/office/jobs/{id}/retry", "/office/jobs/{job}/retry", empty, "office"},
		{"GET", "/manage/shifts/{id}/roster.csv", "/manage/shifts/{shift}/roster.csv", nil, "member"},
		{"GET", "/manage/shifts/{id}/roster.xlsx", "/manage/shifts/{shift}/roster.xlsx", nil, "member"},
		{"GET", "/manage/events/{id}/roster.csv", "/manage/events/{event}/roster.csv", nil, "member"},
		{"GET", "/manage/events/{id}/roster.xlsx", "/manage/events/{event}/roster.xlsx", nil, "member"},
		{"GET", "/manage/organizations/{id}/signups.csv", "/manage/organizations/{org}/signups.csv", nil, "member"},
		{"GET", "/manage/organizations/{id}/signups.xlsx", "/manage/organizations/{org}/signups.xlsx", nil, "member"},
		{"GET", "/office/signups.csv", "/office/signups.csv", nil, "office"},
		{"GET", "/office/signups.xlsx", "/office/signups.xlsx", nil, "office"},
		{"GET", "/manage/organizations/{id}/hours.csv", "/manage/organizations/{org}/hours.csv", nil, "member"},
		{"GET", "/manage/organizations/{id}/hours.xlsx", "/manage/organizations/{org}/hours.xlsx", nil, "member"},
		{"GET", "/office/hours.csv", "/office/hours.csv", nil, "office"},
		{"GET", "/office/hours.xlsx", "/office/hours.xlsx", nil, "office"},
		{"GET", "/office/people", "/office/people", nil, "office"},
		{"POST", "/office/people/{id}/front-office", "/office/people/{volunteerB}/front-office", url.Values{"front_office": {"bogus"}}, "office"},
		{"POST", "/office/people/{id}/disabled", "/office/people/{volunteerB}/disabled", url.Values{"disabled": {"bogus"}}, "office"},
		{"POST", "/manage/organizations/{id}/invitations", "/manage/organizations/{org}/invitations", empty, "admin"},
		{"POST", "/manage/organizations/{id}/invitations/{invitation}/revoke", "/manage/organizations/{org}/invitations/{invitation}/revoke", empty, "admin"},
		{"POST", "/manage/organizations/{id}/members/{user}/role", "/manage/organizations/{org}/members/{adminX}/role", url.Values{"role": {"bogus"}}, "admin"},
		{"GET", "/manage/organizations/{id}/members/{user}/remove", "/manage/organizations/{org}/members/{adminX}/remove", nil, "admin"},
		{"POST", "/manage/organizations/{id}/members/{user}/remove", "/manage/organizations/{org}/members/{adminX}/remove", url.Values{"confirm": {"1"}}, "admin"},
		{"GET", "/invitations/accept", "/invitations/accept?token=x", nil, "anyone"},
		{"GET", "/mentoring", "/mentoring", nil, "anyone"},
		{"GET", "/mentoring/{id}", "/mentoring/{programme}", nil, "anyone"},
		{"GET", "/mentoring/rounds/{id}/apply", "/mentoring/rounds/{round}/apply", nil, "account"},
		{"POST", "/mentoring/rounds/{id}/apply", "/mentoring/rounds/{round}/apply", empty, "account"}, // the window has closed: 422
		{"GET", "/me/mentoring", "/me/mentoring", nil, "account"},
		{"POST", "/me/mentoring/pairs/{id}/answer", "/me/mentoring/pairs/{pair}/answer", empty, "owner"}, // answered on the API already: 409
		{"GET", "/me/mentoring/pairs/{id}", "/me/mentoring/pairs/{pair}", nil, "owner"},
		{"POST", "/me/mentoring/pairs/{id}/meetings", "/me/mentoring/pairs/{pair}/meetings", empty, "owner"}, // not accepted by both: 409
		{"POST", "/me/mentoring/pairs/{id}/feedback", "/me/mentoring/pairs/{pair}/feedback", empty, "owner"}, // not accepted by both: 409
		{"GET", "/manage/organizations/{id}/mentoring", "/manage/organizations/{org}/mentoring", nil, "member"},
		{"POST", "/manage/organizations/{id}/mentoring", "/manage/organizations/{org}/mentoring", empty, "member"},
		{"GET", "/manage/mentoring/programmes/{id}", "/manage/mentoring/programmes/{programme}", nil, "member"},
		{"POST", "/manage/mentoring/programmes/{id}/rounds", "/manage/mentoring/programmes/{programme}/rounds", empty, "member"},
		{"GET", "/manage/mentoring/rounds/{id}", "/manage/mentoring/rounds/{round}", nil, "member"},
		{"POST", "/manage/mentoring/rounds/{id}/match", "/manage/mentoring/rounds/{round}/match", empty, "member"},
		{"POST", "/manage/mentoring/rounds/{id}/rules", "/manage/mentoring/rounds/{round}/rules", empty, "member"},
		{"POST", "/manage/mentoring/rounds/{id}/publish", "/manage/mentoring/rounds/{round}/publish", empty, "member"},
		{"POST", "/manage/mentoring/applications/{id}/verify", "/manage/mentoring/applications/{mentorApp}/verify", empty, "member"},
		{"POST", "/invitations/accept", "/invitations/accept", empty, "account"},
	}
}

func TestAccessMatrix(t *testing.T) {
	each(t, func(t *testing.T, a *app) { tryAccessMatrix(t, a) })
}

func tryAccessMatrix(t *testing.T, a *app) {
	rows := accessMatrix()
	// every route has a row, and every row a route
	s := a.srv.Config.Handler.(*Server)
	have := map[string]bool{}
	for _, r := range rows {
		have[r.method+" "+r.pattern] = true
		if _, ok := policies[r.policy]; !ok {
			t.Fatalf("%s %s: no policy %q", r.method, r.pattern, r.policy)
		}
	}
	served := map[string]bool{}
	for _, rt := range append(s.routes, s.pageTable()...) {
		served[rt.method+" "+rt.pattern] = true
		if !have[rt.method+" "+rt.pattern] {
			t.Errorf("the route %s %s has no row in the access matrix", rt.method, rt.pattern)
		}
	}
	for k := range have {
		if !served[k] {
			t.Errorf("the access matrix has a row for %s, which is not a route", k)
		}
	}

	// the people: organization X (coordinator, admin), organization Y (its admin is coordinatorY),
	// two volunteers, a guardian (an account with no organization), the Front Office
	w := a.world(1) // X: w.coord is its admin
	people := map[string]person{"adminX": w.coord, "frontOffice": w.fo}
	for _, n := range []string{"volunteerA", "volunteerB", "guardian", "coordinatorX", "coordinatorY"} {
		people[n] = a.register(n, "2000-01-01")
	}
	if err := a.store.AddMember(context.Background(), 0, w.orgID, people["coordinatorX"].ID, domain.RoleCoordinator); err != nil {
		t.Fatal(err)
	}
	otherOrg := id(a.must(201, req{method: "POST", path: "/api/v1/organizations", token: people["coordinatorY"].token, body: map[string]any{"name": map[string]string{"kk": "Ұйым Y"}}}))
	// those who now hold a role set up TOTP: their tokens and sessions have a second factor
	for _, n := range []string{"coordinatorX", "coordinatorY"} {
		p := people[n]
		a.enrol(&p)
		people[n] = p
	}
	// volunteer A's signup, cancelled (cancelling it again changes nothing)
	sg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: people["volunteerA"].token}))
	a.must(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", sg), token: people["volunteerA"].token})
	// volunteer A's confirmed place on a second shift of X, after the first
	second := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/events/%d/shifts", w.eventID), token: w.coord.token, body: map[string]any{
		"role": map[string]string{"kk": "Тіркеуші"}, "starts_at": w.start.Add(150 * time.Minute).Format(time.RFC3339), "ends_at": w.start.Add(4 * time.Hour).Format(time.RFC3339), "capacity": 5}})
	confirmed := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", id(second)), token: people["volunteerA"].token}))
	// a pending claim of hours for it, entered by X's admin once the shift started
	var claim int64
	var err error
	a.at(w.start.Add(3*time.Hour), func() { claim, err = a.store.EnterHours(context.Background(), w.coord.ID, confirmed, 60, 0) })
	if err != nil {
		t.Fatal(err)
	}
	// volunteer A's certificate of an hour approved on another shift of X
	cert := certificateOf(t, a, w, people["volunteerA"])
	// an invitation into X, revoked (revoking it again changes nothing)
	inv, err := a.store.Invite(context.Background(), w.coord.ID, store.NewInvitation{OrgID: w.orgID, Email: "revoked@example.kz", Role: domain.RoleCoordinator})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.store.RevokeInvitation(context.Background(), w.coord.ID, w.orgID, inv.ID); err != nil {
		t.Fatal(err)
	}
	// a mail that could not be delivered, parked for the Front Office
	held, err := a.store.ClaimJobs(context.Background(), "matrix", 1, time.Minute)
	if err != nil || len(held) != 1 {
		t.Fatalf("claim a job: %v %v", held, err)
	}
	held[0].Attempts = held[0].MaxAttempts
	if err := a.store.FailJob(context.Background(), "matrix", held[0], errors.New("550 no such mailbox"), store.FailureRefused); err != nil {
		t.Fatal(err)
	}
	prefs, err := a.store.MailPrefs(context.Background(), people["volunteerB"].ID)
	if err != nil {
		t.Fatal(err)
	}
	mentoring := mentoringOf(t, a, w, people["volunteerA"])
	fill := strings.NewReplacer("{programme}", fmt.Sprint(mentoring.programme), "{round}", fmt.Sprint(mentoring.round),
		"{mentorApp}", fmt.Sprint(mentoring.mentorApp), "{pair}", fmt.Sprint(mentoring.pair),
		"{unsubscribe}", prefs.Token, "{job}", fmt.Sprint(held[0].ID), "{org}", fmt.Sprint(w.orgID), "{otherOrg}", fmt.Sprint(otherOrg), "{event}", fmt.Sprint(w.eventID),
		"{shift}", fmt.Sprint(w.shiftID), "{signup}", fmt.Sprint(sg), "{cancelled}", fmt.Sprint(sg), "{confirmed}", fmt.Sprint(confirmed), "{claim}", fmt.Sprint(claim),
		"{adminX}", fmt.Sprint(w.coord.ID), "{volunteerB}", fmt.Sprint(people["volunteerB"].ID), "{invitation}", fmt.Sprint(inv.ID),
		"{certificate}", fmt.Sprint(cert.ID), "{code}", cert.Code)

	browsers := map[string]*browser{"anonymous": a.browser("en")}
	for n, p := range people {
		b := a.browser("en")
		b.signIn(t, p)
		browsers[n] = b
	}
	// ending one's other sessions and tokens, withdrawing consent, then signing out, last
	for _, last := range []string{"/me/security/end-others", "/me/consent/withdraw", "/logout"} {
		for i, r := range rows {
			if r.pattern == last {
				rows = append(append(rows[:i:i], rows[i+1:]...), r)
				break
			}
		}
	}
	for _, r := range rows {
		path := fill.Replace(r.path)
		api := strings.HasPrefix(r.pattern, "/api/") || r.pattern == "/healthz" || r.pattern == "/readyz" || r.pattern == "/metrics"
		for _, who := range personas {
			allowed := false
			for _, p := range policies[r.policy] {
				allowed = allowed || p == who
			}
			var status int
			var location string
			if api {
				rep := a.do(req{method: r.method, path: path, body: r.body, token: people[who].token})
				status = rep.status
			} else {
				var form url.Values
				if r.body != nil {
					form = r.body.(url.Values)
				}
				p := browsers[who].send(r.method, path, form, nil)
				status, location = p.status, p.location
			}
			refused := status == 401 || status == 403 || status == 404 || (status == 303 && strings.HasPrefix(location, "/login"))
			if r.pattern == "/static/" { // no such file for anyone: a 404 that says nothing of access
				refused = false
			}
			switch {
			case status >= 500:
				t.Errorf("%s %s as %s: %d", r.method, path, who, status)
			case allowed && refused:
				t.Errorf("%s %s as %s: refused (%d %s), want allowed", r.method, path, who, status, location)
			case !allowed && !refused:
				t.Errorf("%s %s as %s: allowed (%d), want refused", r.method, path, who, status)
			case !allowed && r.policy == "owner" && who != "anonymous" && status != 404:
				// someone else's signup is not shown to exist
				t.Errorf("%s %s as %s: %d, want 404", r.method, path, who, status)
			}
		}
	}
}

// certificateOf gives p an approved hour on a new shift of w's event and issues p a certificate of it.
func certificateOf(t *testing.T, a *app, w world, p person) domain.Certificate {
	t.Helper()
	ctx := context.Background()
	sh := a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/events/%d/shifts", w.eventID), token: w.coord.token, body: map[string]any{
		"role": map[string]string{"kk": "Аудармашы"}, "starts_at": w.start.Add(30 * time.Minute).Format(time.RFC3339), "ends_at": w.start.Add(90 * time.Minute).Format(time.RFC3339), "capacity": 5}})
	sg := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", id(sh)), token: p.token}))
	var claim int64
	var err error
	a.at(w.start.Add(2*time.Hour), func() { // hours once the shift has started
		if claim, err = a.store.EnterHours(ctx, w.coord.ID, sg, 60, 0); err == nil {
			err = a.store.ApproveHours(ctx, w.coord.ID, claim)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.store.IssueCertificate(ctx, p.ID, "kk")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// mentoringIDs are a programme of X, its round (closed, matched and told), volunteer A's mentor
// application to it and A's pair with a mentee who is none of the personas.
type mentoringIDs struct{ programme, round, mentorApp, pair int64 }

func mentoringOf(t *testing.T, a *app, w world, mentor person) mentoringIDs {
	t.Helper()
	ctx := context.Background()
	now := a.clock.now()
	p := domain.MentoringProgramme{OrgID: w.orgID, Name: domain.Text{KK: "Ұрпақтар диалогы"}}
	if err := a.store.CreateMentoringProgramme(ctx, w.coord.ID, &p); err != nil {
		t.Fatal(err)
	}
	r := domain.MentoringRound{ProgrammeID: p.ID, Name: domain.Text{KK: "Көктем"}, OpensAt: now.Add(-48 * time.Hour), ClosesAt: now.Add(-24 * time.Hour),
		MatchOn: now.Add(-24 * time.Hour), Weeks: 8, Themes: []string{"career"}}
	if err := a.store.CreateMentoringRound(ctx, w.coord.ID, &r); err != nil {
		t.Fatal(err)
	}
	mentee := a.register("Тәлім алушы", "2004-04-04")
	m := domain.MentoringApplication{RoundID: r.ID, UserID: mentor.ID, Role: domain.RoleMentor, Languages: []string{"kk"}, District: "medeu",
		Mode: domain.MeetOnline, Themes: []string{"career"}, Slots: []string{"mon_evening"}, Capacity: 1}
	e := domain.MentoringApplication{RoundID: r.ID, UserID: mentee.ID, Role: domain.RoleMentee, Languages: []string{"kk"}, District: "medeu",
		Mode: domain.MeetOnline, Themes: []string{"career"}, Slots: []string{"mon_evening"}}
	var err error
	a.at(now.Add(-36*time.Hour), func() {
		if err = a.store.ApplyForMentoring(ctx, &m); err == nil {
			err = a.store.ApplyForMentoring(ctx, &e)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.RunMatch(ctx, w.coord.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.PublishMatch(ctx, w.coord.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	pairs, err := a.store.MentoringPairs(ctx, r.ID)
	if err != nil || len(pairs) != 1 {
		t.Fatalf("the pair: %v %v", pairs, err)
	}
	return mentoringIDs{p.ID, r.ID, m.ID, pairs[0].ID}
}
