package web

import "net/http"

// route is one entry of the route table; the OpenAPI document is held against this table.
type route struct {
	method  string
	pattern string
	handler http.Handler
}

// routeTable is every route erikti serves, in one place.
func (s *Server) routeTable() []route {
	h := func(method, pattern string, fn func(http.ResponseWriter, *http.Request) error) route {
		return route{method, pattern, s.handle(fn)}
	}
	return []route{
		{"GET", "/healthz", http.HandlerFunc(s.healthz)},
		{"GET", "/readyz", http.HandlerFunc(s.readyz)},
		{"GET", "/metrics", s.metricsHandler()},
		{"GET", "/api/v1/openapi.json", http.HandlerFunc(s.openAPI)},

		h("POST", "/api/v1/auth/register", s.register),
		h("POST", "/api/v1/auth/token", s.token),
		h("GET", "/api/v1/me", s.me),
		h("GET", "/api/v1/me/signups", s.mySignups),

		h("GET", "/api/v1/directions", s.directions),
		h("GET", "/api/v1/districts", s.districts),
		h("GET", "/api/v1/projects", s.projects),

		h("GET", "/api/v1/organizations", s.listOrganizations),
		h("POST", "/api/v1/organizations", s.createOrganization),
		h("GET", "/api/v1/organizations/{id}", s.getOrganization),
		h("POST", "/api/v1/organizations/{id}/verify", s.verifyOrganization),
		h("POST", "/api/v1/organizations/{id}/events", s.createEvent),

		h("GET", "/api/v1/events", s.listEvents),
		h("GET", "/api/v1/events/{id}", s.getEvent),
		h("PATCH", "/api/v1/events/{id}", s.updateEvent),
		h("POST", "/api/v1/events/{id}/shifts", s.createShift),

		h("PATCH", "/api/v1/shifts/{id}", s.updateShift),
		h("POST", "/api/v1/shifts/{id}/signups", s.signUp),
		h("GET", "/api/v1/shifts/{id}/roster", s.roster),
		h("DELETE", "/api/v1/signups/{id}", s.cancelSignup),
	}
}

// handle adapts a handler that returns an error: the error becomes a problem document.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}
