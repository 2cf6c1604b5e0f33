package web

import (
	"net/url"

	"erikti/internal/domain"
)

// mapURL is where "see on a map" leads for an event's venue: OpenStreetMap's search for the venue's
// text, its district and the city. The one place that builds it, for the event page and My shifts,
// so that a venue with coordinates can be pointed at exactly here.
func mapURL(v *view, e domain.Event) string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(e.Venue+", "+v.District(e.District)+", Almaty")
}
