package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"erikti/internal/images"
	"erikti/internal/images/imagestest"
)

// imageBody is a multipart form with data as its file part "file" (named name, declared as
// fileType) and the given text parts; it returns the body and its Content-Type.
func imageBody(t testing.TB, name, fileType string, data []byte, texts map[string]string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range texts {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, name))
	h.Set("Content-Type", fileType)
	part, err := mw.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(data)
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

var alt = map[string]string{"alt_kk": "Жасыл Алматы логотипі", "alt_en": "Green Almaty logo"}

// putImage uploads data to path as p and returns the answer.
func (a *app) putImage(path, token, name, fileType string, data []byte, texts map[string]string) reply {
	a.t.Helper()
	body, ct := imageBody(a.t, name, fileType, data, texts)
	return a.do(req{method: "PUT", path: path, token: token, body: body, header: map[string]string{"Content-Type": ct}})
}

func (a *app) imageCounts() (int, int) {
	a.t.Helper()
	n, f, err := a.store.ImageCounts(context.Background())
	if err != nil {
		a.t.Fatal(err)
	}
	return n, f
}

// Uploads through the API with real files: each accepted format judged by its content, whatever
// its name and declared type; every kind of refusal answered with its field and reason in the
// reader's language and nothing stored; the served file holds none of the upload's EXIF or GPS.
func TestImageUploadsAPI(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		logo := fmt.Sprintf("/api/v1/organizations/%d/logo", w.orgID)
		cover := fmt.Sprintf("/api/v1/events/%d/cover", w.eventID)
		accepted := []struct {
			name, fileType string
			data           []byte
			format         string
		}{
			{"photo.jpg", "image/jpeg", imagestest.JPEG(t, 1600, 900), "image/jpeg"},
			{"logo.png", "image/png", imagestest.PNG(t, 600, 600, 100), "image/png"},
			{"photo.webp", "image/webp", imagestest.WebP(t), "image/jpeg"},
			{"lies.jpg", "image/jpeg", imagestest.PNG(t, 300, 200, 255), "image/jpeg"}, // a PNG named and typed as JPEG: read as the PNG it is
		}
		for _, c := range accepted {
			rep := a.putImage(cover, w.coord.token, c.name, c.fileType, c.data, alt)
			if rep.status != 200 || rep.body["type"] != c.format {
				t.Fatalf("%s: %d %s", c.name, rep.status, rep.raw)
			}
			files := rep.body["files"].([]any)
			last := files[len(files)-1].(map[string]any)
			resp, err := http.Get(a.srv.URL + last["url"].(string))
			if err != nil {
				t.Fatal(err)
			}
			served, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != c.format || len(served) == 0 {
				t.Fatalf("%s served: %d %s", c.name, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
		}
		if n, f := a.imageCounts(); n != 1 {
			t.Fatalf("after replacing the cover three times: %d images, %d files", n, f)
		}

		refusals := []struct {
			name, fileType string
			data           []byte
			texts          map[string]string
			status         int
			field, reason  string
		}{
			{"text.jpg", "image/jpeg", []byte("just some text, not a picture"), alt, 415, "file", "image.unsupported"},
			{"drawing.svg", "image/svg+xml", []byte(imagestest.SVG), alt, 415, "file", "image.unsupported"},
			{"anim.gif", "image/gif", imagestest.GIF, alt, 415, "file", "image.unsupported"},
			{"bomb.png", "image/png", imagestest.PNGBomb(100000, 100000), alt, 422, "file", "image.dimensions"},
			{"cut.jpg", "image/jpeg", imagestest.JPEG(t, 800, 600)[:3000], alt, 422, "file", "image.corrupt"},
			{"photo.jpg", "image/jpeg", imagestest.JPEG(t, 400, 300), map[string]string{"alt_ru": "  "}, 422, "alt_kk", "field.required_any_language"},
		}
		for _, c := range refusals {
			rep := a.putImage(logo, w.coord.token, c.name, c.fileType, c.data, c.texts)
			errs, _ := rep.body["errors"].([]any)
			if rep.status != c.status || len(errs) != 1 || errs[0].(map[string]any)["code"] != c.reason ||
				(errs[0].(map[string]any)["field"] != c.field && !(c.field == "alt_kk" && errs[0].(map[string]any)["field"] == "alt")) {
				t.Errorf("%s: %d %s", c.name, rep.status, rep.raw)
			}
		}
		if n, f := a.imageCounts(); n != 1 {
			t.Fatalf("after the refusals: %d images, %d files", n, f)
		}
		// in Russian, the reason in Russian
		body, ct := imageBody(t, "x.svg", "image/svg+xml", []byte(imagestest.SVG), alt)
		ru := a.do(req{method: "PUT", path: logo, token: w.coord.token, body: body, header: map[string]string{"Content-Type": ct, "Accept-Language": "ru"}})
		if ru.status != 415 || !strings.Contains(string(ru.raw), "не изображение JPEG") {
			t.Errorf("in Russian: %d %s", ru.status, ru.raw)
		}

		// too large: refused from the Content-Length, before the body is read
		big := bytes.Repeat([]byte{0xFF}, images.MaxBytes+1)
		rep := a.putImage(logo, w.coord.token, "big.jpg", "image/jpeg", big, alt)
		if rep.status != 413 || !strings.Contains(string(rep.raw), `"field":"file","code":"image.too_large"`) {
			t.Errorf("too large: %d %s", rep.status, rep.raw)
		}
		// a body that claims to be small and is not: cut off while read
		hr := a.request(req{method: "PUT", path: logo, token: w.coord.token})
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		hr.Header.Set("Content-Type", mw.FormDataContentType())
		go func() {
			fw, _ := mw.CreateFormFile("file", "endless.jpg")
			chunk := make([]byte, 1<<20)
			for i := 0; i < 20; i++ {
				if _, err := fw.Write(chunk); err != nil {
					break
				}
			}
			mw.Close()
			pw.Close()
		}()
		hr.Body, hr.ContentLength = pr, -1
		resp, err := a.srv.Client().Do(hr)
		if err == nil {
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 413 && resp.StatusCode != 400 {
				t.Errorf("a streamed body past the limit: %d %s", resp.StatusCode, raw)
			}
		}
		pr.Close()
		if n, _ := a.imageCounts(); n != 1 {
			t.Fatalf("after the large bodies: %d images", n)
		}

		// GPS EXIF: gone from the served file; the orientation turned the picture upright
		rep = a.putImage(logo, w.coord.token, "phone.jpg", "image/jpeg", imagestest.JPEGWithExif(t, 800, 400, 6), alt)
		if rep.status != 200 || rep.body["width"] != float64(400) || rep.body["height"] != float64(800) {
			t.Fatalf("exif: %d %s", rep.status, rep.raw)
		}
		for _, f := range rep.body["files"].([]any) {
			u := f.(map[string]any)["url"].(string)
			resp, err := http.Get(a.srv.URL + u)
			if err != nil {
				t.Fatal(err)
			}
			served, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(served, []byte("Exif")) || bytes.Contains(served, []byte(imagestest.GPSMarker)) || bytes.Contains(served, []byte{0x88, 0x25}) {
				t.Errorf("%s holds the upload's EXIF", u)
			}
			h := resp.Header
			if h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Content-Type") != "image/jpeg" || h.Get("ETag") == "" {
				t.Errorf("%s headers: %v", u, h)
			}
			r2, _ := http.NewRequest("GET", a.srv.URL+u, nil)
			r2.Header.Set("If-None-Match", h.Get("ETag"))
			if resp2, err := http.DefaultClient.Do(r2); err != nil || resp2.StatusCode != 304 {
				t.Errorf("%s with its ETag: %v %v", u, resp2, err)
			} else {
				resp2.Body.Close()
			}
		}
		hash := rep.body["hash"].(string)
		for _, u := range []string{"/images/" + hash + "-321.jpg", "/images/" + hash + "-320.png", "/images/" + strings.Repeat("0", 32) + "-320.jpg", "/images/../etc-320.jpg", "/images/" + hash + "-0320.jpg"} {
			if resp, err := http.Get(a.srv.URL + u); err != nil || resp.StatusCode != 404 {
				t.Errorf("%s: %v %v", u, resp.StatusCode, err)
			}
		}
		// the organization's page shows the logo with srcset, sizes and its size
		orgPage := a.browser("en").get(fmt.Sprintf("/organizations/%d", w.orgID))
		img := regexp.MustCompile(`<img class="logo" src="/images/` + hash + `-400.jpg" srcset="[^"]+ 320w, [^"]+ 400w" sizes="[^"]+" width="400" height="800" alt="Green Almaty logo"`)
		if !img.MatchString(orgPage.body) {
			t.Errorf("the organization's page shows no logo: %s", orgPage.body)
		}

		// who may: not a member 403, no such organization or event 404, removal 204 and the files gone
		other := a.register("Бөтен Адам", "1990-01-01")
		if rep := a.putImage(logo, other.token, "a.jpg", "image/jpeg", imagestest.JPEG(t, 100, 100), alt); rep.status != 403 {
			t.Errorf("not a member: %d", rep.status)
		}
		if rep := a.putImage("/api/v1/events/999999/cover", w.coord.token, "a.jpg", "image/jpeg", imagestest.JPEG(t, 100, 100), alt); rep.status != 404 {
			t.Errorf("no such event: %d", rep.status)
		}
		a.must(403, req{method: "DELETE", path: logo, token: other.token})
		a.must(204, req{method: "DELETE", path: logo, token: w.coord.token})
		a.must(204, req{method: "DELETE", path: cover, token: w.coord.token})
		if n, f := a.imageCounts(); n != 0 || f != 0 {
			t.Fatalf("after removing both: %d images, %d files", n, f)
		}
	})
}

