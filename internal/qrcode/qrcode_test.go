package qrcode

import (
	"bytes"
	"image/png"
	"strings"
	"testing"
)

func TestPNGIsASquareOfTheAskedSize(t *testing.T) {
	for _, c := range []struct {
		text string
		size int
	}{{"otpauth://totp/erikti:coordinator@example.kz?secret=ERIKTIDEMOTWOFACTORSECRETALMATY2&issuer=erikti", 200},
		{"https://erikti.kz/certificates/ERK-7QK2-M4XD-9HTR", 600}, {"a check-in token", 240}} {
		raw, err := PNG(c.text, c.size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil || img.Bounds().Dx() != c.size || img.Bounds().Dy() != c.size {
			t.Errorf("%q: %v %v", c.text, img.Bounds(), err)
		}
	}
	// more than a QR code holds is an error, not a broken image
	if _, err := PNG(strings.Repeat("ә", 4000), 200); err == nil {
		t.Error("a text too long for a QR code was accepted")
	}
}
