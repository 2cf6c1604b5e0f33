package domain

import "strings"

// Text is content given in one or more of erikti's languages.
type Text struct {
	KK string `json:"kk,omitempty"`
	RU string `json:"ru,omitempty"`
	EN string `json:"en,omitempty"`
}

// Languages are erikti's languages, Kazakh first (the default).
func Languages() []string { return []string{"kk", "ru", "en"} }

// IsLanguage reports whether lang is one of erikti's languages.
func IsLanguage(lang string) bool { return lang == "kk" || lang == "ru" || lang == "en" }

// Get returns the text in lang, or "" when it was not given in lang: for forms and validation,
// which show each language as given. A reader is shown In(lang).
func (t Text) Get(lang string) string {
	switch lang {
	case "kk":
		return t.KK
	case "ru":
		return t.RU
	case "en":
		return t.EN
	}
	return ""
}

// In returns the text for a reader of lang. The fallback order, the same for every text (titles,
// venues, addresses, organizations, roles, projects): the reader's language, then Kazakh, then
// Russian, then English (Languages' order), skipping languages that hold only spaces. It is empty
// only when no language has the text, which Validate refuses for every required text.
func (t Text) In(lang string) string {
	if s := t.Get(lang); strings.TrimSpace(s) != "" {
		return s
	}
	for _, l := range Languages() {
		if s := t.Get(l); strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// Trimmed is t with the spaces around each language removed.
func (t Text) Trimmed() Text {
	return Text{strings.TrimSpace(t.KK), strings.TrimSpace(t.RU), strings.TrimSpace(t.EN)}
}

// Empty reports whether no language has the text.
func (t Text) Empty() bool { return t.KK == "" && t.RU == "" && t.EN == "" }

// Direction is one of the eight directions of the Year of Volunteers.
type Direction struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

// DirectionEmergency is the direction under-18s may not take part in.
const DirectionEmergency = "emergency"

// Directions are the eight directions of the city programme.
func Directions() []Direction {
	return []Direction{
		{"ecology", Text{"Экология", "Экология", "Ecology"}},
		{"social", Text{"Әлеуметтік еріктілік", "Социальное волонтёрство", "Social volunteering"}},
		{"culture", Text{"Мәдениет және шығармашылық", "Культура и творчество", "Culture and creativity"}},
		{"mentoring", Text{"Тәлімгерлік және ұрпақтар диалогы", "Наставничество и диалог поколений", "Mentoring and generations"}},
		{"animals", Text{"Жануарларды қорғау", "Защита животных", "Animal protection"}},
		{"sport", Text{"Спорт және салауатты өмір", "Спорт и здоровый образ жизни", "Sport and healthy living"}},
		{DirectionEmergency, Text{"Төтенше жағдайлар және қауіпсіздік", "Чрезвычайные ситуации и безопасность", "Emergencies and safety"}},
		{"digital", Text{"Жастар және цифрлық бастамалар", "Молодёжные и цифровые инициативы", "Youth and digital initiatives"}},
	}
}

// IsDirection reports whether code names a direction.
func IsDirection(code string) bool {
	for _, d := range Directions() {
		if d.Code == code {
			return true
		}
	}
	return false
}

// District is one of Almaty's eight districts.
type District struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

// Districts are Almaty's districts.
func Districts() []District {
	return []District{
		{"alatau", Text{"Алатау ауданы", "Алатауский район", "Alatau district"}},
		{"almaly", Text{"Алмалы ауданы", "Алмалинский район", "Almaly district"}},
		{"auezov", Text{"Әуезов ауданы", "Ауэзовский район", "Auezov district"}},
		{"bostandyk", Text{"Бостандық ауданы", "Бостандыкский район", "Bostandyk district"}},
		{"zhetysu", Text{"Жетісу ауданы", "Жетысуский район", "Zhetysu district"}},
		{"medeu", Text{"Медеу ауданы", "Медеуский район", "Medeu district"}},
		{"nauryzbay", Text{"Наурызбай ауданы", "Наурызбайский район", "Nauryzbay district"}},
		{"turksib", Text{"Түрксіб ауданы", "Турксибский район", "Turksib district"}},
	}
}

// IsDistrict reports whether code names a district.
func IsDistrict(code string) bool {
	for _, d := range Districts() {
		if d.Code == code {
			return true
		}
	}
	return false
}

// AccessibilityFeatures are the codes an event may list.
func AccessibilityFeatures() []string {
	return []string{"wheelchair", "step_free", "accessible_toilet", "sign_language", "hearing_loop", "easy_read", "quiet_space", "seating"}
}

// IsAccessibilityFeature reports whether code names an accessibility feature.
func IsAccessibilityFeature(code string) bool {
	for _, f := range AccessibilityFeatures() {
		if f == code {
			return true
		}
	}
	return false
}

// SpokenLanguage is a language a volunteer may speak.
type SpokenLanguage struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

// SpokenLanguages are the languages a volunteer's profile may list.
func SpokenLanguages() []SpokenLanguage {
	return []SpokenLanguage{
		{"kk", Text{"Қазақ тілі", "Казахский", "Kazakh"}},
		{"ru", Text{"Орыс тілі", "Русский", "Russian"}},
		{"en", Text{"Ағылшын тілі", "Английский", "English"}},
		{"uz", Text{"Өзбек тілі", "Узбекский", "Uzbek"}},
		{"ug", Text{"Ұйғыр тілі", "Уйгурский", "Uyghur"}},
		{"tr", Text{"Түрік тілі", "Турецкий", "Turkish"}},
		{"zh", Text{"Қытай тілі", "Китайский", "Chinese"}},
		{"de", Text{"Неміс тілі", "Немецкий", "German"}},
		{"sign", Text{"Ым тілі", "Жестовый язык", "Sign language"}},
	}
}

// IsSpokenLanguage reports whether code names one of SpokenLanguages().
func IsSpokenLanguage(code string) bool {
	for _, l := range SpokenLanguages() {
		if l.Code == code {
			return true
		}
	}
	return false
}
