package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"erikti/internal/browsertest"
	"erikti/internal/demo"
)

// The check-in desk on a 390 px phone, in each language: the coordinator opens the desk of a shift
// starting soon, finds a volunteer by typing part of the name (the list filters as they type), tabs
// to the row's button and presses it, and sees the volunteer in, counted, with an Undo. Each page
// passes axe. With ERIKTI_SHOTS set to a folder, screenshots at 390 and 1280 px go there.
func TestBrowserCheckinDeskOnAPhone(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	seen := 0
	coord := s.token(t, "coordinator@example.kz", demo.Password)
	startsAt := time.Now().Add(10 * time.Minute).Truncate(time.Minute)
	var ev struct {
		Shifts []struct {
			ID int64 `json:"id"`
		} `json:"shifts"`
	}
	if st := s.api(t, "POST", fmt.Sprintf("/api/v1/organizations/%d/events", s.orgID), coord, map[string]any{
		"direction": "ecology", "title": map[string]string{"kk": "Саябақты тазалау", "ru": "Уборка парка", "en": "Park clean-up"},
		"venue": map[string]string{"kk": "Орталық саябақ"}, "district": "medeu", "status": "published",
		"starts_at": startsAt.Format(time.RFC3339), "ends_at": startsAt.Add(3 * time.Hour).Format(time.RFC3339),
		"shifts": []map[string]any{{"role": map[string]string{"kk": "Тіркеуші", "ru": "Регистратор", "en": "Registrar"},
			"starts_at": startsAt.Format(time.RFC3339), "ends_at": startsAt.Add(2 * time.Hour).Format(time.RFC3339), "capacity": 6}}}, &ev); st != 201 || len(ev.Shifts) != 1 {
		t.Fatalf("an event starting soon: %d", st)
	}
	shift := ev.Shifts[0].ID
	names := []string{"Әсел Нұрланқызы", "Бауыржан Оспанов", "Дина Ким", "Ерлан Сәрсенбаев"}
	signups := map[string]int64{}
	for _, n := range names {
		var sg struct {
			ID int64 `json:"id"`
		}
		if st := s.api(t, "POST", fmt.Sprintf("/api/v1/shifts/%d/signups", shift), s.newVolunteer(t, n), nil, &sg); st != 201 {
			t.Fatalf("%s's signup: %d", n, st)
		}
		signups[n] = sg.ID
	}
	shots := os.Getenv("ERIKTI_SHOTS")
	shot := func(name string, width int) {
		if shots == "" {
			return
		}
		tab.SetViewport(width, 844, 1)
		tab.Screenshot(filepath.Join(shots, fmt.Sprintf("%s-%d.png", name, width)))
	}
	s.signIn(t, tab, "coordinator@example.kz", nil)
	desk := fmt.Sprintf("/manage/shifts/%d/checkin", shift)
	for i, lang := range []string{"kk", "ru", "en"} {
		T := func(key string) string { return s.msgs.T(lang, key, nil) }
		who := names[i]
		tab.Go(s.base + "/lang/" + lang + "?back=" + desk)
		tab.SetViewport(390, 844, 1)
		if !strings.HasSuffix(tab.URL(), desk) {
			t.Fatalf("%s: at %s", lang, tab.URL())
		}
		shot("desk-"+lang, 390)
		shot("desk-"+lang, 1280)
		tab.SetViewport(390, 844, 1)
		s.check(t, tab, lang+" the desk", true, &seen)
		tab.SetViewport(390, 844, 1)

		// by keyboard: to the search, part of the name typed, then Tab to the row's button
		tab.TabTo(t, func(e browsertest.Element) bool { return e.ID == "desk-q" }, 60)
		tab.Type(string([]rune(who)[:4]))
		for _, n := range names {
			row := fmt.Sprintf("#p-%d", signups[n])
			if hidden := tab.Exists(row + "[hidden]"); hidden == (n == who) {
				t.Fatalf("%s: typing %q leaves %s hidden=%v", lang, who, n, hidden)
			}
		}
		if found := tab.Text(".desk-found"); !strings.Contains(found, "1") {
			t.Errorf("%s: the search says %q", lang, found)
		}
		shot("desk-search-"+lang, 390)
		tab.SetViewport(390, 844, 1)
		btn := tab.TabTo(t, func(e browsertest.Element) bool { return e.Tag == "button" && strings.Contains(e.Label, who) }, 10)
		if !strings.HasPrefix(btn.Label, T("checkin.submit_in")) {
			t.Errorf("%s: the row's button is called %q", lang, btn.Label)
		}
		var height float64
		tab.Eval(fmt.Sprintf(`document.querySelector('#p-%d button').getBoundingClientRect().height`, signups[who]), &height)
		if height < 44 {
			t.Errorf("%s: the row's button is %.0f px high", lang, height)
		}
		tab.PressAndWait("Enter")
		if !strings.HasSuffix(tab.URL(), "#done") {
			t.Fatalf("%s: the tap led to %s: %s", lang, tab.URL(), tab.Text("main"))
		}
		if done := tab.Text(".desk-done"); !strings.Contains(done, who) || !strings.Contains(done, T("checkin.undo")) {
			t.Errorf("%s: after the tap: %q", lang, done)
		}
		row := fmt.Sprintf("#p-%d", signups[who])
		if !tab.Exists(row+".state-in") || tab.Exists(row+" button") {
			t.Errorf("%s: the row after the tap: %s", lang, tab.Text(row))
		}
		if in := tab.Text(".desk-counts .state-in .figure"); in != fmt.Sprint(i+1) {
			t.Errorf("%s: %s checked in, counted %s", lang, who, in)
		}
		shot("desk-done-"+lang, 390)
		shot("desk-done-"+lang, 1280)
		tab.SetViewport(390, 844, 1)
		s.check(t, tab, lang+" the desk after a tap", true, &seen)
	}
	// the last tap undone from the page
	tab.Submit(".desk-done button[type=submit]")
	if !tab.Exists(fmt.Sprintf("#p-%d.state-waiting", signups[names[2]])) || tab.Exists(".desk-done") {
		t.Fatalf("after the undo: %s", tab.Text("main"))
	}
	if in := tab.Text(".desk-counts .state-in .figure"); in != "2" {
		t.Errorf("after the undo %s are counted in", in)
	}
	s.check(t, tab, "en the desk after an undo", true, &seen)
}
