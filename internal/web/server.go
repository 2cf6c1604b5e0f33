package web

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"erikti/internal/auth"
	"erikti/internal/certificate"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/mail"
	"erikti/internal/store"
)

// Options tune a server; the zero value is right for production.
type Options struct {
	Now         func() time.Time // the clock; time.Now when nil
	Password    auth.Params      // argon2id cost; auth.DefaultParams() when zero
	TokenTTL    time.Duration    // how long an API token lives; 30 days when 0
	SessionIdle time.Duration    // a browser session ends after this long unused; 2 hours when 0
	SessionMax  time.Duration    // and this long after sign-in whatever happens; 7 days when 0
	// PolicyVersion is the privacy policy's version people agree to; domain.PrivacyPolicyVersion when empty.
	// A new version asks everyone again.
	PolicyVersion string
	// GuardianAge is the age under which a volunteer needs a parent's or guardian's consent to
	// sign up (Law "On Volunteer Activity", art. 12); domain.DefaultGuardianAge (18) when 0.
	GuardianAge int
	// PublicURL is erikti's address as people reach it, for the verification link a certificate's
	// QR code holds; the request's own host when empty.
	PublicURL string
	// Issuer is the Front Office that issues and signs the certificates, with its signatory;
	// certificate.DefaultIssuer() when its name is empty. The images of the seal and the
	// signature come from the store, where the Front Office sets them.
	Issuer certificate.Issuer
	// CacheBytes bounds the read cache of the programme and event pages and their API answers
	// (cache.go); 128 MiB when 0; a negative size turns the cache off.
	CacheBytes int64
	// HashMemory bounds the memory of the password hashes running at once (each holds
	// Password.Memory KiB): DefaultHashMemory when 0. A hash that finds no room within HashWait
	// (DefaultHashWait when 0) is answered 503 with Retry-After.
	HashMemory int64
	HashWait   time.Duration
	// Hasher, when set, is the hasher itself (Password, HashMemory and HashWait are then unused):
	// servers sharing one process can share one budget.
	Hasher *auth.Hasher
	// RegistrationsPerHour bounds the registrations from one address in an hour: 60 when 0 (a
	// class registering together shares one address). One email may be tried 3 times an hour.
	RegistrationsPerHour int
	// TrustedProxies are the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
	// (client.go); nobody's when empty.
	TrustedProxies []netip.Prefix
	// MetricsToken, when set, serves /metrics on this handler to requests that send it as their
	// bearer token; without it this handler has no /metrics (see MetricsHandler).
	MetricsToken string
	Registerer   prometheus.Registerer
	Gatherer     prometheus.Gatherer
}

// The defaults of the password hashing budget: 128 MiB holds six hashes of the default cost, and a
// request waits at most 3 s for its turn.
const (
	DefaultHashMemory = 128 << 20
	DefaultHashWait   = 3 * time.Second
)

// Server is erikti's HTTP handler.
type Server struct {
	store    *store.Store
	msgs     *locale.Bundle
	log      *slog.Logger
	opt      Options
	metrics  *metrics
	mux      *http.ServeMux
	routes   []route // the API's and operations' routes, held against the OpenAPI document
	pages    map[string]*template.Template
	assets   *assets
	handler  http.Handler   // mux behind cross-origin protection
	attempts *attempts      // failed sign-ins, for the rate limit
	resets   *attempts      // requests for a password reset link, for their rate limit
	refusals *refusalBudget // refused requests written into the audit log this minute
	// registrations limits registrations per address (and per email: each to a taken email mails
	// its owner); ownPasswords limits guesses of a signed-in reader's current password per
	// account and address
	registrations, ownPasswords *attempts
	// markUploads limits the uploads of the certificate's seal and signature per account and address
	markUploads *attempts
	// uploads limits image uploads (logos, covers) per account and per address within an hour
	uploads    *attempts
	passwords  *auth.PasswordList // common and breached passwords, refused for new accounts
	mails      *mail.Writer       // writes the subjects of a person's mails on their page
	hasher     *auth.Hasher       // argon2id within the memory budget: every password hashed or checked goes through it
	dummy      string             // a password hash to check against when the email is unknown, so timing tells nothing
	cache      *respCache         // the read cache; nil when turned off
	validators *store.Validators  // the read cache's validators
	figures    *figuresMemo       // the home page's figures of the year
}

