package demo

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"erikti/internal/certificate"
	"erikti/internal/domain"
	"erikti/internal/images"
	"erikti/internal/store"
)

// The sizes of the demo's pictures: a logo is square, a cover 2:1 like the directions' artwork. A
// cover is 960 px wide, not the 1280 of the widest upload: its shapes stay sharp on the event's page
// and processing it (images.Process) costs half as much.
const (
	LogoSize    = 320
	CoverWidth  = 960
	CoverHeight = 480
)

// demoCovers is how many events of the demo have a cover, each in a direction of its own; the others
// show their direction's artwork. Processing a cover is most of the time the pictures add to loading.
const demoCovers = 4

// directionColours are the directions' colours of style.css (--dir-CODE), each AA on white.
var directionColours = map[string]color.RGBA{
	"ecology": {0x2e, 0x6b, 0x30, 0xff}, "social": {0xb0, 0x24, 0x5e, 0xff}, "culture": {0x6a, 0x2c, 0x91, 0xff},
	"mentoring": {0xa3, 0x3f, 0x00, 0xff}, "animals": {0x6e, 0x54, 0x00, 0xff}, "sport": {0x1a, 0x5f, 0xa8, 0xff},
	"emergency": {0xb3, 0x26, 0x1e, 0xff}, "digital": {0x00, 0x68, 0x7a, 0xff},
}

// directionColour is a direction's colour; an unknown direction gets erikti's ink.
func directionColour(code string) color.RGBA {
	if c, ok := directionColours[code]; ok {
		return c
	}
	return color.RGBA{0x1f, 0x2a, 0x37, 0xff}
}

// tint mixes c with white: 0 is c, 1 is white.
func tint(c color.RGBA, f float64) color.RGBA {
	m := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*f + 0.5) }
	return color.RGBA{m(c.R), m(c.G), m(c.B), 0xff}
}

// canvas is an opaque picture that shapes are painted on, antialiased by their distance to the
// pixel's centre.
type canvas struct{ img *image.RGBA }

func newCanvas(w, h int, bg color.RGBA) canvas {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = bg.R, bg.G, bg.B, 0xff
	}
	return canvas{img}
}

// paint blends c over every pixel of box by the coverage of the shape whose signed distance (in
// pixels, negative inside) dist gives, times opacity.
func (cv canvas) paint(box image.Rectangle, c color.RGBA, opacity float64, dist func(x, y float64) float64) {
	box = box.Intersect(cv.img.Rect)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			a := math.Min(1, math.Max(0, 0.5-dist(float64(x)+0.5, float64(y)+0.5))) * opacity
			if a == 0 {
				continue
			}
			i := cv.img.PixOffset(x, y)
			p := cv.img.Pix[i : i+3 : i+3]
			p[0] = uint8(float64(p[0])*(1-a) + float64(c.R)*a + 0.5)
			p[1] = uint8(float64(p[1])*(1-a) + float64(c.G)*a + 0.5)
			p[2] = uint8(float64(p[2])*(1-a) + float64(c.B)*a + 0.5)
		}
	}
}

// disc paints a disc of radius r at (cx, cy).
func (cv canvas) disc(cx, cy, r float64, c color.RGBA, opacity float64) {
	box := image.Rect(int(cx-r-1), int(cy-r-1), int(cx+r+2), int(cy+r+2))
	cv.paint(box, c, opacity, func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r })
}

// ring paints a circle's outline of width w.
func (cv canvas) ring(cx, cy, r, w float64, c color.RGBA, opacity float64) {
	o := r + w/2
	box := image.Rect(int(cx-o-1), int(cy-o-1), int(cx+o+2), int(cy+o+2))
	cv.paint(box, c, opacity, func(x, y float64) float64 { return math.Abs(math.Hypot(x-cx, y-cy)-r) - w/2 })
}

