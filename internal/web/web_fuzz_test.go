package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"erikti/internal/domain"
	"erikti/internal/locale"
)

// The fuzz targets of the web package's parsers of outside input: JSON bodies, form bodies, query
// filters, headers, path parameters and redirect targets. FuzzServer (server_fuzz_test.go) sends
// whole requests. scripts/fuzz.sh runs each target for a while; the seeds run with every go test.

// fuzzBundle is the messages, loaded once per process.
var fuzzBundle = sync.OnceValues(locale.Load)

// fuzzView is a page view in lang with nothing but the messages behind it.
func fuzzView(t testing.TB, lang string, r *http.Request) *view {
	msgs, err := fuzzBundle()
	if err != nil {
		t.Fatal(err)
	}
	return &view{s: &Server{msgs: msgs}, r: r, Lang: lang}
}

// wantInvalid fails unless err is a *domain.Error with code Invalid naming only fields among known.
func wantInvalid(t *testing.T, err error, known ...string) {
	t.Helper()
	var e *domain.Error
	if !errors.As(err, &e) || e.Code != domain.Invalid || len(e.Fields) == 0 {
		t.Fatalf("error %v (%T) is not a domain error of code invalid naming a field", err, err)
	}
	for _, f := range e.Fields {
		if !slices.Contains(known, f.Field) || f.Key == "" {
			t.Fatalf("error %v names field %q (key %q), not one of %q", err, f.Field, f.Key, known)
		}
	}
}

// decisionInput is the body of POST /api/v1/organizations/{id}/verify.
type decisionInput struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
}

var (
	// every field domain.Event.Validate can name: a text's own language among them (venue.kk)
	eventFields = []string{"direction", "title", "title.kk", "title.ru", "title.en", "description", "description.kk",
		"description.ru", "description.en", "venue", "venue.kk", "venue.ru", "venue.en", "address", "address.kk", "address.ru",
		"address.en", "lat", "lon", "district", "starts_at", "ends_at", "accessibility", "min_age", "status"}
	shiftFields = []string{"role", "role.kk", "role.ru", "role.en", "starts_at", "ends_at", "capacity"}
)

// decodeTarget is one input struct of the API: decode reads a body into a fresh one, then check
// runs what the handler runs next on what was read.
type decodeTarget struct {
	name       string
	fresh      func() any
	allowEmpty bool
	check      func(t *testing.T, v any)
}

var decodeTargets = []decodeTarget{
	{"event", func() any { return new(eventInput) }, false, func(t *testing.T, v any) {
		in := v.(*eventInput)
		for _, frontOffice := range []bool{false, true} {
			e := domain.Event{OrgID: 1, Status: domain.EventDraft}
			var p domain.Problems
			if err := in.apply(&e, &p, frontOffice); err != nil {
				var de *domain.Error
				if !errors.As(err, &de) || de.Code != domain.Forbidden || frontOffice || in.CityProgramme == nil {
					t.Fatalf("apply (front office %v): %v", frontOffice, err)
				}
				continue
			}
			if err := p.Err(); err != nil {
				wantInvalid(t, err, "project_id", "starts_at", "ends_at")
				continue
			}
			if err := e.Validate(); err != nil {
				wantInvalid(t, err, eventFields...)
			}
			if in.Shifts == nil {
				continue
			}
			for _, si := range *in.Shifts {
				var sh domain.Shift
				var sp domain.Problems
				si.apply(&sh, &sp)
				if err := sp.Err(); err != nil {
					wantInvalid(t, err, "starts_at", "ends_at")
				} else if err := sh.Validate(&e); err != nil {
					wantInvalid(t, err, shiftFields...)
				}
			}
		}
	}},
	{"shift", func() any { return new(shiftInput) }, false, func(t *testing.T, v any) {
		sh := domain.Shift{Capacity: 1}
		var p domain.Problems
		v.(*shiftInput).apply(&sh, &p)
		if err := p.Err(); err != nil {
			wantInvalid(t, err, "starts_at", "ends_at")
		} else if err := sh.Validate(nil); err != nil {
			wantInvalid(t, err, shiftFields...)
		}
	}},
	{"registration", func() any { return new(registrationInput) }, false, func(t *testing.T, v any) {
		r := v.(*registrationInput).registration()
		if _, _, err := r.Validate(time.Date(2026, 3, 5, 10, 0, 0, 0, domain.Almaty())); err != nil {
			wantInvalid(t, err, "email", "password", "name", "birth_date", "locale", "accept_privacy_policy")
		}
	}},
	{"organization", func() any { return new(orgInput) }, false, func(t *testing.T, v any) {
		o := v.(*orgInput).organization()
		if err := o.Validate(); err != nil {
			wantInvalid(t, err, "name", "description", "email", "phone", "website", "bin")
		}
	}},
	{"decision", func() any { return new(decisionInput) }, true, func(t *testing.T, v any) {
		in := v.(*decisionInput)
		if _, err := domain.Decision(in.Status, in.Reason); err != nil {
			wantInvalid(t, err, "status", "reason")
		}
	}},
	{"signup", func() any { return new(struct{}) }, true, func(*testing.T, any) {}},
}

