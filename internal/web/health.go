package web

import (
	"context"
	"net/http"
	"time"
)

// healthz answers while the process runs.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only while the database answers reads and takes a write (a row written and
// rolled back: store.CheckWrite), so that a node whose every write would fail is taken out.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	err := s.store.Ping(ctx)
	if err == nil {
		err = s.store.CheckWrite(ctx)
	}
	if err != nil {
		s.log.Warn("not ready", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": s.store.Dialect().String()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "database": s.store.Dialect().String()})
}
