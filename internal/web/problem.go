package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"erikti/internal/domain"
)

var errInternal = domain.Errorf(domain.Internal, "error.internal", nil)

// status maps each domain code to its one HTTP status.
func status(code domain.Code) int {
	switch code {
	case domain.Invalid:
		return http.StatusUnprocessableEntity
	case domain.NotFound:
		return http.StatusNotFound
	case domain.Conflict:
		return http.StatusConflict
	case domain.Forbidden:
		return http.StatusForbidden
	case domain.Unauthorized:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

// requestError is a problem with the request itself (its syntax, size or media type), found
// before the domain sees it.
type requestError struct {
	status     int
	err        *domain.Error
	retryAfter int // seconds, for a 429
}

func (e *requestError) Error() string { return e.err.Error() }

func badRequest(status int, field, key string, params map[string]any) error {
	titles := map[int]string{http.StatusRequestEntityTooLarge: "error.too_large", http.StatusUnsupportedMediaType: "error.unsupported_media_type",
		http.StatusMethodNotAllowed: "error.method_not_allowed"}
	title := titles[status]
	if title == "" {
		title = "error.invalid"
	}
	return &requestError{status: status, err: &domain.Error{Code: domain.Invalid, Key: title, Fields: []domain.FieldError{{Field: field, Key: key, Params: params}}}}
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail,omitempty"`
	Instance string         `json:"instance,omitempty"`
	Code     string         `json:"code"`
	Errors   []problemField `json:"errors,omitempty"`
}

type problemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fail answers with err as application/problem+json in the reader's language. Errors that are not
// the domain's are logged and answered as a 500 that shows no internals.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	st, de := http.StatusInternalServerError, errInternal
	var re *requestError
	var e *domain.Error
	switch {
	case errors.As(err, &re):
		st, de = re.status, re.err
		if re.retryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(re.retryAfter))
		}
	case errors.As(err, &e) && e.Code != domain.Internal:
		st, de = status(e.Code), e
	default:
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if de.Code == domain.Forbidden {
		s.recordDenied(r)
	}
	lang := s.lang(r)
	p := problem{Type: "urn:erikti:problem:" + string(de.Code), Status: st, Instance: r.URL.Path, Code: de.Key}
	titleKey := "error." + string(de.Code)
	if de.Key != "" && len(de.Fields) == 0 {
		p.Detail = s.msgs.T(lang, de.Key, de.Params)
	} else if de.Key != "" {
		titleKey = de.Key
	}
	p.Title = s.msgs.T(lang, titleKey, nil)
	for _, f := range de.Fields {
		p.Errors = append(p.Errors, problemField{Field: f.Field, Code: f.Key, Message: s.msgs.T(lang, f.Key, f.Params)})
	}
	if len(p.Errors) > 0 && p.Detail == "" {
		p.Detail = p.Errors[0].Field + ": " + p.Errors[0].Message
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("Content-Language", lang)
	if st == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="erikti"`)
	}
	w.WriteHeader(st)
	json.NewEncoder(w).Encode(p) // #nosec G104 -- the status is sent; a client gone away is nobody to tell
}

// lang is the reader's language: Accept-Language when it names one of erikti's, else Kazakh.
func (s *Server) lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); domain.IsLanguage(l) {
		return l
	}
	return s.msgs.Match(r.Header.Get("Accept-Language"))
}

// withField names the path parameter field in a not-found error that names none.
func withField(err error, field string) error {
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.NotFound && len(e.Fields) == 0 {
		return &domain.Error{Code: e.Code, Key: "error.not_found", Fields: []domain.FieldError{{Field: field, Key: e.Key}}}
	}
	return err
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // #nosec G104 -- the status is sent; a client gone away is nobody to tell
}
