package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"erikti/internal/domain"
)

// client is who sent a request, as erikti believes it: the address every rate limit counts and
// the audit log records, and whether the request reached erikti over HTTPS.
type client struct {
	addr  string
	https bool
}

type clientKey struct{}

// clientOf works out who sent r. The peer of the connection is the client, unless it is one of
// the trusted proxies (Options.TrustedProxies): then X-Forwarded-For is read from the right, and
// the first address that is not a trusted proxy's is the client (the ones to its left are what
// the client itself claimed, which anyone can forge); X-Forwarded-Proto says whether the
// proxy was reached over HTTPS. An untrusted peer's X-Forwarded-* headers are ignored.
func (s *Server) clientOf(r *http.Request) client {
	c := client{addr: peerAddr(r), https: r.TLS != nil}
	peer, err := netip.ParseAddr(c.addr)
	if err != nil || !s.trusted(peer) {
		return c
	}
	if proto := lastListed(r.Header.Values("X-Forwarded-Proto")); proto != "" {
		c.https = c.https || strings.EqualFold(proto, "https")
	}
	hops := listed(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := parseHop(hops[i])
		if err != nil { // the proxy passed on garbage: the last address it vouched for stands
			break
		}
		c.addr = hop.Unmap().String()
		if !s.trusted(hop) {
			break
		}
	}
	return c
}

// parseHop reads one address of X-Forwarded-For: 192.0.2.1, 2001:db8::1, [2001:db8::1], or
// any of them with a port.
func parseHop(hop string) (netip.Addr, error) {
	if ap, err := netip.ParseAddrPort(hop); err == nil {
		return ap.Addr(), nil
	}
	return netip.ParseAddr(strings.Trim(hop, "[]"))
}

// trusted reports whether addr is one of the trusted proxies.
func (s *Server) trusted(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range s.opt.TrustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// listed splits the comma-separated values of a header sent once or many times.
func listed(values []string) []string {
	var out []string
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// lastListed is the right-most value of a list header: the one the nearest proxy set.
func lastListed(values []string) string {
	l := listed(values)
	if len(l) == 0 {
		return ""
	}
	return l[len(l)-1]
}

// peerAddr is the address of the connection's other end (its host, without the port).
func peerAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// withClient keeps who sent r in its context, for clientAddr and isHTTPS.
func (s *Server) withClient(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), clientKey{}, s.clientOf(r)))
}

// requestClient is who sent r: as the server worked it out, or the connection's peer for a
// request that did not come through ServeHTTP.
func requestClient(r *http.Request) client {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c
	}
	return client{addr: peerAddr(r), https: r.TLS != nil}
}

// isHTTPS reports whether r reached erikti (or the trusted proxy in front of it) over HTTPS.
func isHTTPS(r *http.Request) bool { return requestClient(r).https }

// hostPrefix is the prefix of every cookie name over HTTPS: a browser keeps a __Host- cookie only
// if it is Secure, has Path=/ and no Domain, so neither a plain-HTTP page nor a subdomain can set
// or shadow it.
const hostPrefix = "__Host-"

// cookieName is the name the cookie called name has on r's connection.
func cookieName(r *http.Request, name string) string {
	if isHTTPS(r) {
		return hostPrefix + name
	}
	return name
}

// readCookie is r's cookie called name: over HTTPS only its __Host- form counts.
func readCookie(r *http.Request, name string) (*http.Cookie, error) {
	return r.Cookie(cookieName(r, name))
}

// metricsOnMain serves /metrics on the main address: only with Options.MetricsToken, and then
// only to a request that sends it as its bearer token; without a token there is no such route
// (the metrics are served on a listen address of their own, if at all: MetricsHandler).
func (s *Server) metricsOnMain() http.Handler {
	metrics := s.metricsHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opt.MetricsToken == "" {
			s.fail(w, r, domain.Errorf(domain.NotFound, "not_found.route", nil))
			return
		}
		token, err := bearerToken(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		// the sums are compared, so that the time taken tells nothing, not even the token's length
		got, want := sha256.Sum256([]byte(token)), sha256.Sum256([]byte(s.opt.MetricsToken))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			s.fail(w, r, domain.Errorf(domain.Unauthorized, "auth.token_invalid", nil))
			return
		}
		metrics.ServeHTTP(w, r)
	})
}

// MetricsHandler serves the Prometheus metrics to anyone who reaches it: for a listen address of
// their own (serve --metrics-addr), which only the monitoring should reach.
func (s *Server) MetricsHandler() http.Handler { return s.metricsHandler() }
