package web

import "net/http"

// route is one entry of the route table; the OpenAPI document is held against this table.
type route struct {
	method  string
	pattern string
	handler http.Handler
}

// routeTable is every route erikti serves, in one place.
func (s *Server) routeTable() []route {
	h := func(method, pattern string, fn func(http.ResponseWriter, *http.Request) error) route {
		return route{method, pattern, s.handle(fn)}
	}
	return []route{
		{"GET", "/healthz", http.HandlerFunc(s.healthz)},
		{"GET", "/readyz", http.HandlerFunc(s.readyz)},
		{"GET", "/metrics", s.metricsOnMain()},
		{"GET", "/api/v1/openapi.json", http.HandlerFunc(s.openAPI)},

		h("POST", "/api/v1/auth/register", s.register),
		h("POST", "/api/v1/auth/token", s.token),
		h("POST", "/api/v1/auth/verify-email", s.apiVerifyEmail),
		h("POST", "/api/v1/auth/password-reset", s.apiRequestReset),
		h("POST", "/api/v1/auth/password-reset/confirm", s.apiResetPassword),
		h("GET", "/api/v1/me", s.me),
		h("GET", "/api/v1/me/signups", s.mySignups),
		h("POST", "/api/v1/me/guardian", s.apiRequestGuardian),
		h("POST", "/api/v1/guardian/consent", s.apiAnswerGuardian),
		h("POST", "/api/v1/me/verify-email", s.apiResendVerification),

		h("GET", "/api/v1/directions", s.directions),
		h("GET", "/api/v1/districts", s.districts),
		h("GET", "/api/v1/projects", s.projects),

		h("GET", "/api/v1/organizations", s.listOrganizations),
		h("POST", "/api/v1/organizations", s.createOrganization),
		h("GET", "/api/v1/organizations/{id}", s.getOrganization),
		h("POST", "/api/v1/organizations/{id}/verify", s.verifyOrganization),
		h("POST", "/api/v1/organizations/{id}/events", s.createEvent),
		h("GET", "/api/v1/organizations/{id}/members", s.listMembers),
		h("PATCH", "/api/v1/organizations/{id}/members/{user}", s.apiSetMemberRole),
		h("DELETE", "/api/v1/organizations/{id}/members/{user}", s.apiRemoveMember),
		h("GET", "/api/v1/organizations/{id}/invitations", s.listInvitations),
		h("POST", "/api/v1/organizations/{id}/invitations", s.apiInvite),
		h("DELETE", "/api/v1/organizations/{id}/invitations/{invitation}", s.apiRevokeInvitation),
		h("POST", "/api/v1/users/{id}/front-office", s.apiSetFrontOffice),

		h("GET", "/api/v1/events", s.listEvents),
		h("GET", "/api/v1/events/{id}", s.getEvent),
		h("PATCH", "/api/v1/events/{id}", s.updateEvent),
		h("POST", "/api/v1/events/{id}/shifts", s.createShift),

		h("PATCH", "/api/v1/shifts/{id}", s.updateShift),
		h("POST", "/api/v1/shifts/{id}/signups", s.signUp),
		h("GET", "/api/v1/shifts/{id}/roster", s.roster),
		h("GET", "/api/v1/shifts/{id}/roster/export", s.apiShiftRosterExport),
		h("GET", "/api/v1/events/{id}/roster/export", s.apiEventRosterExport),
		h("GET", "/api/v1/organizations/{id}/signups/export", s.apiOrgSignupsExport),
		h("GET", "/api/v1/signups/export", s.apiCitySignupsExport),
		h("GET", "/api/v1/organizations/{id}/hours/export", s.apiOrgHoursExport),
		h("GET", "/api/v1/hours/export", s.apiCityHoursExport),
		h("POST", "/api/v1/shifts/{id}/messages", s.messageRoster),
		h("POST", "/api/v1/shifts/{id}/checkins", s.apiCheckIn),
		h("POST", "/api/v1/shifts/{id}/checkouts", s.apiCheckOut),
		h("POST", "/api/v1/signups/{id}/checkin-pass", s.apiCheckinPass),
		h("GET", "/api/v1/shifts/{id}/hours", s.shiftHours),
		h("POST", "/api/v1/shifts/{id}/hours", s.enterHours),
		h("POST", "/api/v1/shifts/{id}/hours/approve", s.approveShiftHours),
		h("POST", "/api/v1/hours/{id}/decision", s.decideHours),
		h("GET", "/api/v1/me/hours", s.myHours),
		h("POST", "/api/v1/me/certificates", s.apiIssueCertificate),
		h("GET", "/api/v1/me/certificates", s.apiMyCertificates),
		h("GET", "/api/v1/me/certificates/{id}/pdf", s.apiMyCertificatePDF),
		h("GET", "/api/v1/certificates/{code}", s.apiCertificate),
		h("POST", "/api/v1/certificates/{code}/revoke", s.apiRevokeCertificate),
		h("DELETE", "/api/v1/signups/{id}", s.cancelSignup),
	}
}