// band paints a straight stripe of width w through (px, py) at angle a (radians), across the picture.
func (cv canvas) band(px, py, a, w float64, c color.RGBA, opacity float64) {
	nx, ny := -math.Sin(a), math.Cos(a)
	cv.paint(cv.img.Rect, c, opacity, func(x, y float64) float64 { return math.Abs((x-px)*nx+(y-py)*ny) - w/2 })
}

// encode writes the picture as PNG.
func (cv canvas) encode() ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, cv.img); err != nil {
		return nil, fmt.Errorf("demo: encoding a picture: %w", err)
	}
	return buf.Bytes(), nil
}

// seeded is a random source fixed by the text key: the same key draws the same picture.
func seeded(key string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(key))                                    // #nosec G104 -- a hash's Write never fails
	return rand.New(rand.NewPCG(h.Sum64(), 0x45524b495449)) // #nosec G404 -- a picture's layout, not a secret
}

// Cover draws an event's demo cover, CoverWidth × CoverHeight PNG: a composition of discs, rings and
// stripes in the tints of its direction's colour, laid out by seed, with no text on it.
func Cover(direction string, seed string) ([]byte, error) {
	base := directionColour(direction)
	rng := seeded(direction + "/" + seed)
	cv := newCanvas(CoverWidth, CoverHeight, tint(base, 0.88))
	w, h := float64(CoverWidth), float64(CoverHeight)
	k := w / 1280 // the sizes below are for a picture 1280 px wide
	// broad stripes
	for range 2 + rng.IntN(2) {
		cv.band(rng.Float64()*w, rng.Float64()*h, (rng.Float64()-0.5)*math.Pi/2, (60+rng.Float64()*140)*k, tint(base, 0.7), 0.8)
	}
	for range 3 + rng.IntN(3) { // large soft discs
		cv.disc(rng.Float64()*w, rng.Float64()*h, (90+rng.Float64()*180)*k, tint(base, 0.45+rng.Float64()*0.35), 0.9)
	}
	cx, cy := w*(0.3+rng.Float64()*0.4), h*(0.35+rng.Float64()*0.3) // one strong disc with rings
	r := (110 + rng.Float64()*60) * k
	for i := 1; i <= 3; i++ {
		cv.ring(cx, cy, r+float64(i)*42*k, (14-3*float64(i))*k, tint(base, 0.25*float64(i)), 1)
	}
	cv.disc(cx, cy, r, base, 1)
	cv.disc(cx+r*0.3, cy-r*0.3, r*0.35, tint(base, 0.3), 1)
	for range 8 + rng.IntN(8) { // scattered dots
		cv.disc(rng.Float64()*w, rng.Float64()*h, (6+rng.Float64()*14)*k, tint(base, rng.Float64()*0.5), 1)
	}
	return cv.encode()
}

// Initials are the first letters of the first two words of name that start with a letter, in
// capitals: "«Жүгір, Алматы!» жүгіру клубы" is "ЖА".
func Initials(name string) string {
	var out []rune
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if r := []rune(w)[0]; unicode.IsLetter(r) {
			out = append(out, unicode.ToUpper(r))
		}
		if len(out) == 2 {
			break
		}
	}
	return string(out)
}

