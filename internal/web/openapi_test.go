package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	vErrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"

	"erikti/internal/domain"
	"erikti/internal/images/imagestest"
)

// The OpenAPI document (openapi.json, served at /api/v1/openapi.json) is held against the route
// table, against the OpenAPI 3.1 specification, and against the answers of the real server.

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// documentedOperations reads the document's operations as "METHOD /path" keys.
func documentedOperations(t *testing.T) map[string]map[string]any {
	t.Helper()
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi.json says openapi %q, want 3.1.0", doc.OpenAPI)
	}
	ops := map[string]map[string]any{}
	for path, item := range doc.Paths {
		for key, raw := range item {
			if !slices.Contains(httpMethods, key) {
				continue
			}
			var op map[string]any
			if err := json.Unmarshal(raw, &op); err != nil {
				t.Fatalf("%s %s: %v", key, path, err)
			}
			ops[strings.ToUpper(key)+" "+path] = op
		}
	}
	return ops
}

// serverRoutes is the route table of a real server.
func serverRoutes(t *testing.T) []route {
	t.Helper()
	a := newApp(t, "sqlite")
	s, ok := a.srv.Config.Handler.(*Server)
	if !ok {
		t.Fatalf("the test server's handler is a %T, not a *Server", a.srv.Config.Handler)
	}
	if len(s.routes) == 0 {
		t.Fatal("the server has no routes")
	}
	return s.routes
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	ops := documentedOperations(t)
	served := map[string]bool{}
	for _, rt := range serverRoutes(t) {
		key := rt.method + " " + rt.pattern
		if served[key] {
			t.Errorf("route %s is in the route table twice", key)
		}
		served[key] = true
		if _, ok := ops[key]; !ok {
			t.Errorf("route %s is served but not documented in openapi.json", key)
		}
	}
	var documented []string
	for key := range ops {
		documented = append(documented, key)
	}
	sort.Strings(documented)
	ids := map[string]string{}
	for _, key := range documented {
		op := ops[key]
		if !served[key] {
			t.Errorf("operation %s is documented in openapi.json but not served", key)
		}
		id, _ := op["operationId"].(string)
		if id == "" {
			t.Errorf("operation %s has no operationId", key)
		} else if other, dup := ids[id]; dup {
			t.Errorf("operations %s and %s share the operationId %q", other, key, id)
		}
		ids[id] = key
		if s, _ := op["summary"].(string); s == "" {
			t.Errorf("operation %s has no summary", key)
		}
		if tags, _ := op["tags"].([]any); len(tags) == 0 {
			t.Errorf("operation %s has no tags", key)
		}
	}
}

// parseDocument parses openapi.json with libopenapi and builds its OpenAPI 3.1 model, which
// resolves every reference.
func parseDocument(t *testing.T) libopenapi.Document {
	t.Helper()
	doc, err := libopenapi.NewDocument(openAPIDoc)
	if err != nil {
		t.Fatalf("libopenapi cannot read openapi.json: %v", err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Fatalf("libopenapi reads version %q", v)
	}
	if _, err := doc.BuildV3Model(); err != nil {
		t.Fatalf("openapi.json does not build as an OpenAPI 3.1 model: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := parseDocument(t)
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("libopenapi-validator refuses openapi.json: %v", errs)
	}
	// the document against the OpenAPI 3.1 specification's JSON Schema
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("openapi.json: %s", describe(e))
		}
	}

	// The specification's schema takes any object as a Schema Object, so each schema of the
	// document is also compiled, which checks it against the JSON Schema 2020-12 meta-schema and
	// the OpenAPI 3.1 vocabulary.
	var raw any
	if err := json.Unmarshal(openAPIDoc, &raw); err != nil {
		t.Fatal(err)
	}
	var pointers []string
	collectSchemas(raw, "", false, &pointers)
	if len(pointers) < 40 {
		t.Fatalf("found only %d schemas in openapi.json", len(pointers))
	}
	opts := config.NewValidationOptions(config.WithFormatAssertions())
	resources := map[string][]byte{"openapi.json": openAPIDoc}
	for _, p := range pointers {
		name := "openapi.json#" + (&url.URL{Fragment: p}).EscapedFragment()
		if _, err := helpers.NewCompiledSchemaResourcesWithVersion(name, resources, opts, 3.1); err != nil {
			t.Errorf("schema %s: %v", p, err)
		}
	}
}

// collectSchemas finds the JSON pointers of every schema the document gives outside another
// schema: components/schemas/*, and the schema of each parameter, header and media type.
func collectSchemas(node any, ptr string, inSchemas bool, out *[]string) {
	esc := strings.NewReplacer("~", "~0", "/", "~1")
	switch n := node.(type) {
	case map[string]any:
		for k, child := range n {
			p := ptr + "/" + esc.Replace(k)
			switch {
			case inSchemas:
				*out = append(*out, p)
			case ptr == "/components" && k == "schemas":
				collectSchemas(child, p, true, out)
			case k == "schema":
				*out = append(*out, p)
			default:
				collectSchemas(child, p, false, out)
			}
		}
	case []any:
		for i, child := range n {
			collectSchemas(child, fmt.Sprintf("%s/%d", ptr, i), false, out)
		}
	}
}

func describe(e *vErrors.ValidationError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Message, e.Reason)
	if e.SpecLine > 0 {
		fmt.Fprintf(&b, " (openapi.json line %d)", e.SpecLine)
	}
	for _, f := range e.SchemaValidationErrors {
		fmt.Fprintf(&b, "\n\t- %s", f.Reason)
		if f.FieldPath != "" {
			fmt.Fprintf(&b, " at %s", f.FieldPath)
		}
		if f.KeywordLocation != "" {
			fmt.Fprintf(&b, " (schema %s)", f.KeywordLocation)
		}
	}
	return b.String()
}

// contract checks answers of the real server against the document.
type contract struct {
	t     *testing.T
	a     *app
	v     validator.Validator
	mux   *http.ServeMux // the route table's patterns, to tell which route a request took
	calls map[string][]int
}

func newContract(t *testing.T, a *app) *contract {
	t.Helper()
	v, errs := validator.NewValidator(parseDocument(t), config.WithFormatAssertions())
	if len(errs) > 0 {
		t.Fatalf("libopenapi-validator refuses openapi.json: %v", errs)
	}
	c := &contract{t: t, a: a, v: v, mux: http.NewServeMux(), calls: map[string][]int{}}
	for _, rt := range a.srv.Config.Handler.(*Server).routes {
		c.mux.Handle(rt.method+" "+rt.pattern, http.NotFoundHandler())
	}
	return c
}

// call does r, fails unless the status is want, and validates the answer (status, content type,
// headers, body) against the document; a request that should succeed is validated too, so that
// the document accepts what a real client sends.
func (c *contract) call(want int, r req) reply {
	c.t.Helper()
	rep := c.a.do(r)
	hr := c.a.request(r)
	if _, pattern := c.mux.Handler(hr); pattern != "" {
		c.calls[pattern] = append(c.calls[pattern], rep.status)
	}
	if rep.status != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", r.method, r.path, rep.status, want, rep.raw)
	}
	if err := c.validate(hr, rep); err != "" {
		c.t.Errorf("%s %s answered %d that the document does not describe:\n%s\nbody: %s", r.method, r.path, rep.status, err, rep.raw)
	}
	if want < 300 {
		if ok, errs := c.v.ValidateHttpRequest(c.a.request(r)); !ok {
			for _, e := range errs {
				c.t.Errorf("%s %s: the document refuses the request: %s", r.method, r.path, describe(e))
			}
		}
	}
	return rep
}

