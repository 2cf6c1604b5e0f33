// Package web serves erikti over HTTP: the pages people use in a browser, the JSON API under
// /api/v1 (described by openapi.json), and the operational endpoints (health, metrics).
//
// # Layout
//
// The files are named by feature, then by transport, so that the API and the pages of one
// feature stand side by side: events_api.go, events_pages.go (the programme and an event's page)
// and events_manage_pages.go (the coordinators' event form); shifts_*, signups_*, checkin_*,
// hours_* (with hours_entry_pages.go and hours_claims_pages.go), certificates_*, organizations_*,
// members_* (an organization's people and invitations), accounts_* (the account, its data,
// deleting it, the password), signin_pages.go (registration, signing in and out),
// second_factor_pages.go (the second step of signing in), totp_pages.go (setting TOTP up),
// security_pages.go (sessions and tokens), email_pages.go (verifying an address, resetting a
// password), guardian_*, consent_pages.go, notifications_pages.go, calendar_pages.go,
// catalog_api.go, home_pages.go, office_pages.go and office_people_pages.go (the Front Office),
// exports.go (CSV and XLSX exports, both transports).
//
// The plumbing every feature shares:
//   - server.go builds the Server; routes.go is the route table, each route with its access door,
//     enforced in access.go (the OpenAPI document is tested against the table).
//   - errors.go classifies an error once; problem.go answers it as application/problem+json and
//     pageError in pages.go as an HTML page.
//   - preambles.go holds the openings handlers share: the reader, the path's id, the posted form
//     or JSON body, the shift a member acts on.
//   - pages.go (views and templates), form.go (posted forms), decode.go (JSON bodies), views.go
//     (the API's JSON shapes), cache.go (cached answers), limit.go (attempts that cost a password
//     check), refusals.go (the audit log's budget of refusals), client.go (who sent a request),
//     figures.go (the home page's figures), metrics.go, health.go, assets.go, openapi.go.
//   - seo.go: robots.txt, sitemap.xml, ?lang= and what a page's head tells search engines and
//     sharing (its description, canonical and hreflang links, Open Graph with static/og.png).
//
// input.go reads an event, a shift, an organization and a registration from a request into the
// domain's inputs; profile_pages.go holds a volunteer's profile.
//
// One package, not a package per feature: the handlers share the Server, the templates, the access
// doors and the caches, and sub-packages would need all of that exported to each other.
package web
