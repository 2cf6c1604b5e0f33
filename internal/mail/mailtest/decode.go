package mailtest

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
)

// decodeBody undoes a part's Content-Transfer-Encoding.
func decodeBody(encoding string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r) // it skips line breaks
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("mailtest: body (%s): %w", encoding, err)
	}
	return b, nil
}
