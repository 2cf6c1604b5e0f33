package demo

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"testing"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// decodeAt decodes b as a PNG of w × h and returns it.
func decodeAt(t *testing.T, what string, b []byte, w, h int) image.Image {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if format != "png" || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Fatalf("%s: a %s of %v, not a %d×%d PNG", what, format, img.Bounds(), w, h)
	}
	return img
}

// Every direction's cover is a valid 2:1 PNG, the same for the same seed, different for another
// seed and from the other directions', and drawn in its direction's colour.
func TestCoverDeterministicAndValid(t *testing.T) {
	seen := map[string]string{}
	for _, d := range domain.Directions() {
		a, err := Cover(d.Code, "42")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := Cover(d.Code, "42")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two covers of one seed differ", d.Code)
		}
		c, _ := Cover(d.Code, "43")
		if bytes.Equal(a, c) {
			t.Errorf("%s: the covers of two seeds are the same", d.Code)
		}
		if other, ok := seen[string(a)]; ok {
			t.Errorf("%s draws the cover of %s", d.Code, other)
		}
		seen[string(a)] = d.Code
		img := decodeAt(t, d.Code+" cover", a, CoverWidth, CoverHeight)
		want, found := directionColour(d.Code), false
		for y := 0; y < CoverHeight && !found; y += 4 {
			for x := 0; x < CoverWidth && !found; x += 4 {
				r, g, b, _ := img.At(x, y).RGBA()
				found = uint8(r>>8) == want.R && uint8(g>>8) == want.G && uint8(b>>8) == want.B
			}
		}
		if !found {
			t.Errorf("%s: the cover has no pixel of its colour %v", d.Code, want)
		}
		if len(a) > 200<<10 {
			t.Errorf("%s: the cover weighs %d bytes", d.Code, len(a))
		}
	}
}

// A logo is a valid square PNG, the same for the same name, with its initials in white on the
// direction's colour in its middle.
func TestLogoDeterministicAndValid(t *testing.T) {
	a, err := Logo("«Жүгір, Алматы!» жүгіру клубы", "sport")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Logo("«Жүгір, Алматы!» жүгіру клубы", "sport")
	if !bytes.Equal(a, b) {
		t.Error("two logos of one name differ")
	}
	c, _ := Logo("Жасыл Алматы", "sport")
	if bytes.Equal(a, c) {
		t.Error("two organizations' logos are the same")
	}
	img := decodeAt(t, "logo", a, LogoSize, LogoSize)
	white := 0
	for y := LogoSize / 3; y < 2*LogoSize/3; y++ {
		for x := LogoSize / 4; x < 3*LogoSize/4; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 > 0xf0 && g>>8 > 0xf0 && b>>8 > 0xf0 {
				white++
			}
		}
	}
	if white < LogoSize*LogoSize/100 {
		t.Errorf("the logo's middle has %d white pixels: no initials", white)
	}
	blank, _ := Logo("«!»", "ecology")
	decodeAt(t, "a logo without initials", blank, LogoSize, LogoSize)
}

func TestInitials(t *testing.T) {
	for name, want := range map[string]string{
		"«Жүгір, Алматы!» жүгіру клубы": "ЖА",
		"Жасыл Алматы":                  "ЖА",
		"әлеумет":                       "Ә",
		"100 игі кездесу":               "ИК",
		"«!»":                           "",
	} {
		if got := Initials(name); got != want {
			t.Errorf("Initials(%q) = %q, want %q", name, got, want)
		}
	}
}

// The demo stores a logo for every organization and a cover for the first upcoming event of each of
// demoCovers directions, through the image pipeline, each with its alternative text in kk, ru and en; the
// stored files decode at the size drawn.
func TestDemoStoresLogosAndCovers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := Build()
		t0 := time.Now()
		if err := Load(ctx, s, p, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded in %s", time.Since(t0).Round(time.Millisecond))
		full := func(what string, im domain.Image, w, h int) {
			t.Helper()
			if im.None() || im.Alt.KK == "" || im.Alt.RU == "" || im.Alt.EN == "" {
				t.Errorf("%s: %+v", what, im)
				return
			}
			b, _, err := s.ImageFile(ctx, im.Hash, w)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			img, _, err := image.Decode(bytes.NewReader(b))
			if err != nil || img.Bounds().Dx() != w || img.Bounds().Dy() != h {
				t.Errorf("%s at %d px: %v %v", what, w, img.Bounds(), err)
			}
		}
		orgs, err := s.Organizations(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			org, err := s.Organization(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			full(org.Name.EN+"'s logo", org.Logo, LogoSize, LogoSize)
		}
		events, _, err := s.Events(ctx, store.EventFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		covers := map[string]int{}
		for _, listed := range events {
			e, err := s.Event(ctx, listed.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !e.Cover.None() {
				covers[e.Direction]++
				full(e.Title.EN+"'s cover", e.Cover, CoverWidth, CoverHeight)
			}
		}
		for _, d := range domain.Directions() {
			if covers[d.Code] > 1 {
				t.Errorf("%s: %d covers", d.Code, covers[d.Code])
			}
		}
		rows, _, err := s.ImageCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(covers) != demoCovers || rows != len(p.Organizations)+len(covers) || len(orgs) != len(p.Organizations) {
			t.Errorf("%d images for %d organizations (%d listed) and covers in %d directions", rows, len(p.Organizations), len(orgs), len(covers))
		}
	})
}
