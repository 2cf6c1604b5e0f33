package browsertest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// modifier returns the bit and the key (its rune in kb.Keys) of a modifier key that Press accepts
// before a "+".
func modifier(name string) (kb.Modifier, string, bool) {
	switch name {
	case "Shift":
		return kb.ModifierShift, kb.Shift, true
	case "Control", "Ctrl":
		return kb.ModifierCtrl, kb.Control, true
	case "Alt":
		return kb.ModifierAlt, kb.Alt, true
	case "Meta":
		return kb.ModifierMeta, kb.Meta, true
	}
	return 0, "", false
}

// Press presses and releases a key, with real key events sent to the focused element, as a
// keyboard does. key is a DOM key name, such as "Tab", "Enter", "Escape", "Backspace",
// "ArrowDown", "ArrowUp", "Home" or "End", or "Space", or one character such as "a", optionally
// after modifiers: "Shift+Tab", "Control+a". So Tab and Shift+Tab move the focus, Enter follows a
// focused link or submits the form of a focused text field, and Space toggles a focused checkbox.
//
// Press does not wait for a navigation that the key starts: use PressAndWait for that.
func (tb *Tab) Press(key string) {
	tb.t.Helper()
	events, err := keyEvents(key)
	if err != nil {
		tb.t.Fatalf("browsertest: pressing %q: %v", key, err)
	}
	run(tb, fmt.Sprintf("pressing %q", key), dispatch(events))
}

// PressAndWait presses a key as Press does and waits until the page that it navigates to has
// loaded: tab.PressAndWait("Enter") on a focused link or in a form.
func (tb *Tab) PressAndWait(key string) {
	tb.t.Helper()
	events, err := keyEvents(key)
	if err != nil {
		tb.t.Fatalf("browsertest: pressing %q: %v", key, err)
	}
	tb.navigate(fmt.Sprintf("pressing %q and waiting for the new page", key), dispatch(events))
}

// Type types text into the focused element with real key events, one key for each character;
// "\n" presses Enter and "\t" Tab. A character without a key of its own on a US keyboard, such
// as a Cyrillic or Kazakh letter, is typed by a key event whose key is "Unidentified" and whose
// text is the character, as an input method does.
func (tb *Tab) Type(text string) {
	tb.t.Helper()
	run(tb, fmt.Sprintf("typing %q", truncate(text, 40)), chromedp.KeyEvent(text))
}

// dispatch makes an action that sends the key events in order.
func dispatch(events []input.DispatchKeyEventParams) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, ev := range events {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev); err != nil {
				return fmt.Errorf("dispatching %s %q: %w", ev.Type, ev.Key, err)
			}
		}
		return nil
	})
}

// keyEvents returns the events of pressing key ("Shift+Tab", "Enter", "a"): the modifiers go down,
// the key goes down (with a char event if it types something), the key comes up, and the
// modifiers come up.
func keyEvents(key string) ([]input.DispatchKeyEventParams, error) {
	parts := strings.Split(key, "+")
	if strings.HasSuffix(key, "++") || key == "+" { // the "+" key itself
		parts = append(parts[:len(parts)-2], "+")
	}
	name, mods := parts[len(parts)-1], parts[:len(parts)-1]
	r, err := keyRune(name)
	if err != nil {
		return nil, err
	}
	var bits kb.Modifier
	var down, up []input.DispatchKeyEventParams
	for _, m := range mods {
		bit, modKey, ok := modifier(m)
		if !ok {
			return nil, fmt.Errorf("unknown modifier %q (want Shift, Control, Alt or Meta)", m)
		}
		bits |= bit
		mr, _ := utf8.DecodeRuneInString(modKey)
		evs := kb.Encode(mr)
		d, u := *evs[0], *evs[len(evs)-1]
		d.Type = input.DispatchKeyEventTypeRawKeyDown
		d.Modifiers, u.Modifiers = int64(bits), int64(bits&^bit)
		down = append(down, d)
		up = append([]input.DispatchKeyEventParams{u}, up...)
	}
	events := down
	for _, ev := range kb.Encode(r) {
		ev.Modifiers |= int64(bits)
		if ev.Type == input.DispatchKeyEventTypeChar && bits&^kb.ModifierShift != 0 {
			continue // Control+a selects; it types no "a"
		}
		events = append(events, *ev)
	}
	return append(events, up...), nil
}

