package certificate

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"erikti/internal/certificate/pdftext"
	"erikti/internal/domain"
	"erikti/internal/locale"
)

func pdfText(t *testing.T, pdf []byte) string { return pdftext.Text(t, pdf) }

// issuer is the Front Office as serve sets it by default, with a person named to sign.
func issuer() Issuer {
	iss := DefaultIssuer()
	iss.Signatory = domain.Text{KK: "Айгүл Сәрсенбаева", RU: "Айгуль Сарсенбаева", EN: "Aigul Sarsenbayeva"}
	return iss
}

// volunteer is a certificate like the demo's volunteers get: orgs organizations and events
// events, the first few from the demo programme, in lang.
func volunteer(lang string, orgs, events int) domain.Certificate {
	c := domain.Certificate{Code: "ERK-7QF2-M9XD-K4TA", Name: "Әйгерім Ғалымжанқызы Өтегенова", Lang: lang, TotalMinutes: 61*60 + 30,
		FirstDay: time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC),
		CreatedAt: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	names := []string{"100 good meetings", "Birgemiz Inclusion", "Dialogue of Generations – Almaty", "City hackathons"}
	for i := range orgs {
		c.Organizations = append(c.Organizations, names[i%len(names)]+strings.Repeat(" II", i/len(names)))
	}
	titles := []domain.Text{
		{KK: "Сенбілік: Тереңкөл саябағы", RU: "Субботник: парк Тереңкөл", EN: "Clean-up: Terenkol park"},
		{KK: "Ағаш отырғызу: Бутаковка", RU: "Посадка деревьев: Бутаковка", EN: "Tree planting: Butakovka"},
		{KK: "Балалар ауруханасында ойын күні", RU: "День игр в детской больнице", EN: "Play day at the children's hospital"},
		{KK: "Қарт көршілерге қар күреу: Медеу ауданы", RU: "Расчистка снега для пожилых соседей: Медеуский район", EN: "Shovelling snow for older neighbours: Medeu district"},
		{KK: "Азық-түлік себеттерін жинау: Алмалы", RU: "Сборка продуктовых наборов: Алмалы", EN: "Packing food parcels: Almaly"},
	}
	for i := range events {
		e := titles[i%len(titles)]
		n := fmt.Sprintf(" %d", i+1)
		c.Events = append(c.Events, domain.Text{KK: e.KK + n, RU: e.RU + n, EN: e.EN + n})
	}
	return c
}

