package web

import (
	"errors"
	"net/http"
	"strconv"

	"erikti/internal/domain"
)

// This file is erikti's one error classification: what an error means to the reader, whether the
// API answers it as problem+json (fail) or a page as an HTML error page (pageError).

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

// verdict is what an error means to the reader.
type verdict struct {
	status      int
	err         *domain.Error // what to say; errInternal for an error that is not the domain's
	retryAfter  int           // seconds, when the reader may try again later
	fromRequest bool          // a requestError: found in the request before the domain saw it
	internal    bool          // not the domain's: log it, show no internals
}

// classify maps err to its verdict: a requestError keeps its own status, a domain error gets its
// code's status, and anything else is an internal error.
func classify(err error) verdict {
	var re *requestError
	var de *domain.Error
	switch {
	case errors.As(err, &re):
		return verdict{status: re.status, err: re.err, retryAfter: re.retryAfter, fromRequest: true}
	case errors.As(err, &de) && de.Code != domain.Internal:
		return verdict{status: status(de.Code), err: de}
	}
	return verdict{status: http.StatusInternalServerError, err: errInternal, internal: true}
}

// message is the verdict's first thing to say: the first field's key and params when the error
// names fields, else the error's own.
func (v verdict) message() (field, key string, params map[string]any) {
	if len(v.err.Fields) > 0 {
		f := v.err.Fields[0]
		return f.Field, f.Key, f.Params
	}
	return "", v.err.Key, v.err.Params
}

// judge classifies err and does what every answer to it does whatever its form: logs an internal
// error, sets Retry-After, and counts a denial.
func (s *Server) judge(w http.ResponseWriter, r *http.Request, err error) verdict {
	v := classify(err)
	if v.internal {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if v.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(v.retryAfter))
	}
	if v.err.Code == domain.Forbidden {
		s.recordDenied(r)
	}
	return v
}

// withField names the path parameter field in a not-found error that names none.
func withField(err error, field string) error {
	var e *domain.Error
	if errors.As(err, &e) && e.Code == domain.NotFound && len(e.Fields) == 0 {
		return &domain.Error{Code: e.Code, Key: "error.not_found", Fields: []domain.FieldError{{Field: field, Key: e.Key}}}
	}
	return err
}

// fieldRenamed names to the field an error names from: a store's field as the API's path calls it.
func fieldRenamed(err error, from, to string) error {
	var e *domain.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	out := *e
	out.Fields = make([]domain.FieldError, len(e.Fields))
	for i, f := range e.Fields {
		if f.Field == from {
			f.Field = to
		}
		out.Fields[i] = f
	}
	return &out
}