// keyRune finds the rune that kb.Keys knows the key name by: a DOM key value ("Enter",
// "ArrowDown"), a DOM code ("Space"), or a single character.
func keyRune(name string) (rune, error) {
	if name == "" {
		return 0, fmt.Errorf("no key named")
	}
	if r, size := utf8.DecodeRuneInString(name); size == len(name) && size > 0 {
		return r, nil
	}
	var byKey, byCode []rune
	for r, k := range kb.Keys {
		switch name {
		case k.Key:
			byKey = append(byKey, r)
		case k.Code:
			byCode = append(byCode, r)
		}
	}
	for _, found := range [][]rune{byKey, byCode} {
		if len(found) > 0 {
			return slices.Min(found), nil
		}
	}
	return 0, fmt.Errorf("unknown key %q", name)
}

// Element describes an element of the page, such as the focused one (Focused).
type Element struct {
	Tag  string `json:"tag"`  // the tag name in lower case: "a", "input", "body"
	ID   string `json:"id"`   // the id attribute
	Name string `json:"name"` // the name attribute
	Type string `json:"type"` // the type of an input, button or select ("text", "checkbox", "submit", "select-one")
	Text string `json:"text"` // the innerText, with white space collapsed
	// Label is the accessible name, roughly: aria-label, the text of the elements that
	// aria-labelledby names, the text of the element's <label>s, its innerText, or its alt,
	// title, placeholder or value.
	Label string `json:"label"`
	Href  string `json:"href"` // the href attribute, as written
}

// String describes the element briefly, as in `<a href="/events"> "Events"`.
func (e Element) String() string {
	var b strings.Builder
	b.WriteString("<" + e.Tag)
	for _, attr := range [][2]string{{"id", e.ID}, {"name", e.Name}, {"type", e.Type}, {"href", e.Href}} {
		if attr[1] != "" {
			fmt.Fprintf(&b, " %s=%q", attr[0], attr[1])
		}
	}
	b.WriteString(">")
	if e.Label != "" {
		fmt.Fprintf(&b, " %q", truncate(e.Label, 60))
	}
	return b.String()
}

// focusedJS describes document.activeElement, looking into shadow roots, as an Element.
const focusedJS = `(() => {
	let el = document.activeElement;
	while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
	if (!el) el = document.body || document.documentElement;
	const clean = s => (s || '').replace(/\s+/g, ' ').trim();
	const text = clean(el.innerText);
	const attr = n => el.getAttribute(n) || '';
	let label = clean(attr('aria-label'));
	if (!label && attr('aria-labelledby')) {
		label = clean(attr('aria-labelledby').split(/\s+/).map(id => {
			const l = document.getElementById(id);
			return l ? l.innerText : '';
		}).join(' '));
	}
	if (!label && el.labels && el.labels.length) {
		label = clean(Array.from(el.labels).map(l => l.innerText).join(' '));
	}
	if (!label && el !== document.body && el !== document.documentElement) label = text;
	if (!label) label = clean(attr('alt') || attr('title') || attr('placeholder'));
	if (!label && el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type)) label = clean(el.value);
	const typed = ['INPUT', 'BUTTON', 'SELECT', 'TEXTAREA'].includes(el.tagName);
	return {
		tag: el.tagName.toLowerCase(), id: el.id || '', name: attr('name'),
		type: typed ? String(el.type || '') : '', text, label, href: attr('href'),
	};
})()`

// Focused describes the element that has the keyboard focus (the body when nothing has).
func (tb *Tab) Focused() Element {
	tb.t.Helper()
	return eval[Element](tb, "reading the focused element", focusedJS)
}

// TabTo presses Tab until the focused element matches, and returns it. It fails t after max
// presses, listing the elements that the focus passed through.
func (tb *Tab) TabTo(t testing.TB, match func(Element) bool, max int) Element {
	t.Helper()
	var passed []string
	for range max {
		tb.Press("Tab")
		el := tb.Focused()
		if match(el) {
			return el
		}
		passed = append(passed, el.String())
	}
	t.Fatalf("browsertest: no match after %d presses of Tab; the focus went through:\n\t%s",
		max, strings.Join(passed, "\n\t"))
	return Element{}
}
