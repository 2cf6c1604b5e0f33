package main

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"erikti/internal/browsertest"
	"erikti/internal/demo"
	"erikti/internal/images/imagestest"
)

// uploadImage puts a picture on the demo site through the API, as the demo coordinator.
func (s *site) uploadImage(t *testing.T, token, path string, data []byte, alt map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range alt {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", "picture")
	_, _ = fw.Write(data)
	_ = mw.Close()
	r, err := http.NewRequest("PUT", s.base+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("PUT %s: %d", path, resp.StatusCode)
	}
}

// An event page with an uploaded cover and an organization's page with its logo pass axe in each
// language, and the pictures load (from this site alone).
func TestBrowserImages(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	coord := s.token(t, "coordinator@example.kz", demo.Password)
	s.uploadImage(t, coord, fmt.Sprintf("/api/v1/events/%d/cover", s.eventID), imagestest.JPEG(t, 1600, 900),
		map[string]string{"alt_kk": "Саябақтағы еріктілер", "alt_ru": "Волонтёры в парке", "alt_en": "Volunteers in the park"})
	s.uploadImage(t, coord, fmt.Sprintf("/api/v1/organizations/%d/logo", s.adminOf), imagestest.PNG(t, 400, 400, 90),
		map[string]string{"alt_kk": "Ұйымның логотипі", "alt_ru": "Логотип организации", "alt_en": "The organization's logo"})
	tab := b.NewTab(t)
	seen := 0
	for _, lang := range []string{"kk", "ru", "en"} {
		for _, c := range []struct{ path, img string }{
			{fmt.Sprintf("/events/%d", s.eventID), "img.cover"},
			{fmt.Sprintf("/organizations/%d", s.adminOf), "img.logo"},
		} {
			tab.Go(s.base + "/lang/" + lang + "?back=" + c.path)
			var loaded bool
			tab.Eval(`(() => { const i = document.querySelector('`+c.img+`'); return !!i && i.complete && i.naturalWidth > 0 && i.alt.length > 0 })()`, &loaded)
			if !loaded {
				t.Errorf("%s %s: the picture %s did not load", lang, c.path, c.img)
			}
			s.check(t, tab, lang+" "+c.path+" with a picture", true, &seen)
		}
	}
}
