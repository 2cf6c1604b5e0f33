package domain

// Image is a picture erikti serves (an organization's logo, an event's cover): its files are named by
// Hash and kept at a few widths in Format ("jpeg" or "png"); Width and Height are the widest file's.
// Alt describes it for a reader who cannot see it, in Text.In's fallback order like every text.
// The zero Image is none.
type Image struct {
	ID            int64
	Hash          string
	Format        string
	Width, Height int
	Alt           Text
}

// MaxAltLen is the longest alternative text, in letters, in each language.
const MaxAltLen = 300

// None reports whether there is no image.
func (i Image) None() bool { return i.Hash == "" }

// CheckAlt returns alt trimmed, or an Invalid error naming the field "alt" (alt.kk, alt.ru,
// alt.en for one language) when no language has it or one is too long or not one line.
func CheckAlt(alt Text) (Text, error) {
	var p Problems
	alt = alt.Trimmed()
	CheckLocalizedLine(&p, "alt", alt, true, MaxAltLen)
	return alt, p.Err()
}
