package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"erikti/internal/images"
	"erikti/internal/images/imagestest"
)

// postFile posts a multipart form holding data as the file in field, as a browser does.
func (b *browser) postFile(path, field string, data []byte) page {
	b.a.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, "picture.png")
	if err != nil {
		b.a.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	r, err := http.NewRequest("POST", b.a.srv.URL+path, &body)
	if err != nil {
		b.a.t.Fatal(err)
	}
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Origin", b.a.srv.URL)
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Accept-Language", b.lang)
	return b.do(r)
}

// The Front Office sets the certificate's seal and signature on /office/certificates: a
// volunteer may not (403, nothing stored); a text file, an SVG, an opaque JPEG, a file over 8 MiB
// or none at all is refused with a 4xx naming the field in the reader's language, and nothing is
// stored; a PNG with transparency is kept, replacing the one before it, and removed again.
func TestCertificateMarks(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		fo, vol := a.frontOffice(), a.register("Бекзат Оралов", "1999-09-09")
		counts := func() string {
			n, f, err := a.store.ImageCounts(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("%d images, %d files", n, f)
		}
		seal := imagestest.PNG(t, 400, 400, 128)
		vb := a.browser("ru")
		vb.signIn(t, vol)
		vb.postFile("/office/certificate-marks/seal", "seal", seal).must(t, 403)
		vb.get("/office/certificates").must(t, 403)

		fb := a.browser("ru")
		fb.signIn(t, fo)
		fb.get("/office/certificates").must(t, 200).has(t, "Печать и подпись на сертификатах", `enctype="multipart/form-data"`,
			`action="/office/certificate-marks/seal"`, `action="/office/certificate-marks/signature"`, "Не задана")
		svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>`)
		for _, tc := range []struct {
			name   string
			field  string
			data   []byte
			status int
			says   string
		}{
			{"text", "seal", []byte("not a picture at all"), 415, "Этот файл не изображение JPEG, PNG или WebP"},
			{"svg", "signature", svg, 415, "SVG, GIF и другие файлы не принимаются"},
			{"opaque", "seal", imagestest.JPEG(t, 300, 300), 422, "нет прозрачного фона"},
			{"empty", "seal", nil, 400, "Выберите файл изображения"},
			{"oversized", "signature", bytes.Repeat([]byte{0x89}, images.MaxBytes+1), 413, "Файл слишком большой: не больше 8 МБ"},
			{"corrupt", "seal", seal[:len(seal)/2], 422, "повреждено"},
		} {
			p := fb.postFile("/office/certificate-marks/"+tc.field, tc.field, tc.data).must(t, tc.status)
			label := map[string]string{"seal": "Печать фронт-офиса", "signature": "Подпись подписанта"}[tc.field]
			p.has(t, tc.says, label, `aria-invalid="true"`)
			if got := counts(); got != "0 images, 0 files" {
				t.Errorf("%s: %s stored after a refusal", tc.name, got)
			}
		}
		fb.postFile("/office/certificate-marks/stamp", "stamp", seal).must(t, 404)
		if p := fb.postFile("/office/certificate-marks/seal", "seal", seal).must(t, 303); p.location != "/office/certificates?done=mark" {
			t.Fatalf("after setting the seal: %q", p.location)
		}
		fb.get("/office/certificates?done=mark").must(t, 200).has(t, "Сохранено", "Задана: сертификаты её показывают", `action="/office/certificate-marks/seal/remove"`)
		fb.postFile("/office/certificate-marks/seal", "seal", imagestest.PNG(t, 300, 300, 128)).must(t, 303) // replaces the first
		fb.postFile("/office/certificate-marks/signature", "signature", imagestest.PNG(t, 600, 200, 128)).must(t, 303)
		marks, data, err := a.store.CertificateMarks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(marks) != 2 || marks["seal"].Width != 300 || marks["seal"].Format != "png" || !bytes.HasPrefix(data["signature"], []byte("\x89PNG")) {
			t.Fatalf("the marks: %+v", marks)
		}
		if got := counts(); !strings.HasPrefix(got, "2 images") {
			t.Errorf("after replacing the seal: %s", got)
		}
		fb.post("/office/certificate-marks/seal/remove", url.Values{}).must(t, 303)
		fb.post("/office/certificate-marks/signature/remove", url.Values{}).must(t, 303)
		if got := counts(); got != "0 images, 0 files" {
			t.Errorf("after removing both: %s", got)
		}
		fb.get("/office/audit?action=certificate.mark").must(t, 200).has(t, "certificate.mark")
	})
}