// handle adapts a handler that returns an error: the error becomes a problem document.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// pageTable is every page erikti serves to browsers, in one place.
func (s *Server) pageTable() []route {
	p := func(method, pattern string, fn func(http.ResponseWriter, *http.Request) error) route {
		return route{method, pattern, s.page(fn)}
	}
	return []route{
		{"GET", "/static/", http.HandlerFunc(s.assets.serve)},
		p("GET", "/lang/{lang}", s.switchLang),

		p("GET", "/{$}", s.homePage),
		p("GET", "/programme", s.programmePage),
		p("GET", "/events/{id}", s.eventPage),
		p("POST", "/shifts/{id}/signup", s.signUpPage),
		p("GET", "/fair", s.fairPage),
		p("GET", "/organizations/{id}", s.organizationPage),

		p("GET", "/register", s.registerPage),
		p("POST", "/register", s.registerSubmit),
		p("GET", "/login", s.loginPage),
		p("POST", "/login", s.loginSubmit),
		p("POST", "/logout", s.logout),
		p("GET", "/verify-email", s.verifyEmailPage),
		p("POST", "/verify-email", s.verifyEmailSubmit),
		p("POST", "/me/verify-email", s.resendVerification),
		p("GET", "/password-reset", s.resetPage),
		p("POST", "/password-reset", s.resetSubmit),
		p("GET", "/password-reset/confirm", s.resetConfirmPage),
		p("POST", "/password-reset/confirm", s.resetConfirmSubmit),
		p("GET", "/login/2fa", s.secondFactorPage),
		p("POST", "/login/2fa", s.secondFactorSubmit),
		p("GET", "/me/2fa", s.totpPage),
		p("POST", "/me/2fa", s.totpSubmit),
		p("GET", "/me/2fa/qr.png", s.totpQR),
		p("POST", "/me/2fa/recovery", s.totpRecoverySubmit),
		p("POST", "/me/2fa/disable", s.totpDisableSubmit),
		p("GET", "/me/shifts", s.myShiftsPage),
		p("POST", "/me/signups/{id}/cancel", s.cancelMySignup),
		p("GET", "/me/profile", s.profilePage),
		p("POST", "/me/profile", s.profileSubmit),
		p("GET", "/privacy", s.privacyPage),
		p("GET", "/me/guardian", s.guardianPage),
		p("POST", "/me/guardian", s.guardianSubmit),
		p("GET", "/guardian/consent", s.guardianConsentPage),
		p("POST", "/guardian/consent", s.guardianConsentSubmit),
		p("GET", "/me/consent", s.consentPage),
		p("POST", "/me/consent", s.consentSubmit),
		p("POST", "/me/consent/withdraw", s.withdrawConsent),
		p("GET", "/me/password", s.passwordPage),
		p("POST", "/me/password", s.passwordSubmit),
		p("GET", "/me/notifications", s.notificationsPage),
		p("POST", "/me/notifications", s.prefsSubmit),
		p("GET", "/unsubscribe/{token}", s.unsubscribePage),
		p("POST", "/unsubscribe/{token}", s.unsubscribeSubmit),
		p("GET", "/me/calendar", s.calendarPage),
		p("POST", "/me/calendar", s.renewCalendar),
		p("GET", "/calendar/me/{file}", s.myCalendarFeed),
		p("GET", "/calendar/directions/{file}", s.directionFeed),
		p("GET", "/calendar/organizations/{file}", s.organizationFeed),
		p("GET", "/me/data", s.myDataPage),
		p("GET", "/me/data.json", s.myDataJSON),
		p("GET", "/me/delete", s.deletePage),
		p("POST", "/me/delete", s.deleteSubmit),

		p("GET", "/manage", s.managePage),
		p("GET", "/manage/organizations/new", s.newOrgPage),
		p("POST", "/manage/organizations/new", s.newOrgSubmit),
		p("GET", "/manage/organizations/{id}", s.manageOrgPage),
		p("POST", "/manage/organizations/{id}", s.manageOrgSubmit),
		p("POST", "/manage/organizations/{id}/apply", s.applyOrg),
		p("GET", "/manage/organizations/{id}/events/new", s.newEventPage),
		p("POST", "/manage/organizations/{id}/events/new", s.newEventSubmit),
		p("GET", "/manage/events/{id}", s.editEventPage),
		p("POST", "/manage/events/{id}", s.editEventSubmit),
		p("POST", "/manage/events/{id}/shifts", s.addShiftSubmit),
		p("POST", "/manage/events/{id}/cancel", s.cancelEventSubmit),
		p("POST", "/manage/shifts/{id}", s.editShiftSubmit),
		p("GET", "/manage/shifts/{id}/roster", s.rosterPage),
		p("POST", "/manage/shifts/{id}/message", s.messageRosterSubmit),
		p("GET", "/manage/shifts/{id}/checkin", s.checkinPage),
		p("POST", "/manage/shifts/{id}/checkin", s.checkinSubmit),
		p("POST", "/manage/shifts/{id}/checkout-all", s.checkoutAllSubmit),
		p("POST", "/manage/shifts/{id}/hours/approve", s.approveShiftHoursSubmit),
		p("GET", "/manage/hours/{id}", s.claimPage),
		p("GET", "/manage/signups/{id}/hours", s.hoursEntryPage),
		p("POST", "/manage/signups/{id}/hours", s.hoursEntrySubmit),
		p("POST", "/manage/hours/{id}", s.claimSubmit),
		p("GET", "/me/signups/{id}/checkin", s.checkinPassPage),
		p("GET", "/me/signups/{id}/checkin.png", s.checkinQR),
		p("GET", "/me/hours", s.myHoursPage),
		p("POST", "/me/certificates", s.issueCertificateSubmit),
		p("GET", "/me/certificates/{file}", s.myCertificatePDF),
		p("GET", "/certificates", s.verifyPage),
		p("GET", "/certificates/{code}", s.certificatePage),
		p("GET", "/office/certificates", s.officeCertificatesPage),
		p("POST", "/office/certificates/{code}/revoke", s.revokeCertificateSubmit),

		p("GET", "/office", s.officePage),
		p("GET", "/office/organizations/{id}", s.decisionPage),
		p("POST", "/office/organizations/{id}", s.decisionSubmit),
		p("GET", "/office/plan", s.planPage),
		p("GET", "/office/audit", s.auditPage),
		p("GET", "/office/jobs", s.officeJobsPage),
		p("POST", "/office/jobs/{id}/retry", s.retryJobSubmit),
		p("GET", "/manage/shifts/{id}/roster.csv", s.shiftRosterExportPage),
		p("GET", "/manage/shifts/{id}/roster.xlsx", s.shiftRosterExportPage),
		p("GET", "/manage/events/{id}/roster.csv", s.eventRosterExportPage),
		p("GET", "/manage/events/{id}/roster.xlsx", s.eventRosterExportPage),
		p("GET", "/manage/organizations/{id}/signups.csv", s.orgSignupsExportPage),
		p("GET", "/manage/organizations/{id}/signups.xlsx", s.orgSignupsExportPage),
		p("GET", "/office/signups.csv", s.citySignupsExportPage),
		p("GET", "/office/signups.xlsx", s.citySignupsExportPage),
		p("GET", "/manage/organizations/{id}/hours.csv", s.orgHoursExportPage),
		p("GET", "/manage/organizations/{id}/hours.xlsx", s.orgHoursExportPage),
		p("GET", "/office/hours.csv", s.cityHoursExportPage),
		p("GET", "/office/hours.xlsx", s.cityHoursExportPage),
		p("GET", "/office/people", s.officePeoplePage),
		p("POST", "/office/people/{id}/front-office", s.officeFrontOfficeSubmit),
		p("POST", "/office/people/{id}/disabled", s.officeDisabledSubmit),
		p("POST", "/manage/organizations/{id}/invitations", s.inviteSubmit),
		p("POST", "/manage/organizations/{id}/invitations/{invitation}/revoke", s.revokeInvitationSubmit),
		p("POST", "/manage/organizations/{id}/members/{user}/role", s.memberRoleSubmit),
		p("GET", "/manage/organizations/{id}/members/{user}/remove", s.removeMemberPage),
		p("POST", "/manage/organizations/{id}/members/{user}/remove", s.removeMemberSubmit),
		p("GET", "/invitations/accept", s.invitationPage),
		p("POST", "/invitations/accept", s.invitationSubmit),
	}
}