// validate checks one answer against the document and says what is wrong, or "".
func (c *contract) validate(hr *http.Request, rep reply) string {
	resp := &http.Response{StatusCode: rep.status, Header: rep.header.Clone(), Body: io.NopCloser(bytes.NewReader(rep.raw)), Request: hr}
	ok, errs := c.v.ValidateHttpResponse(hr, resp)
	if ok {
		return ""
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, describe(e))
	}
	if len(msgs) == 0 {
		msgs = append(msgs, "the validator refused it without saying why")
	}
	return strings.Join(msgs, "\n")
}

func TestAPIResponsesMatchOpenAPI(t *testing.T) {
	eachWith(t, Options{MetricsToken: testMetricsToken}, func(t *testing.T, a *app) {
		c := newContract(t, a)
		ctx := context.Background()
		account := func(name, birth string) person {
			t.Helper()
			email := fmt.Sprintf("contract%d@example.kz", seq.Add(1))
			reg := c.call(201, req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
				"email": email, "password": "Ақ жол 2026!", "name": name, "birth_date": birth, "locale": "ru", "accept_privacy_policy": true}})
			if reg.header.Get("Location") != "/api/v1/me" {
				t.Fatalf("register: Location %q", reg.header.Get("Location"))
			}
			tok := c.call(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": email, "password": "Ақ жол 2026!"}})
			u, err := a.store.User(ctx, id(reg))
			if err != nil {
				t.Fatal(err)
			}
			return person{User: u, token: tok.body["token"].(string)}
		}

		// operations
		c.call(200, req{method: "GET", path: "/healthz"})
		c.call(200, req{method: "GET", path: "/readyz"})
		c.call(200, req{method: "GET", path: "/metrics", token: testMetricsToken})
		c.call(401, req{method: "GET", path: "/metrics", token: "not-the-metrics-token"})
		served := c.call(200, req{method: "GET", path: "/api/v1/openapi.json"})
		if !bytes.Equal(served.raw, openAPIDoc) {
			t.Fatal("/api/v1/openapi.json does not serve openapi.json")
		}

		// accounts
		coord := account("Дәурен Қасымов", "1996-02-03")
		fo := account("Айгерім Фронт-офис", "1988-09-14")
		if err := a.store.SetFrontOffice(ctx, 0, fo.ID, true); err != nil {
			t.Fatal(err)
		}
		a.enrol(&fo)
		// an account with TOTP: a token needs its code, as totp_code
		c.call(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": fo.Email, "password": "Ақ жол 2026!"}})
		c.call(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": fo.Email, "password": "Ақ жол 2026!", "totp_code": "000000"}})
		fo.token = c.call(200, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": fo.Email, "password": "Ақ жол 2026!",
			"totp_code": a.code(fo)}}).body["token"].(string)
		aru := account("Аружан Оспанова", "2004-06-01")
		ben := account("Бауыржан Ким", "1959-01-15")
		if me := c.call(200, req{method: "GET", path: "/api/v1/me", token: fo.token}); me.body["front_office"] != true {
			t.Fatalf("me: %s", me.raw)
		}
		project := domain.Project{Slug: "100-good-meetings", Name: domain.Text{KK: "100 игі кездесу", RU: "100 добрых встреч"}, Target: 100}
		if err := a.store.CreateProject(ctx, fo.ID, &project); err != nil {
			t.Fatal(err)
		}
		c.call(201, req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
			"email": "no-locale@example.kz", "password": "long enough", "name": "Әлия", "birth_date": "2008-02-03", "accept_privacy_policy": true}})

		// the links sent by email
		verify := a.mailToken(aru.ID, domain.MailVerifyEmail)
		c.call(204, req{method: "POST", path: "/api/v1/auth/verify-email", body: map[string]any{"token": verify}})
		c.call(422, req{method: "POST", path: "/api/v1/auth/verify-email", body: map[string]any{"token": verify}})
		if me := c.call(200, req{method: "GET", path: "/api/v1/me", token: aru.token}); me.body["email_verified"] != true {
			t.Fatalf("me after verifying: %s", me.raw)
		}
		c.call(202, req{method: "POST", path: "/api/v1/me/verify-email", token: ben.token})
		forgetful := account("Камила Ли", "1999-05-05")
		c.call(202, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": forgetful.Email}})
		c.call(202, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": "nobody@example.kz"}})
		c.call(422, req{method: "POST", path: "/api/v1/auth/password-reset", body: map[string]any{"email": ""}})
		reset := a.mailToken(forgetful.ID, domain.MailResetPassword)
		c.call(422, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: map[string]any{"token": reset, "password": "short"}})
		c.call(204, req{method: "POST", path: "/api/v1/auth/password-reset/confirm", body: map[string]any{"token": reset, "password": "Жаңа жол 2027!"}})
		c.call(401, req{method: "GET", path: "/api/v1/me", token: forgetful.token})

		// organizations
		org := c.call(201, req{method: "POST", path: "/api/v1/organizations", token: coord.token, body: map[string]any{
			"name": map[string]string{"kk": "Жасыл Алматы"}, "description": map[string]string{"kk": "Экологиялық еріктілер клубы"}, "email": "info@jasyl.kz",
			"phone": "+7 727 000 00 00", "website": "https://jasyl.kz", "bin": "000740000728"}})
		orgID := id(org)
		other := c.call(201, req{method: "POST", path: "/api/v1/organizations", token: ben.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}}})
		a.enrol(&coord) // they now hold roles
		a.enrol(&ben)
		c.call(200, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", orgID), token: fo.token})
		suspended := c.call(200, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", id(other)), token: fo.token,
			body: map[string]any{"status": "suspended", "reason": "Құжаттар толық емес"}})
		if suspended.body["status_reason"] == nil {
			t.Fatalf("suspend: %s", suspended.raw)
		}
		c.call(200, req{method: "GET", path: "/api/v1/organizations"})
		if all := c.call(200, req{method: "GET", path: "/api/v1/organizations", token: fo.token}); !strings.Contains(string(all.raw), "status_reason") {
			t.Fatalf("the Front Office sees no suspended organization: %s", all.raw)
		}
		c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d", orgID)})
		c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d", id(other)), token: ben.token})

		// the people of an organization: invited by email, roles changed, removed; the Front Office role
		members := fmt.Sprintf("/api/v1/organizations/%d/members", orgID)
		invitations := fmt.Sprintf("/api/v1/organizations/%d/invitations", orgID)
		if list := c.call(200, req{method: "GET", path: members, token: coord.token}); len(list.body["items"].([]any)) != 1 {
			t.Fatalf("members: %s", list.raw)
		}
		invited := c.call(201, req{method: "POST", path: invitations, token: coord.token, body: map[string]any{"email": aru.Email, "role": "coordinator"}})
		if invited.body["email"] != aru.Email || invited.header.Get("Location") != invitations {
			t.Fatalf("invite: %v %s", invited.header, invited.raw)
		}
		c.call(422, req{method: "POST", path: invitations, token: coord.token, body: map[string]any{"email": "not an email", "role": "owner"}})
		c.call(403, req{method: "POST", path: invitations, token: ben.token, body: map[string]any{"email": "x@example.kz", "role": "coordinator"}})
		c.call(200, req{method: "GET", path: invitations, token: coord.token})
		if _, err := a.store.AcceptInvitation(ctx, aru.ID, a.mailToken(aru.ID, domain.MailInvitation)); err != nil {
			t.Fatal(err)
		}
		aruMember := fmt.Sprintf("%s/%d", members, aru.ID)
		if m := c.call(200, req{method: "PATCH", path: aruMember, token: coord.token, body: map[string]any{"role": "admin"}}); m.body["role"] != "admin" {
			t.Fatalf("role: %s", m.raw)
		}
		c.call(200, req{method: "PATCH", path: aruMember, token: fo.token, body: map[string]any{"role": "coordinator"}})
		c.call(422, req{method: "PATCH", path: aruMember, token: coord.token, body: map[string]any{"role": "owner"}})
		c.call(409, req{method: "PATCH", path: fmt.Sprintf("%s/%d", members, coord.ID), token: coord.token, body: map[string]any{"role": "coordinator"}})
		c.call(409, req{method: "DELETE", path: fmt.Sprintf("%s/%d", members, coord.ID), token: coord.token})
		c.call(403, req{method: "DELETE", path: fmt.Sprintf("%s/%d", members, coord.ID), token: aru.token})
		c.call(204, req{method: "DELETE", path: aruMember, token: coord.token})
		c.call(404, req{method: "DELETE", path: aruMember, token: coord.token})
		c.call(403, req{method: "GET", path: members, token: aru.token})
		again := c.call(201, req{method: "POST", path: invitations, token: coord.token, body: map[string]any{"email": "newcomer@example.kz", "role": "admin"}})
		revoke := fmt.Sprintf("%s/%d", invitations, id(again))
		c.call(204, req{method: "DELETE", path: revoke, token: coord.token})
		c.call(409, req{method: "DELETE", path: revoke, token: coord.token})
		frontOffice := fmt.Sprintf("/api/v1/users/%d/front-office", aru.ID)
		if u := c.call(200, req{method: "POST", path: frontOffice, token: fo.token, body: map[string]any{"front_office": true}}); u.body["front_office"] != true {
			t.Fatalf("grant: %s", u.raw)
		}
		c.call(200, req{method: "POST", path: frontOffice, token: fo.token, body: map[string]any{"front_office": false}})
		c.call(409, req{method: "POST", path: fmt.Sprintf("/api/v1/users/%d/front-office", fo.ID), token: fo.token, body: map[string]any{"front_office": false}})
		c.call(403, req{method: "POST", path: frontOffice, token: coord.token, body: map[string]any{"front_office": true}})
		c.call(422, req{method: "POST", path: frontOffice, token: fo.token, body: map[string]any{}})
		c.call(404, req{method: "POST", path: "/api/v1/users/987654/front-office", token: fo.token, body: map[string]any{"front_office": true}})

		// events and shifts
		start := time.Now().In(domain.Almaty()).Add(10 * 24 * time.Hour).Truncate(24 * time.Hour).Add(4 * time.Hour)
		local := func(d time.Duration) string { return start.Add(d).Format("2006-01-02T15:04") }
		rfc := func(d time.Duration) string { return start.Add(d).Format(time.RFC3339) }
		events := fmt.Sprintf("/api/v1/organizations/%d/events", orgID)
		ev := c.call(201, req{method: "POST", path: events, token: coord.token, body: map[string]any{
			"direction": "ecology", "project_id": project.ID,
			"title":       map[string]string{"kk": "Көктемгі сенбілік", "ru": "Весенний субботник", "en": "Spring clean-up"},
			"description": map[string]string{"ru": "Уборка парка"},
			"venue":       map[string]string{"kk": "Орталық саябақ", "ru": "Центральный парк", "en": "Central Park"}, "address": map[string]string{"ru": "улица Гоголя, 1"}, "lat": 43.2601, "lon": 76.9702, "district": "medeu", "starts_at": local(0), "ends_at": rfc(8 * time.Hour),
			"accessibility": []string{"wheelchair", "seating"}, "min_age": 16, "status": "published",
			"shifts": []map[string]any{
				{"role": map[string]string{"kk": "Көмекші"}, "starts_at": local(0), "ends_at": local(2 * time.Hour), "capacity": 1},
				{"role": map[string]string{"en": "Photographer"}, "starts_at": rfc(3 * time.Hour), "ends_at": rfc(5 * time.Hour), "capacity": 5},
			}}})
		eventID := id(ev)
		if ev.header.Get("Location") != fmt.Sprintf("/api/v1/events/%d", eventID) || ev.body["project_id"] != float64(project.ID) {
			t.Fatalf("create event: %v %s", ev.header, ev.raw)
		}
		shifts := ev.body["shifts"].([]any)
		small, big := int64(shifts[0].(map[string]any)["id"].(float64)), int64(shifts[1].(map[string]any)["id"].(float64))
		second := c.call(201, req{method: "POST", path: events, token: coord.token, body: map[string]any{
			"direction": "culture", "title": map[string]string{"en": "Mural"}, "venue": map[string]string{"kk": "Арбат"}, "district": "almaly",
			"starts_at": local(24 * time.Hour), "ends_at": local(26 * time.Hour), "status": "published"}})
		draft := c.call(201, req{method: "POST", path: events, token: coord.token, body: map[string]any{
			"direction": "social", "title": map[string]string{"ru": "Помощь"}, "venue": map[string]string{"kk": "ЦОН"}, "district": "almaly",
			"starts_at": local(48 * time.Hour), "ends_at": local(50 * time.Hour)}})
		if _, has := draft.body["shifts"]; has || draft.body["project_id"] != nil {
			t.Fatalf("an event without shifts or project: %s", draft.raw)
		}

		page := c.call(200, req{method: "GET", path: "/api/v1/events?limit=1"})
		cursor, _ := page.body["next_cursor"].(string)
		if cursor == "" {
			t.Fatalf("a first page of one event has no next_cursor: %s", page.raw)
		}
		c.call(200, req{method: "GET", path: "/api/v1/events?limit=1&cursor=" + url.QueryEscape(cursor)})
		from := start.Format(time.DateOnly)
		filtered := c.call(200, req{method: "GET", path: "/api/v1/events?direction=ecology&district=medeu&q=" + url.QueryEscape("сенбілік") + "&from=" + from + "&to=" + url.QueryEscape(rfc(24*time.Hour)),
			header: map[string]string{"Accept-Language": "ru"}})
		if n := len(filtered.body["items"].([]any)); n != 1 {
			t.Fatalf("filtered programme has %d events: %s", n, filtered.raw)
		}
		got := c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", eventID)})
		c.call(304, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", eventID), header: map[string]string{"If-None-Match": got.header.Get("ETag")}})
		c.call(304, req{method: "GET", path: "/api/v1/events?limit=1", header: map[string]string{"If-None-Match": page.header.Get("ETag")}})
		c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", id(draft)), token: coord.token})
		c.call(201, req{method: "POST", path: fmt.Sprintf("/api/v1/events/%d/shifts", eventID), token: coord.token, body: map[string]any{
			"role": map[string]string{"ru": "Волонтёр"}, "starts_at": local(6 * time.Hour), "ends_at": local(8 * time.Hour), "capacity": 3}})
		c.call(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/shifts/%d", big), token: coord.token, body: map[string]any{
			"capacity": 4, "role": map[string]string{"en": "Photographer", "kk": "Фотограф"}}})
		c.call(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", eventID), token: coord.token, body: map[string]any{
			"venue": map[string]string{"kk": "Орталық саябақ, басты кіреберіс"}, "min_age": 14}})
		c.call(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", id(second)), token: fo.token, body: map[string]any{
			"city_programme": true, "project_id": 0}})

		// images: a logo and a cover as multipart forms, a refusal, their removal
		logoPath, coverPath := fmt.Sprintf("/api/v1/organizations/%d/logo", orgID), fmt.Sprintf("/api/v1/events/%d/cover", eventID)
		pic, picType := imageBody(t, "logo.png", "image/png", imagestest.PNG(t, 400, 200, 255), map[string]string{"alt_kk": "Логотип"})
		c.call(200, req{method: "PUT", path: logoPath, token: coord.token, body: pic, header: map[string]string{"Content-Type": picType}})
		c.call(200, req{method: "PUT", path: coverPath, token: coord.token, body: pic, header: map[string]string{"Content-Type": picType}})
		svg, svgType := imageBody(t, "x.svg", "image/svg+xml", []byte(imagestest.SVG), map[string]string{"alt_kk": "Сурет"})
		c.call(415, req{method: "PUT", path: coverPath, token: coord.token, body: svg, header: map[string]string{"Content-Type": svgType}})
		c.call(204, req{method: "DELETE", path: logoPath, token: coord.token})
		c.call(204, req{method: "DELETE", path: coverPath, token: coord.token})

		// signups: confirmed, then waitlisted, then the same request replayed
		signups := fmt.Sprintf("/api/v1/shifts/%d/signups", small)
		first := c.call(201, req{method: "POST", path: signups, token: aru.token})
		if first.body["status"] != "confirmed" || first.body["waitlist_position"] != nil {
			t.Fatalf("first signup: %s", first.raw)
		}
		key := map[string]string{"Idempotency-Key": "contract-ben-1"}
		waiting := c.call(201, req{method: "POST", path: signups, token: ben.token, header: key, body: map[string]any{}})
		if waiting.body["status"] != "waitlisted" || waiting.body["waitlist_position"] != 1.0 {
			t.Fatalf("second signup: %s", waiting.raw)
		}
		replay := c.call(201, req{method: "POST", path: signups, token: ben.token, header: key})
		if replay.header.Get("Idempotent-Replayed") != "true" || !bytes.Equal(replay.raw, waiting.raw) {
			t.Fatalf("replay: %v %s", replay.header, replay.raw)
		}
		c.call(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: aru.token})
		c.call(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: coord.token})
		mine := c.call(200, req{method: "GET", path: "/api/v1/me/signups", token: ben.token})
		if items := mine.body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["shift"] == nil {
			t.Fatalf("my signups: %s", mine.raw)
		}
		roster := c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", small), token: coord.token})
		if items := roster.body["items"].([]any); len(items) != 2 || items[1].(map[string]any)["volunteer"] == nil {
			t.Fatalf("roster: %s", roster.raw)
		}
		if f := c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster/export", small), token: coord.token}); !strings.HasPrefix(f.header.Get("Content-Type"), "text/csv") || !strings.Contains(string(f.raw), "@example") {
			t.Fatalf("roster export: %v %s", f.header, f.raw)
		}
		if f := c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d/roster/export?format=xlsx", eventID), token: coord.token}); !bytes.HasPrefix(f.raw, []byte("PK")) {
			t.Fatalf("event roster export: %v", f.header)
		}
		c.call(422, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d/roster/export?format=pdf", eventID), token: coord.token})
		c.call(404, req{method: "GET", path: "/api/v1/events/999999/roster/export", token: coord.token})
		c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/signups/export?format=csv", orgID), token: coord.token})
		c.call(403, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/signups/export", orgID), token: aru.token})
		c.call(200, req{method: "GET", path: "/api/v1/signups/export?format=xlsx", token: fo.token})
		c.call(403, req{method: "GET", path: "/api/v1/signups/export", token: coord.token})
		c.call(401, req{method: "GET", path: "/api/v1/signups/export"})
		c.call(200, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export?format=xlsx", orgID), token: coord.token})
		c.call(403, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export", orgID), token: aru.token})
		c.call(422, req{method: "GET", path: fmt.Sprintf("/api/v1/organizations/%d/hours/export?format=pdf", orgID), token: coord.token})
		c.call(200, req{method: "GET", path: "/api/v1/hours/export", token: fo.token})
		c.call(403, req{method: "GET", path: "/api/v1/hours/export", token: coord.token})
		c.call(401, req{method: "GET", path: "/api/v1/hours/export"})
		msgs := fmt.Sprintf("/api/v1/shifts/%d/messages", small)
		if sent := c.call(202, req{method: "POST", path: msgs, token: coord.token, body: map[string]any{"subject": "Жиын орны", "text": "Бас кіреберісте 9:30-да кездесеміз."}}); sent.body["recipients"] != float64(2) {
			t.Fatalf("roster message: %s", sent.raw)
		}
		c.call(422, req{method: "POST", path: msgs, token: coord.token, body: map[string]any{"subject": "Бір\nжол емес", "text": ""}})
		c.call(403, req{method: "POST", path: msgs, token: aru.token, body: map[string]any{"subject": "x", "text": "x"}})
		c.call(202, req{method: "POST", path: msgs, token: coord.token, body: map[string]any{"subject": "Ауа райы", "text": "Қолшатыр алыңыз."}})
		c.call(202, req{method: "POST", path: msgs, token: coord.token, body: map[string]any{"subject": "Соңғы", "text": "Көріскенше!"}})
		c.call(409, req{method: "POST", path: msgs, token: coord.token, body: map[string]any{"subject": "Тағы", "text": "Төртінші хат"}})

		// check-in: a shift starting in ten minutes; the volunteer's pass, the coordinator's check-in and check-out
		soon := time.Now().In(domain.Almaty()).Add(10 * time.Minute).Truncate(time.Minute)
		now := c.call(201, req{method: "POST", path: events, token: coord.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"kk": "Ағаш отырғызу"}, "venue": map[string]string{"kk": "Ботаника бағы"}, "district": "bostandyk",
			"starts_at": soon.Format(time.RFC3339), "ends_at": soon.Add(2 * time.Hour).Format(time.RFC3339), "status": "published",
			"shifts": []map[string]any{{"role": map[string]string{"kk": "Көмекші"}, "starts_at": soon.Format(time.RFC3339), "ends_at": soon.Add(time.Hour).Format(time.RFC3339), "capacity": 2}}}})
		nowShift := int64(now.body["shifts"].([]any)[0].(map[string]any)["id"].(float64))
		held := c.call(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", nowShift), token: aru.token})
		pass := c.call(200, req{method: "POST", path: fmt.Sprintf("/api/v1/signups/%d/checkin-pass", id(held)), token: aru.token})
		if pass.header.Get("Cache-Control") != "no-store" || len(pass.body["code"].(string)) != domain.CheckinCodeLen {
			t.Fatalf("pass: %v %s", pass.header, pass.raw)
		}
		c.call(404, req{method: "POST", path: fmt.Sprintf("/api/v1/signups/%d/checkin-pass", id(held)), token: ben.token})
		c.call(404, req{method: "POST", path: fmt.Sprintf("/api/v1/signups/%d/checkin-pass", id(waiting)), token: ben.token}) // waitlisted: no pass
		checkins := fmt.Sprintf("/api/v1/shifts/%d/checkins", nowShift)
		c.call(422, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"code": "AAAAAAA"}})
		c.call(403, req{method: "POST", path: checkins, token: aru.token, body: map[string]any{"code": pass.body["code"]}})
		in := c.call(200, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"code": pass.body["code"]}})
		if in.body["user_id"] != float64(aru.ID) || in.body["checked_in_at"] == nil || in.body["checked_out_at"] != nil {
			t.Fatalf("check-in: %s", in.raw)
		}
		c.call(409, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"token": pass.body["token"]}})
		// a mistaken check-in undone by its coordinator, then made again by the signup's id (the desk's list)
		undo := fmt.Sprintf("/api/v1/checkins/%d", id(held))
		c.call(422, req{method: "DELETE", path: "/api/v1/checkins/x1", token: coord.token})
		c.call(404, req{method: "DELETE", path: "/api/v1/checkins/999999999", token: coord.token})
		c.call(403, req{method: "DELETE", path: undo, token: aru.token})
		c.call(204, req{method: "DELETE", path: undo, token: coord.token})
		if again := c.call(409, req{method: "DELETE", path: undo, token: coord.token}); !strings.Contains(string(again.raw), `"field":"id"`) {
			t.Fatalf("a second undo names no field: %s", again.raw)
		}
		c.call(422, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"signup_id": id(waiting)}})
		c.call(422, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"signup_id": -1}})
		c.call(200, req{method: "POST", path: checkins, token: coord.token, body: map[string]any{"signup_id": id(held)}})
		bigHeld := c.call(200, req{method: "GET", path: "/api/v1/me/signups", token: aru.token})
		var bigSignup int64
		for _, it := range bigHeld.body["items"].([]any) {
			if m := it.(map[string]any); m["shift_id"] == float64(big) && m["status"] == "confirmed" {
				bigSignup = int64(m["id"].(float64))
			}
		}
		early := c.call(200, req{method: "POST", path: fmt.Sprintf("/api/v1/signups/%d/checkin-pass", bigSignup), token: aru.token})
		c.call(422, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/checkins", big), token: coord.token, body: map[string]any{"code": early.body["code"]}})
		if a.clock.now().Before(soon) { // the shift starts: a check-out before it would claim nothing
			a.moveClockTo(soon.Add(time.Minute))
		}
		checkouts := fmt.Sprintf("/api/v1/shifts/%d/checkouts", nowShift)
		c.call(422, req{method: "POST", path: checkouts, token: coord.token, body: map[string]any{"all": true, "code": pass.body["code"]}})
		if out := c.call(200, req{method: "POST", path: checkouts, token: coord.token, body: map[string]any{"token": pass.body["token"]}}); out.body["checked_out_at"] == nil {
			t.Fatalf("check-out: %s", out.raw)
		}
		c.call(409, req{method: "POST", path: checkouts, token: coord.token, body: map[string]any{"code": pass.body["code"]}})
		if all := c.call(200, req{method: "POST", path: checkouts, token: coord.token, body: map[string]any{"all": true}}); all.body["checked_out"] != float64(0) {
			t.Fatalf("check out all: %s", all.raw)
		}

		// hours: the check-out's claim, a correction, a decision, the book
		hours := fmt.Sprintf("/api/v1/shifts/%d/hours", nowShift)
		claims := c.call(200, req{method: "GET", path: hours, token: coord.token})
		items := claims.body["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["status"] != "pending" || items[0].(map[string]any)["kind"] != "checkin" {
			t.Fatalf("the shift's claims: %s", claims.raw)
		}
		firstClaim := int64(items[0].(map[string]any)["id"].(float64))
		c.call(403, req{method: "GET", path: hours, token: aru.token})
		c.call(422, req{method: "POST", path: hours, token: coord.token, body: map[string]any{"signup_id": id(held), "minutes": 91, "replaces": firstClaim}})
		c.call(422, req{method: "POST", path: hours, token: coord.token, body: map[string]any{"signup_id": id(held), "minutes": -5}})
		fixed := c.call(201, req{method: "POST", path: hours, token: coord.token, body: map[string]any{"signup_id": id(held), "minutes": 50, "replaces": firstClaim}})
		if fixed.body["replaces"] != float64(firstClaim) || fixed.body["status"] != "pending" || fixed.body["kind"] != "entered" {
			t.Fatalf("a correction: %s", fixed.raw)
		}
		c.call(409, req{method: "POST", path: hours, token: coord.token, body: map[string]any{"signup_id": id(held), "minutes": 40, "replaces": firstClaim}})
		decision := fmt.Sprintf("/api/v1/hours/%d/decision", id(fixed))
		c.call(422, req{method: "POST", path: decision, token: coord.token, body: map[string]any{"decision": "rejected", "reason": " "}})
		c.call(403, req{method: "POST", path: decision, token: aru.token, body: map[string]any{"decision": "approved"}})
		if ok := c.call(200, req{method: "POST", path: decision, token: coord.token, body: map[string]any{"decision": "approved"}}); ok.body["status"] != "approved" {
			t.Fatalf("approve: %s", ok.raw)
		}
		c.call(409, req{method: "POST", path: decision, token: coord.token, body: map[string]any{"decision": "rejected", "reason": "Қате"}})
		if all := c.call(200, req{method: "POST", path: hours + "/approve", token: coord.token}); all.body["approved"] != float64(0) {
			t.Fatalf("approve the shift: %s", all.raw)
		}
		book := c.call(200, req{method: "GET", path: "/api/v1/me/hours", token: aru.token})
		year := fmt.Sprint(soon.Year())
		if book.body["total_minutes"] != float64(50) || book.body["by_year"].(map[string]any)[year] != float64(50) || book.body["by_direction"].(map[string]any)["ecology"] != float64(50) {
			t.Fatalf("the book: %s", book.raw)
		}
		if other := c.call(200, req{method: "GET", path: "/api/v1/me/hours", token: ben.token}); other.body["total_minutes"] != float64(0) {
			t.Fatalf("someone else's book: %s", other.raw)
		}
		// certificates: the book as a PDF, verified by anyone, revoked by the Front Office
		c.call(409, req{method: "POST", path: "/api/v1/me/certificates", token: ben.token, body: map[string]any{"lang": "kk"}})
		c.call(422, req{method: "POST", path: "/api/v1/me/certificates", token: aru.token, body: map[string]any{"lang": "de"}})
		cert := c.call(201, req{method: "POST", path: "/api/v1/me/certificates", token: aru.token, body: map[string]any{"lang": "kk"}})
		if cert.body["total_minutes"] != float64(50) || cert.body["state"] != "valid" {
			t.Fatalf("a certificate: %s", cert.raw)
		}
		certCode := cert.body["code"].(string)
		if mine := c.call(200, req{method: "GET", path: "/api/v1/me/certificates", token: aru.token}); len(mine.body["items"].([]any)) != 1 {
			t.Fatalf("my certificates: %s", mine.raw)
		}
		if pdf := c.call(200, req{method: "GET", path: cert.body["pdf_url"].(string), token: aru.token}); !bytes.HasPrefix(pdf.raw, []byte("%PDF-")) {
			t.Fatalf("the PDF: %v", pdf.header)
		}
		c.call(404, req{method: "GET", path: cert.body["pdf_url"].(string), token: ben.token})
		c.call(200, req{method: "GET", path: "/api/v1/certificates/" + strings.ToLower(certCode)})
		c.call(404, req{method: "GET", path: "/api/v1/certificates/ERK-0000-0000-0000"})
		revokeCert := "/api/v1/certificates/" + certCode + "/revoke"
		c.call(403, req{method: "POST", path: revokeCert, token: aru.token, body: map[string]any{"reason": "Қате"}})
		c.call(422, req{method: "POST", path: revokeCert, token: fo.token, body: map[string]any{"reason": " "}})
		if rv := c.call(200, req{method: "POST", path: revokeCert, token: fo.token, body: map[string]any{"reason": "Сағаттар қате енгізілген"}}); rv.body["state"] != "revoked" {
			t.Fatalf("revoked: %s", rv.raw)
		}
		c.call(409, req{method: "POST", path: revokeCert, token: fo.token, body: map[string]any{"reason": "Тағы"}})
		cancelled := c.call(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(first)), token: aru.token})
		if cancelled.body["status"] != "cancelled" || cancelled.body["cancelled_at"] == nil {
			t.Fatalf("cancel: %s", cancelled.raw)
		}
		c.call(200, req{method: "DELETE", path: fmt.Sprintf("/api/v1/signups/%d", id(first)), token: coord.token})
		c.call(200, req{method: "GET", path: "/api/v1/me/signups", token: aru.token})

		// a guardian's consent: a 16-year-old asks, the guardian confirms by the link, the signup goes
		teen := account("Әлихан Сейітов", time.Now().AddDate(-16, 0, 0).Format(time.DateOnly))
		if me := c.call(200, req{method: "GET", path: "/api/v1/me", token: teen.token}); me.body["guardian_consent"] != "needed" {
			t.Fatalf("a 16-year-old's me: %s", me.raw)
		}
		if me := c.call(200, req{method: "GET", path: "/api/v1/me", token: aru.token}); me.body["guardian_consent"] != "not_needed" {
			t.Fatalf("an adult's me: %s", me.raw)
		}
		c.call(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: teen.token})
		c.call(422, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": teen.Email, "name": "Гүлнар Сейітова"}})
		c.call(409, req{method: "POST", path: "/api/v1/me/guardian", token: aru.token, body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар"}})
		c.call(401, req{method: "POST", path: "/api/v1/me/guardian", body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар"}})
		asked := c.call(202, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": "Mother@example.kz", "name": "Гүлнар Сейітова"}})
		if asked.body["sent"] != true || asked.body["guardian_consent"] != "requested" {
			t.Fatalf("asking: %s", asked.raw)
		}
		guardianLink := a.mailToken(teen.ID, domain.MailGuardianConsent)
		c.call(403, req{method: "POST", path: "/api/v1/guardian/consent", token: teen.token, body: map[string]any{"token": guardianLink, "decision": "confirm", "name": "Гүлнар Сейітова"}})
		c.call(422, req{method: "POST", path: "/api/v1/guardian/consent", body: map[string]any{"token": guardianLink, "decision": "confirm"}})
		c.call(422, req{method: "POST", path: "/api/v1/guardian/consent", body: map[string]any{"token": "forged-secret", "decision": "confirm", "name": "Гүлнар Сейітова"}})
		c.call(401, req{method: "POST", path: "/api/v1/guardian/consent", token: "not-a-token", body: map[string]any{"token": guardianLink, "decision": "confirm", "name": "Гүлнар Сейітова"}})
		c.call(204, req{method: "POST", path: "/api/v1/guardian/consent", body: map[string]any{"token": guardianLink, "decision": "confirm", "name": "Гүлнар Сейітова"}})
		c.call(409, req{method: "POST", path: "/api/v1/me/guardian", token: teen.token, body: map[string]any{"email": "mother@example.kz", "name": "Гүлнар"}})
		if me := c.call(200, req{method: "GET", path: "/api/v1/me", token: teen.token}); me.body["guardian_consent"] != "given" {
			t.Fatalf("me after the consent: %s", me.raw)
		}
		c.call(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: teen.token})

		// catalog
		c.call(200, req{method: "GET", path: "/api/v1/projects"})
		c.call(200, req{method: "GET", path: "/api/v1/directions"})
		c.call(200, req{method: "GET", path: "/api/v1/districts"})

		// answers that refuse
		young := account("Кіші Інілік", time.Now().AddDate(-12, 0, 0).Format(time.DateOnly))
		ev1 := fmt.Sprintf("/api/v1/events/%d", eventID)
		c.call(401, req{method: "GET", path: "/api/v1/me"})
		c.call(401, req{method: "GET", path: "/api/v1/me/signups", token: "not-a-token"})
		c.call(401, req{method: "GET", path: "/api/v1/organizations", token: "not-a-token"})
		c.call(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": "nobody@example.kz", "password": "long enough"}})
		c.call(403, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", small), token: aru.token})
		c.call(403, req{method: "POST", path: fmt.Sprintf("/api/v1/organizations/%d/verify", orgID), token: coord.token})
		c.call(403, req{method: "PATCH", path: ev1, token: coord.token, body: map[string]any{"city_programme": true}})
		c.call(403, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: young.token})
		// a role holder's token without a second factor: refused on the role's routes, with the way out
		plain := account("Екінші үйлестіруші", "1995-05-05")
		if err := a.store.AddMember(ctx, 0, orgID, plain.ID, domain.RoleCoordinator); err != nil {
			t.Fatal(err)
		}
		if r := c.call(403, req{method: "GET", path: fmt.Sprintf("/api/v1/shifts/%d/roster", small), token: plain.token}); r.body["code"] != "forbidden.second_factor" {
			t.Fatalf("a plain token on a role's route: %s", r.raw)
		}
		// wrong codes count toward the sign-in limit
		a.enrol(&plain)
		for range 5 {
			c.call(401, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": plain.Email, "password": "Ақ жол 2026!", "totp_code": "12345"}})
		}
		c.call(429, req{method: "POST", path: "/api/v1/auth/token", body: map[string]any{"email": plain.Email, "password": "Ақ жол 2026!", "totp_code": a.code(plain)}})
		c.call(404, req{method: "GET", path: "/api/v1/events/987654"})
		c.call(404, req{method: "GET", path: fmt.Sprintf("/api/v1/events/%d", id(draft))})
		c.call(404, req{method: "GET", path: "/api/v1/organizations/987654"})
		c.call(404, req{method: "DELETE", path: "/api/v1/signups/987654", token: aru.token})
		c.call(404, req{method: "POST", path: "/api/v1/shifts/987654/signups", token: aru.token})
		c.call(409, req{method: "POST", path: signups, token: ben.token})
		c.call(201, req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
			"email": strings.ToUpper(aru.Email), "password": "long enough", "name": "Әлия", "birth_date": "2008-02-03", "accept_privacy_policy": true}})
		c.call(409, req{method: "PATCH", path: fmt.Sprintf("/api/v1/shifts/%d", big), token: coord.token, body: map[string]any{"capacity": 1}})
		c.call(200, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", id(draft)), token: coord.token, body: map[string]any{"status": "cancelled"}})
		c.call(409, req{method: "PATCH", path: fmt.Sprintf("/api/v1/events/%d", id(draft)), token: coord.token, body: map[string]any{"venue": map[string]string{"kk": "Абай"}}})
		c.call(400, req{method: "POST", path: "/api/v1/organizations", token: aru.token, body: `{"name": {"kk": "Қамқор"},`})
		c.call(400, req{method: "POST", path: "/api/v1/organizations", token: aru.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "colour": "green"}})
		c.call(400, req{method: "PATCH", path: ev1, token: coord.token, body: map[string]any{"title": map[string]string{"de": "Aufräumen"}}})
		c.call(400, req{method: "PATCH", path: ev1, token: coord.token, body: map[string]any{"shifts": []any{}}})
		c.call(413, req{method: "PATCH", path: ev1, token: coord.token, body: `{"venue":"` + strings.Repeat("а", 600_000) + `"}`})
		c.call(415, req{method: "PATCH", path: ev1, token: coord.token, body: "venue=x", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
		bad := c.call(422, req{method: "POST", path: "/api/v1/organizations", token: aru.token, body: map[string]any{"name": map[string]string{"kk": "Қамқор"}, "bin": "000740000729"}, header: map[string]string{"Accept-Language": "en"}})
		if bad.header.Get("Content-Language") != "en" || bad.body["errors"].([]any)[0].(map[string]any)["field"] != "bin" {
			t.Fatalf("a bad BIN: %v %s", bad.header, bad.raw)
		}
		c.call(422, req{method: "GET", path: "/api/v1/events/abc"})
		c.call(422, req{method: "GET", path: "/api/v1/events?limit=100000"})
		c.call(422, req{method: "POST", path: events, token: coord.token, body: map[string]any{
			"direction": "ecology", "title": map[string]string{"en": "x"}, "venue": map[string]string{"kk": "x"}, "district": "medeu", "starts_at": "2027-02-30T10:00", "ends_at": "2027-03-01T10:00"}})
		c.call(422, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", big), token: ben.token, header: key})

		// a mentoring programme: a round, applications, the match with a pin, publishing, answers
		mentoringFlow(t, c, orgID, coord, fo, aru, ben)

		// every route was answered and checked
		for _, rt := range a.srv.Config.Handler.(*Server).routes {
			if len(c.calls[rt.method+" "+rt.pattern]) == 0 {
				t.Errorf("the flow never calls %s %s", rt.method, rt.pattern)
			}
		}

		// and the check itself catches drift
		hr := c.a.request(req{method: "GET", path: ev1})
		good := c.a.do(req{method: "GET", path: ev1})
		if msg := c.validate(hr, good); msg != "" {
			t.Fatalf("a good answer fails: %s", msg)
		}
		drifted := func(change func(m map[string]any)) reply {
			var m map[string]any
			json.Unmarshal(good.raw, &m)
			change(m)
			raw, _ := json.Marshal(m)
			return reply{status: good.status, header: good.header, raw: raw}
		}
		for name, r := range map[string]reply{
			"an extra field":         drifted(func(m map[string]any) { m["colour"] = "green" }),
			"a missing field":        drifted(func(m map[string]any) { delete(m, "venue") }),
			"a field of a new type":  drifted(func(m map[string]any) { m["min_age"] = "14" }),
			"a time in UTC":          drifted(func(m map[string]any) { m["starts_at"] = start.UTC().Format(time.RFC3339) }),
			"a nested drift":         drifted(func(m map[string]any) { m["shifts"].([]any)[0].(map[string]any)["seats"] = 1 }),
			"an undocumented status": {status: http.StatusTeapot, header: good.header, raw: good.raw},
			"another content type":   {status: good.status, header: http.Header{"Content-Type": {"text/html"}}, raw: good.raw},
		} {
			if c.validate(hr, r) == "" {
				t.Errorf("the check lets %s through", name)
			}
		}
	})
}

// mentoringFlow calls every mentoring operation: coord (a member of orgID) runs a programme; aru
// applies as a mentee, ben (of another organization) as a mentor, and they answer their pair.
func mentoringFlow(t *testing.T, c *contract, orgID int64, coord, fo, aru, ben person) {
	t.Helper()
	c.call(200, req{method: "GET", path: "/api/v1/mentoring/programmes"})
	programmes := fmt.Sprintf("/api/v1/organizations/%d/mentoring-programmes", orgID)
	prog := c.call(201, req{method: "POST", path: programmes, token: coord.token, body: map[string]any{
		"name": map[string]string{"kk": "Ұрпақтар диалогы", "ru": "Диалог поколений", "en": "Dialogue of Generations"}, "prefer_silver": true,
		"question": map[string]string{"ru": "Чему вы хотите научиться или научить?"}}})
	c.call(422, req{method: "POST", path: programmes, token: coord.token, body: map[string]any{"name": map[string]string{"kk": "Диалог"}, "travel_km": 500}})
	c.call(403, req{method: "POST", path: programmes, token: aru.token, body: map[string]any{"name": map[string]string{"kk": "Диалог"}}})
	progPath := fmt.Sprintf("/api/v1/mentoring/programmes/%d", id(prog))
	now := c.a.clock.now().In(domain.Almaty()).Truncate(time.Minute)
	rounds := progPath + "/rounds"
	round := c.call(201, req{method: "POST", path: rounds, token: coord.token, body: map[string]any{
		"name": map[string]string{"en": "Spring"}, "opens_at": now.Add(-time.Hour).Format(time.RFC3339), "closes_at": now.Add(24 * time.Hour).Format("2006-01-02T15:04"),
		"match_on": now.Add(48 * time.Hour).Format(time.RFC3339), "weeks": 12, "themes": []string{"career", "digital"}}})
	c.call(422, req{method: "POST", path: rounds, token: coord.token, body: map[string]any{
		"name": map[string]string{"en": "Backwards"}, "opens_at": now.Format(time.RFC3339), "closes_at": now.Add(-time.Hour).Format(time.RFC3339),
		"match_on": now.Format(time.RFC3339), "weeks": 0, "themes": []string{"astrology"}}})
	c.call(403, req{method: "POST", path: rounds, token: ben.token, body: map[string]any{}})
	if p := c.call(200, req{method: "GET", path: progPath}); len(p.body["rounds"].([]any)) != 1 {
		t.Fatalf("programme: %s", p.raw)
	}
	roundPath := fmt.Sprintf("/api/v1/mentoring/rounds/%d", id(round))
	c.call(200, req{method: "GET", path: roundPath})
	c.call(404, req{method: "GET", path: "/api/v1/mentoring/rounds/987654"})
	apply := roundPath + "/applications"
	mentor := c.call(201, req{method: "POST", path: apply, token: ben.token, body: map[string]any{
		"role": "mentor", "languages": []string{"kk", "ru"}, "district": "almaly", "mode": "both", "themes": []string{"career"},
		"slots": []string{"tue_evening"}, "capacity": 2, "answer": "Инженер, 40 лет стажа"}})
	if mentor.body["silver"] != true || mentor.body["age_band"] != "55+" {
		t.Fatalf("the mentor's application: %s", mentor.raw)
	}
	mentee := c.call(201, req{method: "POST", path: apply, token: aru.token, body: map[string]any{
		"role": "mentee", "languages": []string{"ru"}, "district": "medeu", "mode": "online", "themes": []string{"career", "digital"}, "slots": []string{"tue_evening", "sat_morning"}}})
	bad := c.call(422, req{method: "POST", path: apply, token: coord.token, header: map[string]string{"Accept-Language": "ru"}, body: map[string]any{
		"role": "mentor", "languages": []string{"kk"}, "district": "almaly", "mode": "both", "themes": []string{"career"}, "slots": []string{"tue_evening"}, "capacity": 9}})
	if f := bad.body["errors"].([]any)[0].(map[string]any); f["field"] != "capacity" || !strings.Contains(f["message"].(string), "от 1 до 5") {
		t.Fatalf("a capacity of 9: %s", bad.raw)
	}
	c.call(409, req{method: "POST", path: apply, token: aru.token, body: map[string]any{
		"role": "mentor", "languages": []string{"ru"}, "district": "medeu", "mode": "online", "themes": []string{"career"}, "slots": []string{"tue_evening"}, "capacity": 1}})
	c.call(400, req{method: "POST", path: apply, token: aru.token, body: map[string]any{"role": "mentee", "hobby": "chess"}})
	c.call(200, req{method: "GET", path: apply, token: coord.token})
	c.call(403, req{method: "GET", path: apply, token: aru.token})
	verify := fmt.Sprintf("/api/v1/mentoring/applications/%d/verification", id(mentor))
	if v := c.call(200, req{method: "POST", path: verify, token: coord.token, body: map[string]any{"verified": true}}); v.body["verified"] != true {
		t.Fatalf("verify: %s", v.raw)
	}
	c.call(422, req{method: "POST", path: fmt.Sprintf("/api/v1/mentoring/applications/%d/verification", id(mentee)), token: coord.token, body: map[string]any{"verified": true}})
	match, pairs, rules, publish := roundPath+"/match", roundPath+"/pairs", roundPath+"/rules", roundPath+"/publish"
	c.call(409, req{method: "POST", path: match, token: coord.token}) // the window is open
	c.a.at(now.Add(49*time.Hour), func() { closedRound(t, c, id(mentor), id(mentee), match, pairs, rules, publish, aru, ben, coord, fo) })
	afterTheMatch(t, c, now, progPath, aru, ben, coord)
}

// afterTheMatch is the end of mentoringFlow: aru's accepted pair logs a meeting and, once the
// round's 12 weeks are over, both give feedback; the coordinator reads the programme's figures.
func afterTheMatch(t *testing.T, c *contract, now time.Time, progPath string, aru, ben, coord person) {
	t.Helper()
	var pairID int64
	var meetings string
	c.a.at(now.Add(50*time.Hour), func() {
		mine := c.call(200, req{method: "GET", path: "/api/v1/me/mentoring", token: aru.token})
		pairID = int64(mine.body["pairs"].([]any)[0].(map[string]any)["id"].(float64))
		meetings = fmt.Sprintf("/api/v1/mentoring/pairs/%d/meetings", pairID)
		logged := c.call(201, req{method: "POST", path: meetings, token: aru.token, body: map[string]any{
			"held_at": now.Add(49*time.Hour + 30*time.Minute).Format(time.RFC3339), "minutes": 60, "topic": "Карьера в IT", "online": true}})
		if logged.header.Get("Location") != meetings {
			t.Fatalf("a meeting: %v %s", logged.header, logged.raw)
		}
		c.call(422, req{method: "POST", path: meetings, token: aru.token, body: map[string]any{
			"held_at": now.Add(60 * time.Hour).Format(time.RFC3339), "minutes": 5, "topic": ""}})
		c.call(404, req{method: "POST", path: meetings, token: coord.token, body: map[string]any{
			"held_at": now.Add(49 * time.Hour).Format(time.RFC3339), "minutes": 60, "topic": "x", "online": true}})
		if list := c.call(200, req{method: "GET", path: meetings, token: ben.token}); len(list.body["items"].([]any)) != 1 {
			t.Fatalf("meetings: %s", list.raw)
		}
		c.call(200, req{method: "GET", path: meetings, token: coord.token}) // a coordinator of the programme reads them
		c.call(422, req{method: "POST", path: fmt.Sprintf("/api/v1/mentoring/pairs/%d/feedback", pairID), token: aru.token, body: map[string]any{"rating": 5}})
	})
	feedback := fmt.Sprintf("/api/v1/mentoring/pairs/%d/feedback", pairID)
	c.a.at(now.Add(48*time.Hour+12*7*24*time.Hour+time.Hour), func() {
		// twelve weeks on, the tokens of then have expired: new ones, with a code for those with a role
		fresh := func(p *person, withCode bool) {
			body := map[string]any{"email": p.Email, "password": "Ақ жол 2026!"}
			if withCode {
				body["totp_code"] = c.a.code(*p)
			}
			p.token = c.call(200, req{method: "POST", path: "/api/v1/auth/token", body: body}).body["token"].(string)
		}
		fresh(&aru, false)
		fresh(&ben, true)
		fresh(&coord, true)
		c.call(201, req{method: "POST", path: feedback, token: aru.token, body: map[string]any{"rating": 5, "comment": "Спасибо!"}})
		c.call(409, req{method: "POST", path: feedback, token: aru.token, body: map[string]any{"rating": 4}})
		c.call(201, req{method: "POST", path: feedback, token: ben.token, body: map[string]any{"rating": 4}})
		figures := c.call(200, req{method: "GET", path: progPath + "/figures", token: coord.token})
		f := figures.body["items"].([]any)[0].(map[string]any)
		if f["pairs"] != float64(1) || f["meetings"] != float64(1) || f["completion_rate"] != float64(1) || f["average_rating"] != 4.5 {
			t.Fatalf("figures: %s", figures.raw)
		}
		c.call(403, req{method: "GET", path: progPath + "/figures", token: aru.token})
	})
}

// closedRound is the rest of mentoringFlow, once the round's window has closed.
func closedRound(t *testing.T, c *contract, mentor, mentee int64, match, pairs, rules, publish string, aru, ben, coord, fo person) {
	t.Helper()
	if run := c.call(200, req{method: "POST", path: match, token: fo.token}); run.body["pairs"] != float64(1) || run.header.Get("Location") != pairs {
		t.Fatalf("the match: %v %s", run.header, run.raw)
	}
	got := c.call(200, req{method: "GET", path: pairs, token: coord.token, header: map[string]string{"Accept-Language": "en"}})
	pair := got.body["pairs"].([]any)[0].(map[string]any)
	if why := pair["explanation"].(string); !strings.Contains(why, "both speak Russian") || !strings.Contains(why, "both chose Career") || !strings.Contains(why, "Tuesday evening") {
		t.Fatalf("why the pair: %q", why)
	}
	c.call(204, req{method: "PUT", path: rules, token: coord.token, body: map[string]any{"mentor_application_id": mentor, "mentee_application_id": mentee, "kind": "pin"}})
	c.call(422, req{method: "PUT", path: rules, token: coord.token, body: map[string]any{"mentor_application_id": mentee, "mentee_application_id": mentor, "kind": "pin"}})
	c.call(422, req{method: "PUT", path: rules, token: coord.token, body: map[string]any{"mentor_application_id": mentor, "mentee_application_id": mentee, "kind": "marry"}})
	c.call(403, req{method: "PUT", path: rules, token: aru.token, body: map[string]any{"mentor_application_id": mentor, "mentee_application_id": mentee, "kind": "forbid"}})
	c.call(200, req{method: "POST", path: match, token: coord.token})
	if p := c.call(200, req{method: "POST", path: publish, token: coord.token}); p.body["published"] != float64(1) {
		t.Fatalf("publish: %s", p.raw)
	}
	c.call(409, req{method: "POST", path: publish, token: coord.token})
	mine := c.call(200, req{method: "GET", path: "/api/v1/me/mentoring", token: aru.token})
	myPair := mine.body["pairs"].([]any)[0].(map[string]any)
	answer := fmt.Sprintf("/api/v1/mentoring/pairs/%d/answer", int64(myPair["id"].(float64)))
	c.call(404, req{method: "POST", path: answer, token: coord.token, body: map[string]any{"accept": true}})
	c.call(422, req{method: "POST", path: answer, token: aru.token, body: map[string]any{}})
	c.call(200, req{method: "POST", path: answer, token: aru.token, body: map[string]any{"accept": true}})
	c.call(409, req{method: "POST", path: answer, token: aru.token, body: map[string]any{"accept": false}})
	if a := c.call(200, req{method: "POST", path: answer, token: ben.token, body: map[string]any{"accept": true}}); a.body["status"] != "accepted" {
		t.Fatalf("both accept: %s", a.raw)
	}
	if mine := c.call(200, req{method: "GET", path: "/api/v1/me/mentoring", token: aru.token}); !strings.Contains(string(mine.raw), ben.Email) {
		t.Fatalf("the partner's address once both accepted: %s", mine.raw)
	}
}
