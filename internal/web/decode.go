package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
)

// maxBody is the largest request body erikti reads.
const maxBody = 1 << 20

// decode reads a JSON body into dst: at most 1 MiB, one value, no unknown fields. An empty body
// decodes to nothing when allowEmpty. Every failure names the field.
func decode(w http.ResponseWriter, r *http.Request, dst any, allowEmpty bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			return badRequest(http.StatusUnsupportedMediaType, "Content-Type", "error.unsupported_media_type", nil)
		}
	}
	body := http.MaxBytesReader(w, r.Body, maxBody)
	raw, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return badRequest(http.StatusRequestEntityTooLarge, "body", "request.too_large", nil)
	}
	if err != nil {
		return badRequest(http.StatusBadRequest, "body", "request.malformed_json", nil)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		if allowEmpty {
			return nil
		}
		return badRequest(http.StatusBadRequest, "body", "request.malformed_json", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return badRequest(http.StatusBadRequest, "body", "request.trailing_data", nil)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest(http.StatusBadRequest, "body", "request.trailing_data", nil)
	}
	return nil
}

func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		return badRequest(http.StatusBadRequest, field, typeKey(typeErr.Type.Kind().String()), nil)
	}
	if msg := err.Error(); strings.HasPrefix(msg, "json: unknown field ") {
		field, _ := strconv.Unquote(strings.TrimPrefix(msg, "json: unknown field "))
		return badRequest(http.StatusBadRequest, field, "request.unknown_field", nil)
	}
	return badRequest(http.StatusBadRequest, "body", "request.malformed_json", nil)
}

func typeKey(kind string) string {
	switch {
	case kind == "string":
		return "request.type_string"
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "request.type_integer"
	case kind == "bool":
		return "request.type_boolean"
	case kind == "slice", kind == "array":
		return "request.type_array"
	}
	return "request.type_object"
}

// pathID reads the path parameter name as a positive integer.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, domain.FieldErr(domain.Invalid, name, "field.id", nil)
	}
	return id, nil
}

// checkIdempotencyKey accepts 1 to 200 visible ASCII characters.
func checkIdempotencyKey(k string) error {
	if len(k) > 200 {
		return domain.FieldErr(domain.Invalid, "Idempotency-Key", "field.idempotency_key", nil)
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return domain.FieldErr(domain.Invalid, "Idempotency-Key", "field.idempotency_key", nil)
		}
	}
	return nil
}

// parseTime reads a time given as RFC 3339 or as Almaty local time; a bad one is a problem of field.
func parseTime(p *domain.Problems, field, v string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, ok := domain.ParseTime(v)
	if !ok {
		p.Add(field, "field.time", nil)
	}
	return t
}

// formatTime writes a time in Almaty's zone, RFC 3339.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(domain.Almaty()).Format(time.RFC3339)
}