// decodeBody runs decode on body sent with Content-Type ct into dst.
func decodeBody(t *testing.T, body, ct string, dst any, allowEmpty bool) error {
	t.Helper()
	r, err := http.NewRequest("POST", "/api/v1/x", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	w := httptest.NewRecorder()
	err = decode(w, r, dst, allowEmpty)
	if w.Body.Len() > 0 || w.Flushed || len(w.Header()) > 0 {
		t.Fatalf("decode wrote an answer: %d %q %v", w.Code, w.Body, w.Header())
	}
	return err
}

// FuzzDecode: decode never panics on any body and Content-Type; it fails only with a 4xx request
// error naming a field; what it accepts is one JSON value with known fields, reads back the same
// when written again, and goes through the handler's next steps (apply, Validate) failing only
// with an invalid error naming the input's own fields.
func FuzzDecode(f *testing.F) {
	for _, body := range []string{
		`{"direction":"ecology","title":{"kk":"Көктемгі сенбілік","en":"Spring clean-up"},"description":{"ru":"Уборка"},` +
			`"venue":{"kk":"Орталық саябақ"},"district":"medeu","starts_at":"2026-04-18T10:00:00+05:00","ends_at":"2026-04-18T14:00",` +
			`"accessibility":["wheelchair","seating"],"min_age":14,"silver":true,"status":"published","project_id":1,` +
			`"city_programme":true,"shifts":[{"role":{"kk":"Көмекші"},"starts_at":"2026-04-18T10:00","ends_at":"2026-04-18T12:00","capacity":20}]}`,
		`{"role":{"en":"Steward"},"starts_at":"2026-04-18 10:00","ends_at":"2026-04-18T09:00:00Z","capacity":100001}`,
		`{"email":"Aigerim@Example.KZ","password":"Ақ жол 2026!","name":"Айгерім","birth_date":"1996-02-03","locale":"kk","accept_privacy_policy":true}`,
		`{"name":"Жасыл Алматы","description":"Экологиялық клуб","email":"club@example.kz","website":"https://example.kz","bin":"000740000728"}`,
		`{"status":"suspended","reason":"Жалған БСН"}`,
		``, ` `, `null`, `{}`, `[]`, `"x"`, `1`, `{"title":"x"}`, `{"min_age":1e2}`, `{"min_age":99999999999999999999}`,
		`{"capacity":-1}`, `{"shifts":[null]}`, `{"shifts":{}}`, `{"unknown":1}`, `{"":1}`, `{"a":1} {"b":2}`, `{} []`, `{}x`,
		`{"email":"x"}garbage`, `{"email":"\ud800"}`, `{"email":"x","email":"y"}`, `{"EMAIL":"case@example.kz"}`,
		`{"title":{"kk":1}}`, "{\"name\":\"\xff\"}", `{"status":"cancelled"}`, `{"project_id":-5}`, `{"email":null}`,
		`{"starts_at":"0000-01-01T00:00:00+01:00","ends_at":"9999-12-31T23:59:59-01:00"}`, `[{"email":"x"}]`, `{`, `}`,
	} {
		f.Add(body, "application/json")
	}
	for _, ct := range []string{"application/json; charset=utf-8", "application/merge-patch+json", "text/plain", "",
		"application/json; charset", "multipart/form-data; boundary=x", "APPLICATION/JSON", "application/jsonx"} {
		f.Add(`{"status":"verified"}`, ct)
	}
	f.Fuzz(func(t *testing.T, body, ct string) {
		for _, target := range decodeTargets {
			dst := target.fresh()
			err := decodeBody(t, body, ct, dst, target.allowEmpty)
			if err != nil {
				var re *requestError
				if !errors.As(err, &re) || re.status < 400 || re.status > 499 || re.err == nil || re.err.Code != domain.Invalid || len(re.err.Fields) != 1 {
					t.Fatalf("decode into %s: %v (%T) is not a request error of status 4xx naming one field", target.name, err, err)
				}
				continue
			}
			if strings.TrimSpace(body) != "" && !json.Valid([]byte(body)) {
				t.Fatalf("decode into %s accepts %q, which is not one JSON value", target.name, body)
			}
			again, err := json.Marshal(dst)
			if err != nil {
				t.Fatalf("decode into %s: %v", target.name, err)
			}
			dst2 := target.fresh()
			if err := decodeBody(t, string(again), "application/json", dst2, false); err != nil || !reflect.DeepEqual(dst, dst2) {
				t.Fatalf("decode into %s: %q read as %+v, written %s, reads back as %+v, %v", target.name, body, dst, again, dst2, err)
			}
			target.check(t, dst)
		}
	})
}

// filterFields are the query parameters eventFilter may report.
var filterFields = []string{"direction", "district", "q", "access", "silver", "free", "from", "to"}

// FuzzEventFilter: eventFilter never panics on any query string; a problem names one of its
// parameters; a filter without problems has a known direction and district or none, known
// accessibility features, a trimmed search of at most 200 characters, the booleans as given, and
// bounds in UTC.
func FuzzEventFilter(f *testing.F) {
	for _, q := range []string{
		"", "direction=ecology&district=medeu&q=сенбілік&access=wheelchair&access=seating&silver=true&free=1&from=2026-03-01&to=2026-03-31",
		"direction=Ecology", "district=", "direction=ecology&direction=bogus", "q=" + strings.Repeat("ж", 201), "q=%20%20a%20",
		"access=wheelchair&access=lift", "silver=yes", "free=T", "from=2026-02-30", "from=2026-03-05T10:00&to=2026-03-05T09:00",
		"to=9999-12-31", "from=0000-01-01", "cursor=MTc3MjY4NjgwMDox&limit=20", "q=%ZZ", "a=1;b=2", "q=%00%FF", "from=2026-03-05T10:00:00Z",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, _ := url.ParseQuery(raw) // what the handlers get: the pairs that parse
		var p domain.Problems
		flt := eventFilter(q, &p)
		if err := p.Err(); err != nil {
			wantInvalid(t, err, filterFields...)
			return
		}
		if flt.Direction != "" && !domain.IsDirection(flt.Direction) || flt.District != "" && !domain.IsDistrict(flt.District) {
			t.Fatalf("query %q gives direction %q and district %q", raw, flt.Direction, flt.District)
		}
		for _, a := range flt.Accessibility {
			if !domain.IsAccessibilityFeature(a) {
				t.Fatalf("query %q gives accessibility %q", raw, flt.Accessibility)
			}
		}
		if flt.Query != strings.TrimSpace(flt.Query) || utf8.RuneCountInString(flt.Query) > 200 || flt.Query != strings.TrimSpace(q.Get("q")) {
			t.Fatalf("query %q gives search %q", raw, flt.Query)
		}
		for name, got := range map[string]bool{"silver": flt.Silver, "free": flt.FreePlaces} {
			want, _ := strconv.ParseBool(q.Get(name))
			if got != want {
				t.Fatalf("query %q gives %s %v", raw, name, got)
			}
		}
		for _, b := range []time.Time{flt.From, flt.To} {
			if !b.IsZero() && b.Location() != time.UTC {
				t.Fatalf("query %q gives bound %v, not in UTC", raw, b)
			}
		}
		if flt.Cursor != q.Get("cursor") {
			t.Fatalf("query %q gives cursor %q", raw, flt.Cursor)
		}
	})
}

