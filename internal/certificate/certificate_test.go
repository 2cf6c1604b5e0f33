package certificate

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"erikti/internal/certificate/pdftext"
	"erikti/internal/domain"
	"erikti/internal/locale"
)

func pdfText(t *testing.T, pdf []byte) string { return pdftext.Text(t, pdf) }

// A volunteer of many organizations and events gets one page: the first of each listed, the
// rest counted in the certificate's language with its plural, a title too long for its line cut
// with an ellipsis; a very long name still shows whole.
func TestLongListsAreCut(t *testing.T) {
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := domain.Certificate{Code: "ERK-7QF2-M9XD-K4TA", Name: strings.Repeat("Ұлықбекқызы ", 12) + "Һ", Lang: "ru", TotalMinutes: 61 * 60,
		FirstDay: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
		CreatedAt: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	for i := range MaxOrganizations + 2 {
		c.Organizations = append(c.Organizations, fmt.Sprintf("Ұйым %d", i+1))
	}
	for i := range MaxEvents + 21 {
		c.Events = append(c.Events, domain.Text{KK: fmt.Sprintf("Іс-шара %d", i+1), RU: fmt.Sprintf("Мероприятие %d, очень длинное название, которое займёт не одну строку на странице сертификата", i+1)})
	}
	pdf, err := Render(msgs, c, "https://erikti.example.kz/certificates/"+c.Code)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ERIKTI_CERT_OUT"); dir != "" { // to look at it: pdftoppm -png
		os.WriteFile(dir+"/long.pdf", pdf, 0o644)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"и ещё 2", "и ещё 21", "Ұйым 6", "Мероприятие 10,", "61 час", "5 марта 2026 г. – 21 ноября 2026 г.", "Выдан 1 декабря 2026 г.", c.Code} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	for _, not := range []string{"Ұйым 7", "Мероприятие 11,"} {
		if strings.Contains(text, not) {
			t.Errorf("the text shows %q, past the cut", not)
		}
	}
	if n := strings.Count(text, "\f"); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	if got := strings.Join(strings.Fields(text), " "); !strings.Contains(got, strings.TrimSpace(c.Name)) {
		t.Errorf("the long name is not whole: %s", text)
	}
}

// The hours with their plurals, in each language.
func TestHours(t *testing.T) {
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang    string
		minutes int
		want    string
	}{
		{"en", 61, "1 hour 1 minute"}, {"en", 120, "2 hours"}, {"en", 5, "5 minutes"},
		{"ru", 22*60 + 2, "22 часа 2 минуты"}, {"ru", 25*60 + 11, "25 часов 11 минут"}, {"ru", 21*60 + 21, "21 час 21 минута"},
		{"kk", 3*60 + 5, "3 сағат 5 минут"},
	} {
		if got := Hours(msgs, tc.lang, tc.minutes); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.minutes, got, tc.want)
		}
	}
}
