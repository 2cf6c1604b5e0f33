// Package qrcode makes erikti's QR codes: the check-in pass, a certificate's verification link
// and the otpauth link that sets up two-factor authentication, all one way.
package qrcode

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// PNG is the PNG of a QR code holding text, size pixels square, with the medium error correction
// a phone's camera reads at arm's length.
func PNG(text string, size int) ([]byte, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return nil, fmt.Errorf("qrcode: %w", err)
	}
	if code, err = barcode.Scale(code, size, size); err != nil {
		return nil, fmt.Errorf("qrcode: scale: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		return nil, fmt.Errorf("qrcode: png: %w", err)
	}
	return buf.Bytes(), nil
}