// FuzzForm: postedForm never panics on any form body and fails only with a 4xx request error; the
// form gives each value trimmed; field never sends a password back; a registration or profile
// made of the form (as registerSubmit and profileSubmit make them) that is refused comes back
// with each error beside its field and listed once in the summary.
func FuzzForm(f *testing.F) {
	for _, body := range []string{
		"email=aigerim%40example.kz&password=%D0%90%D2%9B+%D0%B6%D0%BE%D0%BB+2026%21&name=%D0%90%D0%B9%D0%B3%D0%B5%D1%80%D1%96%D0%BC&birth_date=1996-02-03&locale=kk&accept_privacy_policy=1&next=%2Fprogramme",
		"email=&password=&name=+&birth_date=1996-02-30&locale=de&accept_privacy_policy=on",
		"district=medeu&university=+%D2%9A%D0%B0%D0%B7%D2%B0%D0%A3+&languages=kk&languages=ru&languages=kk&skills=first+aid&accessibility_needs=",
		"district=mars&languages=klingon&name=&locale=",
		"direction=ecology&direction=&access=wheelchair", "", "=", "&&&", "a=%ZZ", "a;b=c", "password=secret&password=other",
		"f%5B0%5D.x=1&f[1]=2", "%00=%00", "next=%2F%2Fevil.example",
	} {
		f.Add(body, uint8(0))
	}
	f.Add("email=a%40b.kz", uint8(1))
	f.Add("name=%FF%FE", uint8(2))
	attrSets := [][]string{nil, {"type=password", "required"}, {"type=email", "autocomplete=email", "hint=account.email"},
		{"inputmode=numeric", "min=0", "max=9", "bogus"}}
	now := time.Date(2026, 3, 5, 10, 0, 0, 0, domain.Almaty())
	f.Fuzz(func(t *testing.T, body string, lang uint8) {
		r, err := http.NewRequest("POST", "/register", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		fm, err := postedForm(httptest.NewRecorder(), r)
		if err != nil {
			var re *requestError
			if !errors.As(err, &re) || re.status != http.StatusBadRequest && re.status != http.StatusRequestEntityTooLarge {
				t.Fatalf("postedForm(%q): %v (%T)", body, err, err)
			}
			return
		}
		v := fuzzView(t, domain.Languages()[int(lang)%3], r)
		v.Form = fm
		names := make([]string, 0, len(fm.Values))
		for name := range fm.Values {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			if fm.Get(name) != strings.TrimSpace(fm.Values.Get(name)) {
				t.Fatalf("form %q: Get(%q) = %q", body, name, fm.Get(name))
			}
			attrs := attrSets[i%len(attrSets)]
			fd := fm.field(v, name, "account.email", attrs)
			switch {
			case fd.Name != name || fd.ID != fieldID(name):
				t.Fatalf("form %q: field %q is %+v", body, name, fd)
			case slices.Contains(attrs, "type=password") && fd.Value != "":
				t.Fatalf("form %q: password field %q sends back %q", body, name, fd.Value)
			case !slices.Contains(attrs, "type=password") && fd.Value != fm.Values.Get(name):
				t.Fatalf("form %q: field %q shows %q", body, name, fd.Value)
			case strings.ContainsAny(fd.ID, ".[]") || (fd.ID == "main") != (name == ""):
				t.Fatalf("form %q: field %q has id %q", body, name, fd.ID)
			}
		}
		for i, c := range v.Select("direction", "programme.direction", "directions", "programme.any").Choices {
			if i > 0 && c.Selected != fm.Has("direction", c.Value) {
				t.Fatalf("form %q: choice %q selected %v", body, c.Value, c.Selected)
			}
		}
		reg := domain.Registration{Email: fm.Get("email"), Password: fm.Values.Get("password"), Name: fm.Get("name"),
			BirthDate: fm.Get("birth_date"), Locale: fm.Get("locale"), AcceptPrivacyPolicy: fm.Get("accept_privacy_policy") == "1"}
		if _, _, err := reg.Validate(now); err != nil {
			checkTaken(t, v, newForm(fm.Values), err, nil)
		}
		prof := domain.Profile{District: fm.Get("district"), University: fm.Get("university"), Languages: fm.Values["languages"],
			Skills: strings.TrimSpace(fm.Values.Get("skills")), AccessibilityNeeds: strings.TrimSpace(fm.Values.Get("accessibility_needs"))}
		if err := prof.Validate(); err != nil {
			checkTaken(t, v, newForm(fm.Values), err, func(s string) string { return "profile." + s })
		}
		for _, err := range []error{errors.New("disk full"), domain.Errorf(domain.Internal, "error.internal", nil),
			domain.Errorf(domain.Unauthorized, "auth.sign_in", nil)} {
			if got := newForm(fm.Values).take(v, err, nil); got != err {
				t.Fatalf("take(%v) = %v, want the error back", err, got)
			}
		}
	})
}

// checkTaken fails unless the form takes the domain error err as the reader's mistake: each field
// error beside its (renamed) field, each field once in the summary.
func checkTaken(t *testing.T, v *view, fm *form, err error, rename func(string) string) {
	t.Helper()
	if got := fm.take(v, err, rename); got != nil {
		t.Fatalf("take(%v) = %v", err, got)
	}
	var e *domain.Error
	errors.As(err, &e)
	if !fm.Failed() || len(fm.Issues) != len(fm.Errors) {
		t.Fatalf("take(%v): %d issues, %d errors", err, len(fm.Issues), len(fm.Errors))
	}
	for _, fe := range e.Fields {
		name := fe.Field
		if rename != nil {
			name = rename(name)
		}
		if fm.Errors[name] == "" {
			t.Fatalf("take(%v): no message beside %q", err, name)
		}
	}
	for _, is := range fm.Issues {
		if is.ID != fieldID(is.Field) || is.Text == "" {
			t.Fatalf("take(%v): summary line %+v", err, is)
		}
	}
}

// FuzzIdempotencyKey: checkIdempotencyKey accepts exactly the keys of at most 200 visible ASCII
// characters (none, too, meaning no key), and refuses the rest as an invalid Idempotency-Key.
func FuzzIdempotencyKey(f *testing.F) {
	for _, k := range []string{"", "9f0c-ben-1", "contract-ben-1", strings.Repeat("k", 200), strings.Repeat("k", 201), "with space",
		"tab\t", "ключ", "~!@#$%^&*()_+{}|:\"<>?", "\x7f", "\x00"} {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, k string) {
		err := checkIdempotencyKey(k)
		want := len(k) <= 200
		for i := 0; i < len(k); i++ {
			want = want && k[i] > ' ' && k[i] < 0x7f
		}
		if (err == nil) != want {
			t.Fatalf("checkIdempotencyKey(%q) = %v", k, err)
		}
		if err != nil {
			wantInvalid(t, err, "Idempotency-Key")
		}
	})
}

