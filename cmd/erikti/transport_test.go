package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"erikti/internal/store/storetest"
)

// selfSigned writes a certificate for 127.0.0.1 and its key into dir and returns their files and
// a pool that trusts the certificate.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "erikti test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// get asks url with headers and returns the answer, its body read.
func get(t *testing.T, c *http.Client, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	r, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	resp, err := c.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var noRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// erikti serve --tls-cert --tls-key serves HTTPS itself: HSTS, and Secure __Host- cookies.
func TestServeDirectTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	out := newServingWatch()
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--db", filepath.Join(dir, "erikti.db"), "--tls-cert", certFile, "--tls-key", keyFile},
			env(nil), strings.NewReader(""), out, io.Discard)
	}()
	stopped := false
	defer func() {
		cancel()
		if stopped {
			return
		}
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, CheckRedirect: noRedirect, Timeout: 10 * time.Second}
	base := "https://" + addr
	select {
	case <-out.serving:
	case err := <-done:
		stopped = true
		t.Fatalf("serve stopped: %v\n%s", err, out)
	case <-time.After(time.Minute):
		t.Fatalf("serve did not start serving within a minute\n%s", out)
	}
	resp, _ := get(t, c, base+"/readyz", nil)
	if resp.StatusCode != 200 || resp.TLS == nil || resp.Header.Get("Strict-Transport-Security") != "max-age=31536000; includeSubDomains" {
		t.Fatalf("/readyz over TLS: %d, HSTS %q", resp.StatusCode, resp.Header.Get("Strict-Transport-Security"))
	}
	resp, _ = get(t, c, base+"/lang/kk?back=/", nil)
	if ck := resp.Header.Get("Set-Cookie"); resp.StatusCode != 303 || !strings.HasPrefix(ck, "__Host-erikti_lang=kk") || !strings.Contains(ck, "; Secure") {
		t.Fatalf("a cookie over TLS: %d %q", resp.StatusCode, ck)
	}
	// the links in mails and certificates are https ones
	if !strings.Contains(out.String(), `"tls":true`) {
		t.Fatalf("the log does not say TLS is on:\n%s", out.String())
	}
}

// erikti serve --trusted-proxies believes the proxies it names, and only them: over HTTPS at the
// proxy the cookie is Secure and __Host-, and HSTS is sent.
func TestServeTrustedProxies(t *testing.T) {
	c := &http.Client{CheckRedirect: noRedirect, Timeout: 10 * time.Second}
	https := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
	for _, tc := range []struct {
		proxies string
		secure  bool
	}{{"127.0.0.1/32", true}, {"10.0.0.0/8, 192.168.0.0/16", false}, {"", false}} {
		base, stop := start(t, env(nil), "--db", filepath.Join(t.TempDir(), "erikti.db"), "--trusted-proxies", tc.proxies)
		resp, _ := get(t, c, base+"/lang/kk?back=/", https)
		ck, hsts := resp.Header.Get("Set-Cookie"), resp.Header.Get("Strict-Transport-Security")
		if tc.secure != strings.HasPrefix(ck, "__Host-erikti_lang=") || tc.secure != strings.Contains(ck, "Secure") || tc.secure != (hsts != "") {
			t.Errorf("--trusted-proxies %q: cookie %q, HSTS %q", tc.proxies, ck, hsts)
		}
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	}
}

// /metrics is served on --metrics-addr, or on --addr with --metrics-token; else nowhere.
func TestServeMetricsAreNotPublic(t *testing.T) {
	c := &http.Client{Timeout: 10 * time.Second}
	metricsAddr := freeAddr(t)
	const token = "a-metrics-token-for-the-test"
	base, stop := start(t, env(map[string]string{"ERIKTI_METRICS_TOKEN": token}), "--db", filepath.Join(t.TempDir(), "erikti.db"), "--metrics-addr", metricsAddr)
	defer stop()
	for _, tc := range []struct {
		url    string
		header map[string]string
		want   int
	}{
		{base + "/metrics", nil, 401},
		{base + "/metrics", map[string]string{"Authorization": "Bearer a-metrics-token-for-the-tesT"}, 401},
		{base + "/metrics", map[string]string{"Authorization": "Bearer " + token}, 200},
		{"http://" + metricsAddr + "/metrics", nil, 200},
		{"http://" + metricsAddr + "/readyz", nil, 404}, // the metrics address serves nothing else
	} {
		resp, body := get(t, c, tc.url, tc.header)
		if resp.StatusCode != tc.want || (tc.want == 200 && !strings.Contains(body, "erikti_http_requests_total")) {
			t.Errorf("%s %v: %d, want %d", tc.url, tc.header, resp.StatusCode, tc.want)
		}
	}

	plain, stopPlain := start(t, env(nil), "--db", filepath.Join(t.TempDir(), "erikti.db"))
	defer stopPlain()
	if resp, _ := get(t, c, plain+"/metrics", map[string]string{"Authorization": "Bearer " + token}); resp.StatusCode != 404 {
		t.Fatalf("/metrics without --metrics-addr or --metrics-token: %d", resp.StatusCode)
	}
}

// erikti serve refuses a database it cannot write, naming it, instead of starting to answer 500.
func TestServeRefusesAReadOnlyDatabase(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.ReadOnly(t, engine)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // a serve that starts is stopped
			defer cancel()
			err := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dsn}, env(nil), nil, io.Discard, io.Discard)
			want := "the database file " + dsn + " is read-only"
			if engine != "sqlite" {
				want = "the PostgreSQL database takes no writes"
			}
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("serve on a read-only %s database: %v, want %q", engine, err, want)
			}
		})
	}
}

func TestBadTransportSettings(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := selfSigned(t, dir)
	db := filepath.Join(dir, "erikti.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--tls-cert", certFile}, "--tls-cert and --tls-key go together"},
		{[]string{"--tls-key", keyFile}, "--tls-cert and --tls-key go together"},
		{[]string{"--tls-cert", keyFile, "--tls-key", keyFile}, "--tls-cert"},
		{[]string{"--trusted-proxies", "10.0.0.0/8,proxy.example"}, `--trusted-proxies: "proxy.example" is not a CIDR`},
		{[]string{"--metrics-token", "short"}, "--metrics-token: at least 16 characters"},
	} {
		err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, tc.args...), env(nil), nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("serve %v: %v, want %q", tc.args, err, tc.want)
		}
	}
}