// Logo draws an organization's demo logo, LogoSize square PNG: its initials in white, bold, on a
// badge in a direction's colour with a geometric pattern laid out by name. The initials are on the
// plain colour (each direction's colour is AA with white), never over the pattern.
func Logo(name, direction string) ([]byte, error) {
	base := directionColour(direction)
	rng := seeded("logo/" + name)
	s := float64(LogoSize)
	cv := newCanvas(LogoSize, LogoSize, tint(base, 0.85))
	cv.band(rng.Float64()*s, rng.Float64()*s, rng.Float64()*math.Pi, 40+rng.Float64()*40, tint(base, 0.6), 1)
	cv.disc(s/2, s/2, s*0.42, base, 1)
	cv.ring(s/2, s/2, s*0.46, 5, tint(base, 0.35), 1)
	text := Initials(name)
	if text == "" {
		return cv.encode()
	}
	f, err := opentype.Parse(certificate.BoldFont())
	if err != nil {
		return nil, fmt.Errorf("demo: logo font: %w", err)
	}
	size := s * 0.3
	if len([]rune(text)) == 1 {
		size = s * 0.38
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("demo: logo font: %w", err)
	}
	defer face.Close()
	d := font.Drawer{Dst: cv.img, Src: image.NewUniform(color.White), Face: face}
	bounds, _ := d.BoundString(text)
	// centre the ink, not the advance: the letters' box sits in the middle of the disc
	d.Dot = fixed.Point26_6{
		X: fixed.I(LogoSize/2) - (bounds.Min.X+bounds.Max.X)/2,
		Y: fixed.I(LogoSize/2) - (bounds.Min.Y+bounds.Max.Y)/2,
	}
	d.DrawString(text)
	return cv.encode()
}

// picture is a demo logo or cover to draw and store: draw makes its PNG, store keeps the processed
// set with its alternative text.
type picture struct {
	what  string
	draw  func() ([]byte, error)
	store func(ctx context.Context, st *store.Store, set images.Set) error
}

// orgLogo is org's logo, in the colour of its first event's direction, set by actor.
func orgLogo(org domain.Organization, events []Event, actor int64) picture {
	direction := ""
	if len(events) > 0 {
		direction = events[0].Direction
	}
	alt := domain.Text{KK: org.Name.KK + " — логотип", RU: "Логотип: " + org.Name.RU, EN: "Logo of " + org.Name.EN}
	return picture{
		what: fmt.Sprintf("the logo of %q", org.Name.EN),
		draw: func() ([]byte, error) { return Logo(org.Name.KK, direction) },
		store: func(ctx context.Context, st *store.Store, set images.Set) error {
			_, err := st.SetOrganizationLogo(ctx, actor, org.ID, set, alt)
			return err
		},
	}
}

// eventCover is e's cover, drawn from its direction and its ID, set by actor.
func eventCover(e domain.Event, actor int64) picture {
	alt := domain.Text{KK: "«" + e.Title.KK + "» мұқабасы: түрлі-түсті геометриялық өрнек",
		RU: "Обложка «" + e.Title.RU + "»: цветной геометрический узор", EN: "Cover of “" + e.Title.EN + "”: a colourful geometric pattern"}
	return picture{
		what: fmt.Sprintf("the cover of %q", e.Title.EN),
		draw: func() ([]byte, error) { return Cover(e.Direction, strconv.FormatInt(e.ID, 10)) },
		store: func(ctx context.Context, st *store.Store, set images.Set) error {
			_, err := st.SetEventCover(ctx, actor, e.ID, set, alt)
			return err
		},
	}
}

// drawn is the outcome of drawPictures: a processed set for each picture, or the first failure.
type drawn struct {
	sets []images.Set
	err  error
}

// drawPictures draws pics and processes them as an upload is (images.Process), two at a time, in
// the background: the work is the CPU's, and the demo's history meanwhile waits on the database.
func drawPictures(pics []picture) <-chan drawn {
	out := make(chan drawn, 1)
	go func() {
		sets := make([]images.Set, len(pics))
		err := parallel(2, len(pics), func(i int) error {
			b, err := pics[i].draw()
			if err == nil {
				sets[i], err = images.Process(b)
			}
			if err != nil {
				return fmt.Errorf("demo: %s: %w", pics[i].what, err)
			}
			return nil
		})
		out <- drawn{sets, err}
	}()
	return out
}

// storePictures stores the pictures drawPictures made, one after another.
func storePictures(ctx context.Context, st *store.Store, pics []picture, d drawn) error {
	if d.err != nil {
		return d.err
	}
	for i, p := range pics {
		if err := p.store(ctx, st, d.sets[i]); err != nil {
			return fmt.Errorf("demo: %s: %w", p.what, err)
		}
	}
	return nil
}
