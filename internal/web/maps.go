package web

import (
	"net/url"
	"strconv"

	"erikti/internal/domain"
)

// mapURL is where "see on a map" leads for an event's place, the one place that builds it (the
// event page, My shifts, the cancel confirmation): OpenStreetMap at its point when its coordinates
// are known, else a search for its venue and address in the reader's language, its district and
// the city.
func mapURL(v *view, e domain.Event) string {
	if e.HasCoordinates() {
		lat, lon := strconv.FormatFloat(e.Lat, 'f', 6, 64), strconv.FormatFloat(e.Lon, 'f', 6, 64)
		return "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
	}
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Place(v.Lang)+", "+v.District(e.District)+", Almaty")
}
