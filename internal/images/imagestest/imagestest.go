// Package imagestest makes the files that the tests of uploads send: real JPEGs and PNGs from Go's
// encoders, a JPEG carrying an EXIF orientation and GPS position written by hand, a "PNG bomb"
// (a valid header of 100000 x 100000 pixels in a tiny file), and the WebP file kept in testdata.
package imagestest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Picture is a w x h picture with a gradient and a red square at its top left, so that scaling and
// turning show; alpha below 255 makes it transparent.
func Picture(w, h int, alpha uint8) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{R: uint8(x * 255 / w), G: uint8(y * 255 / h), B: 120, A: alpha} // #nosec G115 -- x < w and y < h: below 255
			if x < w/4 && y < h/4 {
				c = color.NRGBA{R: 230, A: alpha}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

// JPEG is Picture(w, h, 255) encoded as JPEG.
func JPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, Picture(w, h, 255), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// PNG is Picture(w, h, alpha) encoded as PNG.
func PNG(t testing.TB, w, h int, alpha uint8) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, Picture(w, h, alpha)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// GPSMarker is text that the EXIF segment of JPEGWithExif carries (its camera make), and the GPS
// latitude reference "N" follows the tag 0x0001 in it: a served file must hold neither.
const GPSMarker = "ERIKTI-SECRET-CAMERA"

// JPEGWithExif is JPEG(t, w, h) with an APP1 Exif segment written by hand after its SOI: IFD0 with
// the orientation (1 to 8), the camera's make (GPSMarker) and a pointer to a GPS IFD holding a
// latitude of 43°15'0" N (Almaty).
func JPEGWithExif(t testing.TB, w, h, orientation int) []byte {
	t.Helper()
	plain := JPEG(t, w, h)
	bo := binary.LittleEndian
	var tiff bytes.Buffer
	tiff.WriteString("II")
	_ = binary.Write(&tiff, bo, uint16(42))
	_ = binary.Write(&tiff, bo, uint32(8)) // IFD0 at 8
	// IFD0: 3 entries (orientation, make, GPS IFD pointer), then the next-IFD offset 0.
	const ifd0 = 8
	const ifd0Len = 2 + 3*12 + 4
	makeOff := ifd0 + ifd0Len
	makeVal := GPSMarker + "\x00"
	gpsOff := makeOff + len(makeVal)
	if gpsOff%2 == 1 {
		makeVal += "\x00"
		gpsOff++
	}
	entry := func(tag, typ uint16, count, value uint32) {
		_ = binary.Write(&tiff, bo, tag)
		_ = binary.Write(&tiff, bo, typ)
		_ = binary.Write(&tiff, bo, count)
		_ = binary.Write(&tiff, bo, value)
	}
	_ = binary.Write(&tiff, bo, uint16(3))
	entry(0x0112, 3, 1, uint32(orientation)) // #nosec G115 -- an orientation, 1 to 8 (SHORT, in the value's first 2 bytes)
	entry(0x010F, 2, uint32(len(GPSMarker)+1), uint32(makeOff))
	entry(0x8825, 4, 1, uint32(gpsOff)) // #nosec G115 -- the GPSInfo IFD pointer, an offset within a few hundred bytes
	_ = binary.Write(&tiff, bo, uint32(0))
	tiff.WriteString(makeVal)
	// GPS IFD: LatitudeRef "N", Latitude 43/1 15/1 0/1 (RATIONALs after the IFD).
	const gpsLen = 2 + 2*12 + 4
	ratOff := gpsOff + gpsLen
	_ = binary.Write(&tiff, bo, uint16(2))
	entry(0x0001, 2, 2, uint32('N'))
	entry(0x0002, 5, 3, uint32(ratOff)) // #nosec G115 -- an offset within a segment of a few hundred bytes
	_ = binary.Write(&tiff, bo, uint32(0))
	for _, r := range [][2]uint32{{43, 1}, {15, 1}, {0, 1}} {
		_ = binary.Write(&tiff, bo, r[0])
		_ = binary.Write(&tiff, bo, r[1])
	}
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2)) // #nosec G115 -- an APP1 segment of a few hundred bytes
	out := append([]byte{}, plain[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, plain[2:]...)
}

// PNGBomb is a PNG whose header claims w x h pixels (100000 x 100000 for the classic bomb) and
// whose IDAT is a few bytes of zlib: every chunk with a valid CRC, so only the dimensions are wrong.
func PNGBomb(w, h uint32) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data))) // #nosec G115 -- a test chunk of a few bytes
		body := append([]byte(typ), data...)
		out.Write(body)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01})
	chunk("IEND", nil)
	return out.Bytes()
}

// SVG is a small SVG picture with a script: never accepted.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script><rect width="100" height="100"/></svg>`

// GIF is a 1 x 1 GIF: a real image in a format erikti does not accept.
var GIF = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// WebP is testdata/photo.webp, a real lossy WebP of 400 x 300 pixels (how it was made:
// testdata/README.md).
func WebP(t testing.TB) []byte {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	data, err := os.ReadFile(filepath.Join(filepath.Dir(file), "testdata", "photo.webp"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
