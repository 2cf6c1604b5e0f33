package locale

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"testing"
)

// FuzzMatch: Match never panics, always picks one of erikti's languages, and picks the same one
// every time for the same header.
func FuzzMatch(f *testing.F) {
	b, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "*", "ru", "kk-KZ,kk;q=0.9,ru;q=0.8", "en-US,en;q=0.9", "de-DE,de;q=0.9", "ru-RU;q=0",
		"kk;q=1.5", "en;q=abc", "zh-Hant-TW, x-klingon", "kz", "i-default", ";;;,,,", "kk-Cyrl-KZ-u-nu-latn",
		"en-GB-oxendict;q=0.5, ru;q=0.51", "uz-Latn;q=0.9,tr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		lang := b.Match(accept)
		if !slices.Contains([]string{"kk", "ru", "en"}, lang) {
			t.Fatalf("Match(%q) = %q", accept, lang)
		}
		if again := b.Match(accept); again != lang {
			t.Fatalf("Match(%q) = %q, then %q", accept, lang, again)
		}
	})
}

// argNames are the parameters that choose the plural form of some message.
var argNames = []string{"min", "max", "hours", "confirmed", "age", "n", "target", "capacity", "plan"}

// FuzzT: T never panics on any language, key and parameters (names, strings, integers, numbers
// written as strings, which plural messages read), and gives an unknown key back as is.
func FuzzT(f *testing.F) {
	b, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	keys := b.Keys("en")
	sort.Strings(keys)
	at := func(key string) uint16 { return uint16(sort.SearchStrings(keys, key)) }
	f.Add("kk", "", at("shift.places_left"), "n", "3", int64(3), false)
	f.Add("ru", "", at("field.too_long"), "max", "200", int64(21), true)
	f.Add("en", "", at("home.volunteers"), "value", "{n}", int64(1), false)
	f.Add("ru", "", at("shift.waitlist"), "n", "-"+strconv.Itoa(math.MaxInt), int64(-math.MaxInt64), true)
	f.Add("en", "", at("signup.too_young"), "age", strconv.Itoa(math.MaxInt), int64(math.MaxInt64), true)
	f.Add("kk", "", at("field.unknown_accessibility"), "value", "wheelchair", int64(0), false)
	f.Add("de", "error.internal", uint16(math.MaxUint16), "", "", int64(0), false)
	f.Add("en", "no.such.key {n}", uint16(math.MaxUint16), "n", "1", int64(1), false)
	f.Fuzz(func(t *testing.T, lang, key string, index uint16, name, value string, number int64, asString bool) {
		if int(index) < len(keys) {
			key = keys[index]
		}
		params := map[string]any{}
		for _, a := range argNames {
			if asString {
				params[a] = value
			} else {
				params[a] = int(number)
			}
		}
		params["value"] = value
		params[name] = number
		for _, p := range []map[string]any{params, nil, {name: value}} {
			got := b.T(lang, key, p)
			if _, known := b.msgs[lang][key]; !known && got != key {
				t.Fatalf("T(%q, %q) = %q for a key it does not have", lang, key, got)
			}
		}
		b.Number(lang, int(number))
	})
}