// render renders c and, with ERIKTI_SHOTS set to a folder, writes it there as name.pdf and
// name.png (pdftoppm at 60 dpi) to look at.
func render(t *testing.T, c domain.Certificate, iss Issuer, name string) []byte {
	t.Helper()
	msgs, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := Render(msgs, c, "https://erikti.example.kz/certificates/"+c.Code, iss)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("ERIKTI_SHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), pdftext.PNG(t, pdf, 60), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return pdf
}

// flat is s with its runs of spaces and line ends made one space, as a reader reads it.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// In each language, with one organization and one event or with many, the certificate is one
// page that names the Front Office as its issuer (never erikti, which is only the service it
// was issued through), the volunteer, the hours, the period, the signatory and the code, and
// lists every event up to 40 of them.
func TestCertificateInEachLanguage(t *testing.T) {
	want := map[string][]string{
		"kk": {"Ерікті сертификаты", "61 сағат 30 минут", "2026 ж. 5 наурыз – 2026 ж. 21 қараша", "Айгүл Сәрсенбаева", "Волонтерлер фронт-офисінің басшысы"},
		"ru": {"Сертификат волонтёра", "61 час 30 минут", "5 марта 2026 г. – 21 ноября 2026 г.", "Айгуль Сарсенбаева", "Руководитель фронт-офиса волонтёров"},
		"en": {"Volunteer certificate", "61 hours 30 minutes", "5 March 2026 – 21 November 2026", "Aigul Sarsenbayeva", "Head of the Volunteers Front Office"},
	}
	for _, lang := range []string{"kk", "ru", "en"} {
		for _, size := range []struct {
			name         string
			orgs, events int
		}{{"one", 1, 1}, {"long", 8, 40}} {
			t.Run(lang+"-"+size.name, func(t *testing.T) {
				c := volunteer(lang, size.orgs, size.events)
				pdf := render(t, c, issuer(), lang+"-"+size.name)
				text := flat(pdfText(t, pdf))
				for _, w := range append(want[lang], strings.ToUpper(issuer().Name.In(lang)), c.Name, c.Code, c.Events[0].In(lang),
					"erikti.example.kz/certificates/"+c.Code) {
					if !strings.Contains(text, w) {
						t.Errorf("the text lacks %q:\n%s", w, text)
					}
				}
				if n, orgs := strings.Count(text, "•"), min(size.orgs, MaxOrganizations); n != orgs+size.events {
					t.Errorf("%d items listed, want %d organizations and %d events", n, orgs, size.events)
				}
				if n := pdftext.Pages(t, pdf); n != 1 {
					t.Errorf("%d pages, want 1", n)
				}
				if bytes.Contains(pdf, []byte("/Author (erikti")) {
					t.Errorf("erikti is named the author")
				}
			})
		}
	}
}

// A volunteer of many organizations and events still gets one page: the first six
// organizations named and the rest counted; the events in columns of smaller type, and past
// what three columns hold, the last slot counts the rest with the language's plural; a very long
// name still shows whole.
func TestLongListsAreCut(t *testing.T) {
	c := volunteer("ru", MaxOrganizations+2, 120)
	c.Name = strings.Repeat("Ұлықбекқызы ", 12) + "Һ"
	pdf := render(t, c, DefaultIssuer(), "ru-cut")
	text := pdfText(t, pdf)
	m := regexp.MustCompile(`и ещё (\d+)`).FindAllStringSubmatch(text, -1)
	if len(m) != 2 || m[0][1] != "2" {
		t.Fatalf("the rest are not counted: %q\n%s", m, text)
	}
	more, _ := strconv.Atoi(m[1][1])
	if shown := strings.Count(text, "•") - MaxOrganizations; shown < 20 || shown+more != 120 {
		t.Errorf("%d events shown and %d counted:\n%s", shown, more, text)
	}
	for _, not := range []string{"Dialogue of Generations – Almaty II", "City hackathons II"} { // the 7th and 8th
		if strings.Contains(text, not) {
			t.Errorf("the text shows %q, past the cut", not)
		}
	}
	if n := pdftext.Pages(t, pdf); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	if !strings.Contains(flat(text), strings.TrimSpace(c.Name)) {
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

// sealPNG is a round blue seal on a transparent background, as a scan cut out of its paper: two
// rings and a star.
func sealPNG(t *testing.T) []byte {
	const n = 360
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	ink := color.NRGBA{R: 40, G: 60, B: 170, A: 200}
	c := float64(n) / 2
	for y := range n {
		for x := range n {
			dx, dy := float64(x)-c, float64(y)-c
			d := math.Hypot(dx, dy)
			a := math.Atan2(dy, dx)
			star := d < 60*(0.55+0.45*math.Abs(math.Cos(2.5*a))) // a five-pointed flower of a star
			if (d > 165 && d < 176) || (d > 128 && d < 133) || star || (d > 140 && d < 160 && int(a*40)%3 == 0) {
				img.SetNRGBA(x, y, ink)
			}
		}
	}
	return encodePNG(t, img)
}

// signaturePNG is a blue handwritten-like stroke on a transparent background.
func signaturePNG(t *testing.T) []byte {
	const w, h = 600, 200
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	ink := color.NRGBA{R: 20, G: 40, B: 140, A: 255}
	for i := range 4000 {
		s := float64(i) / 4000
		x := 30 + s*540
		y := 100 + 55*math.Sin(s*19)*math.Exp(-s*1.6) - 30*s + 20*math.Sin(s*7)
		for dy := -3; dy <= 3; dy++ {
			for dx := -3; dx <= 3; dx++ {
				if dx*dx+dy*dy <= 9 {
					img.SetNRGBA(int(x)+dx, int(y)+dy, ink)
				}
			}
		}
	}
	return encodePNG(t, img)
}

func encodePNG(t *testing.T, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// With the seal and the signature the Front Office set, the page draws both over the signature
// line, keeping their transparency (a soft mask each), and is still one page. With
// ERIKTI_README_PICTURES set to a folder (docs/), it writes the English certificate there as
// certificate.png, the README's picture.
func TestCertificateWithSealAndSignature(t *testing.T) {
	iss := issuer()
	iss.Seal, iss.Signature = sealPNG(t), signaturePNG(t)
	for _, lang := range []string{"kk", "ru", "en"} {
		c := volunteer(lang, 3, 8)
		pdf := render(t, c, iss, lang+"-sealed")
		if n := bytes.Count(pdf, []byte("/Subtype /Image")); n < 5 { // the QR code, the two marks and their masks
			t.Errorf("%s: %d images, want the QR code, the seal, the signature and their masks", lang, n)
		}
		if n := pdftext.Pages(t, pdf); n != 1 {
			t.Errorf("%s: %d pages", lang, n)
		}
		if dir := os.Getenv("ERIKTI_README_PICTURES"); dir != "" && lang == "en" {
			if err := os.WriteFile(filepath.Join(dir, "certificate.png"), pdftext.PNG(t, pdf, 72), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
