// Package locale holds every string a person reads, in Kazakh, Russian and English, and picks the
// reader's language.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	number "golang.org/x/text/message"

	"erikti/internal/domain"
)

//go:embed messages/*.json
var files embed.FS

// message is a plain string, or CLDR plural forms chosen by the integer parameter Arg.
type message struct {
	text  string
	arg   string
	forms map[string]string
}

func (m *message) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &m.text)
	}
	var forms map[string]string
	if err := json.Unmarshal(b, &forms); err != nil {
		return err
	}
	m.arg = forms["arg"]
	delete(forms, "arg")
	if m.arg == "" {
		return fmt.Errorf("plural message without \"arg\"")
	}
	m.forms = forms
	return nil
}

// Bundle is the set of messages of every language.
type Bundle struct {
	msgs     map[string]map[string]message // lang → key → message
	tags     []language.Tag
	matcher  language.Matcher
	printers map[string]*number.Printer // digit grouping by language
}

// Load reads the embedded messages.
func Load() (*Bundle, error) {
	b := &Bundle{msgs: map[string]map[string]message{}, printers: map[string]*number.Printer{}}
	for _, lang := range domain.Languages() {
		raw, err := files.ReadFile("messages/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		m := map[string]message{}
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("locale: messages/%s.json: %w", lang, err)
		}
		b.msgs[lang] = m
		b.tags = append(b.tags, language.MustParse(lang))
		b.printers[lang] = number.NewPrinter(language.MustParse(lang))
	}
	b.matcher = language.NewMatcher(b.tags)
	return b, nil
}

// Keys lists the keys of lang's messages.
func (b *Bundle) Keys(lang string) []string {
	keys := make([]string, 0, len(b.msgs[lang]))
	for k := range b.msgs[lang] {
		keys = append(keys, k)
	}
	return keys
}

// PluralForms lists the plural forms lang's message key gives, or nil for a plain message.
func (b *Bundle) PluralForms(lang, key string) []string {
	m := b.msgs[lang][key]
	var out []string
	for f := range m.forms {
		out = append(out, f)
	}
	return out
}

// Match picks erikti's language for an Accept-Language header; Kazakh when nothing matches.
func (b *Bundle) Match(accept string) string {
	tags, _, err := language.ParseAcceptLanguage(accept)
	if err != nil || len(tags) == 0 {
		return "kk"
	}
	_, i, conf := b.matcher.Match(tags...)
	if conf == language.No {
		return "kk"
	}
	return b.tags[i].String()
}

// T translates key into lang, filling {name} placeholders from params. A key with no message is
// returned as is, so a missing string shows and a test catches it.
func (b *Bundle) T(lang, key string, params map[string]any) string {
	m, ok := b.msgs[lang][key]
	if !ok {
		return key
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[pluralForm(lang, intParam(params[m.arg]))]
		if text == "" {
			text = m.forms["other"]
		}
	}
	if len(params) == 0 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(params))
	for k, v := range params {
		pairs = append(pairs, "{"+k+"}", b.formatParam(lang, v))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Number writes n with lang's digit grouping (CLDR): 12,345 in English, 12 345 in Kazakh and Russian.
func (b *Bundle) Number(lang string, n int) string {
	if p := b.printers[lang]; p != nil {
		return p.Sprint(n)
	}
	return strconv.Itoa(n)
}

// DateTime writes t as a date with its time of day in Almaty, in lang's words: "7 March 2026, 10:00".
func (b *Bundle) DateTime(lang string, t time.Time) string {
	t = t.In(domain.Almaty())
	month := b.T(lang, fmt.Sprintf("month.%d", t.Month()), nil)
	return b.T(lang, "format.date", map[string]any{"day": strconv.Itoa(t.Day()), "month": month, "year": strconv.Itoa(t.Year())}) +
		", " + t.Format("15:04")
}

func (b *Bundle) formatParam(lang string, v any) string {
	switch v := v.(type) {
	case domain.Text:
		return v.In(lang)
	case string:
		return v
	case int:
		return b.Number(lang, v)
	case time.Time: // a moment: its date and time of day in Almaty, as the pages write them
		return b.DateTime(lang, v)
	default:
		return fmt.Sprint(v)
	}
}

func intParam(v any) int {
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case string:
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0
		}
		return n
	}
	return 0
}

// pluralForm is the CLDR cardinal plural category of the integer n in lang.
func pluralForm(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	if n < 0 { // -MinInt overflows; such a count has no plural form of its own
		n = 0
	}
	form := plural.Cardinal.MatchPlural(language.MustParse(lang), n, 0, 0, 0, 0)
	switch form {
	case plural.One:
		return "one"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	case plural.Two:
		return "two"
	case plural.Zero:
		return "zero"
	}
	return "other"
}
