package store_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"erikti/internal/domain"
	"erikti/internal/images"
	"erikti/internal/store"
	"erikti/internal/store/storetest"
)

// testSet is a processed 800 x 400 opaque PNG: JPEG at 320, 640 and 800 px.
func testSet(t *testing.T, shade uint8) images.Set {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 800, 400))
	for i := range m.Pix {
		m.Pix[i] = shade
		if i%4 == 3 {
			m.Pix[i] = 255
		}
	}
	m.Set(10, 10, color.NRGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	set, err := images.Process(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func imageCounts(t *testing.T, s *store.Store) (int, int) {
	t.Helper()
	n, f, err := s.ImageCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n, f
}

// A logo and a cover are stored in the database with their files, read back with their
// organization and event, replaced and removed with their files; an upload without alternative
// text stores nothing; the same picture twice shares its files (issue 17).
func TestImagesStoredInTheDatabase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := domain.Organization{Name: domain.Text{KK: "Жасыл Алматы"}, Status: domain.OrgVerified}
		if err := s.CreateOrganization(ctx, 0, &org); err != nil {
			t.Fatal(err)
		}
		e := benchEvent(org.ID)
		if err := s.CreateEvent(ctx, 0, &e); err != nil {
			t.Fatal(err)
		}
		a, b := testSet(t, 40), testSet(t, 90)
		if _, err := s.SetOrganizationLogo(ctx, 0, org.ID, a, domain.Text{}); domain.ErrorCode(err) != domain.Invalid {
			t.Fatalf("a logo without alternative text: %v", err)
		}
		if n, f := imageCounts(t, s); n != 0 || f != 0 {
			t.Fatalf("after a refusal: %d images, %d files", n, f)
		}
		if _, err := s.SetOrganizationLogo(ctx, 0, org.ID+99, a, domain.Text{EN: "x"}); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a logo of no organization: %v", err)
		}
		logo, err := s.SetOrganizationLogo(ctx, 0, org.ID, a, domain.Text{KK: " Логотип ", EN: "Logo"})
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.Organization(ctx, org.ID)
		if err != nil || o.Logo != logo || o.Logo.Alt.KK != "Логотип" || o.Logo.Width != 800 || o.Logo.Height != 400 {
			t.Fatalf("logo read back: %+v (%+v) %v", o.Logo, logo, err)
		}
		data, format, err := s.ImageFile(ctx, a.Hash, 320)
		if err != nil || format != images.JPEG || !bytes.Equal(data, a.Variants[0].Data) {
			t.Fatalf("file: %d bytes %q %v", len(data), format, err)
		}
		if _, _, err := s.ImageFile(ctx, a.Hash, 321); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a width not made: %v", err)
		}
		cover, err := s.SetEventCover(ctx, 0, e.ID, a, domain.Text{RU: "Обложка"})
		if err != nil {
			t.Fatal(err)
		}
		if n, f := imageCounts(t, s); n != 2 || f != 3 {
			t.Fatalf("the same picture twice: %d images, %d files", n, f)
		}
		got, err := s.Event(ctx, e.ID)
		if err != nil || got.Cover != cover {
			t.Fatalf("cover read back: %+v %v", got.Cover, err)
		}
		list, _, err := s.Events(ctx, store.EventFilter{})
		if err != nil || len(list) != 1 || list[0].Cover != cover {
			t.Fatalf("cover in the programme: %+v %v", list, err)
		}
		if _, err := s.SetOrganizationLogo(ctx, 0, org.ID, b, domain.Text{EN: "New logo"}); err != nil {
			t.Fatal(err)
		}
		if n, f := imageCounts(t, s); n != 2 || f != 6 {
			t.Fatalf("after replacing the logo: %d images, %d files", n, f)
		}
		if err := s.RemoveEventCover(ctx, 0, e.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ImageFile(ctx, a.Hash, 320); domain.ErrorCode(err) != domain.NotFound {
			t.Fatalf("a removed cover's file: %v", err)
		}
		if err := s.RemoveOrganizationLogo(ctx, 0, org.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveOrganizationLogo(ctx, 0, org.ID); err != nil {
			t.Fatalf("removing no logo: %v", err)
		}
		if n, f := imageCounts(t, s); n != 0 || f != 0 {
			t.Fatalf("after removing both: %d images, %d files", n, f)
		}
		if got, err := s.Event(ctx, e.ID); err != nil || !got.Cover.None() {
			t.Fatalf("cover after removal: %+v %v", got.Cover, err)
		}
		seal, err := s.PutImage(ctx, 0, b, domain.Text{KK: "Мөр"})
		if err != nil || seal.ID == 0 {
			t.Fatalf("put image: %+v %v", seal, err)
		}
		if err := s.DeleteImage(ctx, 0, seal.ID); err != nil {
			t.Fatal(err)
		}
		if n, f := imageCounts(t, s); n != 0 || f != 0 {
			t.Fatalf("after deleting: %d images, %d files", n, f)
		}
	})
}