// postImage posts an image form from b's session, as a browser sends it from the page.
func (b *browser) postImage(t *testing.T, path, name string, data []byte, texts map[string]string) page {
	t.Helper()
	body, ct := imageBody(t, name, "application/octet-stream", data, texts)
	r, err := http.NewRequest("POST", b.a.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", ct)
	r.Header.Set("Origin", b.a.srv.URL)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Accept-Language", b.lang)
	resp, err := b.client.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return page{resp.StatusCode, resp.Header, string(raw), resp.Header.Get("Location")}
}

// The management pages upload and remove a cover and a logo; a refusal shows the page again with
// the reason beside the field, in the reader's language, and stores nothing; the cover shows on
// the event page and the programme card.
func TestImageUploadPages(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(5)
		b := a.coordinatorBrowser(t, w)
		cover := fmt.Sprintf("/manage/events/%d/cover", w.eventID)
		p := b.postImage(t, cover, "x.svg", []byte(imagestest.SVG), map[string]string{"alt_en": "A drawing"})
		if p.status != 415 || !strings.Contains(p.body, "not a JPEG, PNG or WebP") || !strings.Contains(p.body, `id="f-file-error"`) {
			t.Fatalf("an SVG: %d %s", p.status, p.body)
		}
		p = b.postImage(t, cover, "photo.jpg", imagestest.JPEG(t, 1000, 500), nil)
		if p.status != 422 || !strings.Contains(p.body, `id="f-alt_kk-error"`) {
			t.Fatalf("no alternative text: %d %s", p.status, p.body)
		}
		if n, f := a.imageCounts(); n != 0 || f != 0 {
			t.Fatalf("after the refusals: %d images, %d files", n, f)
		}
		p = b.postImage(t, cover, "photo.jpg", imagestest.JPEG(t, 1000, 500), map[string]string{"alt_en": "Volunteers in the park"})
		if p.status != 303 || p.location != fmt.Sprintf("/manage/events/%d?done=cover#image-title", w.eventID) {
			t.Fatalf("upload: %d %s", p.status, p.location)
		}
		ev := a.browser("en").get(fmt.Sprintf("/events/%d", w.eventID))
		if !regexp.MustCompile(`<img class="cover" src="/images/[0-9a-f]{32}-1000.jpg" srcset="[^"]+320w, [^"]+640w, [^"]+1000w" sizes="[^"]+" width="1000" height="500" alt="Volunteers in the park" decoding="async">`).MatchString(ev.body) {
			t.Errorf("the event page shows no cover: %s", ev.body)
		}
		prog := a.browser("ru").get("/programme")
		if !strings.Contains(prog.body, `alt="Volunteers in the park" loading="lazy"`) {
			t.Errorf("the programme card shows no lazy cover")
		}
		p = b.postImage(t, fmt.Sprintf("/manage/organizations/%d/logo", w.orgID), "logo.png", imagestest.PNG(t, 300, 300, 80), map[string]string{"alt_kk": "Логотип"})
		if p.status != 303 {
			t.Fatalf("logo: %d %s", p.status, p.body)
		}
		if org := a.browser("en").get(fmt.Sprintf("/organizations/%d", w.orgID)); !strings.Contains(org.body, `-300.png"`) {
			t.Errorf("the organization's page shows no PNG logo")
		}
		b.post(cover+"/remove", url.Values{}).must(t, 303)
		b.post(fmt.Sprintf("/manage/organizations/%d/logo/remove", w.orgID), url.Values{}).must(t, 303)
		if n, f := a.imageCounts(); n != 0 || f != 0 {
			t.Fatalf("after removing: %d images, %d files", n, f)
		}
	})
}
