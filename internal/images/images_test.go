package images_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"testing"

	"erikti/internal/images"
	"erikti/internal/images/imagestest"
)

// Each accepted format, recognised by content, becomes variants at the widths Widths gives, never
// wider than the picture: JPEG when opaque, PNG when transparent; each file decodes to its size.
func TestProcessAcceptedFormats(t *testing.T) {
	cases := []struct {
		name   string
		data   []byte
		format string
		widths []int
	}{
		{"jpeg", imagestest.JPEG(t, 2000, 1000), images.JPEG, []int{320, 640, 1280}},
		{"png opaque", imagestest.PNG(t, 500, 250, 255), images.JPEG, []int{320, 500}},
		{"png transparent", imagestest.PNG(t, 700, 700, 128), images.PNG, []int{320, 640, 700}},
		{"webp", imagestest.WebP(t), images.JPEG, []int{320, 400}},
		{"tiny", imagestest.PNG(t, 40, 20, 255), images.JPEG, []int{40}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set, err := images.Process(c.data)
			if err != nil {
				t.Fatal(err)
			}
			if set.Format != c.format || len(set.Hash) != images.HashLen || len(set.Variants) != len(c.widths) {
				t.Fatalf("set: format %s, hash %q, %d variants", set.Format, set.Hash, len(set.Variants))
			}
			for i, v := range set.Variants {
				var cfg image.Config
				if c.format == images.PNG {
					cfg, err = png.DecodeConfig(bytes.NewReader(v.Data))
				} else {
					cfg, err = jpeg.DecodeConfig(bytes.NewReader(v.Data))
				}
				if err != nil || v.Width != c.widths[i] || cfg.Width != v.Width || cfg.Height != v.Height {
					t.Errorf("variant %d: %dx%d, file %dx%d, %v; want width %d", i, v.Width, v.Height, cfg.Width, cfg.Height, err, c.widths[i])
				}
			}
			again, _ := images.Process(c.data)
			if again.Hash != set.Hash {
				t.Errorf("the same file twice has two hashes: %s %s", set.Hash, again.Hash)
			}
		})
	}
}

// Everything else is refused with a reason: by content, whatever its name or type would say.
func TestProcessRefusals(t *testing.T) {
	jpg := imagestest.JPEG(t, 800, 600)
	cases := map[string]struct {
		data []byte
		want images.Reason
	}{
		"svg":             {[]byte(imagestest.SVG), images.Unsupported},
		"gif":             {imagestest.GIF, images.Unsupported},
		"text":            {[]byte("this is not a picture"), images.Unsupported},
		"empty":           {nil, images.Unsupported},
		"png bomb":        {imagestest.PNGBomb(100000, 100000), images.Dimensions},
		"too many pixels": {imagestest.PNGBomb(10000, 10000), images.Dimensions},
		"too long a side": {imagestest.PNGBomb(20000, 10), images.Dimensions},
		"truncated jpeg":  {jpg[:len(jpg)/2], images.Corrupt},
		"jpeg header":     {jpg[:20], images.Corrupt},
		"too large":       {append(jpg, make([]byte, images.MaxBytes)...), images.TooLarge},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := images.Process(c.data)
			if got := images.ReasonOf(err); got != c.want {
				t.Fatalf("reason %q (%v), want %q", got, err, c.want)
			}
		})
	}
}

// A JPEG's EXIF orientation is honoured (6: turned a quarter clockwise, sides swapped) and none of
// its metadata reaches the files made of it.
func TestProcessOrientsAndStripsExif(t *testing.T) {
	for o, want := range map[int][2]int{1: {640, 320}, 6: {320, 640}, 3: {640, 320}, 8: {320, 640}} {
		set, err := images.Process(imagestest.JPEGWithExif(t, 640, 320, o))
		if err != nil {
			t.Fatal(err)
		}
		if set.Width != want[0] || set.Height != want[1] {
			t.Errorf("orientation %d: %dx%d, want %dx%d", o, set.Width, set.Height, want[0], want[1])
		}
		for _, v := range set.Variants {
			if bytes.Contains(v.Data, []byte("Exif")) || bytes.Contains(v.Data, []byte(imagestest.GPSMarker)) {
				t.Errorf("orientation %d: a %d px file holds EXIF", o, v.Width)
			}
		}
		// the red square drawn at the top left goes where the orientation says
		img, err := jpeg.Decode(bytes.NewReader(set.Variants[len(set.Variants)-1].Data))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		corner := map[int]image.Point{1: {10, 10}, 6: {b.Dx() - 10, 10}, 3: {b.Dx() - 10, b.Dy() - 10}, 8: {10, b.Dy() - 10}}[o]
		if r, g, _, _ := img.At(corner.X, corner.Y).RGBA(); r>>8 < 180 || g>>8 > 60 {
			t.Errorf("orientation %d: the red corner is not at %v (r %d g %d)", o, corner, r>>8, g>>8)
		}
	}
}

func TestWidths(t *testing.T) {
	for w, want := range map[int][]int{1: {1}, 320: {320}, 321: {320, 321}, 640: {320, 640}, 1280: {320, 640, 1280}, 4000: {320, 640, 1280}} {
		got := images.Widths(w)
		if len(got) != len(want) {
			t.Errorf("Widths(%d) = %v, want %v", w, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("Widths(%d) = %v, want %v", w, got, want)
			}
		}
	}
}
