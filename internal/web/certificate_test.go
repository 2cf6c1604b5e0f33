package web

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"erikti/internal/certificate/pdftext"
)

func pdfText(t *testing.T, pdf []byte) string { return pdftext.Text(t, pdf) }

// A name with every Kazakh letter: ә ғ қ ң ө ұ ү һ і.
const kazakhName = "Әйгерім Ғалымжанқызы Өтегенова-Ұлықбекқызы, Һ і ү ң"

var (
	pdfLinkRe = regexp.MustCompile(`href="/me/certificates/(\d+)\.pdf"`)
	codeRe    = regexp.MustCompile(`ERK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}`)
)

// A volunteer with approved hours gets a certificate in Kazakh from their hours page: the PDF,
// read back by pdftotext, holds their name letter for letter, the hours and the code; in Russian
// and English it has its own language's title; the public page shows the same facts, and says
// revoked once the Front Office revokes it; an unknown code is a 404 in the reader's language;
// no one else downloads the PDF.
func TestCertificates(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		vol := a.register(kazakhName, "2001-04-05")
		other := a.register("Бекзат Оралов", "1999-09-09")
		signup := id(a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: vol.token}))
		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/signups", w.shiftID), token: other.token})
		a.moveClockTo(w.start.Add(time.Hour)) // hours only once the shift has started

		vb := a.browser("kk")
		vb.signIn(t, vol)
		// no approved hours yet: no form, and a post is refused with the reason, nothing stored
		vb.get("/me/hours").must(t, 200).lacks(t, `action="/me/certificates"`)
		vb.post("/me/certificates", url.Values{"lang": {"kk"}}).must(t, 409).has(t, "Сертификат үшін үйлестіруші растаған сағаттар керек")
		if r := a.must(409, req{method: "POST", path: "/api/v1/me/certificates", token: vol.token, body: map[string]any{"lang": "en"},
			header: map[string]string{"Accept-Language": "en"}}); r.body["code"] != "cert.no_hours" || !strings.Contains(r.body["detail"].(string), "approved") {
			t.Fatalf("no hours: %s", r.raw)
		}

		a.must(201, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/hours", w.shiftID), token: w.coord.token, body: map[string]any{"signup_id": signup, "minutes": 95}})
		a.must(200, req{method: "POST", path: fmt.Sprintf("/api/v1/shifts/%d/hours/approve", w.shiftID), token: w.coord.token})

		vb.get("/me/hours").must(t, 200).has(t, `action="/me/certificates"`, `<option value="kk" selected>`)
		vb.post("/me/certificates", url.Values{"lang": {"de"}}).must(t, 422).has(t, "Қазақ, орыс немесе ағылшын тілін таңдаңыз", `aria-invalid="true"`)
		done := vb.post("/me/certificates", url.Values{"lang": {"kk"}}).must(t, 303)
		if done.location != "/me/hours?done=issued#certificates" {
			t.Fatalf("after issuing: %q", done.location)
		}
		list := vb.get("/me/hours?done=issued").must(t, 200).has(t, "Сертификатыңыз дайын", "1 сағат 35 минут")
		m := pdfLinkRe.FindStringSubmatch(list.body)
		code := codeRe.FindString(list.body)
		if m == nil || code == "" {
			t.Fatalf("no certificate listed: %s", list.body)
		}
		pdf := vb.get("/me/certificates/"+m[1]+".pdf").must(t, 200)
		if pdf.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.header.Get("Content-Disposition"), "attachment;") ||
			!strings.HasPrefix(pdf.body, "%PDF-") {
			t.Fatalf("the PDF: %v", pdf.header)
		}
		text := pdfText(t, []byte(pdf.body))
		for _, want := range []string{kazakhName, "Ерікті сертификаты", "1 сағат 35 минут", code, "Жасыл Алматы", "Көктемгі сенбілік", a.srv.URL + "/certificates/" + code} {
			if !strings.Contains(text, want) {
				t.Errorf("the Kazakh PDF's text lacks %q:\n%s", want, text)
			}
		}
		if !bytes.Contains([]byte(pdf.body), []byte("/Lang (kk)")) {
			t.Errorf("the PDF does not say its language")
		}

		// the same in Russian and English, by the API
		for lang, want := range map[string][]string{"ru": {"Сертификат волонтёра", "1 час 35 минут", "Настоящим подтверждается"},
			"en": {"Volunteer certificate", "1 hour 35 minutes", "This certifies that"}} {
			c := a.must(201, req{method: "POST", path: "/api/v1/me/certificates", token: vol.token, body: map[string]any{"lang": lang}})
			if c.body["lang"] != lang || c.body["total_minutes"] != float64(95) || c.body["name"] != kazakhName {
				t.Fatalf("the %s certificate: %s", lang, c.raw)
			}
			file := a.must(200, req{method: "GET", path: c.body["pdf_url"].(string), token: vol.token})
			if file.header.Get("Content-Type") != "application/pdf" {
				t.Fatalf("the %s PDF: %v", lang, file.header)
			}
			got := pdfText(t, file.raw)
			for _, s := range append(want, kazakhName, c.body["code"].(string)) {
				if !strings.Contains(got, s) {
					t.Errorf("the %s PDF's text lacks %q:\n%s", lang, s, got)
				}
			}
			a.must(404, req{method: "GET", path: c.body["pdf_url"].(string), token: other.token})
		}
		if mine := a.must(200, req{method: "GET", path: "/api/v1/me/certificates", token: vol.token}); len(mine.body["items"].([]any)) != 3 {
			t.Fatalf("my certificates: %s", mine.raw)
		}

		// someone else's PDF is not found
		ob := a.browser("kk")
		ob.signIn(t, other)
		ob.get("/me/certificates/"+m[1]+".pdf").must(t, 404)
		ob.get("/me/certificates/"+m[1]).must(t, 404)

		// the public page: the same facts, valid, not indexed; typed in lower case it goes to its one address
		anon := a.browser("kk")
		page := anon.get("/certificates/"+code).must(t, 200).has(t, kazakhName, "1 сағат 35 минут", "Жасыл Алматы", "Көктемгі сенбілік",
			"Жарамды.", `<meta name="robots" content="noindex">`)
		if page.header.Get("X-Robots-Tag") != "noindex" {
			t.Errorf("the page's X-Robots-Tag: %q", page.header.Get("X-Robots-Tag"))
		}
		page.lacks(t, vol.Email, "2001")
		if p := anon.get("/certificates/"+strings.ToLower(code)).must(t, 301); p.location != "/certificates/"+code {
			t.Fatalf("a lower-case code went to %q", p.location)
		}
		anon.get("/certificates").must(t, 200).has(t, `name="code"`, `action="/certificates"`)
		if p := anon.get("/certificates?code="+url.QueryEscape(strings.ToLower(strings.ReplaceAll(code[4:], "-", " ")))).must(t, 303); p.location != "/certificates/"+code {
			t.Fatalf("the form went to %q", p.location)
		}
		pub := a.must(200, req{method: "GET", path: "/api/v1/certificates/" + code})
		if pub.body["state"] != "valid" || pub.body["name"] != kazakhName || pub.body["total_minutes"] != float64(95) || pub.body["id"] != nil || pub.body["pdf_url"] != nil {
			t.Fatalf("the public API: %s", pub.raw)
		}

		// an unknown or malformed code: 404 in the reader's language, with the form to type it again
		for lang, want := range map[string]string{"kk": "Мұндай кодпен сертификат жоқ", "ru": "Сертификата с таким кодом нет", "en": "No certificate has this code"} {
			b := a.browser(lang)
			b.get("/certificates/ERK-0000-0000-0000").must(t, 404).has(t, want, `name="code"`)
			b.get("/certificates/not-a-code").must(t, 404).has(t, want)
			b.get("/certificates?code=ERK-0000").must(t, 404).has(t, want, `value="ERK-0000"`)
			r := a.must(404, req{method: "GET", path: "/api/v1/certificates/ERK-0000-0000-0000", header: map[string]string{"Accept-Language": lang}})
			if r.header.Get("Content-Type") != "application/problem+json" || r.header.Get("Content-Language") != lang ||
				r.body["errors"].([]any)[0].(map[string]any)["field"] != "code" || !strings.Contains(r.body["detail"].(string), want) {
				t.Fatalf("the API's 404 in %s: %v %s", lang, r.header, r.raw)
			}
		}

		// the Front Office revokes it: a reason is required, once only; the page and the API say so
		vb2 := a.browser("en")
		vb2.signIn(t, vol)
		vb2.get("/office/certificates").must(t, 403)
		a.must(403, req{method: "POST", path: "/api/v1/certificates/" + code + "/revoke", token: vol.token, body: map[string]any{"reason": "Мен"}})
		fb := a.browser("en")
		fb.signIn(t, w.fo)
		fb.get("/office").must(t, 200).has(t, `href="/office/certificates"`)
		fb.get("/office/certificates").must(t, 200).has(t, code, kazakhName)
		fb.get("/office/certificates?q="+url.QueryEscape(strings.ToLower(code[4:13]))).must(t, 200).has(t, `action="/office/certificates/`+code+`/revoke"`)
		revoke := "/office/certificates/" + code + "/revoke"
		fb.post(revoke, url.Values{"reason": {"  "}}).must(t, 422).has(t, "Give the reason for revoking", `id="f-reason"`, `aria-invalid="true"`)
		if st := a.must(200, req{method: "GET", path: "/api/v1/certificates/" + code}); st.body["state"] != "valid" {
			t.Fatalf("a refused revocation revoked: %s", st.raw)
		}
		a.must(422, req{method: "POST", path: "/api/v1/certificates/" + code + "/revoke", token: w.fo.token, body: map[string]any{}})
		if p := fb.post(revoke, url.Values{"reason": {"Сағаттар қате енгізілген"}}).must(t, 303); !strings.HasPrefix(p.location, "/office/certificates?done=revoked") {
			t.Fatalf("after revoking: %q", p.location)
		}
		fb.post(revoke, url.Values{"reason": {"Again"}}).must(t, 409).has(t, "This certificate has been revoked already")
		a.must(409, req{method: "POST", path: "/api/v1/certificates/" + code + "/revoke", token: w.fo.token, body: map[string]any{"reason": "Again"}})
		a.must(404, req{method: "POST", path: "/api/v1/certificates/ERK-0000-0000-0000/revoke", token: w.fo.token, body: map[string]any{"reason": "Again"}})
		anon.get("/certificates/"+code).must(t, 200).has(t, "кері қайтарылды", kazakhName).lacks(t, "Жарамды.", "Сағаттар қате енгізілген")
		if st := a.must(200, req{method: "GET", path: "/api/v1/certificates/" + code}); st.body["state"] != "revoked" || st.body["revoked_at"] == nil {
			t.Fatalf("the API after the revocation: %s", st.raw)
		}
		fb.get("/office/audit?action=certificate.revoke").must(t, 200).has(t, "certificate.revoke", code)

		// the volunteer's data download lists the certificates
		data := vb.get("/me/data.json").must(t, 200)
		if !strings.Contains(data.body, `"certificates"`) || !strings.Contains(data.body, code) {
			t.Fatalf("the data download: %s", data.body)
		}
		vb.get("/me/data").must(t, 200).has(t, code)
	})
}
