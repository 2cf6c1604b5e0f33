package main

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"erikti/internal/certificate"
	"erikti/internal/domain"
)

// flags is a flag set whose flags fall back to ERIKTI_* environment variables.
type flags struct {
	*flag.FlagSet
	getenv func(string) string
	errs   []error
}

func newFlags(name string, getenv func(string) string, stderr io.Writer) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return &flags{FlagSet: fs, getenv: getenv}
}

func envName(flagName string) string {
	return "ERIKTI_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f *flags) string(name, def, help string) *string {
	if v := f.getenv(envName(name)); v != "" {
		def = v
	}
	return f.String(name, def, help+" (env "+envName(name)+")")
}

func (f *flags) bool(name string, def bool, help string) *bool {
	if v := f.getenv(envName(name)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s=%q: not true or false", envName(name), v))
		}
		def = b
	}
	return f.Bool(name, def, help+" (env "+envName(name)+")")
}

func (f *flags) int(name string, def int, help string) *int {
	if v := f.getenv(envName(name)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s=%q: not a whole number", envName(name), v))
		}
		def = n
	}
	return f.Int(name, def, help+" (env "+envName(name)+")")
}

func (f *flags) duration(name string, def time.Duration, help string) *time.Duration {
	if v := f.getenv(envName(name)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			f.errs = append(f.errs, fmt.Errorf("%s=%q: not a duration", envName(name), v))
		}
		def = d
	}
	return f.Duration(name, def, help+" (env "+envName(name)+")")
}

func (f *flags) parse(args []string) error {
	if len(f.errs) > 0 {
		return f.errs[0]
	}
	if err := f.Parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", f.Arg(0))
	}
	return nil
}

// textFlags are three flags, name-kk, name-ru and name-en, for a text in each language; the
// function they return reads them after parsing.
func (f *flags) text(name string, def domain.Text, help string) func() domain.Text {
	kk := f.string(name+"-kk", def.KK, help+", in Kazakh")
	ru := f.string(name+"-ru", def.RU, help+", in Russian")
	en := f.string(name+"-en", def.EN, help+", in English")
	return func() domain.Text { return domain.Text{KK: *kk, RU: *ru, EN: *en}.Trimmed() }
}

// issuer are the flags of the Front Office that issues the certificates and of the person who
// signs them, in each language; the function they return reads them after parsing. The images
// of the seal and the signature are not flags: the Front Office sets them on its pages.
func (f *flags) issuer() func() certificate.Issuer {
	def := certificate.DefaultIssuer()
	name := f.text("issuer", def.Name, "the issuer named on the certificates")
	signatory := f.text("signatory", def.Signatory, "the name of the person who signs the certificates (only a line to sign on when empty)")
	position := f.text("signatory-position", def.Position, "the position of the person who signs the certificates")
	return func() certificate.Issuer {
		return certificate.Issuer{Name: name(), Signatory: signatory(), Position: position()}
	}
}