// New returns a server over st.
func New(st *store.Store, msgs *locale.Bundle, log *slog.Logger, opt Options) (*Server, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Password == (auth.Params{}) {
		opt.Password = auth.DefaultParams()
	}
	if opt.Issuer.Name == (domain.Text{}) {
		opt.Issuer = certificate.DefaultIssuer()
	}
	if opt.TokenTTL == 0 {
		opt.TokenTTL = 30 * 24 * time.Hour
	}
	if opt.SessionIdle == 0 {
		opt.SessionIdle = 2 * time.Hour
	}
	if opt.SessionMax == 0 {
		opt.SessionMax = 7 * 24 * time.Hour
	}
	if opt.PolicyVersion == "" {
		opt.PolicyVersion = domain.PrivacyPolicyVersion
	}
	if opt.GuardianAge <= 0 {
		opt.GuardianAge = domain.DefaultGuardianAge
	}
	if opt.CacheBytes == 0 {
		opt.CacheBytes = defaultCacheBytes
	}
	if opt.Registerer == nil {
		reg := prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		opt.Registerer, opt.Gatherer = reg, reg
	}
	m, err := newMetrics(opt.Registerer, st)
	if err != nil {
		return nil, err
	}
	if opt.RegistrationsPerHour <= 0 {
		opt.RegistrationsPerHour = 60
	}
	if opt.HashMemory <= 0 {
		opt.HashMemory = DefaultHashMemory
	}
	if opt.HashWait <= 0 {
		opt.HashWait = DefaultHashWait
	}
	hasher := opt.Hasher
	if hasher == nil {
		hasher = auth.NewHasher(opt.Password, opt.HashMemory, opt.HashWait)
	}
	dummy, err := hasher.Hash(context.Background(), "erikti does not know this address")
	if err != nil {
		return nil, err
	}
	s := &Server{store: st, msgs: msgs, log: log, opt: opt, metrics: m, mux: http.NewServeMux(), dummy: dummy, hasher: hasher,
		attempts: newAttempts(15*time.Minute, 5, 50), resets: newAttempts(time.Hour, 5, 20), refusals: newRefusalBudget(),
		registrations: newAttempts(time.Hour, 3, opt.RegistrationsPerHour), ownPasswords: newAttempts(15*time.Minute, 5, 20),
		markUploads: newAttempts(time.Hour, 20, 40), uploads: newAttempts(time.Hour, 60, 240),
		figures: &figuresMemo{ttl: 30 * time.Second, now: opt.Now}}
	if opt.CacheBytes > 0 {
		s.cache = newRespCache(opt.CacheBytes)
		if s.validators, err = st.Validators(context.Background()); err != nil {
			return nil, err
		}
	}
	if s.passwords, err = auth.LoadPasswordList(); err != nil {
		return nil, err
	}
	if s.mails, err = mail.NewWriter(msgs, ""); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = parseTemplates(s.assets); err != nil {
		return nil, err
	}
	s.routes = s.routeTable()
	for _, rt := range append(s.routes, s.pageTable()...) {
		if rt.access != open && rt.access != signedIn && rt.access != inRole {
			return nil, fmt.Errorf("web: the route %s %s declares no access", rt.method, rt.pattern)
		}
		s.mux.Handle(rt.method+" "+rt.pattern, rt.handler)
	}
	s.mux.HandleFunc("/", s.unrouted)
	// cross-origin form posts are refused; API clients that are not browsers send no Origin
	// or Sec-Fetch-Site and pass
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, domain.Errorf(domain.Forbidden, "forbidden.cross_origin", nil))
	}))
	s.handler = cop.Handler(s.mux)
	return s, nil
}

// ServeHTTP serves a request, counting it and recovering from a handler's panic.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			s.log.Error("panic", "path", r.URL.Path, "panic", p)
			if !rec.wrote && strings.HasPrefix(r.URL.Path, "/api/") {
				s.fail(rec, r, errInternal)
			} else if !rec.wrote {
				s.pageError(rec, r, errInternal)
			}
		}
		s.metrics.observe(r, rec.status, time.Since(start))
		if rec.status >= 500 {
			s.log.Error("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "duration", time.Since(start))
		}
	}()
	r = s.withClient(r)
	r = r.WithContext(store.WithAgent(store.WithOrigin(r.Context(), clientAddr(r)), r.UserAgent()))
	h := rec.Header()
	if isHTTPS(r) {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	s.handler.ServeHTTP(rec, r)
}

// unrouted answers a request no route takes (the catch-all "/" matches it): 405 with Allow when
// the path exists under other methods, else 404, as problem documents in the reader's language.
// Only such requests pay for the probe.
func (s *Server) unrouted(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{"GET", "POST", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		if slices.Contains(allow, "GET") {
			allow = append(allow, "HEAD")
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.failAny(w, r, badRequest(http.StatusMethodNotAllowed, "method", "request.method_not_allowed", nil))
		return
	}
	s.failAny(w, r, domain.Errorf(domain.NotFound, "not_found.route", nil))
}

// failAny answers with a problem document under /api/ and with an error page elsewhere.
func (s *Server) failAny(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.fail(w, r, err)
		return
	}
	s.page(open, func(http.ResponseWriter, *http.Request) error { return err }).ServeHTTP(w, r)
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
