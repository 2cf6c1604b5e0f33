package web

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

// static/og.png is the picture erikti's pages show when shared (og:image): 1200×630, as the
// crawlers of the big sites want it, drawn here by drawOGImage (no photo, no font: the wordmark is
// a pixel font). `go test -run TestOGImage -update-og ./internal/web/` draws it again.

var updateOG = flag.Bool("update-og", false, "write static/og.png from drawOGImage")

// ogGlyphs are the letters of "erikti" in a 5×7 pixel font.
var ogGlyphs = map[rune][7]string{
	'e': {".....", ".....", ".###.", "#...#", "#####", "#....", ".###."},
	'r': {".....", ".....", "#.##.", "##..#", "#....", "#....", "#...."},
	'i': {"..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###."},
	'k': {"#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#."},
	't': {".#...", ".#...", "####.", ".#...", ".#...", ".#..#", "..##."},
}

func drawOGImage() *image.Paletted {
	pal := color.Palette{
		color.RGBA{0x00, 0x3d, 0x55, 0xff}, // 0 the header's blue
		color.RGBA{0x00, 0x58, 0x7a, 0xff}, // 1 the links' blue
		color.RGBA{0xff, 0xff, 0xff, 0xff}, // 2 white
		color.RGBA{0xff, 0xbf, 0x47, 0xff}, // 3 the focus yellow
		color.RGBA{0x1e, 0x6b, 0x34, 0xff}, // 4 green
		color.RGBA{0xc0, 0x6a, 0x00, 0xff}, // 5 amber
		color.RGBA{0x7f, 0xc8, 0xe0, 0xff}, // 6 sky
		color.RGBA{0xe0, 0x5a, 0x5f, 0xff}, // 7 coral
	}
	const w, h = 1200, 630
	img := image.NewPaletted(image.Rect(0, 0, w, h), pal)
	// the wordmark, 18 px to the font's pixel
	const px, gap = 18, 18
	word := "erikti"
	x0 := (w - (len(word)*5*px + (len(word)-1)*gap)) / 2
	for i, r := range word {
		g := ogGlyphs[r]
		for row := range 7 {
			for col := range 5 {
				if g[row][col] != '#' {
					continue
				}
				for y := 90 + row*px; y < 90+(row+1)*px; y++ {
					for x := x0 + i*(5*px+gap) + col*px; x < x0+i*(5*px+gap)+(col+1)*px; x++ {
						img.SetColorIndex(x, y, 2)
					}
				}
			}
		}
	}
	// eight volunteers side by side, one per direction, standing on the ground
	const ground = 520
	for i := range 8 {
		cx := 180 + i*120
		c := uint8(3 + i%5)
		for y := 360; y < ground; y++ {
			for x := cx - 60; x <= cx+60; x++ {
				dx, dyHead, dyBody := x-cx, y-402, y-(ground+12)
				if dx*dx+dyHead*dyHead <= 32*32 || dx*dx+dyBody*dyBody <= 56*56 {
					img.SetColorIndex(x, y, c)
				}
			}
		}
	}
	for y := ground; y < h; y++ {
		for x := range w {
			img.SetColorIndex(x, y, 1)
		}
	}
	return img
}

func TestOGImage(t *testing.T) {
	want := drawOGImage()
	if *updateOG {
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("static/og.png", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := staticFiles.ReadFile("static/og.png")
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	if got.Bounds() != image.Rect(0, 0, 1200, 630) {
		t.Fatalf("og.png is %v, not 1200×630", got.Bounds())
	}
	if len(f) > 100<<10 {
		t.Errorf("og.png is %d bytes; crawlers and phones want it small", len(f))
	}
	for y := range 630 {
		for x := range 1200 {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				t.Fatalf("og.png differs from drawOGImage at (%d, %d): run go test -run TestOGImage -update-og", x, y)
			}
		}
	}
}
