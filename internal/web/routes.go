package web

import "net/http"

// route is one entry of the route table; the OpenAPI document is held against this table.
type route struct {
	access  access
	method  string
	pattern string
	handler http.Handler
}

// routeTable is every route erikti serves, in one place.
func (s *Server) routeTable() []route {
	h := func(ac access, method, pattern string, fn func(http.ResponseWriter, *http.Request) error) route {
		return route{ac, method, pattern, s.handle(ac, fn)}
	}
	return []route{
		{open, "GET", "/healthz", http.HandlerFunc(s.healthz)},
		{open, "GET", "/readyz", http.HandlerFunc(s.readyz)},
		{open, "GET", "/metrics", s.metricsOnMain()},
		{open, "GET", "/api/v1/openapi.json", http.HandlerFunc(s.openAPI)},

		h(open, "POST", "/api/v1/auth/register", s.register),
		h(open, "POST", "/api/v1/auth/token", s.token),
		h(open, "POST", "/api/v1/auth/verify-email", s.apiVerifyEmail),
		h(open, "POST", "/api/v1/auth/password-reset", s.apiRequestReset),
		h(open, "POST", "/api/v1/auth/password-reset/confirm", s.apiResetPassword),
		h(signedIn, "GET", "/api/v1/me", s.me),
		h(signedIn, "GET", "/api/v1/me/signups", s.mySignups),
		h(signedIn, "POST", "/api/v1/me/guardian", s.apiRequestGuardian),
		h(open, "POST", "/api/v1/guardian/consent", s.apiAnswerGuardian),
		h(signedIn, "POST", "/api/v1/me/verify-email", s.apiResendVerification),

		h(open, "GET", "/api/v1/directions", s.directions),
		h(open, "GET", "/api/v1/districts", s.districts),
		h(open, "GET", "/api/v1/projects", s.projects),

		h(open, "GET", "/api/v1/organizations", s.listOrganizations),
		h(signedIn, "POST", "/api/v1/organizations", s.createOrganization),
		h(open, "GET", "/api/v1/organizations/{id}", s.getOrganization),
		h(inRole, "POST", "/api/v1/organizations/{id}/verify", s.verifyOrganization),
		h(inRole, "PUT", "/api/v1/organizations/{id}/logo", s.apiPutLogo),
		h(inRole, "DELETE", "/api/v1/organizations/{id}/logo", s.apiDeleteLogo),
		h(inRole, "POST", "/api/v1/organizations/{id}/events", s.createEvent),
		h(inRole, "GET", "/api/v1/organizations/{id}/members", s.listMembers),
		h(inRole, "PATCH", "/api/v1/organizations/{id}/members/{user}", s.apiSetMemberRole),
		h(inRole, "DELETE", "/api/v1/organizations/{id}/members/{user}", s.apiRemoveMember),
		h(inRole, "GET", "/api/v1/organizations/{id}/invitations", s.listInvitations),
		h(inRole, "POST", "/api/v1/organizations/{id}/invitations", s.apiInvite),
		h(inRole, "DELETE", "/api/v1/organizations/{id}/invitations/{invitation}", s.apiRevokeInvitation),
		h(inRole, "POST", "/api/v1/users/{id}/front-office", s.apiSetFrontOffice),

		h(open, "GET", "/api/v1/events", s.listEvents),
		h(open, "GET", "/api/v1/events/{id}", s.getEvent),
		h(inRole, "PATCH", "/api/v1/events/{id}", s.updateEvent),
		h(inRole, "PUT", "/api/v1/events/{id}/cover", s.apiPutCover),
		h(inRole, "DELETE", "/api/v1/events/{id}/cover", s.apiDeleteCover),
		h(inRole, "POST", "/api/v1/events/{id}/shifts", s.createShift),

		h(inRole, "PATCH", "/api/v1/shifts/{id}", s.updateShift),
		h(signedIn, "POST", "/api/v1/shifts/{id}/signups", s.signUp),
		h(inRole, "GET", "/api/v1/shifts/{id}/roster", s.roster),
		h(inRole, "GET", "/api/v1/shifts/{id}/roster/export", s.apiShiftRosterExport),
		h(inRole, "GET", "/api/v1/events/{id}/roster/export", s.apiEventRosterExport),
		h(inRole, "GET", "/api/v1/organizations/{id}/signups/export", s.apiOrgSignupsExport),
		h(inRole, "GET", "/api/v1/signups/export", s.apiCitySignupsExport),
		h(inRole, "GET", "/api/v1/organizations/{id}/hours/export", s.apiOrgHoursExport),
		h(inRole, "GET", "/api/v1/hours/export", s.apiCityHoursExport),
		h(inRole, "POST", "/api/v1/shifts/{id}/messages", s.messageRoster),
		h(inRole, "POST", "/api/v1/shifts/{id}/checkins", s.apiCheckIn),
		h(inRole, "DELETE", "/api/v1/checkins/{id}", s.apiUndoCheckIn),
		h(inRole, "POST", "/api/v1/shifts/{id}/checkouts", s.apiCheckOut),
		h(signedIn, "POST", "/api/v1/signups/{id}/checkin-pass", s.apiCheckinPass),
		h(inRole, "GET", "/api/v1/shifts/{id}/hours", s.shiftHours),
		h(inRole, "POST", "/api/v1/shifts/{id}/hours", s.enterHours),
		h(inRole, "POST", "/api/v1/shifts/{id}/hours/approve", s.approveShiftHours),
		h(inRole, "POST", "/api/v1/hours/{id}/decision", s.decideHours),
		h(signedIn, "GET", "/api/v1/me/hours", s.myHours),
		h(signedIn, "POST", "/api/v1/me/certificates", s.apiIssueCertificate),
		h(signedIn, "GET", "/api/v1/me/certificates", s.apiMyCertificates),
		h(signedIn, "GET", "/api/v1/me/certificates/{id}/pdf", s.apiMyCertificatePDF),
		h(open, "GET", "/api/v1/certificates/{code}", s.apiCertificate),
		h(inRole, "POST", "/api/v1/certificates/{code}/revoke", s.apiRevokeCertificate),
		h(signedIn, "DELETE", "/api/v1/signups/{id}", s.cancelSignup),

		h(open, "GET", "/api/v1/mentoring/programmes", s.apiListProgrammes),
		h(open, "GET", "/api/v1/mentoring/programmes/{id}", s.apiGetProgramme),
		h(inRole, "POST", "/api/v1/organizations/{id}/mentoring-programmes", s.apiCreateProgramme),
		h(inRole, "POST", "/api/v1/mentoring/programmes/{id}/rounds", s.apiCreateRound),
		h(open, "GET", "/api/v1/mentoring/rounds/{id}", s.apiGetRound),
		h(signedIn, "POST", "/api/v1/mentoring/rounds/{id}/applications", s.apiApply),
		h(inRole, "GET", "/api/v1/mentoring/rounds/{id}/applications", s.apiRoundApplications),
		h(inRole, "POST", "/api/v1/mentoring/applications/{id}/verification", s.apiVerifyMentor),
		h(inRole, "POST", "/api/v1/mentoring/rounds/{id}/match", s.apiRunMatch),
		h(inRole, "GET", "/api/v1/mentoring/rounds/{id}/pairs", s.apiRoundPairs),
		h(inRole, "PUT", "/api/v1/mentoring/rounds/{id}/rules", s.apiSetPairRule),
		h(inRole, "POST", "/api/v1/mentoring/rounds/{id}/publish", s.apiPublishMatch),
		h(signedIn, "GET", "/api/v1/me/mentoring", s.apiMyMentoring),
		h(signedIn, "POST", "/api/v1/mentoring/pairs/{id}/answer", s.apiAnswerPair),
	}
}

