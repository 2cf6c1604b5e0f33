package web

import (
	"encoding/json"
	"net/http"

	"erikti/internal/domain"
)

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
	v := s.judge(w, r, err)
	st, de := v.status, v.err
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

// writeJSON answers with v as JSON.
// writePrivate answers 200 with v as JSON that no cache may keep: it is the reader's own.
func writePrivate(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, v)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // #nosec G104 -- the status is sent; a client gone away is nobody to tell
}