// FuzzTokenParam: the secret of a mailed link is taken exactly when it is 1 to 100 URL-safe base64
// letters (after trimming spaces); anything else is refused as an invalid or missing token.
func FuzzTokenParam(f *testing.F) {
	for _, k := range []string{"", "  ", "pn5aeW7NgIQJP5R8mM5WeSEJN-FjiR0kpLsWHybpi6I", strings.Repeat("a", 100), strings.Repeat("a", 101),
		"a b", "токен", "a%2Fb", "a\x00", "\x00", " padded "} {
		f.Add(k)
	}
	f.Fuzz(func(t *testing.T, k string) {
		var p domain.Problems
		got := tokenParam(&p, k)
		trimmed := strings.TrimSpace(k)
		want := trimmed != "" && len(trimmed) <= 100
		for _, r := range trimmed {
			want = want && (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_')
		}
		err := p.Err()
		if (err == nil) != want || got != trimmed {
			t.Fatalf("tokenParam(%q) = %q, %v", k, got, err)
		}
		if err != nil {
			wantInvalid(t, err, "token")
		}
	})
}

// FuzzPathID: through a real mux, pathID never panics on any path segment and gives exactly the
// positive decimal ids, refusing the rest as an invalid id; the mux itself never answers 5xx.
func FuzzPathID(f *testing.F) {
	for _, seg := range []string{"1", "42", "0", "-1", "+7", "007", "9223372036854775807", "9223372036854775808", "1e3", "0x10",
		"%31", "1%2F2", "..", "1/", "1?x=2", "1#f", "١", " 1", "%00", "%zz"} {
		f.Add(seg)
	}
	f.Fuzz(func(t *testing.T, seg string) {
		mux := http.NewServeMux()
		called := false
		mux.HandleFunc("GET /x/{id}", func(w http.ResponseWriter, r *http.Request) {
			called = true
			raw := r.PathValue("id")
			id, err := pathID(r, "id")
			want, perr := strconv.ParseInt(raw, 10, 64)
			switch {
			case perr == nil && want > 0 && (err != nil || id != want):
				t.Fatalf("path %q: pathID = %d, %v; want %d", r.URL.Path, id, err, want)
			case (perr != nil || want <= 0) && err == nil:
				t.Fatalf("path %q: pathID = %d for %q", r.URL.Path, id, raw)
			case err != nil:
				wantInvalid(t, err, "id")
			}
		})
		r, err := http.NewRequest("GET", "http://erikti.example/x/"+seg, nil)
		if err != nil {
			return // not a URL a client can send
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code >= 500 || !called && w.Code == http.StatusOK {
			t.Fatalf("GET /x/%s: %d %q", seg, w.Code, w.Body)
		}
	})
}

// browserLocal reports whether a browser that gets loc in a Location header stays on erikti. It
// reads loc as net/http writes a header (CR and LF become spaces, surrounding white space is
// dropped) and as a browser's URL parser reads it (surrounding C0 controls and spaces dropped, tab,
// CR and LF removed anywhere, a backslash is a slash in an http URL); a path that then starts with
// one slash stays on the same host.
func browserLocal(loc string) bool {
	s := strings.NewReplacer("\r", " ", "\n", " ").Replace(loc)
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(s)
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
}

// FuzzLocalPath: localPath always gives a path that starts with one slash, the one given or "/",
// and a redirect to it (http.Redirect, as the login, registration and language switch do) keeps a
// browser on erikti.
func FuzzLocalPath(f *testing.F) {
	for _, p := range []string{"/", "/me/shifts", "/programme?direction=ecology&from=2026-03-01", "/events/42#shift-7", "",
		"//evil.example", `/\evil.example`, "https://evil.example/", "evil.example", "/%2F%2Fevil.example", "/./evil",
		" /x", "/ /x", "javascript:alert(1)", "/..//evil.example", "/x/../..//evil.example"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		out := localPath(p)
		if !strings.HasPrefix(out, "/") || strings.HasPrefix(out, "//") || strings.HasPrefix(out, `/\`) || out != p && out != "/" {
			t.Fatalf("localPath(%q) = %q", p, out)
		}
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/login", nil)
		http.Redirect(w, r, out, http.StatusSeeOther)
		if loc := w.Header().Get("Location"); !browserLocal(loc) {
			t.Fatalf("localPath(%q) = %q, which redirects a browser off erikti: Location %q", p, out, loc)
		}
	})
}