// handle adapts an API handler that returns an error: its access is checked first (apiDoor), and
// an error becomes a problem document.
func (s *Server) handle(ac access, fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r, err := s.apiDoor(r, ac)
		if err == nil {
			err = fn(w, r)
		}
		if err != nil {
			s.fail(w, r, err)
		}
	})
}

// pageTable is every page erikti serves to browsers, in one place.
func (s *Server) pageTable() []route {
	p := func(ac access, method, pattern string, fn func(http.ResponseWriter, *http.Request) error) route {
		return route{ac, method, pattern, s.page(ac, fn)}
	}
	return []route{
		{open, "GET", "/static/", http.HandlerFunc(s.assets.serve)},
		{open, "GET", "/robots.txt", http.HandlerFunc(s.robotsTxt)},
		{open, "GET", "/images/{file}", http.HandlerFunc(s.serveImage)},
		{open, "GET", "/sitemap.xml", http.HandlerFunc(s.sitemapXML)},
		p(open, "GET", "/lang/{lang}", s.switchLang),

		p(open, "GET", "/{$}", s.homePage),
		p(open, "GET", "/programme", s.programmePage),
		p(open, "GET", "/events/{id}", s.eventPage),
		p(signedIn, "POST", "/shifts/{id}/signup", s.signUpPage),
		p(signedIn, "GET", "/signup", s.signupConfirmPage),
		p(signedIn, "GET", "/welcome", s.welcomePage),
		p(open, "GET", "/fair", s.fairPage),
		p(open, "GET", "/organizations/{id}", s.organizationPage),

		p(open, "GET", "/register", s.registerPage),
		p(open, "POST", "/register", s.registerSubmit),
		p(open, "GET", "/login", s.loginPage),
		p(open, "POST", "/login", s.loginSubmit),
		p(open, "POST", "/logout", s.logout),
		p(open, "GET", "/verify-email", s.verifyEmailPage),
		p(open, "POST", "/verify-email", s.verifyEmailSubmit),
		p(signedIn, "POST", "/me/verify-email", s.resendVerification),
		p(open, "GET", "/password-reset", s.resetPage),
		p(open, "POST", "/password-reset", s.resetSubmit),
		p(open, "GET", "/password-reset/confirm", s.resetConfirmPage),
		p(open, "POST", "/password-reset/confirm", s.resetConfirmSubmit),
		p(signedIn, "GET", "/login/2fa", s.secondFactorPage),
		p(signedIn, "POST", "/login/2fa", s.secondFactorSubmit),
		p(signedIn, "GET", "/me/2fa", s.totpPage),
		p(signedIn, "POST", "/me/2fa", s.totpSubmit),
		p(signedIn, "GET", "/me/2fa/qr.png", s.totpQR),
		p(signedIn, "POST", "/me/2fa/recovery", s.totpRecoverySubmit),
		p(signedIn, "POST", "/me/2fa/disable", s.totpDisableSubmit),
		p(signedIn, "GET", "/me/shifts", s.myShiftsPage),
		p(signedIn, "GET", "/me/signups/{id}/cancel", s.cancelConfirmPage),
		p(signedIn, "POST", "/me/signups/{id}/cancel", s.cancelMySignup),
		p(signedIn, "GET", "/me/signups/{id}/calendar.ics", s.signupCalendar),
		p(signedIn, "GET", "/me/profile", s.profilePage),
		p(signedIn, "POST", "/me/profile", s.profileSubmit),
		p(open, "GET", "/privacy", s.privacyPage),
		p(signedIn, "GET", "/me/guardian", s.guardianPage),
		p(signedIn, "POST", "/me/guardian", s.guardianSubmit),
		p(open, "GET", "/guardian/consent", s.guardianConsentPage),
		p(open, "POST", "/guardian/consent", s.guardianConsentSubmit),
		p(signedIn, "GET", "/me/consent", s.consentPage),
		p(signedIn, "POST", "/me/consent", s.consentSubmit),
		p(signedIn, "POST", "/me/consent/withdraw", s.withdrawConsent),
		p(signedIn, "GET", "/me/password", s.passwordPage),
		p(signedIn, "POST", "/me/password", s.passwordSubmit),
		p(signedIn, "GET", "/me/security", s.securityPage),
		p(signedIn, "POST", "/me/security/end", s.endCredentialSubmit),
		p(signedIn, "POST", "/me/security/end-others", s.endOthersSubmit),
		p(signedIn, "GET", "/me/notifications", s.notificationsPage),
		p(signedIn, "POST", "/me/notifications", s.prefsSubmit),
		p(open, "GET", "/unsubscribe/{token}", s.unsubscribePage),
		p(open, "POST", "/unsubscribe/{token}", s.unsubscribeSubmit),
		p(signedIn, "GET", "/me/calendar", s.calendarPage),
		p(signedIn, "POST", "/me/calendar", s.renewCalendar),
		p(open, "GET", "/calendar/me/{file}", s.myCalendarFeed),
		p(open, "GET", "/calendar/directions/{file}", s.directionFeed),
		p(open, "GET", "/calendar/organizations/{file}", s.organizationFeed),
		p(signedIn, "GET", "/me/data", s.myDataPage),
		p(signedIn, "GET", "/me/data.json", s.myDataJSON),
		p(signedIn, "GET", "/me/delete", s.deletePage),
		p(signedIn, "POST", "/me/delete", s.deleteSubmit),

		p(signedIn, "GET", "/manage", s.managePage),
		p(signedIn, "GET", "/manage/organizations/new", s.newOrgPage),
		p(signedIn, "POST", "/manage/organizations/new", s.newOrgSubmit),
		p(inRole, "GET", "/manage/organizations/{id}", s.manageOrgPage),
		p(inRole, "POST", "/manage/organizations/{id}", s.manageOrgSubmit),
		p(inRole, "POST", "/manage/organizations/{id}/apply", s.applyOrg),
		p(inRole, "POST", "/manage/organizations/{id}/logo", s.logoSubmit),
		p(inRole, "POST", "/manage/organizations/{id}/logo/remove", s.logoRemoveSubmit),
		p(inRole, "GET", "/manage/organizations/{id}/events/new", s.newEventPage),
		p(inRole, "POST", "/manage/organizations/{id}/events/new", s.newEventSubmit),
		p(inRole, "GET", "/manage/events/{id}", s.editEventPage),
		p(inRole, "POST", "/manage/events/{id}", s.editEventSubmit),
		p(inRole, "POST", "/manage/events/{id}/shifts", s.addShiftSubmit),
		p(inRole, "POST", "/manage/events/{id}/cancel", s.cancelEventSubmit),
		p(inRole, "POST", "/manage/events/{id}/cover", s.coverSubmit),
		p(inRole, "POST", "/manage/events/{id}/cover/remove", s.coverRemoveSubmit),
		p(inRole, "POST", "/manage/shifts/{id}", s.editShiftSubmit),
		p(inRole, "GET", "/manage/shifts/{id}/roster", s.rosterPage),
		p(inRole, "POST", "/manage/shifts/{id}/message", s.messageRosterSubmit),
		p(inRole, "GET", "/manage/shifts/{id}/checkin", s.checkinPage),
		p(inRole, "POST", "/manage/shifts/{id}/checkin", s.checkinSubmit),
		p(inRole, "POST", "/manage/shifts/{id}/checkin/undo", s.undoCheckinSubmit),
		p(inRole, "POST", "/manage/shifts/{id}/checkout-all", s.checkoutAllSubmit),
		p(inRole, "POST", "/manage/shifts/{id}/hours/approve", s.approveShiftHoursSubmit),
		p(inRole, "GET", "/manage/hours/{id}", s.claimPage),
		p(inRole, "GET", "/manage/signups/{id}/hours", s.hoursEntryPage),
		p(inRole, "POST", "/manage/signups/{id}/hours", s.hoursEntrySubmit),
		p(inRole, "POST", "/manage/hours/{id}", s.claimSubmit),
		p(signedIn, "GET", "/me/signups/{id}/checkin", s.checkinPassPage),
		p(signedIn, "GET", "/me/signups/{id}/checkin.png", s.checkinQR),
		p(signedIn, "GET", "/me/hours", s.myHoursPage),
		p(signedIn, "POST", "/me/certificates", s.issueCertificateSubmit),
		p(signedIn, "GET", "/me/certificates/{file}", s.myCertificatePDF),
		p(open, "GET", "/certificates", s.verifyPage),
		p(open, "GET", "/certificates/{code}", s.certificatePage),
		p(inRole, "GET", "/office/certificates", s.officeCertificatesPage),
		p(inRole, "POST", "/office/certificates/{code}/revoke", s.revokeCertificateSubmit),
		p(inRole, "POST", "/office/certificate-marks/{kind}", s.setMarkSubmit),
		p(inRole, "POST", "/office/certificate-marks/{kind}/remove", s.removeMarkSubmit),

		p(inRole, "GET", "/office", s.officePage),
		p(inRole, "GET", "/office/organizations/{id}", s.decisionPage),
		p(inRole, "POST", "/office/organizations/{id}", s.decisionSubmit),
		p(inRole, "GET", "/office/plan", s.planPage),
		p(inRole, "GET", "/office/audit", s.auditPage),
		p(inRole, "GET", "/office/jobs", s.officeJobsPage),
		p(inRole, "POST", "/office/jobs/{id}/retry", s.retryJobSubmit),
		p(inRole, "GET", "/manage/shifts/{id}/roster.csv", s.shiftRosterExportPage),
		p(inRole, "GET", "/manage/shifts/{id}/roster.xlsx", s.shiftRosterExportPage),
		p(inRole, "GET", "/manage/events/{id}/roster.csv", s.eventRosterExportPage),
		p(inRole, "GET", "/manage/events/{id}/roster.xlsx", s.eventRosterExportPage),
		p(inRole, "GET", "/manage/organizations/{id}/signups.csv", s.orgSignupsExportPage),
		p(inRole, "GET", "/manage/organizations/{id}/signups.xlsx", s.orgSignupsExportPage),
		p(inRole, "GET", "/office/signups.csv", s.citySignupsExportPage),
		p(inRole, "GET", "/office/signups.xlsx", s.citySignupsExportPage),
		p(inRole, "GET", "/manage/organizations/{id}/hours.csv", s.orgHoursExportPage),
		p(inRole, "GET", "/manage/organizations/{id}/hours.xlsx", s.orgHoursExportPage),
		p(inRole, "GET", "/office/hours.csv", s.cityHoursExportPage),
		p(inRole, "GET", "/office/hours.xlsx", s.cityHoursExportPage),
		p(inRole, "GET", "/office/people", s.officePeoplePage),
		p(inRole, "POST", "/office/people/{id}/front-office", s.officeFrontOfficeSubmit),
		p(inRole, "POST", "/office/people/{id}/disabled", s.officeDisabledSubmit),
		p(inRole, "POST", "/manage/organizations/{id}/invitations", s.inviteSubmit),
		p(inRole, "POST", "/manage/organizations/{id}/invitations/{invitation}/revoke", s.revokeInvitationSubmit),
		p(inRole, "POST", "/manage/organizations/{id}/members/{user}/role", s.memberRoleSubmit),
		p(inRole, "GET", "/manage/organizations/{id}/members/{user}/remove", s.removeMemberPage),
		p(inRole, "POST", "/manage/organizations/{id}/members/{user}/remove", s.removeMemberSubmit),
		p(open, "GET", "/invitations/accept", s.invitationPage),
		p(signedIn, "POST", "/invitations/accept", s.invitationSubmit),
	}
}
