// Package demo generates erikti's demo programme of the Year of Volunteers 2026, deterministically.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"erikti/internal/domain"
)

// Programme is the whole demo data set.
type Programme struct {
	Projects      []domain.Project // flagship projects; ID left 0, Slug set
	Organizations []Org
}

// Org is an organization with its events.
type Org struct {
	Organization domain.Organization // ID 0; Status pending, verified or suspended (a few suspended at most: 1)
	Events       []Event
}

// Event is an event with the slug of its project ("" for none); its Shifts are set (IDs 0).
type Event struct {
	domain.Event        // ID, OrgID, ProjectID left 0; Status published for nearly all, a few drafts, 1-2 cancelled
	ProjectSlug  string // "" for none
}

// Build returns the demo programme. It is the same on every call (no randomness from the clock
// or global sources; use a math/rand/v2 PCG with a fixed seed if you need variety).
func Build() Programme {
	g := newGen()
	g.specials()
	g.hackathons()
	g.goodMeetings()
	g.birgemiz()
	g.dialogue()
	g.regular()
	g.pendingDrafts()
	g.cancellations()
	return g.programme()
}

// The flagship projects' slugs.
const (
	slugGoodMeetings = "100-good-meetings"
	slugBirgemiz     = "birgemiz-inclusion"
	slugDialogue     = "dialogue-of-generations"
	slugHackathons   = "city-hackathons"
)

// The programme runs from January 2026 to the end of March 2027.
var (
	programmeStart = day(2026, time.January, 5)
	programmeEnd   = day(2027, time.March, 31)
)

func projects() []domain.Project {
	return []domain.Project{
		{
			Slug: slugGoodMeetings,
			Name: tx("100 игі кездесу", "100 добрых встреч", "100 good meetings"),
			Description: tx(
				"Жыл бойы өтетін жүз игі кездесу: еріктілер қарттармен, балалармен, ардагерлермен және қала тұрғындарымен кездесіп, бір-біріне қолдау көрсетеді.",
				"Сто добрых встреч в течение года: волонтёры встречаются с пожилыми людьми, детьми, ветеранами и жителями города и поддерживают друг друга.",
				"A hundred good meetings over the year: volunteers meet older people, children, veterans and neighbours across the city, and support one another."),
			Target: 100,
		},
		{
			Slug: slugBirgemiz,
			Name: tx("Birgemiz Inclusion", "Birgemiz Inclusion", "Birgemiz Inclusion"),
			Description: tx(
				"Инклюзивті бағдарлама: мүгедектігі бар адамдар еріктілікке өздері атсалысады, ал барлық іс-шаралар қолжетімді форматта өтеді.",
				"Инклюзивная программа: люди с инвалидностью сами становятся волонтёрами, а все мероприятия проходят в доступном формате.",
				"An inclusive programme: people with disabilities volunteer themselves, and every event is held in an accessible format."),
		},
		{
			Slug: slugDialogue,
			Name: tx("Ұрпақтар диалогы – Алматы", "Диалог поколений – Алматы", "Dialogue of Generations – Almaty"),
			Description: tx(
				"Тәлімгерлік бастама: «күміс» еріктілер мен тәжірибелі мамандар жастарға тәлімгер болады, ал жастар үлкендерге цифрлық әлемді меңгеруге көмектеседі.",
				"Наставническая инициатива: «серебряные» волонтёры и опытные специалисты становятся наставниками молодёжи, а молодые помогают старшим освоить цифровой мир.",
				"A mentoring initiative: silver volunteers and experienced professionals mentor young people, and the young help their elders find their way in the digital world."),
		},
		{
			Slug: slugHackathons,
			Name: tx("Қалалық хакатондар", "Городские хакатоны", "City hackathons"),
			Description: tx(
				"Жастар мен IT-еріктілер қаланың нақты мәселелеріне цифрлық шешімдер ойлап табады: қолжетімділік, таза ауа, қауіпсіз жол.",
				"Молодёжь и IT-волонтёры придумывают цифровые решения для реальных задач города: доступность, чистый воздух, безопасные дороги.",
				"Young people and IT volunteers build digital solutions to the city's real problems: accessibility, clean air and road safety."),
			Target: 5,
		},
	}
}

// ---------------------------------------------------------------------------------------------
// Places

// place is where events happen. name is the place in the nominative, at a phrase saying "at it"
// in each language ("Орталық саябақта", "в Центральном парке", "in Central Park"); address is
// its real street address in Almaty, in each language, and lat, lon its approximate coordinates
// (the map link of an event page points at them).
type place struct {
	key      string
	name, at domain.Text
	address  domain.Text
	lat, lon float64
	district string
	tags     []string
	access   []string
}

func fixedPlaces() []place {
	return []place{
		{"central", tx("Орталық саябақ", "Центральный парк", "Central Park"),
			tx("Орталық саябақта", "в Центральном парке", "in Central Park"),
			tx("Гоголь көшесі, 1", "улица Гоголя, 1", "1 Gogol Street"), 43.2601, 76.9702, "medeu",
			[]string{"park", "fair", "festival", "run"}, []string{"step_free", "accessible_toilet"}},
		{"first-president", tx("Тұңғыш Президент саябағы", "Парк Первого Президента", "First President's Park"),
			tx("Тұңғыш Президент саябағында", "в Парке Первого Президента", "in First President's Park"),
			tx("Әл-Фараби даңғылы мен Науаи көшесінің қиылысы", "проспект аль-Фараби, угол улицы Навои", "Al-Farabi Avenue at Navoi Street"), 43.1957, 76.8874, "bostandyk",
			[]string{"park", "fair", "run", "forest"}, []string{"step_free", "accessible_toilet"}},
		{"botanical", tx("Бас ботаникалық бақ", "Главный ботанический сад", "Main Botanical Garden"),
			tx("Бас ботаникалық бақта", "в Главном ботаническом саду", "in the Main Botanical Garden"),
			tx("Тимирязев көшесі, 36Д", "улица Тимирязева, 36Д", "36D Timiryazev Street"), 43.2228, 76.9135, "bostandyk",
			[]string{"park", "garden", "forest"}, []string{"step_free"}},
		{"panfilov", tx("28 гвардияшы-панфиловшылар атындағы саябақ", "Парк 28 гвардейцев-панфиловцев", "Panfilov Park"),
			tx("28 гвардияшы-панфиловшылар атындағы саябақта", "в Парке 28 гвардейцев-панфиловцев", "in Panfilov Park"),
			tx("Гоголь көшесі мен Зенков көшесінің қиылысы", "улица Гоголя, угол улицы Зенкова", "Gogol Street at Zenkov Street"), 43.2588, 76.9538, "medeu",
			[]string{"park", "history"}, []string{"step_free"}},
		{"kok-tobe", tx("Көктөбе", "Кок-Тобе", "Kok-Tobe"),
			tx("Көктөбеде", "на Кок-Тобе", "on Kok-Tobe"),
			tx("Омаров көшесі, 35, Көктөбе шағынауданы", "улица Омарова, 35, микрорайон Кок-Тобе", "35 Omarov Street, Kok-Tobe"), 43.2331, 76.9767, "medeu",
			[]string{"mountain"}, nil},
		{"medeu", tx("Медеу", "Медеу", "Medeu"),
			tx("Медеуде", "на Медеу", "at Medeu"),
			tx("Горная көшесі, 465", "улица Горная, 465", "465 Gornaya Street"), 43.1577, 77.0590, "medeu",
			[]string{"mountain", "gorge", "ice", "medeu"}, []string{"step_free", "accessible_toilet", "seating"}},
		{"shymbulak", tx("Шымбұлақ", "Шымбулак", "Shymbulak"),
			tx("Шымбұлақта", "на Шымбулаке", "at Shymbulak"),
			tx("Горная көшесі, Шымбұлақ тау шаңғысы курорты", "улица Горная, горнолыжный курорт «Шымбулак»", "Gornaya Street, Shymbulak ski resort"), 43.1286, 77.0808, "medeu",
			[]string{"mountain", "gorge", "ski"}, nil},
		{"big-almaty-lake", tx("Үлкен Алматы көлі", "Большое Алматинское озеро", "Big Almaty Lake"),
			tx("Үлкен Алматы көлінде", "на Большом Алматинском озере", "at Big Almaty Lake"),
			tx("Үлкен Алматы шатқалы, Іле Алатауы ұлттық паркі", "Большое Алматинское ущелье, Иле-Алатауский национальный парк", "Big Almaty Gorge, Ile-Alatau National Park"), 43.0508, 76.9849, "bostandyk",
			[]string{"mountain", "gorge"}, nil},
		{"arbat", tx("Арбат (Жібек жолы көшесі)", "Арбат (ул. Жибек Жолы)", "Arbat (Zhibek Zholy)"),
			tx("Арбатта", "на Арбате", "on Arbat"),
			tx("Жібек жолы көшесі, 83 (ЦУМ жанында)", "улица Жибек Жолы, 83 (у ЦУМа)", "83 Zhibek Zholy Street (by TsUM)"), 43.2619, 76.9446, "almaly",
			[]string{"street", "fair", "festival", "history"}, []string{"step_free"}},
		{"green-bazaar", tx("Көк базар", "Зелёный базар", "Green Bazaar"),
			tx("Көк базарда", "на Зелёном базаре", "at the Green Bazaar"),
			tx("Жібек жолы көшесі, 53", "улица Жибек Жолы, 53", "53 Zhibek Zholy Street"), 43.2659, 76.9538, "medeu",
			[]string{"street", "history"}, nil},
		{"republic-palace", tx("Республика сарайы", "Дворец Республики", "Republic Palace"),
			tx("Республика сарайында", "во Дворце Республики", "at the Republic Palace"),
			tx("Достық даңғылы, 56", "проспект Достык, 56", "56 Dostyk Avenue"), 43.2385, 76.9562, "medeu",
			[]string{"hall", "concert"}, []string{"wheelchair", "step_free", "accessible_toilet", "hearing_loop", "seating"}},
		{"almaty-arena", tx("«Алматы Арена»", "«Алматы Арена»", "Almaty Arena"),
			tx("«Алматы Арена» кешенінде", "в «Алматы Арене»", "at Almaty Arena"),
			tx("Нұркент шағынауданы, 7", "микрорайон Нуркент, 7", "7 Nurkent microdistrict"), 43.2707, 76.8229, "alatau",
			[]string{"ice", "arena", "hall"}, []string{"wheelchair", "step_free", "accessible_toilet", "seating"}},
		{"central-stadium", tx("Орталық стадион", "Центральный стадион", "Central Stadium"),
			tx("Орталық стадионда", "на Центральном стадионе", "at the Central Stadium"),
			tx("Сәтбаев көшесі, 29/3", "улица Сатпаева, 29/3", "29/3 Satpayev Street"), 43.2373, 76.9210, "bostandyk",
			[]string{"stadium"}, []string{"step_free", "accessible_toilet", "seating"}},
		{"central-museum", tx("Орталық мемлекеттік музей", "Центральный государственный музей", "Central State Museum"),
			tx("Орталық мемлекеттік музейде", "в Центральном государственном музее", "at the Central State Museum"),
			tx("Самал-1 шағынауданы, 44", "микрорайон Самал-1, 44", "44 Samal-1 microdistrict"), 43.2340, 76.9552, "medeu",
			[]string{"museum"}, []string{"wheelchair", "step_free", "accessible_toilet", "seating"}},
		{"kasteev", tx("Ә. Қастеев атындағы өнер музейі", "Музей искусств им. А. Кастеева", "Kasteev Museum of Arts"),
			tx("Ә. Қастеев атындағы өнер музейінде", "в Музее искусств им. А. Кастеева", "at the Kasteev Museum of Arts"),
			tx("Көктем-3 шағынауданы, 22/1", "микрорайон Коктем-3, 22/1", "22/1 Koktem-3 microdistrict"), 43.2334, 76.9131, "bostandyk",
			[]string{"museum"}, []string{"wheelchair", "step_free", "accessible_toilet"}},
		{"national-library", tx("Ұлттық кітапхана", "Национальная библиотека", "National Library"),
			tx("Ұлттық кітапханада", "в Национальной библиотеке", "at the National Library"),
			tx("Абай даңғылы, 14", "проспект Абая, 14", "14 Abai Avenue"), 43.2418, 76.9522, "almaly",
			[]string{"library", "studio"}, []string{"wheelchair", "step_free", "accessible_toilet", "seating"}},
		{"abai-opera", tx("Абай атындағы опера және балет театры", "Театр оперы и балета им. Абая", "Abai Opera and Ballet Theatre"),
			tx("Абай атындағы опера және балет театрында", "в Театре оперы и балета им. Абая", "at the Abai Opera and Ballet Theatre"),
			tx("Қабанбай батыр көшесі, 110", "улица Кабанбай батыра, 110", "110 Kabanbay Batyr Street"), 43.2511, 76.9468, "almaly",
			[]string{"concert"}, []string{"seating"}},
		{"sairan", tx("Сайран көлі", "Озеро Сайран", "Lake Sairan"),
			tx("Сайран көлінің жағасында", "на берегу озера Сайран", "on the shore of Lake Sairan"),
			tx("Төле би көшесі, Сайран көлінің жағалауы", "улица Толе би, набережная озера Сайран", "Tole Bi Street, Lake Sairan embankment"), 43.2431, 76.8662, "auezov",
			[]string{"park", "water", "run"}, []string{"step_free"}},
		{"esentai", tx("Есентай өзенінің жағалауы", "Набережная Есентая", "Esentai embankment"),
			tx("Есентай өзенінің жағалауында", "на набережной Есентая", "on the Esentai embankment"),
			tx("Әл-Фараби даңғылы, Есентай өзенінің жағалауы", "проспект аль-Фараби, набережная реки Есентай", "Al-Farabi Avenue, Esentai river embankment"), 43.2183, 76.9281, "bostandyk",
			[]string{"park", "water", "run", "fair"}, []string{"step_free"}},
		{"baum-grove", tx("Баум тоғайы", "Роща Баума", "Baum Grove"),
			tx("Баум тоғайында", "в Роще Баума", "in Baum Grove"),
			tx("Кассин көшесі, Баум тоғайы", "улица Кассина, Роща Баума", "Kassin Street, Baum Grove"), 43.3118, 76.9603, "turksib",
			[]string{"park", "forest"}, nil},
		{"kalkaman", tx("Қалқаман шағынауданы", "Микрорайон Калкаман", "Kalkaman neighbourhood"),
			tx("Қалқаман шағынауданында", "в микрорайоне Калкаман", "in the Kalkaman neighbourhood"),
			tx("Қалқаман-2 шағынауданы, мектеп жанындағы гүлзар", "микрорайон Калкаман-2, сквер у школы", "Kalkaman-2 microdistrict, square by the school"), 43.2372, 76.7832, "nauryzbay",
			[]string{"yard", "forest", "wall"}, nil},
		{"nurkent", tx("Нұркент шағынауданы", "Микрорайон Нуркент", "Nurkent neighbourhood"),
			tx("Нұркент шағынауданында", "в микрорайоне Нуркент", "in the Nurkent neighbourhood"),
			tx("Нұркент шағынауданы, «Алматы Арена» жанындағы гүлзар", "микрорайон Нуркент, сквер у «Алматы Арены»", "Nurkent microdistrict, square by Almaty Arena"), 43.2724, 76.8268, "alatau",
			[]string{"yard", "forest", "wall"}, []string{"step_free"}},
		{"orbita", tx("Орбита шағынауданы", "Микрорайон Орбита", "Orbita neighbourhood"),
			tx("Орбита шағынауданында", "в микрорайоне Орбита", "in the Orbita neighbourhood"),
			tx("Орбита-1 шағынауданы, Науаи көшесі жанындағы аула", "микрорайон Орбита-1, двор у улицы Навои", "Orbita-1 microdistrict, courtyard off Navoi Street"), 43.2069, 76.8992, "bostandyk",
			[]string{"yard", "wall"}, nil},
		{"aksay", tx("Ақсай шағынауданы", "Микрорайон Аксай", "Aksay neighbourhood"),
			tx("Ақсай шағынауданында", "в микрорайоне Аксай", "in the Aksay neighbourhood"),
			tx("Ақсай-4 шағынауданы, ішкі аула", "микрорайон Аксай-4, внутренний двор", "Aksay-4 microdistrict, inner courtyard"), 43.2331, 76.8422, "auezov",
			[]string{"yard", "wall"}, nil},
		{"ainabulak", tx("Айнабұлақ шағынауданы", "Микрорайон Айнабулак", "Ainabulak neighbourhood"),
			tx("Айнабұлақ шағынауданында", "в микрорайоне Айнабулак", "in the Ainabulak neighbourhood"),
			tx("Айнабұлақ-3 шағынауданы, ішкі аула", "микрорайон Айнабулак-3, внутренний двор", "Ainabulak-3 microdistrict, inner courtyard"), 43.3282, 76.9168, "zhetysu",
			[]string{"yard", "wall"}, nil},
		{"kaznu", tx("Әл-Фараби атындағы ҚазҰУ", "КазНУ им. аль-Фараби", "Al-Farabi Kazakh National University"),
			tx("Әл-Фараби атындағы ҚазҰУ-да", "в КазНУ им. аль-Фараби", "at Al-Farabi Kazakh National University"),
			tx("Әл-Фараби даңғылы, 71", "проспект аль-Фараби, 71", "71 Al-Farabi Avenue"), 43.2236, 76.9243, "bostandyk",
			[]string{"university", "studio"}, []string{"wheelchair", "step_free", "accessible_toilet"}},
		{"satbayev", tx("Сәтбаев университеті", "Satbayev University", "Satbayev University"),
			tx("Сәтбаев университетінде", "в Satbayev University", "at Satbayev University"),
			tx("Сәтбаев көшесі, 22", "улица Сатпаева, 22", "22 Satpayev Street"), 43.2366, 76.9316, "bostandyk",
			[]string{"university"}, []string{"step_free", "accessible_toilet"}},
		{"kbtu", tx("Қазақстан-Британ техникалық университеті", "Казахстанско-Британский технический университет", "Kazakh-British Technical University"),
			tx("ҚБТУ-да", "в КБТУ", "at KBTU"),
			tx("Төле би көшесі, 59", "улица Толе би, 59", "59 Tole Bi Street"), 43.2561, 76.9432, "almaly",
			[]string{"university"}, []string{"step_free"}},
		{"iitu", tx("Халықаралық ақпараттық технологиялар университеті", "Международный университет информационных технологий", "International IT University"),
			tx("ХАТУ-да", "в МУИТ", "at IITU"),
			tx("Манас көшесі, 34/1", "улица Манаса, 34/1", "34/1 Manas Street"), 43.2351, 76.9097, "bostandyk",
			[]string{"university"}, []string{"step_free", "accessible_toilet"}},
		{"kaznmu", tx("Асфендияров атындағы ҚазҰМУ", "КазНМУ им. Асфендиярова", "Asfendiyarov Medical University"),
			tx("Асфендияров атындағы ҚазҰМУ-да", "в КазНМУ им. Асфендиярова", "at Asfendiyarov Medical University"),
			tx("Төле би көшесі, 94", "улица Толе би, 94", "94 Tole Bi Street"), 43.2549, 76.9291, "almaly",
			[]string{"university"}, []string{"step_free"}},
		{"kaznpu", tx("Абай атындағы ҚазҰПУ", "КазНПУ им. Абая", "Abai Pedagogical University"),
			tx("Абай атындағы ҚазҰПУ-да", "в КазНПУ им. Абая", "at Abai Pedagogical University"),
			tx("Достық даңғылы, 13", "проспект Достык, 13", "13 Dostyk Avenue"), 43.2591, 76.9561, "medeu",
			[]string{"university"}, []string{"step_free"}},
		{"almau", tx("Алматы менеджмент университеті", "Алматы Менеджмент Университет", "Almaty Management University"),
			tx("AlmaU-да", "в AlmaU", "at AlmaU"),
			tx("Розыбакиев көшесі, 227", "улица Розыбакиева, 227", "227 Rozybakiev Street"), 43.2141, 76.8968, "bostandyk",
			[]string{"university"}, []string{"step_free", "accessible_toilet"}},
		{"zhurgenov", tx("Т. Жүргенов атындағы өнер академиясы", "Академия искусств им. Т. Жургенова", "Zhurgenov Academy of Arts"),
			tx("Т. Жүргенов атындағы өнер академиясында", "в Академии искусств им. Т. Жургенова", "at the Zhurgenov Academy of Arts"),
			tx("Панфилов көшесі, 127", "улица Панфилова, 127", "127 Panfilov Street"), 43.2468, 76.9464, "almaly",
			[]string{"concert"}, []string{"seating"}},
		{"adal-dos", tx("«Адал дос» баспанасы", "Приют «Адал дос»", "Adal Dos shelter"),
			tx("«Адал дос» баспанасында", "в приюте «Адал дос»", "at the Adal Dos shelter"),
			tx("Бекмаханов көшесі, Түрксіб ауданы (жол сызбасы жазылғаннан кейін)", "улица Бекмаханова, Турксибский район (схема проезда — после записи)", "Bekmakhanov Street, Turksib district (directions after signing up)"), 43.3478, 76.9712, "turksib",
			[]string{"shelter"}, nil},
		{"miyau", tx("«Мияу» мысықтар үйі", "Кошачий дом «Мияу»", "Miyau cat house"),
			tx("«Мияу» мысықтар үйінде", "в кошачьем доме «Мияу»", "at the Miyau cat house"),
			tx("Шаңырақ-2 шағынауданы, Алатау ауданы (нақты мекенжайы жазылғаннан кейін)", "микрорайон Шанырак-2, Алатауский район (точный адрес — после записи)", "Shanyrak-2 microdistrict, Alatau district (exact address after signing up)"), 43.2996, 76.8301, "alatau",
			[]string{"shelter"}, []string{"step_free"}},
		{"zholdas", tx("«Жолдас» жануарлар баспанасы", "Приют для животных «Жолдас»", "Zholdas animal shelter"),
			tx("«Жолдас» жануарлар баспанасында", "в приюте для животных «Жолдас»", "at the Zholdas animal shelter"),
			tx("Шұғыла шағынауданы, Наурызбай ауданы (нақты мекенжайы жазылғаннан кейін)", "микрорайон Шугыла, Наурызбайский район (точный адрес — после записи)", "Shugyla microdistrict, Nauryzbay district (exact address after signing up)"), 43.2184, 76.7951, "nauryzbay",
			[]string{"shelter"}, nil},
		{"rescue-centre", tx("Төтенше жағдайлар департаментінің оқу орталығы", "Учебный центр ДЧС г. Алматы", "Emergency Department training centre"),
			tx("Төтенше жағдайлар департаментінің оқу орталығында", "в учебном центре ДЧС г. Алматы", "at the Emergency Department training centre"),
			tx("Райымбек даңғылы, Жетісу ауданы", "проспект Райымбека, Жетысуский район", "Raiymbek Avenue, Zhetysu district"), 43.2712, 76.9018, "zhetysu",
			[]string{"rescue"}, []string{"step_free", "accessible_toilet"}},
		{"food-bank", tx("«Азық банкі» қоймасы", "Склад «Азық банкі»", "Azyq Bank warehouse"),
			tx("«Азық банкі» қоймасында", "на складе «Азық банкі»", "at the Azyq Bank warehouse"),
			tx("Сүйінбай даңғылы, Жетісу ауданы", "проспект Суюнбая, Жетысуский район", "Suyunbay Avenue, Zhetysu district"), 43.2951, 76.9602, "zhetysu",
			[]string{"foodbank"}, []string{"step_free"}},
		{"children-hospital", tx("Қалалық балалар ауруханасы", "Городская детская больница", "City Children's Hospital"),
			tx("Қалалық балалар ауруханасында", "в Городской детской больнице", "at the City Children's Hospital"),
			tx("Өтеген батыр көшесі, Әуезов ауданы (нақты мекенжайы жазылғаннан кейін)", "улица Утеген батыра, Ауэзовский район (точный адрес — после записи)", "Utegen Batyr Street, Auezov district (exact address after signing up)"), 43.2302, 76.8601, "auezov",
			[]string{"hospital"}, []string{"wheelchair", "step_free", "accessible_toilet"}},
	}
}

// districtStreets are two real streets or microdistricts of each district, each in three languages
// with approximate coordinates, where its neighbourhood venues are: youth centres and schools on
// the first, active ageing and child support centres on the second.
var districtStreets = map[string][2]struct {
	address  domain.Text
	lat, lon float64
}{
	"alatau": {{tx("Шаңырақ-2 шағынауданы, Жанқожа батыр көшесі", "микрорайон Шанырак-2, улица Жанкожа батыра", "Zhankozha Batyr Street, Shanyrak-2 microdistrict"), 43.2985, 76.8290},
		{tx("Райымбек даңғылы", "проспект Райымбека", "Raiymbek Avenue"), 43.2790, 76.8400}},
	"almaly": {{tx("Төле би көшесі", "улица Толе би", "Tole Bi Street"), 43.2540, 76.9200},
		{tx("Абай даңғылы", "проспект Абая", "Abai Avenue"), 43.2420, 76.9150}},
	"auezov": {{tx("Жетісу-1 шағынауданы", "микрорайон Жетысу-1", "Zhetysu-1 microdistrict"), 43.2330, 76.8620},
		{tx("Мамыр-4 шағынауданы", "микрорайон Мамыр-4", "Mamyr-4 microdistrict"), 43.2120, 76.8480}},
	"bostandyk": {{tx("Тимирязев көшесі", "улица Тимирязева", "Timiryazev Street"), 43.2255, 76.9040},
		{tx("Орбита-2 шағынауданы", "микрорайон Орбита-2", "Orbita-2 microdistrict"), 43.2010, 76.8930}},
	"zhetysu": {{tx("Райымбек даңғылы", "проспект Райымбека", "Raiymbek Avenue"), 43.2705, 76.9250},
		{tx("Құлжа тас жолы", "Кульджинский тракт", "Kuldzha Road"), 43.2900, 76.9900}},
	"medeu": {{tx("Достық даңғылы", "проспект Достык", "Dostyk Avenue"), 43.2510, 76.9575},
		{tx("Самал-2 шағынауданы", "микрорайон Самал-2", "Samal-2 microdistrict"), 43.2300, 76.9500}},
	"nauryzbay": {{tx("Шұғыла шағынауданы", "микрорайон Шугыла", "Shugyla microdistrict"), 43.2200, 76.7920},
		{tx("Қалқаман-2 шағынауданы", "микрорайон Калкаман-2", "Kalkaman-2 microdistrict"), 43.2360, 76.7800}},
	"turksib": {{tx("Сейфуллин даңғылы", "проспект Сейфуллина", "Seifullin Avenue"), 43.3080, 76.9420},
		{tx("Майлин көшесі", "улица Майлина", "Mailin Street"), 43.3300, 76.9500}},
}

// district is how a district is named inside a place's name.
type district struct{ code, kk, ruAdj, en string }

var districtNames = []district{
	{"alatau", "Алатау", "Алатауского", "Alatau"},
	{"almaly", "Алмалы", "Алмалинского", "Almaly"},
	{"auezov", "Әуезов", "Ауэзовского", "Auezov"},
	{"bostandyk", "Бостандық", "Бостандыкского", "Bostandyk"},
	{"zhetysu", "Жетісу", "Жетысуского", "Zhetysu"},
	{"medeu", "Медеу", "Медеуского", "Medeu"},
	{"nauryzbay", "Наурызбай", "Наурызбайского", "Nauryzbay"},
	{"turksib", "Түрксіб", "Турксибского", "Turksib"},
}

// districtPlaces are the neighbourhood venues: youth centres in every district, active ageing
// centres, schools and child support centres in some.
func districtPlaces() []place {
	ageing := []string{"alatau", "auezov", "bostandyk", "medeu", "turksib", "zhetysu"}
	schools := []string{"alatau", "almaly", "auezov", "nauryzbay", "turksib", "zhetysu"}
	children := []string{"auezov", "medeu", "turksib"}
	var ps []place
	for _, d := range districtNames {
		ps = append(ps, place{
			key:  "youth-" + d.code,
			name: tx(d.kk+" ауданының жастар орталығы", "Молодёжный центр "+d.ruAdj+" района", d.en+" district youth centre"),
			at: tx(d.kk+" ауданының жастар орталығында", "в молодёжном центре "+d.ruAdj+" района",
				"at the "+d.en+" district youth centre"),
			address: districtStreets[d.code][0].address, lat: districtStreets[d.code][0].lat, lon: districtStreets[d.code][0].lon,
			district: d.code,
			tags:     []string{"youth"}, access: []string{"step_free", "accessible_toilet"},
		})
		if slices.Contains(ageing, d.code) {
			ps = append(ps, place{
				key: "ageing-" + d.code,
				name: tx(d.kk+" ауданының белсенді ұзақ өмір сүру орталығы", "Центр активного долголетия "+d.ruAdj+" района",
					d.en+" district active ageing centre"),
				at: tx(d.kk+" ауданының белсенді ұзақ өмір сүру орталығында", "в Центре активного долголетия "+d.ruAdj+" района",
					"at the "+d.en+" district active ageing centre"),
				address: districtStreets[d.code][1].address, lat: districtStreets[d.code][1].lat, lon: districtStreets[d.code][1].lon,
				district: d.code,
				tags:     []string{"ageing"}, access: []string{"step_free", "accessible_toilet", "seating"},
			})
		}
		if slices.Contains(schools, d.code) {
			ps = append(ps, place{
				key:  "school-" + d.code,
				name: tx(d.kk+" ауданындағы мектеп", "Школа "+d.ruAdj+" района", d.en+" district school"),
				at:   tx(d.kk+" ауданындағы мектепте", "в школе "+d.ruAdj+" района", "at a "+d.en+" district school"),
				address: tx(districtStreets[d.code][0].address.KK+" (мектептің нақты мекенжайы — жазылғаннан кейін хатта)",
					districtStreets[d.code][0].address.RU+" (точный адрес школы — в письме после записи)",
					districtStreets[d.code][0].address.EN+" (the school's exact address comes by mail after signing up)"),
				district: d.code,
				tags:     []string{"school"},
			})
		}
		if slices.Contains(children, d.code) {
			ps = append(ps, place{
				key: "children-" + d.code,
				name: tx(d.kk+" ауданының балаларды қолдау орталығы", "Центр поддержки детей "+d.ruAdj+" района",
					d.en+" district child support centre"),
				at: tx(d.kk+" ауданының балаларды қолдау орталығында", "в Центре поддержки детей "+d.ruAdj+" района",
					"at the "+d.en+" district child support centre"),
				address: districtStreets[d.code][1].address, lat: districtStreets[d.code][1].lat, lon: districtStreets[d.code][1].lon,
				district: d.code,
				tags:     []string{"children"}, access: []string{"step_free"},
			})
		}
	}
	return ps
}

// ---------------------------------------------------------------------------------------------
// Organizations

type orgDef struct {
	key    string // used in the email address and website
	name   domain.Text
	desc   domain.Text
	dirs   []string // directions its ordinary events are in
	home   []string // places it prefers
	status domain.OrgStatus
	reason string
	bin    bool
	site   bool
	incl   bool // runs Birgemiz Inclusion events
}

const frontOffice = "volunteers-front-office"

var (
	verified  = domain.OrgVerified
	pending   = domain.OrgPending
	suspended = domain.OrgSuspended
)

func orgDefs() []orgDef {
	return []orgDef{
		{key: frontOffice, name: tx("Еріктілер фронт-офисі",
			"Фронт-офис волонтёров", "Volunteers Front Office"),
			desc: tx("Алматы қаласының Еріктілер фронт-офисі Жастар саясаты басқармасының қолдауымен Еріктілер жылы – 2026 бағдарламасын үйлестіреді, еріктілік ұйымдарды верификациялайды және қаланың еріктілер инфрақұрылымын дамытады.",
				"Фронт-офис волонтёров Алматы при поддержке Управления молодёжной политики координирует программу Года волонтёров – 2026, верифицирует волонтёрские организации и развивает волонтёрскую инфраструктуру города.",
				"Almaty's Volunteers Front Office, supported by the city's Youth Policy Department, coordinates the Year of Volunteers 2026 programme, verifies volunteer organizations and builds the city's volunteering infrastructure."),
			status: verified, bin: true, site: true},
		{key: "taza-almaty", name: tx("«Таза Алматы» еріктілер қозғалысы",
			"Волонтёрское движение «Таза Алматы»", "Taza Almaty volunteer movement"),
			desc: tx("2015 жылдан бері саябақтар мен өзен жағалауларында сенбіліктер өткізіп, қалдықтарды бөлек жинауды насихаттаймыз.",
				"С 2015 года проводим субботники в парках и на берегах рек и продвигаем раздельный сбор отходов.",
				"Since 2015 we have held clean-ups in parks and along the rivers, and promoted separate waste collection."),
			dirs: []string{"ecology"}, status: verified, bin: true, site: true},
		{key: "zhasyl-alatau", name: tx("«Жасыл Алатау» экоклубы",
			"Экоклуб «Жасыл Алатау»", "Zhasyl Alatau eco club"),
			desc: tx("Әр көктем мен күзде Алматының аудандарында ағаш отырғызып, жас көшеттерді күтетін экоклуб.",
				"Экоклуб, который каждую весну и осень высаживает деревья в районах Алматы и ухаживает за молодыми посадками.",
				"An eco club that plants trees in Almaty's districts every spring and autumn and looks after the young saplings."),
			dirs: []string{"ecology"}, status: verified, bin: true},
		{key: "ekosana", name: tx("«Экосана» экологиялық бастамасы",
			"Экологическая инициатива «Экосана»", "Ekosana environmental initiative"),
			desc: tx("Ауа сапасын бақылаймыз, аудандарда датчиктер орнатамыз және «Қалдықсыз өмір» шеберханаларын өткіземіз.",
				"Следим за качеством воздуха, ставим датчики в районах и проводим мастерские «Жизнь без отходов».",
				"We watch the air quality, set up sensors in the districts and run \"Zero waste living\" workshops."),
			dirs: []string{"ecology", "digital"}, status: verified, site: true},
		{key: "meyirim", name: tx("«Мейірім» қайырымдылық қоры",
			"Благотворительный фонд «Мейірім»", "Meyirim charitable foundation"),
			desc: tx("Аз қамтылған отбасыларға, жалғыз басты қарттарға және балаларды қолдау орталықтарына тұрақты көмек көрсетеміз.",
				"Постоянно помогаем малообеспеченным семьям, одиноким пожилым людям и центрам поддержки детей.",
				"We give steady help to low-income families, older people living alone and child support centres."),
			dirs: []string{"social"}, status: verified, bin: true, site: true},
		{key: "azyq-bank", name: tx("«Азық банкі» қоғамдық бірлестігі",
			"Общественное объединение «Азық банкі»", "Azyq Bank public association"),
			desc: tx("Азық-түлік банкі: дүкендер мен өндірушілерден артық азық-түлікті жинап, мұқтаж отбасыларға береміз.",
				"Фудбанк: собираем излишки продуктов у магазинов и производителей и передаём их нуждающимся семьям.",
				"A food bank: we collect surplus food from shops and producers and pass it on to families in need."),
			dirs: []string{"social"}, home: []string{"food-bank"}, status: verified, bin: true},
		{key: "kumis-gasyr", name: tx("«Күміс ғасыр» күміс еріктілер клубы",
			"Клуб серебряных волонтёров «Күміс ғасыр»", "Kumis Gasyr silver volunteers club"),
			desc: tx("55 жастан асқан белсенді алматылықтардың клубы: тәлімгерлік, мәдени кештер және жастармен бірлескен жобалар.",
				"Клуб активных алматинцев старше 55 лет: наставничество, культурные вечера и совместные проекты с молодёжью.",
				"A club of active Almaty residents over 55: mentoring, cultural evenings and projects together with young people."),
			dirs: []string{"mentoring", "culture", "social"}, status: verified, bin: true},
		{key: "ak-zhaulyk", name: tx("«Ақ жаулық» күміс еріктілер клубы",
			"Клуб серебряных волонтёров «Ақ жаулық»", "Ak Zhaulyk silver volunteers club"),
			desc: tx("«Күміс» еріктілер клубы: жалғыз басты қарттарға барамыз және жастарға халық қолөнерін үйретеміз.",
				"Клуб «серебряных» волонтёров: навещаем одиноких пожилых людей и учим молодёжь народным ремёслам.",
				"A club of silver volunteers: we visit older people living alone and teach young people folk crafts."),
			dirs: []string{"social", "mentoring"}, status: verified},
		{key: "adal-dos", name: tx("«Адал дос» жануарлар баспанасы",
			"Приют для животных «Адал дос»", "Adal Dos animal shelter"),
			desc: tx("Иесіз иттерге пана беріп, емдейміз және жаңа үй іздейміз. Қазір баспанада 200-ге жуық ит бар.",
				"Даём приют бездомным собакам, лечим их и ищем им новый дом. Сейчас в приюте около 200 собак.",
				"We shelter stray dogs, treat them and find them new homes. The shelter has about 200 dogs now."),
			dirs: []string{"animals"}, home: []string{"adal-dos"}, status: verified, bin: true, site: true},
		{key: "miyau", name: tx("«Мияу» мысықтар үйі",
			"Кошачий дом «Мияу»", "Miyau cat house"),
			desc: tx("Мысықтар баспанасы: иесіз мысықтарды емдеп, зарарсыздандырып, мейірімді қолдарға табыстаймыз.",
				"Приют для кошек: лечим, стерилизуем и пристраиваем бездомных кошек в добрые руки.",
				"A cat shelter: we treat and neuter stray cats and find them caring homes."),
			dirs: []string{"animals"}, home: []string{"miyau"}, status: verified},
		{key: "zholdas", name: tx("«Жолдас» жануарларды қорғау қоғамы",
			"Общество защиты животных «Жолдас»", "Zholdas animal protection society"),
			desc: tx("Жануарларды қорғау, жауапты иелікті насихаттау және қаладағы баспаналарға көмек.",
				"Защита животных, пропаганда ответственного обращения с питомцами и помощь городским приютам.",
				"Animal protection, responsible pet ownership and help for the city's shelters."),
			dirs: []string{"animals"}, home: []string{"zholdas"}, status: verified, bin: true},
		{key: "alatau-rescue", name: tx("«Алатау құтқарушылары» ерікті құтқарушылар жасағы",
			"Отряд добровольных спасателей «Алатау құтқарушылары»", "Alatau Rescuers volunteer rescue team"),
			desc: tx("Ерікті құтқарушылар: таудағы кезекшілік, іздеу-құтқару жаттығулары және алғашқы көмекке оқыту.",
				"Добровольные спасатели: дежурства в горах, поисково-спасательные учения и обучение первой помощи.",
				"Volunteer rescuers: mountain duty, search and rescue drills and first aid training."),
			dirs: []string{domain.DirectionEmergency}, status: verified, bin: true, site: true},
		{key: "izdeu", name: tx("«Іздеу» ерікті іздеу тобы",
			"Добровольный поисковый отряд «Іздеу»", "Izdeu volunteer search team"),
			desc: tx("Жоғалған адамдарды іздеуге көмектесетін еріктілер тобы. Жаңа еріктілерді оқытамыз.",
				"Волонтёрский отряд, который помогает искать пропавших людей. Обучаем новых добровольцев.",
				"A volunteer team that helps search for missing people. We train new volunteers."),
			dirs: []string{domain.DirectionEmergency}, home: []string{"rescue-centre"}, status: verified},
		{key: "omir", name: tx("«Өмір» алғашқы көмек мектебі",
			"Школа первой помощи «Өмір»", "Omir first aid school"),
			desc: tx("Оқушыларды, студенттерді және егде адамдарды алғашқы көмекке үйретеміз, оқу эвакуацияларын өткіземіз.",
				"Учим первой помощи школьников, студентов и пожилых людей, проводим учебные эвакуации.",
				"We teach first aid to pupils, students and older people, and run evacuation drills."),
			dirs: []string{domain.DirectionEmergency, "social"}, status: verified, bin: true},
		{key: "kaznu-volunteers", name: tx("Әл-Фараби атындағы ҚазҰУ студенттік еріктілер клубы",
			"Студенческий волонтёрский клуб КазНУ им. аль-Фараби", "Al-Farabi Kazakh National University student volunteers club"),
			desc: tx("ҚазҰУ студенттерінің еріктілер клубы: экология, тәлімгерлік және цифрлық жобалар.",
				"Волонтёрский клуб студентов КазНУ: экология, наставничество и цифровые проекты.",
				"The volunteer club of KazNU students: ecology, mentoring and digital projects."),
			dirs: []string{"digital", "ecology", "mentoring"}, home: []string{"kaznu"}, status: verified},
		{key: "qadam", name: tx("Сәтбаев университетінің «Qadam» еріктілер клубы",
			"Волонтёрский клуб «Qadam» Satbayev University", "Qadam volunteer club of Satbayev University"),
			desc: tx("Satbayev University студенттік клубы: экологиялық және цифрлық жобалар, қалалық іс-шараларда көмек.",
				"Студенческий клуб Satbayev University: экологические и цифровые проекты, помощь на городских мероприятиях.",
				"A Satbayev University student club: environmental and digital projects, help at city events."),
			dirs: []string{"digital", "ecology", domain.DirectionEmergency}, home: []string{"satbayev"}, status: verified},
		{key: "ak-halat", name: tx("«Ақ халат» медик-еріктілері (Асфендияров атындағы ҚазҰМУ)",
			"Медики-волонтёры «Ақ халат» (КазНМУ им. Асфендиярова)", "Ak Khalat medical volunteers (Asfendiyarov Medical University)"),
			desc: tx("Медицина студенттері: донорлық акциялар, алғашқы көмек сабақтары және ауруханадағы балаларға қолдау.",
				"Студенты-медики: донорские акции, уроки первой помощи и поддержка детей в больницах.",
				"Medical students: blood donation drives, first aid lessons and support for children in hospital."),
			dirs: []string{"social", domain.DirectionEmergency}, home: []string{"kaznmu"}, status: verified},
		{key: "ustaz", name: tx("Абай атындағы ҚазҰПУ «Ұстаз» педагог-еріктілер клубы",
			"Клуб педагогов-волонтёров «Ұстаз» КазНПУ им. Абая", "Ustaz teacher volunteers club of Abai Pedagogical University"),
			desc: tx("Болашақ мұғалімдер балаларға сабақ үйретіп, мектептерде тәлімгер болады.",
				"Будущие учителя помогают детям с учёбой и становятся наставниками в школах.",
				"Future teachers help children with their lessons and mentor them at school."),
			dirs: []string{"mentoring", "social"}, home: []string{"kaznpu"}, status: verified},
		{key: "code-for-almaty", name: tx("ҚБТУ «Code for Almaty» IT-еріктілер клубы",
			"IT-волонтёры КБТУ «Code for Almaty»", "Code for Almaty IT volunteers club of KBTU"),
			desc: tx("ҚБТУ IT-еріктілері: балаларға бағдарламалауды үйретеміз және қалаға цифрлық сервистер жасаймыз.",
				"IT-волонтёры КБТУ: учим детей программированию и делаем цифровые сервисы для города.",
				"KBTU's IT volunteers: we teach children to code and build digital services for the city."),
			dirs: []string{"digital"}, home: []string{"kbtu"}, status: verified},
		{key: "qabyrga", name: tx("Жүргенов академиясының «Қабырға» мурал студиясы",
			"Студия муралов «Қабырға» Академии Жургенова", "Qabyrga mural studio of the Zhurgenov Academy"),
			desc: tx("Өнер академиясының студенттері Алматының аудандарында муралдар салып, көше өнерін дамытады.",
				"Студенты Академии искусств рисуют муралы в районах Алматы и развивают уличное искусство.",
				"Students of the Academy of Arts paint murals in Almaty's districts and grow street art."),
			dirs: []string{"culture"}, home: []string{"zhurgenov"}, status: verified},
		{key: "almau-volunteers", name: tx("AlmaU «Жауапты бизнес» еріктілер клубы",
			"Волонтёрский клуб AlmaU «Ответственный бизнес»", "AlmaU Responsible Business volunteer club"),
			desc: tx("AlmaU студенттері жастарға түйіндеме, мансап және қаржылық сауаттылық бойынша шеберханалар өткізеді.",
				"Студенты AlmaU проводят для молодёжи мастерские по резюме, карьере и финансовой грамотности.",
				"AlmaU students run workshops for young people on CVs, careers and money skills."),
			dirs: []string{"mentoring", "digital"}, home: []string{"almau"}, status: verified},
		{key: "belsendi", name: tx("«Belsendi» спорт еріктілері қауымдастығы",
			"Ассоциация спортивных волонтёров «Belsendi»", "Belsendi sports volunteers association"),
			desc: tx("Қалалық жарыстар мен турнирлерге еріктілер дайындаймыз: маршалдар, су беру пункттері, мәре аймағы.",
				"Готовим волонтёров для городских соревнований и турниров: маршалы, пункты питья, финишная зона.",
				"We prepare volunteers for city races and tournaments: marshals, water stations, the finish area."),
			dirs: []string{"sport"}, status: verified, bin: true, site: true},
		{key: "zhugir-almaty", name: tx("«Жүгір, Алматы!» жүгіру клубы",
			"Беговой клуб «Жүгір, Алматы!»", "Run, Almaty! running club"),
			desc: tx("Алматы саябақтарында сенбі сайын 5 шақырымдық тегін жүгіру. Еріктілер — әр жүгірудің жүрегі.",
				"Бесплатные субботние забеги на 5 км в парках Алматы. Волонтёры — сердце каждого забега.",
				"Free 5 km Saturday runs in Almaty's parks. Volunteers are the heart of every run."),
			dirs: []string{"sport"}, status: verified},
		{key: "zhol-ashyq", name: tx("«Жол ашық» мүгедектігі бар адамдар қауымдастығы",
			"Ассоциация людей с инвалидностью «Жол ашық»", "Zhol Ashyq association of people with disabilities"),
			desc: tx("Мүгедектігі бар адамдардың қоғамдық бірлестігі: қолжетімді орта, инклюзивті спорт және еріктілік.",
				"Общественное объединение людей с инвалидностью: доступная среда, инклюзивный спорт и волонтёрство.",
				"An association of people with disabilities: accessible places, inclusive sport and volunteering."),
			dirs: []string{"social", "sport"}, status: verified, bin: true, site: true, incl: true},
		{key: "qol-ushy", name: tx("«Қол ұшы» ымдау тілі еріктілері",
			"Волонтёры жестового языка «Қол ұшы»", "Qol Ushy sign language volunteers"),
			desc: tx("Ымдау тілі аудармашы-еріктілері мен оқытушылары: іс-шараларды естімейтін адамдарға қолжетімді етеміз.",
				"Волонтёры-сурдопереводчики и преподаватели жестового языка: делаем мероприятия доступными для глухих.",
				"Volunteer sign language interpreters and teachers: we make events accessible to deaf people."),
			dirs: []string{"culture"}, status: verified, incl: true},
		{key: "shapagat", name: tx("«Шапағат» ерекше балалардың ата-аналары қауымдастығы",
			"Ассоциация родителей особенных детей «Шапағат»", "Shapagat association of parents of children with special needs"),
			desc: tx("Ерекше қажеттіліктері бар балалардың ата-аналары: сенсорлық күндер, инклюзивті шеберханалар және отбасыларға қолдау.",
				"Родители детей с особыми потребностями: сенсорные дни, инклюзивные мастерские и поддержка семей.",
				"Parents of children with special needs: sensory days, inclusive workshops and support for families."),
			dirs: []string{"social"}, status: verified, bin: true, incl: true},
		{key: "kone-almaty", name: tx("«Көне Алматы» өлкетану клубы",
			"Краеведческий клуб «Көне Алматы»", "Kone Almaty local history club"),
			desc: tx("Өлкетану клубы: ескі Алматы бойынша экскурсиялар, музейлердегі еріктілік, қала тұрғындарының естеліктерін жинау.",
				"Краеведческий клуб: экскурсии по старой Алма-Ате, волонтёрство в музеях, сбор воспоминаний горожан.",
				"A local history club: walks through old Alma-Ata, volunteering in museums, collecting residents' memories."),
			dirs: []string{"culture"}, status: verified, bin: true, site: true},
		{key: "kitap-alemi", name: tx("«Кітап әлемі» оқырмандар клубы",
			"Клуб читателей «Кітап әлемі»", "Kitap Alemi readers club"),
			desc: tx("Кітап алмасу күндері, қазақ тілінде сөйлесу клубтары және балаларға кітап оқу.",
				"Дни обмена книгами, разговорные клубы на казахском языке и чтение книг детям.",
				"Book swap days, Kazakh conversation clubs and reading to children."),
			dirs: []string{"culture", "mentoring"}, home: []string{"national-library"}, status: verified},
		{key: "erikti-dauys", name: tx("«Ерікті дауыс» подкаст студиясы",
			"Студия подкастов «Ерікті дауыс»", "Erikti Dauys podcast studio"),
			desc: tx("Алматы еріктілері туралы подкаст студиясы: оқиғаларды жазамыз және жастарға дыбыс жазуды үйретеміз.",
				"Студия подкастов о волонтёрах Алматы: записываем истории и учим молодёжь звукозаписи.",
				"A podcast studio about Almaty's volunteers: we record their stories and teach young people sound recording."),
			dirs: []string{"digital", "culture"}, status: verified},
		{key: "nur-alatau", name: tx("Алатау ауданының «Нұр» жастар клубы",
			"Молодёжный клуб «Нұр» Алатауского района", "Nur youth club of Alatau district"),
			desc: tx("Алатау ауданы жастарының клубы: спорт, көршілерге көмек және аулаларды көріктендіру.",
				"Клуб молодёжи Алатауского района: спорт, помощь соседям и благоустройство дворов.",
				"A youth club of Alatau district: sport, help for neighbours and greener courtyards."),
			dirs: []string{"social", "sport", "ecology"}, home: []string{"youth-alatau", "nurkent"}, status: verified, bin: true},
		{key: "zharkyn-bolashak", name: tx("«Жарқын болашақ» қоғамдық қоры",
			"Общественный фонд «Жарқын болашақ»", "Zharkyn Bolashak public foundation"),
			desc: tx("Көп балалы отбасыларға көмек көрсететін қайырымдылық қоры.",
				"Благотворительный фонд помощи многодетным семьям.",
				"A charitable foundation helping large families."),
			dirs: []string{"social"}, status: suspended, bin: true,
			reason: "Есептілік құжаттары тексеруден өтпеді; тексеру аяқталғанша ұйымның қызметі тоқтатылды."},
		{key: "tau-samaly", name: tx("«Тау самалы» экоклубы (Наурызбай ауданы)",
			"Экоклуб «Тау самалы» (Наурызбайский район)", "Tau Samaly eco club (Nauryzbay district)"),
			desc: tx("Наурызбай ауданындағы жас экобелсенділер: ағаш отырғызу және тау бөктерін тазалау.",
				"Юные экоактивисты Наурызбайского района: посадка деревьев и уборка предгорий.",
				"Young eco activists of Nauryzbay district: planting trees and cleaning the foothills."),
			dirs: []string{"ecology"}, home: []string{"kalkaman"}, status: pending},
		{key: "qamqor-korshi", name: tx("«Қамқор көрші» көршілік көмек бастамасы",
			"Инициатива соседской помощи «Қамқор көрші»", "Qamqor Korshi neighbourly help initiative"),
			desc: tx("Түрксіб ауданындағы көршілік көмек: қарттарға азық-түлік пен дәрі-дәрмек, қар тазалау.",
				"Соседская взаимопомощь в Турксибском районе: продукты и лекарства для пожилых, уборка снега.",
				"Neighbours helping neighbours in Turksib district: food and medicine for older people, snow clearing."),
			dirs: []string{"social"}, home: []string{"ageing-turksib", "youth-turksib"}, status: pending},
		{key: "hack-almaty", name: tx("ХАТУ «Hack Almaty» студенттік клубы",
			"Студенческий клуб МУИТ «Hack Almaty»", "Hack Almaty student club of IITU"),
			desc: tx("Халықаралық ақпараттық технологиялар университеті студенттерінің хакатон клубы.",
				"Хакатон-клуб студентов Международного университета информационных технологий.",
				"The hackathon club of International IT University students."),
			dirs: []string{"digital"}, home: []string{"iitu"}, status: pending},
		{key: "ata-azhe", name: tx("«Ата-әже мектебі» күміс еріктілер бірлестігі",
			"Объединение серебряных волонтёров «Ата-әже мектебі»", "Grandparents' School silver volunteers association"),
			desc: tx("Аталар мен әжелер балаларға қазақ тілін, ертегілерді және ұлттық ойындарды үйретеді.",
				"Бабушки и дедушки учат детей казахскому языку, сказкам и народным играм.",
				"Grandmothers and grandfathers teach children the Kazakh language, fairy tales and folk games."),
			dirs: []string{"mentoring"}, status: pending},
		{key: "qanatty-dos", name: tx("«Қанатты дос» құстарды қорғау тобы",
			"Группа защиты птиц «Қанатты дос»", "Qanatty Dos bird protection group"),
			desc: tx("Қала құстарын қорғау: қыста жемсалғыш ілу және жараланған құстарды емдеуге көмек.",
				"Защита городских птиц: развешиваем кормушки зимой и помогаем лечить раненых птиц.",
				"Protecting the city's birds: feeders in winter and help treating injured birds."),
			dirs: []string{"animals"}, status: pending, bin: true},
	}
}

// ---------------------------------------------------------------------------------------------
// Activities: the templates events are made of

// rule says which days of the week an activity is held on.
type rule int

const (
	anyDay rule = iota
	weekday
	saturday
	sunday
	weekend
)

// part says which part of its event a shift covers.
type part int

const (
	whole part = iota
	firstHalf
	secondHalf
	firstHour
	custom // off and dur
)

type roleSpec struct {
	role     domain.Text
	part     part
	lo, hi   int // capacity range
	off, dur time.Duration
}

// activity is a kind of event. title and desc may hold {p} (the place) and {at} ("at the place").
type activity struct {
	key         string
	dir         string
	title, desc domain.Text
	tags        []string // places it can be held at
	months      []int    // nil: any month
	rule        rule
	start       int // minutes after midnight
	dur         int // minutes
	roles       []roleSpec
	minAge      int
	access      []string
}

func hm(h, m int) int { return h*60 + m }

func r(role domain.Text, p part, lo, hi int) roleSpec {
	return roleSpec{role: role, part: p, lo: lo, hi: hi}
}

func at(role domain.Text, off, dur time.Duration, capacity int) roleSpec {
	return roleSpec{role: role, part: custom, lo: capacity, hi: capacity, off: off, dur: dur}
}

var (
	warm     = []int{4, 5, 6, 7, 8, 9, 10}
	summer   = []int{5, 6, 7, 8, 9}
	winter   = []int{11, 12, 1, 2, 3}
	school   = []int{1, 2, 3, 4, 5, 9, 10, 11, 12}
	planting = []int{3, 4, 10}
)

// Shift roles.
var (
	roleRegistration = tx("Тіркеу үстелі", "Стойка регистрации", "Registration desk")
	roleCleanCrew    = tx("Тазалау тобы", "Команда уборки", "Clean-up crew")
	roleSorting      = tx("Қалдықтарды сұрыптау", "Сортировка отходов", "Waste sorting")
	rolePlanting     = tx("Отырғызу тобы", "Бригада посадки", "Planting team")
	roleWatering     = tx("Суару", "Полив", "Watering")
	roleTrail        = tx("Соқпақтағы топ", "Группа на тропе", "Trail crew")
	roleFirstAid     = tx("Алғашқы көмек", "Первая помощь", "First aid")
	roleWorkshop     = tx("Шеберхана көмекшісі", "Помощник мастерской", "Workshop assistant")
	roleCollect1     = tx("Қабылдау пункті, бірінші ауысым", "Пункт приёма, первая смена", "Collection point, first shift")
	roleCollect2     = tx("Қабылдау пункті, екінші ауысым", "Пункт приёма, вторая смена", "Collection point, second shift")
	roleSensors      = tx("Датчик орнату", "Установка датчиков", "Sensor installation")
	roleMapping      = tx("Деректерді картаға енгізу", "Внесение данных на карту", "Mapping the readings")
	roleLesson       = tx("Сабақ жүргізуші", "Ведущий урока", "Lesson leader")
	rolePacking      = tx("Себет жинау", "Фасовка наборов", "Packing")
	roleDelivery     = tx("Мекенжайларға жеткізу", "Доставка по адресам", "Delivery")
	roleDonors       = tx("Донорларды тіркеу", "Регистрация доноров", "Donor registration")
	roleTea          = tx("Донорларға шай беру", "Чай для доноров", "Refreshments for donors")
	rolePlay         = tx("Ойын жүргізуші", "Ведущий игр", "Play leader")
	roleIntake       = tx("Заттарды қабылдау", "Приём вещей", "Intake")
	roleSortClothes  = tx("Заттарды сұрыптау", "Сортировка вещей", "Sorting donations")
	roleSnow         = tx("Қар күреу тобы", "Бригада по уборке снега", "Snow crew")
	roleVisits       = tx("Қарттарға бару", "Визиты к пожилым", "Home visits")
	roleGalleryAM    = tx("Залдағы көмекші, таңғы ауысым", "Помощник в зале, утренняя смена", "Gallery assistant, morning")
	roleGalleryPM    = tx("Залдағы көмекші, түстен кейінгі ауысым", "Помощник в зале, смена после обеда", "Gallery assistant, afternoon")
	rolePainter      = tx("Суретшінің көмекшісі", "Помощник художника", "Painter's assistant")
	roleWallPrep     = tx("Қабырғаны дайындау", "Подготовка стены", "Preparing the wall")
	roleInfo         = tx("Ақпарат үстелі", "Информационная стойка", "Information desk")
	roleStage        = tx("Сахна маңындағы көмек", "Помощь у сцены", "Stage crew")
	roleUshers       = tx("Көрермендерді орналастыру", "Рассадка зрителей", "Ushers")
	roleGuide        = tx("Ерікті гид", "Волонтёр-гид", "Volunteer guide")
	roleEscort       = tx("Топты сүйемелдеу", "Сопровождение группы", "Group escort")
	roleBooks        = tx("Кітап үстелі", "Книжный стол", "Book table")
	roleMentor       = tx("Тәлімгер", "Наставник", "Mentor")
	roleTutor        = tx("Сабаққа көмекші", "Помощник по урокам", "Homework helper")
	roleBuddy        = tx("Жоғары курс тәлімгері", "Наставник-старшекурсник", "Senior student buddy")
	roleClubHost     = tx("Клуб жүргізушісі", "Ведущий клуба", "Club host")
	roleCoach        = tx("Кеңесші", "Консультант", "Coach")
	roleAnimalCare   = tx("Жануарларға күтім", "Уход за животными", "Animal care")
	roleCleaning     = tx("Тазалау", "Уборка", "Cleaning")
	roleFairStand    = tx("Жәрмеңке стенді", "Стенд на ярмарке", "Fair stand")
	roleHandler      = tx("Жануарлармен жұмыс", "Работа с животными", "Animal handler")
	roleRepairs      = tx("Жөндеу тобы", "Ремонтная бригада", "Repair crew")
	roleFeeders      = tx("Жемсалғыш ілу", "Развеска кормушек", "Hanging feeders")
	roleFoodDrive    = tx("Жем қабылдау", "Приём корма", "Collecting donations")
	roleMarshal      = tx("Трасса маршалы", "Маршал трассы", "Course marshal")
	roleFinish       = tx("Мәре аймағы", "Зона финиша", "Finish area")
	roleSkates       = tx("Коньки беру пункті", "Пункт выдачи коньков", "Skate hire desk")
	roleOnIce        = tx("Мұз үстіндегі көмекші", "Помощник на льду", "On-ice helper")
	rolePitch        = tx("Алаң маңындағы көмек", "Помощь у поля", "Pitch-side helper")
	roleStands       = tx("Трибунадағы көмек", "Помощь на трибунах", "Stands helper")
	roleCoachAsst    = tx("Жаттықтырушының көмекшісі", "Помощник тренера", "Coach's assistant")
	roleGates        = tx("Қақпа бақылаушысы", "Контролёр ворот", "Gate judge")
	roleScorer       = tx("Есеп жүргізуші", "Секретарь матча", "Scorekeeper")
	roleCourt        = tx("Алаңдағы көмек", "Помощь на площадке", "Court helper")
	roleInstructor   = tx("Нұсқаушы көмекшісі", "Помощник инструктора", "Instructor's assistant")
	roleTrainee      = tx("Курс тыңдаушысы", "Слушатель курса", "Course participant")
	roleEvacuation   = tx("Эвакуация маршалы", "Маршал эвакуации", "Evacuation marshal")
	roleSearch       = tx("Іздеу тобы", "Поисковая группа", "Search team")
	roleRadio        = tx("Байланыс операторы", "Оператор связи", "Radio operator")
	rolePatrol       = tx("Патрульдік топ", "Патрульная группа", "Patrol team")
	roleSession      = tx("Сабаққа қатысушы", "Участник занятия", "Session participant")
	roleAlarms       = tx("Датчик орнатушы", "Монтажник извещателей", "Alarm fitter")
	roleDigitalTutor = tx("Цифрлық тәлімгер", "Цифровой наставник", "Digital tutor")
	roleMapper       = tx("Картаға түсіруші", "Картограф", "Mapper")
	roleTeacher      = tx("Оқытушы-ерікті", "Волонтёр-преподаватель", "Volunteer teacher")
	roleSound        = tx("Дыбыс режиссёры", "Звукорежиссёр", "Sound engineer")
	rolePodcastHost  = tx("Подкаст жүргізушісі", "Ведущий подкаста", "Podcast host")
	roleWriter       = tx("Мақала авторы", "Автор статей", "Article writer")
	roleWikiMentor   = tx("Уикипедия тәлімгері", "Наставник по Википедии", "Wikipedia mentor")
	roleOrganiser    = tx("Кездесуді ұйымдастыру", "Организация встречи", "Meeting organiser")
	roleWelcome      = tx("Қонақтарды қарсы алу", "Встреча гостей", "Welcoming guests")
	roleCompanion    = tx("Ерікті-сүйемелдеуші", "Волонтёр сопровождения", "Companion volunteer")
	roleInterpreter  = tx("Ымдау тілі аудармашысы", "Сурдопереводчик", "Sign language interpreter")
	roleYoung        = tx("Жас ерікті", "Молодой волонтёр", "Young volunteer")
	roleHall         = tx("Залдағы еріктілер", "Волонтёры в зале", "Hall volunteers")
)

// activities are the ordinary events of each direction.
func activities() []*activity {
	return []*activity{
		// Ecology
		{key: "clean-up", dir: "ecology",
			title: tx("Сенбілік: {p}", "Субботник: {p}", "Clean-up: {p}"),
			desc: tx("{at} қоқыс жинап, қалдықтарды сұрыптаймыз. Қолғап пен қаптарды ұйымдастырушылар береді.",
				"Собираем мусор {at} и сортируем отходы. Перчатки и мешки выдают организаторы.",
				"We pick up litter {at} and sort what we collect. Gloves and bags are provided."),
			tags: []string{"park", "water", "yard"}, months: warm, rule: saturday, start: hm(10, 0), dur: 240,
			roles: []roleSpec{r(roleRegistration, firstHour, 3, 5), r(roleCleanCrew, whole, 20, 50), r(roleSorting, secondHalf, 5, 12)}},
		{key: "trees", dir: "ecology",
			title: tx("Ағаш отырғызу: {p}", "Посадка деревьев: {p}", "Tree planting: {p}"),
			desc: tx("{at} жас көшеттер отырғызып, оларды суарамыз. Күрек, көшет және қолғап беріледі.",
				"Сажаем и поливаем молодые деревья {at}. Лопаты, саженцы и перчатки выдаются на месте.",
				"We plant and water young trees {at}. Spades, saplings and gloves are provided."),
			tags: []string{"forest"}, months: planting, rule: weekend, start: hm(10, 0), dur: 240,
			roles: []roleSpec{r(rolePlanting, whole, 15, 40), r(roleWatering, secondHalf, 5, 10)}},
		{key: "trails", dir: "ecology",
			title: tx("Таза соқпақтар: {p}", "Чистые тропы: {p}", "Clean trails: {p}"),
			desc: tx("{at} тау соқпақтарын қоқыстан тазартамыз. Ыңғайлы аяқ киім, су және бас киім ала келіңіз.",
				"Очищаем от мусора горные тропы {at}. Возьмите удобную обувь, воду и головной убор.",
				"We clear litter from the mountain trails {at}. Bring sturdy shoes, water and a hat."),
			tags: []string{"mountain"}, months: summer, rule: saturday, start: hm(9, 0), dur: 360, minAge: 16,
			roles: []roleSpec{r(roleTrail, whole, 10, 25), r(roleFirstAid, whole, 3, 4)}},
		{key: "zero-waste", dir: "ecology",
			title: tx("Қалдықсыз өмір шеберханасы: {p}", "Мастерская «Жизнь без отходов»: {p}", "Zero-waste workshop: {p}"),
			desc: tx("Тұрмыстық қалдықты азайту, пластикті сұрыптау және ескі матадан сөмке тігу бойынша практикалық сабақ. Еріктілер қатысушыларға көмектеседі.",
				"Практическое занятие: как сократить бытовые отходы, сортировать пластик и сшить сумку из старой ткани. Волонтёры помогают участникам.",
				"A hands-on session on cutting household waste, sorting plastic and sewing a bag from old fabric. Volunteers help the participants."),
			tags: []string{"library", "youth", "university"}, rule: weekday, start: hm(18, 30), dur: 120,
			roles: []roleSpec{r(roleWorkshop, whole, 3, 8)}},
		{key: "recycling", dir: "ecology",
			title: tx("Қайта өңдеуге шикізат жинау: {p}", "Сбор вторсырья: {p}", "Recycling drive: {p}"),
			desc: tx("{at} қағаз, пластик, шыны және батареяларды қабылдаймыз. Жиналған шикізат қайта өңдеу кәсіпорындарына жіберіледі.",
				"Принимаем {at} бумагу, пластик, стекло и батарейки. Собранное сырьё передаётся на переработку.",
				"We collect paper, plastic, glass and batteries {at}. Everything collected goes to recycling plants."),
			tags: []string{"street", "yard", "youth", "university"}, rule: weekend, start: hm(11, 0), dur: 300,
			roles: []roleSpec{r(roleCollect1, firstHalf, 4, 8), r(roleCollect2, secondHalf, 4, 8), r(roleSorting, whole, 3, 6)}},
		{key: "air", dir: "ecology",
			title: tx("Ауа сапасын бақылау: {p}", "Мониторинг качества воздуха: {p}", "Air quality monitoring: {p}"),
			desc: tx("Қыста Алматының ауасы қатты ластанады. Еріктілер ауа сапасының датчиктерін орнатып, көрсеткіштерді ашық картаға енгізеді.",
				"Зимой воздух в Алматы сильно загрязнён. Волонтёры устанавливают датчики качества воздуха и вносят показания на открытую карту.",
				"Almaty's air is badly polluted in winter. Volunteers set up air-quality sensors and add the readings to an open map."),
			tags: []string{"university", "youth"}, months: []int{10, 11, 12, 1, 2, 3}, rule: saturday, start: hm(11, 0), dur: 180, minAge: 14,
			roles: []roleSpec{r(roleSensors, whole, 5, 12), r(roleMapping, secondHalf, 3, 6)}},
		{key: "eco-lesson", dir: "ecology",
			title: tx("Экосабақ: {p}", "Экоурок: {p}", "Eco lesson: {p}"),
			desc: tx("Еріктілер оқушыларға қалдықтарды сұрыптау мен су үнемдеу туралы ойын түрінде сабақ өткізеді.",
				"Волонтёры проводят для школьников урок-игру о сортировке отходов и бережном расходе воды.",
				"Volunteers run a game-based lesson for pupils on sorting waste and saving water."),
			tags: []string{"school"}, months: school, rule: weekday, start: hm(14, 0), dur: 90,
			roles: []roleSpec{r(roleLesson, whole, 3, 6)}},

		// Social
		{key: "food-parcels", dir: "social",
			title: tx("Азық-түлік себеттерін жинау: {p}", "Сборка продуктовых наборов: {p}", "Packing food parcels: {p}"),
			desc: tx("Аз қамтылған отбасылар мен жалғыз басты қарттарға арналған азық-түлік себеттерін жинап, мекенжайларына жеткіземіз.",
				"Собираем продуктовые наборы для малообеспеченных семей и одиноких пожилых людей и развозим их по адресам.",
				"We pack food parcels for low-income families and older people living alone and deliver them to their homes."),
			tags: []string{"foodbank", "youth"}, rule: saturday, start: hm(10, 0), dur: 240, minAge: 14,
			roles: []roleSpec{r(rolePacking, firstHalf, 8, 20), r(roleDelivery, secondHalf, 4, 10)}},
		{key: "donors", dir: "social",
			title: tx("Донор күні: {p}", "День донора: {p}", "Blood donor day: {p}"),
			desc: tx("Жылжымалы қан алу пункті {at} жұмыс істейді. Еріктілер донорларды тіркеп, қан тапсырғаннан кейін шай береді.",
				"Мобильный пункт сдачи крови работает {at}. Волонтёры регистрируют доноров и угощают их чаем после сдачи крови.",
				"A mobile blood collection point is open {at}. Volunteers register donors and serve tea afterwards."),
			tags: []string{"university", "youth"}, rule: weekday, start: hm(9, 0), dur: 240, minAge: 16,
			roles: []roleSpec{r(roleDonors, whole, 3, 6), r(roleTea, whole, 3, 5)}},
		{key: "hospital", dir: "social",
			title: tx("Балалар ауруханасында ойын күні", "День игр в детской больнице", "Play day at the children's hospital"),
			desc: tx("Ұзақ емделіп жатқан балалармен ойын ойнап, кітап оқимыз. Еріктілер алдын ала медициналық нұсқаулықтан өтеді.",
				"Играем и читаем книги с детьми, которые долго лечатся в больнице. Волонтёры заранее проходят медицинский инструктаж.",
				"We play games and read with children on long hospital stays. Volunteers get a medical briefing beforehand."),
			tags: []string{"hospital"}, rule: weekday, start: hm(15, 0), dur: 150, minAge: 16,
			roles: []roleSpec{r(rolePlay, whole, 3, 8)}},
		{key: "clothes", dir: "social",
			title: tx("Жылы киім жинау: {p}", "Сбор тёплой одежды: {p}", "Warm clothes drive: {p}"),
			desc: tx("Қысқа дейін мұқтаж отбасыларға жылы киім, аяқ киім және көрпе жинаймыз. Заттар таза әрі жарамды болуы керек.",
				"Перед зимой собираем для нуждающихся семей тёплую одежду, обувь и одеяла. Вещи должны быть чистыми и целыми.",
				"Before winter we collect warm clothes, shoes and blankets for families in need. Items must be clean and in good condition."),
			tags: []string{"youth", "university", "street"}, months: []int{10, 11, 12, 1}, rule: weekend, start: hm(11, 0), dur: 360,
			roles: []roleSpec{r(roleIntake, firstHalf, 4, 8), r(roleIntake, secondHalf, 4, 8), r(roleSortClothes, whole, 5, 10)}},
		{key: "snow", dir: "social",
			title: tx("Қарт көршілерге қар күреу: {p}", "Расчистка снега для пожилых соседей: {p}", "Shovelling snow for older neighbours: {p}"),
			desc: tx("Жеке үйлерде тұратын қарттар мен мүгедектігі бар адамдардың ауласы мен жолын қардан тазартамыз. Күрек береміз, жылы киініп келіңіз.",
				"Расчищаем от снега дворы и дорожки пожилых людей и людей с инвалидностью. Лопаты дадим, одевайтесь тепло.",
				"We clear snow from the yards and paths of older and disabled residents. Shovels provided; dress warmly."),
			tags: []string{"yard"}, months: []int{12, 1, 2}, rule: saturday, start: hm(10, 0), dur: 180, minAge: 14,
			roles: []roleSpec{r(roleSnow, whole, 10, 25)}},
		{key: "elders", dir: "social",
			title: tx("Жалғыз басты қарттарға қамқорлық: {p}", "Забота об одиноких пожилых людях: {p}", "Caring for older people living alone: {p}"),
			desc: tx("Орталықтың тізімі бойынша жалғыз тұратын қарттарға барып, азық-түлік пен дәрі-дәрмек әкелеміз, әңгімелесеміз.",
				"По списку центра навещаем одиноких пожилых людей, приносим продукты и лекарства и просто разговариваем.",
				"Using the centre's list, we visit older people who live alone, bring groceries and medicines, and stay for a chat."),
			tags: []string{"ageing"}, rule: weekday, start: hm(11, 0), dur: 180, minAge: 16,
			roles: []roleSpec{r(roleVisits, whole, 5, 15)}},

		// Culture
		{key: "museum", dir: "culture",
			title: tx("Мұражайдағы еріктілер күні: {p}", "День волонтёра в музее: {p}", "Volunteer day at the museum: {p}"),
			desc: tx("Еріктілер келушілерге бағыт көрсетіп, балаларға арналған интерактивті алаңда көмектеседі.",
				"Волонтёры помогают посетителям сориентироваться и работают на интерактивной площадке для детей.",
				"Volunteers help visitors find their way and run the interactive corner for children."),
			tags: []string{"museum"}, rule: weekend, start: hm(10, 0), dur: 480,
			roles: []roleSpec{r(roleGalleryAM, firstHalf, 4, 8), r(roleGalleryPM, secondHalf, 4, 8)}},
		{key: "mural", dir: "culture",
			title: tx("Мурал салу: {p}", "Роспись мурала: {p}", "Painting a mural: {p}"),
			desc: tx("Жүргенов академиясының суретшілерімен бірге тұрғын үй қабырғасына Алматы тарихына арналған мурал саламыз. Тәжірибе қажет емес.",
				"Вместе с художниками Академии им. Жургенова расписываем стену жилого дома муралом об истории Алматы. Опыт не нужен.",
				"With artists from the Zhurgenov Academy we paint a mural about Almaty's history on a residential wall. No experience needed."),
			tags: []string{"wall"}, months: summer, rule: weekend, start: hm(10, 0), dur: 480, minAge: 14,
			roles: []roleSpec{r(roleWallPrep, firstHalf, 4, 6), r(rolePainter, whole, 8, 15)}},
		{key: "street-festival", dir: "culture",
			title: tx("Көше мәдениеті фестивалі: {p}", "Фестиваль уличной культуры: {p}", "Street culture festival: {p}"),
			desc: tx("{at} жас музыканттар, бишілер мен суретшілер өнер көрсетеді. Еріктілер ақпарат үстелінде және сахна маңында жұмыс істейді.",
				"{at} выступают молодые музыканты, танцоры и художники. Волонтёры работают у информационной стойки и у сцены.",
				"Young musicians, dancers and artists perform {at}. Volunteers staff the information desk and help by the stage."),
			tags: []string{"festival"}, months: summer, rule: saturday, start: hm(16, 0), dur: 300,
			roles: []roleSpec{r(roleInfo, whole, 6, 12), r(roleStage, whole, 4, 8)}},
		{key: "concert", dir: "culture",
			title: tx("Қайырымдылық концерті: {p}", "Благотворительный концерт: {p}", "Charity concert: {p}"),
			desc: tx("Концерттен түскен қаражат балаларды қолдау орталықтарына беріледі. Еріктілер көрермендерді қарсы алып, орындарына жайғастырады.",
				"Сборы от концерта передаются центрам поддержки детей. Волонтёры встречают зрителей и помогают им найти свои места.",
				"Proceeds go to child support centres. Volunteers welcome the audience and show people to their seats."),
			tags: []string{"concert"}, rule: weekend, start: hm(17, 0), dur: 270,
			roles: []roleSpec{r(roleRegistration, firstHour, 3, 6), r(roleUshers, whole, 10, 25)}},
		{key: "old-town-walk", dir: "culture",
			title: tx("Көне Алматы бойынша серуен: {p}", "Прогулка по старой Алма-Ате: {p}", "Old Alma-Ata walk: {p}"),
			desc: tx("Верный бекінісінен бүгінгі Алматыға дейін: ескі көшелер, Зеңков соборы және Көк базар туралы әңгіме. Еріктілер топты сүйемелдейді.",
				"От укрепления Верный до сегодняшнего Алматы: рассказ о старых улицах, Вознесенском соборе и Зелёном базаре. Волонтёры сопровождают группу.",
				"From the Verny fort to today's Almaty: stories of the old streets, Ascension Cathedral and the Green Bazaar. Volunteers escort the group."),
			tags: []string{"history"}, months: warm, rule: saturday, start: hm(11, 0), dur: 150,
			roles: []roleSpec{r(roleGuide, whole, 3, 6), r(roleEscort, whole, 3, 5)}},
		{key: "book-swap", dir: "culture",
			title: tx("Кітап алмасу күні: {p}", "День обмена книгами: {p}", "Book swap day: {p}"),
			desc: tx("Оқылған кітабыңызды әкеліп, басқасын алып кетіңіз. Қалған кітаптар аудандық кітапханаларға беріледі.",
				"Принесите прочитанную книгу и возьмите другую. Оставшиеся книги передаются в районные библиотеки.",
				"Bring a book you've read and take another home. Books left over go to district libraries."),
			tags: []string{"library", "youth"}, rule: weekend, start: hm(11, 0), dur: 240,
			roles: []roleSpec{r(roleBooks, whole, 3, 6)}},

		// Mentoring
		{key: "school-mentors", dir: "mentoring",
			title: tx("Студент-тәлімгер мектепте: {p}", "Студенты-наставники в школе: {p}", "Student mentors at school: {p}"),
			desc: tx("Студенттер жоғары сынып оқушыларына мамандық таңдау және ҰБТ-ға дайындық туралы айтып береді.",
				"Студенты рассказывают старшеклассникам о выборе профессии и подготовке к ЕНТ.",
				"Students talk to senior pupils about choosing a career and preparing for the national entrance test (UNT)."),
			tags: []string{"school"}, months: school, rule: weekday, start: hm(14, 0), dur: 120, minAge: 16,
			roles: []roleSpec{r(roleMentor, whole, 5, 12)}},
		{key: "homework", dir: "mentoring",
			title: tx("Сабаққа көмек: {p}", "Помощь с уроками: {p}", "Homework club: {p}"),
			desc: tx("Еріктілер балаларға математика, қазақ және ағылшын тілдерінен үй тапсырмасын орындауға көмектеседі.",
				"Волонтёры помогают детям с домашними заданиями по математике, казахскому и английскому языкам.",
				"Volunteers help children with their maths, Kazakh and English homework."),
			tags: []string{"children", "youth"}, months: school, rule: weekday, start: hm(15, 0), dur: 150, minAge: 16,
			roles: []roleSpec{r(roleTutor, whole, 4, 10)}},
		{key: "buddies", dir: "mentoring",
			title: tx("Бірінші курс студенттеріне тәлімгерлік: {p}", "Наставники для первокурсников: {p}", "Buddies for first-year students: {p}"),
			desc: tx("Жоғары курс студенттері бірінші курстарға кампусты, кітапхананы және студенттік клубтарды таныстырады.",
				"Старшекурсники знакомят первокурсников с кампусом, библиотекой и студенческими клубами.",
				"Senior students show first-years around the campus, the library and the student clubs."),
			tags: []string{"university"}, months: []int{8, 9, 10}, rule: weekday, start: hm(12, 0), dur: 180,
			roles: []roleSpec{r(roleBuddy, whole, 10, 30)}},
		{key: "kazakh-club", dir: "mentoring",
			title: tx("Қазақ тілінде сөйлесу клубы: {p}", "Разговорный клуб казахского языка: {p}", "Kazakh conversation club: {p}"),
			desc: tx("Қазақ тілін үйреніп жүргендерге арналған тегін кездесу. Еріктілер шағын топтарда әңгіме жүргізеді.",
				"Бесплатная встреча для тех, кто изучает казахский язык. Волонтёры ведут беседу в небольших группах.",
				"A free meetup for people learning Kazakh. Volunteers lead conversation in small groups."),
			tags: []string{"library", "youth", "university"}, rule: weekday, start: hm(18, 30), dur: 90,
			roles: []roleSpec{r(roleClubHost, whole, 3, 6)}},
		{key: "cv", dir: "mentoring",
			title: tx("Түйіндеме және сұхбат шеберханасы: {p}", "Мастерская «Резюме и собеседование»: {p}", "CV and interview workshop: {p}"),
			desc: tx("Тәжірибелі HR-мамандар жастарға түйіндеме жазуды және жұмысқа сұхбатқа дайындалуды үйретеді.",
				"Опытные HR-специалисты учат молодёжь составлять резюме и готовиться к собеседованию.",
				"Experienced HR professionals help young people write a CV and prepare for job interviews."),
			tags: []string{"university", "youth"}, rule: saturday, start: hm(11, 0), dur: 180,
			roles: []roleSpec{r(roleCoach, whole, 4, 10)}},

		// Animals
		{key: "shelter-day", dir: "animals",
			title: tx("Баспанада еріктілер күні: {p}", "День волонтёра в приюте: {p}", "Volunteer day at the shelter: {p}"),
			desc: tx("Жануарларды тамақтандырамыз, вольерлерді тазалаймыз және олармен ойнап, адамдарға үйретеміз.",
				"Кормим животных, убираем вольеры, играем с ними и приучаем к людям.",
				"We feed the animals, clean the enclosures, and play with them so they get used to people."),
			tags: []string{"shelter"}, rule: saturday, start: hm(10, 0), dur: 300, minAge: 14,
			roles: []roleSpec{r(roleAnimalCare, whole, 6, 15), r(roleCleaning, firstHalf, 4, 10)}},
		{key: "adoption", dir: "animals",
			title: tx("«Дос тап» жәрмеңкесі: {p}", "Ярмарка «Найди друга»: {p}", "Find-a-friend adoption fair: {p}"),
			desc: tx("Баспаналардағы иттер мен мысықтар жаңа иелерін іздейді. Еріктілер келушілерді жануарлармен таныстырып, асырап алу шарттарын түсіндіреді.",
				"Собаки и кошки из приютов ищут новых хозяев. Волонтёры знакомят посетителей с животными и объясняют условия пристройства.",
				"Dogs and cats from the shelters look for new homes. Volunteers introduce visitors to the animals and explain how adoption works."),
			tags: []string{"fair"}, months: warm, rule: sunday, start: hm(11, 0), dur: 360, minAge: 14,
			roles: []roleSpec{r(roleFairStand, whole, 6, 12), r(roleHandler, whole, 4, 8)}},
		{key: "repairs", dir: "animals",
			title: tx("Вольерлерді жөндеу: {p}", "Ремонт вольеров: {p}", "Repairing enclosures: {p}"),
			desc: tx("Вольерлер мен күркелерді жөндеп, баспананы жөнге келтіреміз. Құрал-саймандарды ұйымдастырушылар береді.",
				"Чиним вольеры и будки, приводим приют в порядок. Инструменты выдают организаторы.",
				"We repair enclosures and kennels and tidy up the shelter. Tools are provided."),
			tags: []string{"shelter"}, months: warm, rule: saturday, start: hm(10, 0), dur: 360, minAge: 16,
			roles: []roleSpec{r(roleRepairs, whole, 5, 12)}},
		{key: "feeders", dir: "animals",
			title: tx("Құстарға жемсалғыш: {p}", "Кормушки для птиц: {p}", "Bird feeders: {p}"),
			desc: tx("Қыста құстарға көмектесеміз: {at} жемсалғыштар іліп, оларға дән саламыз.",
				"Помогаем птицам пережить зиму: развешиваем кормушки {at} и насыпаем в них зерно.",
				"We help birds through the winter by hanging feeders {at} and filling them with seed."),
			tags: []string{"forest", "garden"}, months: []int{11, 12, 1, 2}, rule: saturday, start: hm(11, 0), dur: 180,
			roles: []roleSpec{r(roleFeeders, whole, 8, 20)}},
		{key: "pet-food-drive", dir: "animals",
			title: tx("Баспаналарға жем жинау: {p}", "Сбор корма для приютов: {p}", "Pet food drive: {p}"),
			desc: tx("Иттер мен мысықтарға арналған құрғақ жем, консерві және ескі көрпелерді жинаймыз. Барлығы қаладағы баспаналарға жеткізіледі.",
				"Собираем сухой корм, консервы и старые одеяла для собак и кошек. Всё собранное передаётся городским приютам.",
				"We collect dry food, tins and old blankets for dogs and cats, all delivered to the city's shelters."),
			tags: []string{"street", "youth", "university"}, rule: weekend, start: hm(11, 0), dur: 300,
			roles: []roleSpec{r(roleFoodDrive, whole, 4, 10)}},
		{key: "pet-lesson", dir: "animals",
			title: tx("Жануарларға жауапкершілік сабағы: {p}", "Урок ответственного отношения к животным: {p}", "Responsible pet care lesson: {p}"),
			desc: tx("Еріктілер оқушыларға үй жануарларын күтуді және көшедегі жануарлармен қауіпсіз қарым-қатынасты түсіндіреді.",
				"Волонтёры рассказывают школьникам, как ухаживать за домашними животными и как безопасно вести себя с бездомными.",
				"Volunteers teach pupils how to care for pets and how to stay safe around stray animals."),
			tags: []string{"school"}, months: school, rule: weekday, start: hm(13, 0), dur: 90,
			roles: []roleSpec{r(roleLesson, whole, 3, 5)}},

		// Sport
		{key: "5k", dir: "sport",
			title: tx("Сенбідегі 5 шақырым: {p}", "Субботние 5 км: {p}", "Saturday 5K: {p}"),
			desc: tx("Барлығына ашық тегін жүгіру. Еріктілер маршрутта маршал болып тұрып, мәреде уақытты белгілейді.",
				"Бесплатный забег для всех желающих. Волонтёры стоят маршалами на трассе и фиксируют время на финише.",
				"A free run open to everyone. Volunteers marshal the course and record times at the finish."),
			tags: []string{"run"}, months: warm, rule: saturday, start: hm(8, 30), dur: 150,
			roles: []roleSpec{r(roleMarshal, whole, 6, 12), r(roleFinish, whole, 3, 6)}},
		{key: "skating", dir: "sport",
			title: tx("Отбасылық сырғанау күні: {p}", "Семейный день катания: {p}", "Family skating day: {p}"),
			desc: tx("Отбасылар мен балаларға арналған мерекелік сырғанау. Еріктілер коньки беру пунктінде және мұз үстінде көмектеседі.",
				"Праздничное катание для семей с детьми. Волонтёры помогают в пункте выдачи коньков и на льду.",
				"A festive skate for families with children. Volunteers help at the skate hire desk and on the ice."),
			tags: []string{"ice"}, months: []int{12, 1, 2}, rule: weekend, start: hm(11, 0), dur: 300,
			roles: []roleSpec{r(roleSkates, whole, 4, 8), r(roleOnIce, whole, 6, 12)}},
		{key: "football", dir: "sport",
			title: tx("Жасөспірімдер футбол турнирі: {p}", "Юношеский футбольный турнир: {p}", "Youth football tournament: {p}"),
			desc: tx("Аудан командалары арасындағы турнир. Еріктілер командаларды тіркеп, алаңдағы тәртіпке көмектеседі.",
				"Турнир между командами районов. Волонтёры регистрируют команды и помогают на поле.",
				"A tournament between district teams. Volunteers register the teams and help around the pitch."),
			tags: []string{"stadium", "yard"}, months: warm, rule: weekend, start: hm(10, 0), dur: 420,
			roles: []roleSpec{r(roleRegistration, firstHour, 3, 5), r(rolePitch, whole, 6, 12)}},
		{key: "hockey", dir: "sport",
			title: tx("Балалар хоккей турнирі: {p}", "Детский хоккейный турнир: {p}", "Children's ice hockey tournament: {p}"),
			desc: tx("Балалар хоккей мектептерінің командалары ойнайды. Еріктілер командаларды қарсы алып, трибунада көмектеседі.",
				"Играют команды детских хоккейных школ. Волонтёры встречают команды и помогают на трибунах.",
				"Teams from children's hockey schools compete. Volunteers welcome the teams and help in the stands."),
			tags: []string{"arena"}, months: winter, rule: weekend, start: hm(10, 0), dur: 420,
			roles: []roleSpec{r(roleRegistration, firstHour, 3, 5), r(roleStands, whole, 6, 15)}},
		{key: "morning-exercise", dir: "sport",
			title: tx("Күміс жастағыларға таңғы жаттығу: {p}", "Утренняя зарядка для старшего поколения: {p}", "Morning exercise for older people: {p}"),
			desc: tx("Жаттықтырушымен бірге жеңіл жаттығулар мен скандинавиялық жүріс. Еріктілер қатысушыларды тіркеп, су таратады.",
				"Лёгкая зарядка и скандинавская ходьба с тренером. Волонтёры регистрируют участников и раздают воду.",
				"Gentle exercise and Nordic walking with a coach. Volunteers register participants and hand out water."),
			tags: []string{"run", "park"}, months: summer, rule: saturday, start: hm(8, 0), dur: 120,
			roles: []roleSpec{r(roleCoachAsst, whole, 3, 6)}},
		{key: "ski", dir: "sport",
			title: tx("Балалар тау шаңғысы жарысы: {p}", "Детские соревнования по горным лыжам: {p}", "Children's ski race: {p}"),
			desc: tx("Балалар спорт мектептерінің тау шаңғысы жарысы. Еріктілер трассада қақпаларды бақылап, мәреде көмектеседі.",
				"Соревнования детских спортивных школ по горным лыжам. Волонтёры следят за воротами на трассе и помогают на финише.",
				"A race for children's ski schools. Volunteers watch the gates on the course and help at the finish."),
			tags: []string{"ski"}, months: []int{12, 1, 2, 3}, rule: saturday, start: hm(9, 0), dur: 360, minAge: 16,
			roles: []roleSpec{r(roleGates, whole, 6, 12), r(roleFinish, whole, 3, 6)}},
		{key: "volleyball", dir: "sport",
			title: tx("Мектептер арасындағы волейбол турнирі: {p}", "Школьный турнир по волейболу: {p}", "Schools volleyball tournament: {p}"),
			desc: tx("Аудан мектептерінің командалары ойнайды. Еріктілер есеп жүргізіп, командаларға бағыт көрсетеді.",
				"Играют команды школ района. Волонтёры ведут счёт и помогают командам сориентироваться.",
				"Teams from the district's schools play. Volunteers keep score and guide the teams."),
			tags: []string{"school", "youth"}, months: school, rule: saturday, start: hm(10, 0), dur: 360,
			roles: []roleSpec{r(roleScorer, whole, 3, 6), r(roleCourt, whole, 4, 8)}},

		// Emergencies and safety
		{key: "first-aid", dir: domain.DirectionEmergency,
			title: tx("Алғашқы көмек курсы: {p}", "Курс первой помощи: {p}", "First aid course: {p}"),
			desc: tx("Құтқарушы-нұсқаушылар жүрек-өкпе реанимациясын, қан тоқтатуды және жарақат кезіндегі әрекетті үйретеді. Курс соңында сертификат беріледі.",
				"Инструкторы-спасатели учат сердечно-лёгочной реанимации, остановке кровотечения и действиям при травмах. По итогам курса выдаётся сертификат.",
				"Rescue instructors teach CPR, how to stop bleeding and what to do with injuries. A certificate is given at the end."),
			tags: []string{"rescue", "university", "youth"}, rule: weekday, start: hm(18, 0), dur: 180,
			roles: []roleSpec{r(roleInstructor, whole, 3, 5), r(roleTrainee, whole, 12, 24)}},
		{key: "quake-drill", dir: domain.DirectionEmergency,
			title: tx("Жер сілкінісі кезіндегі эвакуация жаттығуы: {p}", "Учения по эвакуации при землетрясении: {p}", "Earthquake evacuation drill: {p}"),
			desc: tx("Алматы – сейсмикалық белсенді аймақ. Еріктілер ТЖД мамандарымен бірге ғимараттан эвакуациялау жаттығуын өткізеді.",
				"Алматы находится в сейсмоактивной зоне. Волонтёры вместе со специалистами ДЧС проводят учебную эвакуацию здания.",
				"Almaty lies in an active seismic zone. Volunteers run a building evacuation drill with the Emergency Department."),
			tags: []string{"school", "university"}, months: school, rule: weekday, start: hm(10, 0), dur: 180,
			roles: []roleSpec{r(roleEvacuation, whole, 6, 15)}},
		{key: "sar", dir: domain.DirectionEmergency,
			title: tx("Тауда іздеу-құтқару жаттығуы: {p}", "Поисково-спасательные учения в горах: {p}", "Mountain search and rescue exercise: {p}"),
			desc: tx("Ерікті құтқарушылар адасқан туристі іздеуді жаттықтырады: картамен бағдарлау, рациямен байланыс, зардап шеккенді тасымалдау.",
				"Добровольные спасатели отрабатывают поиск заблудившегося туриста: ориентирование по карте, радиосвязь, транспортировка пострадавшего.",
				"Volunteer rescuers practise finding a lost hiker: map navigation, radio contact and carrying a casualty."),
			tags: []string{"gorge"}, months: []int{5, 6, 7, 8, 9, 10}, rule: saturday, start: hm(8, 0), dur: 480,
			roles: []roleSpec{r(roleSearch, whole, 10, 25), r(roleRadio, whole, 3, 4)}},
		{key: "mudflow", dir: domain.DirectionEmergency,
			title: tx("Сел қаупін бақылау: {p}", "Селевой патруль: {p}", "Mudflow watch: {p}"),
			desc: tx("Сел маусымында еріктілер ТЖД мамандарымен бірге өзен арналарын аралап, туристерге қауіпсіздік ережелерін түсіндіреді.",
				"В селевой сезон волонтёры вместе со специалистами ДЧС обходят русла рек и рассказывают туристам о правилах безопасности.",
				"In mudflow season volunteers walk the river channels with the Emergency Department and brief hikers on safety."),
			tags: []string{"gorge"}, months: []int{5, 6, 7, 8}, rule: weekend, start: hm(9, 0), dur: 300,
			roles: []roleSpec{r(rolePatrol, whole, 6, 12)}},
		{key: "avalanche", dir: domain.DirectionEmergency,
			title: tx("Қысқы таудағы қауіпсіздік: {p}", "Безопасность в зимних горах: {p}", "Winter mountain safety: {p}"),
			desc: tx("Қар көшкіні қаупі, көшкін датчигімен жұмыс және қар астында қалған адамды іздеу бойынша практикалық сабақ.",
				"Практическое занятие о лавинной опасности, работе с лавинным датчиком и поиске людей под снегом.",
				"A practical session on avalanche danger, using an avalanche transceiver and searching for buried people."),
			tags: []string{"ski", "rescue"}, months: []int{12, 1, 2, 3}, rule: saturday, start: hm(10, 0), dur: 240,
			roles: []roleSpec{r(roleSession, whole, 10, 20), r(roleInstructor, whole, 3, 4)}},
		{key: "smoke-alarms", dir: domain.DirectionEmergency,
			title: tx("Қарттардың үйіне түтін датчиктерін орнату: {p}", "Дымовые извещатели для пожилых: {p}", "Smoke alarms for older people: {p}"),
			desc: tx("Еріктілер жалғыз тұратын қарттардың үйіне түтін датчиктерін орнатып, өрт қауіпсіздігі ережелерін түсіндіреді.",
				"Волонтёры устанавливают дымовые извещатели в домах одиноких пожилых людей и напоминают о правилах пожарной безопасности.",
				"Volunteers fit smoke alarms in the homes of older people living alone and go over fire safety."),
			tags: []string{"ageing"}, rule: weekday, start: hm(11, 0), dur: 240,
			roles: []roleSpec{r(roleAlarms, whole, 4, 10)}},
		{key: "search-training", dir: domain.DirectionEmergency,
			title: tx("Іздеу тобына дайындық: {p}", "Подготовка в поисковый отряд: {p}", "Search team training: {p}"),
			desc: tx("Жоғалған адамдарды іздеуге қатысқысы келетіндерге арналған кіріспе сабақ: іздеу тәсілдері, қауіпсіздік және штабпен байланыс.",
				"Вводное занятие для тех, кто хочет участвовать в поиске пропавших людей: методы поиска, безопасность и связь со штабом.",
				"An introduction for people who want to join searches for missing persons: search methods, safety and keeping in touch with the base."),
			tags: []string{"rescue", "youth"}, rule: weekday, start: hm(19, 0), dur: 150,
			roles: []roleSpec{r(roleSession, whole, 10, 30), r(roleInstructor, whole, 3, 4)}},

		// Youth and digital
		{key: "digital-literacy", dir: "digital",
			title: tx("Цифрлық сауаттылық сабағы: {p}", "Урок цифровой грамотности: {p}", "Digital literacy class: {p}"),
			desc: tx("Еріктілер eGov порталы арқылы анықтама алуды, дәрігерге онлайн жазылуды және алаяқтардан сақтануды үйретеді.",
				"Волонтёры учат получать справки на портале eGov, записываться к врачу онлайн и распознавать мошенников.",
				"Volunteers show how to get certificates on the eGov portal, book a doctor online and spot scammers."),
			tags: []string{"ageing", "library", "youth"}, rule: weekday, start: hm(11, 0), dur: 120,
			roles: []roleSpec{r(roleDigitalTutor, whole, 4, 10)}},
		{key: "access-map", dir: "digital",
			title: tx("Қолжетімді Алматы картасы: {p}", "Карта доступного Алматы: {p}", "Mapping accessible Almaty: {p}"),
			desc: tx("Еріктілер пандустарды, көтергіштерді және кедергілерді суретке түсіріп, ашық картаға белгілейді.",
				"Волонтёры фотографируют пандусы, подъёмники и препятствия и отмечают их на открытой карте.",
				"Volunteers photograph ramps, lifts and barriers and mark them on an open map."),
			tags: []string{"street", "yard"}, months: warm, rule: saturday, start: hm(11, 0), dur: 240,
			roles: []roleSpec{r(roleMapper, whole, 6, 15)}},
		{key: "coding", dir: "digital",
			title: tx("Балаларға бағдарламалау сабағы: {p}", "Программирование для детей: {p}", "Coding for kids: {p}"),
			desc: tx("Студент-еріктілер 10–14 жастағы балаларға Scratch пен Python негіздерін үйретеді.",
				"Студенты-волонтёры знакомят детей 10–14 лет с основами Scratch и Python.",
				"Student volunteers teach children aged 10 to 14 the basics of Scratch and Python."),
			tags: []string{"university", "youth", "library"}, rule: saturday, start: hm(11, 0), dur: 180,
			roles: []roleSpec{r(roleTeacher, whole, 3, 8)}},
		{key: "podcast", dir: "digital",
			title: tx("«Ерікті дауыс» подкастын жазу: {p}", "Запись подкаста «Голос волонтёра»: {p}", "Recording the Volunteer's Voice podcast: {p}"),
			desc: tx("Еріктілер мен олар көмектескен адамдардың әңгімелерін жазып аламыз. Дыбыс жазу мен монтажды үйренуге болады.",
				"Записываем истории волонтёров и людей, которым они помогли. Можно научиться звукозаписи и монтажу.",
				"We record stories of volunteers and the people they have helped. A chance to learn recording and editing."),
			tags: []string{"studio"}, rule: weekday, start: hm(16, 0), dur: 180,
			roles: []roleSpec{r(roleSound, whole, 3, 3), r(rolePodcastHost, whole, 3, 4)}},
		{key: "wiki", dir: "digital",
			title: tx("Қазақ Уикипедиясына мақала жазу марафоны: {p}", "Марафон статей для казахской Википедии: {p}", "Kazakh Wikipedia edit-a-thon: {p}"),
			desc: tx("Алматының тарихы, көшелері мен тұлғалары туралы қазақ тіліндегі мақалаларды бірге жазып, толықтырамыз.",
				"Вместе пишем и дополняем статьи на казахском языке об истории, улицах и людях Алматы.",
				"Together we write and improve Kazakh-language articles on Almaty's history, streets and people."),
			tags: []string{"library", "university"}, rule: saturday, start: hm(10, 0), dur: 360, minAge: 14,
			roles: []roleSpec{r(roleWriter, whole, 10, 30), r(roleWikiMentor, whole, 3, 5)}},
		{key: "online-safety", dir: "digital",
			title: tx("Интернеттегі қауіпсіздік сабағы: {p}", "Урок безопасности в интернете: {p}", "Online safety lesson: {p}"),
			desc: tx("Еріктілер оқушыларға құпиясөзді қорғауды, кибербуллингке қарсы тұруды және жалған ақпаратты ажыратуды үйретеді.",
				"Волонтёры учат школьников защищать пароли, противостоять кибербуллингу и распознавать фейки.",
				"Volunteers teach pupils to protect their passwords, stand up to cyberbullying and spot fake news."),
			tags: []string{"school"}, months: school, rule: weekday, start: hm(13, 0), dur: 90,
			roles: []roleSpec{r(roleLesson, whole, 3, 6)}},
	}
}

// regularCounts is how many ordinary events each direction gets in 2026 besides the city's big
// days and the flagship projects: with them, every direction passes its share of the city's plan
// (domain.YearPlan) inside the calendar year, and the year as a whole its 200 and more.
var regularCounts = map[string]int{
	"ecology": 25, "social": 15, "culture": 15, "mentoring": 8,
	"animals": 21, "sport": 17, domain.DirectionEmergency: 21, "digital": 14,
}

// regularCounts2027 is how many ordinary events each direction gets in the programme's last three
// months, January to March 2027.
var regularCounts2027 = map[string]int{
	"ecology": 2, "social": 2, "culture": 2, "mentoring": 1,
	"animals": 2, "sport": 2, domain.DirectionEmergency: 2, "digital": 2,
}

// goodMeetingThemes are the meetings of "100 good meetings"; title is the theme after the number.
func goodMeetingThemes() []*activity {
	meeting := []roleSpec{r(roleOrganiser, whole, 4, 8), r(roleWelcome, firstHour, 3, 5)}
	return []*activity{
		{key: "gm-veterans", dir: "social", tags: []string{"ageing"}, rule: weekday, start: hm(16, 0), dur: 120, roles: meeting,
			title: tx("ардагерлермен ән кеші", "вечер песен с ветеранами", "a song evening with veterans"),
			desc: tx("Еріктілер мен ардагерлер бірге ескі әндерді орындап, естеліктерімен бөліседі.",
				"Волонтёры и ветераны вместе поют старые песни и делятся воспоминаниями.",
				"Volunteers and veterans sing old songs together and share memories.")},
		{key: "gm-children", dir: "social", tags: []string{"children"}, rule: saturday, start: hm(11, 0), dur: 150, roles: meeting,
			title: tx("балалармен ойын күні", "день игр с детьми", "a games day with children"),
			desc: tx("Балаларды қолдау орталығының тәрбиеленушілерімен үстел ойындарын ойнап, бірге сурет саламыз.",
				"Играем в настольные игры и рисуем вместе с воспитанниками центра поддержки детей.",
				"We play board games and draw with the children of a child support centre.")},
		{key: "gm-athlete", dir: "sport", tags: []string{"university", "youth"}, rule: weekday, start: hm(17, 0), dur: 120, roles: meeting,
			title: tx("белгілі спортшымен кездесу", "встреча с известным спортсменом", "meeting a well-known athlete"),
			desc: tx("Олимпиада жүлдегері жастармен жеңіс пен жеңіліс, күн тәртібі туралы ашық әңгімелеседі.",
				"Призёр Олимпийских игр откровенно говорит с молодёжью о победах, поражениях и режиме дня.",
				"An Olympic medallist talks frankly with young people about winning, losing and daily routine.")},
		{key: "gm-poetry", dir: "culture", tags: []string{"library"}, rule: weekday, start: hm(18, 0), dur: 120, roles: meeting,
			title: tx("ақындармен поэзия кеші", "вечер поэзии с поэтами", "a poetry evening with poets"),
			desc: tx("Жас ақындар мен оқырмандар Абай мен Мағжанның өлеңдерін және өз шығармаларын оқиды.",
				"Молодые поэты и читатели читают стихи Абая и Магжана и свои собственные.",
				"Young poets and readers recite Abai and Magzhan as well as their own poems.")},
		{key: "gm-it", dir: "digital", tags: []string{"university"}, rule: weekday, start: hm(18, 0), dur: 90, roles: meeting,
			title: tx("IT-маманмен ашық әңгіме", "открытый разговор с IT-специалистом", "an open talk with an IT professional"),
			desc: tx("Алматылық бағдарламашы мамандыққа қалай келгенін айтып, студенттердің сұрақтарына жауап береді.",
				"Алматинский программист рассказывает, как пришёл в профессию, и отвечает на вопросы студентов.",
				"An Almaty software engineer explains how they got into the field and answers students' questions.")},
		{key: "gm-doctor", dir: "sport", tags: []string{"ageing"}, rule: weekday, start: hm(11, 0), dur: 120, roles: meeting,
			title: tx("дәрігермен салауатты өмір туралы әңгіме", "беседа с врачом о здоровом образе жизни", "a doctor's talk on healthy living"),
			desc: tx("Дәрігер қан қысымы, тамақтану және қозғалыс туралы айтады, ал еріктілер қатысушылардың қан қысымын өлшейді.",
				"Врач рассказывает о давлении, питании и движении, а волонтёры измеряют участникам давление.",
				"A doctor talks about blood pressure, diet and exercise while volunteers measure participants' blood pressure.")},
		{key: "gm-shelter", dir: "animals", tags: []string{"shelter"}, rule: saturday, start: hm(11, 0), dur: 180, roles: meeting,
			title: tx("баспанадағы достармен кездесу", "встреча с друзьями из приюта", "meeting friends at the shelter"),
			desc: tx("Отбасылар баспанаға келіп, иттер мен мысықтармен танысады және оларды күтуді үйренеді.",
				"Семьи приезжают в приют, знакомятся с собаками и кошками и учатся ухаживать за ними.",
				"Families visit the shelter, meet the dogs and cats and learn how to look after them.")},
		{key: "gm-teacher", dir: "mentoring", tags: []string{"school", "library"}, months: school, rule: weekday, start: hm(15, 0), dur: 90, roles: meeting,
			title: tx("құрметті ұстазбен әңгіме", "беседа с заслуженным учителем", "a conversation with an honoured teacher"),
			desc: tx("Қырық жыл мектепте еңбек еткен ұстаз жас мұғалімдер мен студенттерге кәсіп сырын айтады.",
				"Учитель с сорокалетним стажем делится секретами профессии с молодыми педагогами и студентами.",
				"A teacher with forty years in the classroom shares the craft with young teachers and students.")},
		{key: "gm-business", dir: "mentoring", tags: []string{"university", "youth"}, rule: saturday, start: hm(12, 0), dur: 120, roles: meeting,
			title: tx("кәсіпкермен кездесу – өз ісіңді бастау", "встреча с предпринимателем – как начать своё дело", "meeting an entrepreneur – starting your own business"),
			desc: tx("Алматылық кәсіпкер алғашқы қадамдары мен қателіктері туралы айтып, жастардың идеяларын талқылайды.",
				"Алматинский предприниматель рассказывает о первых шагах и ошибках и разбирает идеи молодёжи.",
				"An Almaty entrepreneur talks about first steps and mistakes, and discusses young people's ideas.")},
		{key: "gm-memories", dir: "culture", tags: []string{"ageing", "museum"}, rule: weekday, start: hm(16, 0), dur: 120, roles: meeting,
			title: tx("көне Алматы туралы естеліктер кеші", "вечер воспоминаний о старой Алма-Ате", "an evening of memories of old Alma-Ata"),
			desc: tx("Қала тұрғындары ескі фотосуреттерді әкеліп, Алматының бұрынғы көшелері мен салт-дәстүрлерін еске алады.",
				"Горожане приносят старые фотографии и вспоминают прежние улицы и обычаи Алма-Аты.",
				"Residents bring old photographs and remember the streets and customs of the old city.")},
		{key: "gm-ecologist", dir: "ecology", tags: []string{"garden", "park"}, months: warm, rule: saturday, start: hm(10, 0), dur: 150, roles: meeting,
			title: tx("эколог-ғалыммен серуен", "прогулка с учёным-экологом", "a walk with an ecologist"),
			desc: tx("Ғалым Іле Алатауының өсімдіктері мен құстары туралы айтып, қатысушылармен бірге табиғатты бақылайды.",
				"Учёный рассказывает о растениях и птицах Заилийского Алатау и вместе с участниками ведёт наблюдения.",
				"A scientist talks about the plants and birds of the Ile Alatau and leads a nature watch with participants.")},
		{key: "gm-paralympians", dir: "sport", tags: []string{"hall", "university"}, rule: weekday, start: hm(17, 0), dur: 120, roles: meeting,
			access: []string{"wheelchair", "step_free"},
			title:  tx("паралимпиадашылармен кездесу", "встреча с паралимпийцами", "meeting Paralympic athletes"),
			desc: tx("Паралимпиадашылар жаттығу, ерік-жігер және баршаға қолжетімді спорт туралы әңгімелейді.",
				"Паралимпийцы рассказывают о тренировках, силе воли и доступном спорте.",
				"Paralympic athletes talk about training, willpower and accessible sport.")},
		{key: "gm-dombra", dir: "culture", tags: []string{"library", "museum", "youth"}, rule: weekday, start: hm(18, 0), dur: 120, roles: meeting,
			title: tx("домбыра кеші", "вечер домбры", "a dombra evening"),
			desc: tx("Жас домбырашылар күй тартып, әр күйдің тарихын айтып береді.",
				"Молодые домбристы исполняют кюи и рассказывают историю каждого из них.",
				"Young dombra players perform traditional küis and tell the story behind each one.")},
		{key: "gm-blogger", dir: "digital", tags: []string{"university", "library"}, rule: weekday, start: hm(18, 30), dur: 90, roles: meeting,
			title: tx("блогермен кездесу – желідегі жауапкершілік", "встреча с блогером – ответственность в сети", "meeting a blogger – responsibility online"),
			desc: tx("Танымал блогер әлеуметтік желідегі жауапкершілік, жалған ақпарат және игі бастамаларды тарату туралы айтады.",
				"Популярный блогер говорит об ответственности в соцсетях, фейках и о том, как распространять добрые инициативы.",
				"A popular blogger talks about responsibility on social media, fake news and how to spread good initiatives.")},
		{key: "gm-tea", dir: "social", tags: []string{"ageing"}, rule: weekday, start: hm(15, 0), dur: 120, roles: meeting,
			title: tx("қарттармен шай үстіндегі әңгіме", "чаепитие с пожилыми людьми", "tea and conversation with older people"),
			desc: tx("Еріктілер жалғыз басты қарттарды шайға шақырып, әңгіме-дүкен құрады.",
				"Волонтёры приглашают одиноких пожилых людей на чай и душевный разговор.",
				"Volunteers invite older people who live alone for tea and a good conversation.")},
	}
}

var allAccess = domain.AccessibilityFeatures()

// birgemizThemes are the events of Birgemiz Inclusion.
func birgemizThemes() []*activity {
	companion := r(roleCompanion, whole, 6, 15)
	interpreter := r(roleInterpreter, whole, 3, 4)
	return []*activity{
		{key: "bi-run", dir: "sport", tags: []string{"run"}, months: summer, rule: saturday, start: hm(9, 0), dur: 180,
			access: []string{"wheelchair", "step_free", "accessible_toilet", "seating"},
			roles:  []roleSpec{companion, r(roleMarshal, whole, 6, 12)},
			title:  tx("Birgemiz: инклюзивті жүгіру", "Birgemiz: инклюзивный забег", "Birgemiz: inclusive run"),
			desc: tx("Арбамен жүретін қатысушылар, нашар көретін жүгірушілер және олардың серіктері бір мәреге бірге жетеді.",
				"Участники на колясках, незрячие бегуны и их партнёры вместе приходят к общему финишу.",
				"Wheelchair users, blind runners and their guides cross the same finish line together.")},
		{key: "bi-sign", dir: "social", tags: []string{"library", "youth"}, rule: weekday, start: hm(18, 0), dur: 120,
			access: []string{"sign_language", "hearing_loop", "step_free"},
			roles:  []roleSpec{r(roleTrainee, whole, 10, 20), interpreter},
			title:  tx("Birgemiz: ымдау тілінің бастапқы курсы", "Birgemiz: начальный курс жестового языка", "Birgemiz: sign language for beginners"),
			desc: tx("Естімейтін оқытушылар ымдау тілінің негіздерін үйретеді. Курсты бітірген еріктілер іс-шараларда көмектесе алады.",
				"Глухие преподаватели учат основам жестового языка. Прошедшие курс волонтёры смогут помогать на мероприятиях.",
				"Deaf teachers teach the basics of sign language. Volunteers who complete it can help at events.")},
		{key: "bi-museum", dir: "culture", tags: []string{"museum"}, rule: weekend, start: hm(11, 0), dur: 180,
			access: []string{"wheelchair", "step_free", "sign_language", "easy_read", "seating"},
			roles:  []roleSpec{companion, interpreter},
			title:  tx("Birgemiz: баршаға қолжетімді мұражай", "Birgemiz: доступный музей", "Birgemiz: a museum for everyone"),
			desc: tx("Ымдау тіліне аударылатын және жеңіл оқылатын мәтіндермен жүргізілетін экскурсия.",
				"Экскурсия с переводом на жестовый язык и текстами в формате «лёгкое чтение».",
				"A guided tour with sign language interpretation and easy-read texts.")},
		{key: "bi-theatre", dir: "culture", tags: []string{"youth", "university"}, rule: saturday, start: hm(12, 0), dur: 180,
			access: []string{"wheelchair", "step_free", "quiet_space", "easy_read"},
			roles:  []roleSpec{companion},
			title:  tx("Birgemiz: инклюзивті театр шеберханасы", "Birgemiz: инклюзивная театральная мастерская", "Birgemiz: inclusive theatre workshop"),
			desc: tx("Мүгедектігі бар және мүгедектігі жоқ жастар бірге қойылым дайындайды.",
				"Молодые люди с инвалидностью и без неё вместе готовят спектакль.",
				"Young people with and without disabilities put on a play together.")},
		{key: "bi-audit", dir: "digital", tags: []string{"street", "park"}, months: warm, rule: saturday, start: hm(11, 0), dur: 180,
			access: []string{"wheelchair", "step_free"},
			roles:  []roleSpec{r(roleMapper, whole, 6, 12), companion},
			title:  tx("Birgemiz: қолжетімділік аудиті", "Birgemiz: аудит доступности", "Birgemiz: accessibility audit"),
			desc: tx("Арбамен жүретін еріктілер мен олардың серіктері көшелер мен ғимараттардың қолжетімділігін тексеріп, нәтижесін ашық картаға енгізеді.",
				"Волонтёры на колясках и их напарники проверяют доступность улиц и зданий и вносят результаты на открытую карту.",
				"Wheelchair-using volunteers and their partners check streets and buildings for accessibility and add the results to an open map.")},
		{key: "bi-sensory", dir: "social", tags: []string{"museum", "youth"}, rule: sunday, start: hm(10, 0), dur: 150,
			access: []string{"quiet_space", "easy_read", "accessible_toilet", "step_free"},
			roles:  []roleSpec{companion},
			title:  tx("Birgemiz: аутизмі бар балаларға арналған сенсорлық күн", "Birgemiz: сенсорный день для детей с аутизмом", "Birgemiz: sensory-friendly day for autistic children"),
			desc: tx("Бәсең жарық, тыныш дыбыс және демалыс бөлмесі: аутизмі бар балалар мен олардың отбасыларына арналған жайлы күн.",
				"Приглушённый свет, тихий звук и комната отдыха: спокойный день для детей с аутизмом и их семей.",
				"Soft lighting, low sound and a quiet room: a calm day for autistic children and their families.")},
		{key: "bi-boccia", dir: "sport", tags: []string{"university", "arena", "youth"}, rule: saturday, start: hm(10, 0), dur: 300,
			access: []string{"wheelchair", "step_free", "accessible_toilet", "seating"},
			roles:  []roleSpec{companion, r(roleScorer, whole, 3, 5)},
			title:  tx("Birgemiz: бочча турнирі", "Birgemiz: турнир по бочча", "Birgemiz: boccia tournament"),
			desc: tx("Бочча – арбамен жүретін спортшылар да, басқалар да тең ойнай алатын ойын. Еріктілер төрешілерге көмектеседі.",
				"Бочча — игра, в которую на равных играют спортсмены на колясках и все остальные. Волонтёры помогают судьям.",
				"Boccia is a game wheelchair users and everyone else play on equal terms. Volunteers help the referees.")},
		{key: "bi-digital", dir: "digital", tags: []string{"library", "university"}, rule: weekday, start: hm(15, 0), dur: 120,
			access: []string{"wheelchair", "step_free", "seating"},
			roles:  []roleSpec{r(roleDigitalTutor, whole, 4, 8)},
			title:  tx("Birgemiz: нашар көретіндерге цифрлық дағдылар", "Birgemiz: цифровые навыки для незрячих", "Birgemiz: digital skills for blind and partially sighted people"),
			desc: tx("Еріктілер экраннан оқу бағдарламаларымен және смартфонның арнайы мүмкіндіктерімен жұмыс істеуді үйретеді.",
				"Волонтёры учат работать с экранными чтецами и специальными возможностями смартфона.",
				"Volunteers teach how to use screen readers and a smartphone's accessibility features.")},
		{key: "bi-skating", dir: "sport", tags: []string{"medeu"}, months: []int{12, 1, 2}, rule: weekend, start: hm(11, 0), dur: 180,
			access: []string{"step_free", "accessible_toilet", "seating"},
			roles:  []roleSpec{companion, r(roleOnIce, whole, 4, 8)},
			title:  tx("Birgemiz: Медеудегі инклюзивті сырғанау", "Birgemiz: инклюзивное катание на Медеу", "Birgemiz: inclusive skating at Medeu"),
			desc: tx("Арнайы шанамен және еріктілердің сүйемелдеуімен мүгедектігі бар адамдар да мұзда сырғанай алады.",
				"На специальных санях и с сопровождением волонтёров на лёд выходят и люди с инвалидностью.",
				"With special sledges and volunteer companions, people with disabilities take to the ice too.")},
	}
}

// dialogueThemes are the events of Dialogue of Generations – Almaty.
func dialogueThemes() []*activity {
	pair := []roleSpec{r(roleMentor, whole, 5, 12), r(roleYoung, whole, 5, 12)}
	return []*activity{
		{key: "dg-smartphone", tags: []string{"ageing"}, rule: weekday, start: hm(11, 0), dur: 120,
			roles: []roleSpec{r(roleYoung, whole, 6, 12)},
			title: tx("Ұрпақтар диалогы: смартфон сабағы", "Диалог поколений: уроки смартфона", "Dialogue of Generations: smartphone lessons"),
			desc: tx("Студенттер «күміс» жастағыларға смартфонды, бейнеқоңырауды және онлайн-қызметтерді пайдалануды үйретеді.",
				"Студенты учат людей старшего возраста пользоваться смартфоном, видеосвязью и онлайн-сервисами.",
				"Students show older people how to use a smartphone, make video calls and use online services.")},
		{key: "dg-careers", tags: []string{"university"}, months: school, rule: weekday, start: hm(17, 0), dur: 120, roles: pair,
			title: tx("Ұрпақтар диалогы: кәсіп туралы әңгіме", "Диалог поколений: разговор о профессии", "Dialogue of Generations: talking careers"),
			desc: tx("Тәжірибелі инженерлер, дәрігерлер мен ұстаздар студенттерге өз кәсібінің қыр-сырын айтып, сұрақтарға жауап береді.",
				"Опытные инженеры, врачи и учителя рассказывают студентам о тонкостях своей профессии и отвечают на вопросы.",
				"Experienced engineers, doctors and teachers share the ins and outs of their work with students and answer questions.")},
		{key: "dg-stories", tags: []string{"library", "ageing"}, rule: weekday, start: hm(15, 0), dur: 150, roles: pair,
			title: tx("Ұрпақтар диалогы: отбасылық тарихты жазып алу", "Диалог поколений: записываем семейные истории", "Dialogue of Generations: recording family stories"),
			desc: tx("Жастар үлкендермен сұхбат жүргізіп, олардың естеліктерін аудио мен бейнеге жазып алады.",
				"Молодые записывают интервью со старшими и сохраняют их воспоминания на аудио и видео.",
				"Young people interview their elders and record their memories on audio and video.")},
		{key: "dg-games", tags: []string{"youth", "ageing", "library"}, rule: weekday, start: hm(16, 0), dur: 150, roles: pair,
			title: tx("Ұрпақтар диалогы: шахмат пен тоғызқұмалақ", "Диалог поколений: шахматы и тогызкумалак", "Dialogue of Generations: chess and togyz kumalak"),
			desc: tx("Атадан немереге дейінгі қатысушылар шахмат пен тоғызқұмалақ ойнайды, тәжірибелі ойыншылар жастарға ойын сырын үйретеді.",
				"Участники от дедушек до внуков играют в шахматы и тогызкумалак, а опытные игроки делятся с молодыми секретами игры.",
				"Players from grandparents to grandchildren compete at chess and togyz kumalak, and experienced players pass on their tricks.")},
		{key: "dg-garden", tags: []string{"garden"}, months: []int{4, 5, 6, 7, 8, 9}, rule: saturday, start: hm(10, 0), dur: 180, roles: pair,
			title: tx("Ұрпақтар диалогы: бақтағы бір күн", "Диалог поколений: день в саду", "Dialogue of Generations: a day in the garden"),
			desc: tx("«Күміс» еріктілер жастарға көшет күтуді және гүлзар жасауды үйретеді.",
				"«Серебряные» волонтёры учат молодёжь ухаживать за саженцами и разбивать клумбы.",
				"Silver volunteers teach young people to care for seedlings and plant flower beds.")},
		{key: "dg-crafts", tags: []string{"museum", "ageing", "youth"}, rule: saturday, start: hm(12, 0), dur: 180, roles: pair,
			title: tx("Ұрпақтар диалогы: қолөнер шеберханасы", "Диалог поколений: мастерская народных ремёсел", "Dialogue of Generations: traditional crafts workshop"),
			desc: tx("Шеберлер жастарға киіз басуды, кесте тігуді және ағаш оюды үйретеді.",
				"Мастера учат молодёжь валять войлок, вышивать и резать по дереву.",
				"Craftspeople teach young people felting, embroidery and woodcarving.")},
		{key: "dg-match", tags: []string{"university"}, months: []int{1, 2, 3, 9, 10}, rule: saturday, start: hm(11, 0), dur: 180, roles: pair,
			title: tx("Ұрпақтар диалогы: тәлімгерлер мен шәкірттер кездесуі", "Диалог поколений: встреча наставников и подопечных", "Dialogue of Generations: mentors meet their mentees"),
			desc: tx("Бағдарламаға жазылған тәлімгерлер мен жастар танысып, алдағы жарты жылға ортақ жоспар құрады.",
				"Наставники и молодые участники программы знакомятся и составляют общий план на полгода.",
				"Mentors and young participants in the programme get to know each other and draw up a plan for the next six months.")},
	}
}

// ---------------------------------------------------------------------------------------------
// The generator

type orgState struct {
	def    orgDef
	org    domain.Organization
	events []*Event
}

type gen struct {
	rng      *rand.Rand
	places   []place
	placeBy  map[string]*place
	orgs     []*orgState
	orgBy    map[string]*orgState
	acts     []*activity
	use      map[string]int // how often an activity, place or org was chosen
	seen     map[string]bool
	placeOf  map[*Event]*place
	ordinary []*Event // ordinary events, in the order made
}

func newGen() *gen {
	g := &gen{
		rng:     rand.New(rand.NewPCG(2026, 1205)), // #nosec G404 -- the demo's made-up data is meant to be the same every run; no secret comes from it
		placeBy: map[string]*place{},
		orgBy:   map[string]*orgState{},
		use:     map[string]int{},
		seen:    map[string]bool{},
		placeOf: map[*Event]*place{},
		acts:    activities(),
	}
	g.places = append(fixedPlaces(), districtPlaces()...)
	for i := range g.places {
		g.placeBy[g.places[i].key] = &g.places[i]
	}
	for i, d := range orgDefs() {
		o := domain.Organization{
			Name:         d.name,
			Description:  d.desc,
			Email:        d.key + "@example.kz",
			Phone:        fmt.Sprintf("+7 727 000 00 %02d", i+1),
			Status:       d.status,
			StatusReason: d.reason,
		}
		if d.site {
			o.Website = "https://example.kz/" + d.key
		}
		if d.bin {
			o.BIN = g.bin()
		}
		s := &orgState{def: d, org: o}
		g.orgs = append(g.orgs, s)
		g.orgBy[d.key] = s
	}
	return g
}

// bin makes a BIN that passes domain.ValidBIN: registration year and month, 4 (a resident legal
// entity), 0 (head office), five serial digits and the check digit.
func (g *gen) bin() string {
	for {
		var d [12]int
		yy, mm := 5+g.rng.IntN(21), 1+g.rng.IntN(12)
		d[0], d[1], d[2], d[3], d[4], d[5] = yy/10, yy%10, mm/10, mm%10, 4, 0
		for i := 6; i < 11; i++ {
			d[i] = g.rng.IntN(10)
		}
		c := binCheck(d[:11])
		if c < 0 {
			continue // no valid BIN starts with these eleven digits
		}
		d[11] = c
		var b strings.Builder
		for _, x := range d {
			b.WriteByte(byte('0' + x)) // #nosec G115 -- x is one decimal digit
		}
		return b.String()
	}
}

// binCheck is the check digit of a BIN's first eleven digits, or -1 when there is none.
func binCheck(d []int) int {
	sum := 0
	for i := range 11 {
		sum += (i + 1) * d[i]
	}
	if c := sum % 11; c != 10 {
		return c
	}
	sum = 0
	for i := range 11 {
		sum += ((i+2)%11 + 1) * d[i]
	}
	if c := sum % 11; c != 10 {
		return c
	}
	return -1
}

// draft is an event being made.
type draft struct {
	org         *orgState
	dir         string
	place       *place
	start, end  time.Time // Almaty time
	title, desc domain.Text
	roles       []roleSpec
	minAge      int
	access      []string
	project     string
	status      domain.EventStatus
	city        bool
}

// add turns d into an event of its organization. It refuses (false) a second event with the same
// title on the same day.
func (g *gen) add(d draft) *Event {
	key := d.start.Format(time.DateOnly) + "|" + d.title.EN
	if g.seen[key] {
		return nil
	}
	g.seen[key] = true
	if d.status == "" {
		d.status = domain.EventPublished
	}
	if d.dir == domain.DirectionEmergency {
		d.minAge = 18 // art. 12: no under-18s in emergency relief
	}
	e := &Event{Event: domain.Event{
		OrgName:       d.org.org.Name,
		Direction:     d.dir,
		Title:         d.title,
		Description:   d.desc,
		Venue:         d.place.name,
		Address:       d.place.address,
		Lat:           d.place.lat,
		Lon:           d.place.lon,
		District:      d.place.district,
		StartsAt:      d.start.UTC(),
		EndsAt:        d.end.UTC(),
		Accessibility: features(d.access, d.place.access),
		MinAge:        d.minAge,
		Silver:        silverFriendly(d),
		Status:        d.status,
		CityProgramme: d.city,
		Shifts:        g.shifts(d.roles, d.start, d.end),
	}, ProjectSlug: d.project}
	d.org.events = append(d.org.events, e)
	g.placeOf[e] = d.place
	return e
}

// silverFriendly marks the events that suit volunteers aged 55 and over: mentoring and the
// Dialogue of Generations, and the seated, unhurried events of culture and social care.
func silverFriendly(d draft) bool {
	if d.dir == domain.DirectionEmergency || d.minAge >= 18 {
		return false
	}
	if d.dir == "mentoring" || d.project == "dialogue-of-generations" {
		return true
	}
	seated := slices.Contains(d.access, "seating") || slices.Contains(d.place.access, "seating")
	return seated && (d.dir == "culture" || d.dir == "social")
}

func (g *gen) shifts(roles []roleSpec, start, end time.Time) []domain.Shift {
	length := end.Sub(start)
	half := (length / 2).Round(30 * time.Minute)
	if half <= 0 || half >= length {
		half = length / 2
	}
	var out []domain.Shift
	for _, rs := range roles {
		s, e := start, end
		switch rs.part {
		case firstHalf:
			e = start.Add(half)
		case secondHalf:
			s = start.Add(half)
		case firstHour:
			e = start.Add(min(time.Hour, length))
		case custom:
			s = start.Add(rs.off)
			e = s.Add(rs.dur)
			if e.After(end) {
				e = end
			}
		}
		out = append(out, domain.Shift{
			Role:     rs.role,
			StartsAt: s.UTC(),
			EndsAt:   e.UTC(),
			Capacity: rs.lo + g.rng.IntN(rs.hi-rs.lo+1),
		})
	}
	return out
}

// features is the union of lists of accessibility features, in the catalogue's order.
func features(lists ...[]string) []string {
	var out []string
	for _, f := range allAccess {
		for _, l := range lists {
			if slices.Contains(l, f) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// fromActivity drafts an event of a on day at p for o.
func (g *gen) fromActivity(a *activity, p *place, o *orgState, day time.Time) draft {
	start := day.Add(time.Duration(a.start) * time.Minute)
	return draft{
		org: o, dir: a.dir, place: p,
		start: start, end: start.Add(time.Duration(a.dur) * time.Minute),
		title: fill(a.title, p), desc: fill(a.desc, p),
		roles: a.roles, minAge: a.minAge, access: a.access,
	}
}

// fill puts p into a template.
func fill(t domain.Text, p *place) domain.Text {
	f := func(s, name, at string) string {
		return upperFirst(strings.NewReplacer("{p}", name, "{at}", at).Replace(s))
	}
	return tx(f(t.KK, p.name.KK, p.at.KK), f(t.RU, p.name.RU, p.at.RU), f(t.EN, p.name.EN, p.at.EN))
}

func upperFirst(s string) string {
	c, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(c)) + s[n:]
}

// pickActivity chooses the least used of acts held in month.
func (g *gen) pickActivity(acts []*activity, month time.Month) *activity {
	var ok []*activity
	for _, a := range acts {
		if a.months == nil || slices.Contains(a.months, int(month)) {
			ok = append(ok, a)
		}
	}
	if len(ok) == 0 {
		panic(fmt.Sprintf("demo: no activity among %d for %s", len(acts), month))
	}
	a := leastUsed(g, ok, func(a *activity) string { return "act:" + a.key })
	return a
}

// pickPlace chooses the least used place with one of tags, among o's own places when it has any.
func (g *gen) pickPlace(tags []string, o *orgState) *place {
	var ok, home []*place
	for i := range g.places {
		p := &g.places[i]
		if slices.ContainsFunc(p.tags, func(t string) bool { return slices.Contains(tags, t) }) {
			ok = append(ok, p)
			if o != nil && slices.Contains(o.def.home, p.key) {
				home = append(home, p)
			}
		}
	}
	if len(home) > 0 {
		ok = home
	}
	if len(ok) == 0 {
		panic(fmt.Sprintf("demo: no place tagged %v", tags))
	}
	return leastUsed(g, ok, func(p *place) string { return "place:" + p.key })
}

// pickOrg chooses the least busy of the organizations that pass keep.
func (g *gen) pickOrg(keep func(*orgState) bool) *orgState {
	var ok []*orgState
	for _, o := range g.orgs {
		if keep(o) {
			ok = append(ok, o)
		}
	}
	if len(ok) == 0 {
		panic("demo: no organization fits")
	}
	return leastUsed(g, ok, func(o *orgState) string { return "org:" + o.def.key })
}

// leastUsed picks at random among the least used items and counts the use.
func leastUsed[T any](g *gen, items []T, key func(T) string) T {
	best := -1
	var cands []T
	for _, it := range items {
		switch n := g.use[key(it)]; {
		case best < 0 || n < best:
			best, cands = n, []T{it}
		case n == best:
			cands = append(cands, it)
		}
	}
	it := cands[g.rng.IntN(len(cands))]
	g.use[key(it)]++
	return it
}

// verifiedIn keeps verified organizations (not the Front Office) with dir among their directions.
func verifiedIn(dir string) func(*orgState) bool {
	return func(o *orgState) bool {
		return o.def.status == verified && o.def.key != frontOffice && slices.Contains(o.def.dirs, dir)
	}
}

// spread returns n days spread evenly between from and to, shifted by phase (0..1) and jittered.
func (g *gen) spread(n int, from, to time.Time, phase float64) []time.Time {
	span := to.Sub(from)
	out := make([]time.Time, n)
	for i := range n {
		f := (float64(i) + phase) / float64(n)
		t := from.Add(time.Duration(f*float64(span))).AddDate(0, 0, g.rng.IntN(5)-2)
		out[i] = midnight(t)
	}
	return out
}

// holidays are days ordinary events avoid (month*100+day).
var holidays = []int{101, 102, 107, 308, 321, 322, 323, 501, 507, 509, 706, 830, 1025, 1216, 1231}

// snap moves target to the nearest following day (or, failing that, preceding day) that fits a's
// rule and season, is no holiday and lies within the programme.
func snap(target time.Time, a *activity) (time.Time, bool) {
	fits := func(d time.Time) bool {
		if d.Before(programmeStart) || d.After(programmeEnd) || slices.Contains(holidays, int(d.Month())*100+d.Day()) {
			return false
		}
		if a.months != nil && !slices.Contains(a.months, int(d.Month())) {
			return false
		}
		switch wd := d.Weekday(); a.rule {
		case weekday:
			return wd != time.Saturday && wd != time.Sunday
		case saturday:
			return wd == time.Saturday
		case sunday:
			return wd == time.Sunday
		case weekend:
			return wd == time.Saturday || wd == time.Sunday
		}
		return true
	}
	for k := range 7 {
		if d := target.AddDate(0, 0, k); fits(d) {
			return d, true
		}
	}
	for k := 1; k < 7; k++ {
		if d := target.AddDate(0, 0, -k); fits(d) {
			return d, true
		}
	}
	return target, false
}

// schedule makes one event of a near target, trying other weeks when the day already has it.
func (g *gen) schedule(target time.Time, a *activity, p *place, o *orgState, edit func(*draft)) *Event {
	for _, weeks := range []int{0, 1, -1, 2, -2, 3} {
		day, ok := snap(target.AddDate(0, 0, 7*weeks), a)
		if !ok {
			continue
		}
		d := g.fromActivity(a, p, o, day)
		if edit != nil {
			edit(&d)
		}
		if e := g.add(d); e != nil {
			return e
		}
	}
	panic(fmt.Sprintf("demo: no day for %s near %s", a.key, target.Format(time.DateOnly)))
}

// regular makes the ordinary events of every direction, spread over the whole programme.
func (g *gen) regular() {
	suspendedUntil := day(2026, time.September, 15)
	for i, dir := range domain.Directions() {
		var acts []*activity
		for _, a := range g.acts {
			if a.dir == dir.Code {
				acts = append(acts, a)
			}
		}
		targets := g.spread(regularCounts[dir.Code], day(2026, time.January, 10), day(2026, time.December, 26), float64(i)/8)
		targets = append(targets, g.spread(regularCounts2027[dir.Code], day(2027, time.January, 9), day(2027, time.March, 24), float64(i)/8)...)
		for _, target := range targets {
			a := g.pickActivity(acts, target.Month())
			o := g.pickOrg(func(o *orgState) bool {
				if o.def.status == suspended && target.Before(suspendedUntil) && slices.Contains(o.def.dirs, dir.Code) {
					return true
				}
				return verifiedIn(dir.Code)(o)
			})
			p := g.pickPlace(a.tags, o)
			city := g.rng.IntN(100) < 15
			e := g.schedule(target, a, p, o, func(d *draft) { d.city = city })
			g.ordinary = append(g.ordinary, e)
		}
	}
}

// pendingDrafts gives each organization still waiting for verification one draft event ahead.
func (g *gen) pendingDrafts() {
	targets := []time.Time{day(2026, time.December, 12), day(2027, time.January, 16), day(2027, time.February, 6),
		day(2027, time.February, 27), day(2027, time.March, 13)}
	i := 0
	for _, o := range g.orgs {
		if o.def.status != pending {
			continue
		}
		var acts []*activity
		for _, a := range g.acts {
			if a.dir == o.def.dirs[0] {
				acts = append(acts, a)
			}
		}
		target := targets[i%len(targets)]
		i++
		a := g.pickActivity(acts, target.Month())
		g.schedule(target, a, g.pickPlace(a.tags, o), o, func(d *draft) { d.status = domain.EventDraft })
	}
}

// goodMeetings makes the "100 good meetings" held so far and planned, numbered in date order.
func (g *gen) goodMeetings() {
	themes := goodMeetingThemes()
	var drafts []draft
	for _, target := range g.spread(40, day(2026, time.March, 12), day(2027, time.February, 25), 0.5) {
		a := g.pickActivity(themes, target.Month())
		o := g.pickOrg(verifiedIn(a.dir))
		p := g.pickPlace(a.tags, o)
		when, ok := snap(target, a)
		if !ok {
			panic("demo: no day for a good meeting near " + target.Format(time.DateOnly))
		}
		d := g.fromActivity(a, p, o, when)
		d.project, d.city = slugGoodMeetings, true
		d.title = a.title
		d.desc = tx(a.desc.KK+" «100 игі кездесу» жобасының кезекті кездесуі "+p.at.KK+" өтеді.",
			a.desc.RU+" Очередная встреча проекта «100 добрых встреч» проходит "+p.at.RU+".",
			a.desc.EN+" The next meeting of \"100 good meetings\" takes place "+p.at.EN+".")
		drafts = append(drafts, d)
	}
	slices.SortStableFunc(drafts, func(a, b draft) int { return a.start.Compare(b.start) })
	for i, d := range drafts {
		n := i + 1
		d.title = tx(fmt.Sprintf("100 игі кездесу №%d: %s", n, d.title.KK),
			fmt.Sprintf("100 добрых встреч №%d: %s", n, d.title.RU),
			fmt.Sprintf("100 good meetings #%d: %s", n, d.title.EN))
		if g.add(d) == nil {
			panic("demo: duplicate good meeting")
		}
	}
}

// birgemiz makes the Birgemiz Inclusion events.
func (g *gen) birgemiz() {
	themes := birgemizThemes()
	incl := func(o *orgState) bool { return o.def.status == verified && o.def.incl }
	for _, target := range g.spread(15, day(2026, time.March, 14), day(2027, time.March, 20), 0.3) {
		a := g.pickActivity(themes, target.Month())
		o := g.pickOrg(incl)
		g.schedule(target, a, g.pickPlace(a.tags, o), o, func(d *draft) { d.project, d.city = slugBirgemiz, true })
	}
	start := local(2026, time.December, 3, 11, 0)
	g.add(draft{
		org: g.orgBy["zhol-ashyq"], dir: "social", place: g.placeBy["republic-palace"],
		start: start, end: start.Add(6 * time.Hour),
		title: tx("Birgemiz: Халықаралық мүгедектігі бар адамдар күніне арналған фестиваль",
			"Birgemiz: фестиваль к Международному дню людей с инвалидностью",
			"Birgemiz: festival for the International Day of Persons with Disabilities"),
		desc: tx("Инклюзивті ұйымдардың жәрмеңкесі, паралимпиадашылардың шеберлік сабақтары және ымдау тіліне аударылатын концерт.",
			"Ярмарка инклюзивных организаций, мастер-классы паралимпийцев и концерт с сурдопереводом.",
			"A fair of inclusive organizations, Paralympians' masterclasses and a concert with sign language interpretation."),
		roles:  []roleSpec{r(roleRegistration, firstHour, 6, 10), r(roleCompanion, whole, 30, 40), r(roleInterpreter, whole, 4, 5)},
		access: allAccess, project: slugBirgemiz, city: true,
	})
}

// dialogue makes the Dialogue of Generations events.
func (g *gen) dialogue() {
	themes := dialogueThemes()
	for _, a := range themes {
		a.dir = "mentoring"
	}
	for _, target := range g.spread(18, day(2026, time.March, 10), day(2027, time.March, 25), 0.6) {
		a := g.pickActivity(themes, target.Month())
		o := g.pickOrg(verifiedIn("mentoring"))
		g.schedule(target, a, g.pickPlace(a.tags, o), o, func(d *draft) { d.project, d.city = slugDialogue, true })
	}
}

// hackathons makes the city hackathons: Saturday morning to Sunday evening.
func (g *gen) hackathons() {
	for _, h := range []struct {
		y          int
		m          time.Month
		d          int
		org, place string
		theme      domain.Text
	}{
		{2026, time.April, 18, "code-for-almaty", "kbtu", tx("қолжетімді қала", "доступный город", "accessible city")},
		{2026, time.June, 20, "kaznu-volunteers", "kaznu", tx("таза ауа", "чистый воздух", "clean air")},
		{2026, time.October, 17, "qadam", "satbayev", tx("еріктілерге арналған цифрлық құралдар", "цифровые инструменты для волонтёров", "digital tools for volunteers")},
		{2026, time.November, 28, "code-for-almaty", "kbtu", tx("қауіпсіз жол", "безопасные дороги", "safe roads")},
		{2027, time.February, 20, "qadam", "satbayev", tx("жасыл Алматы", "зелёный Алматы", "green Almaty")},
	} {
		start := local(h.y, h.m, h.d, 10, 0)
		g.add(draft{
			org: g.orgBy[h.org], dir: "digital", place: g.placeBy[h.place],
			start: start, end: start.Add(32 * time.Hour),
			title: tx("Қалалық хакатон: "+h.theme.KK, "Городской хакатон: "+h.theme.RU, "City hackathon: "+h.theme.EN),
			desc: tx("Командалар екі күн бойы «"+h.theme.KK+"» тақырыбында қалаға пайдалы прототип жасайды. Еріктілер командаларды тіркеп, менторлар мен қазыларға көмектеседі.",
				"Два дня команды создают прототипы на тему «"+h.theme.RU+"». Волонтёры регистрируют команды и помогают менторам и жюри.",
				"Over two days teams build prototypes on the theme \""+h.theme.EN+"\". Volunteers register the teams and help the mentors and the jury."),
			roles: []roleSpec{
				at(tx("Тіркеу және навигация", "Регистрация и навигация", "Registration and wayfinding"), 0, 2*time.Hour, 6),
				at(tx("Менторлар, бірінші күн", "Менторы, первый день", "Mentors, day one"), 0, 8*time.Hour, 12),
				at(tx("Менторлар, екінші күн", "Менторы, второй день", "Mentors, day two"), 24*time.Hour, 8*time.Hour, 10),
				at(tx("Қазылар алқасына көмек", "Помощь жюри", "Jury assistant"), 28*time.Hour, 4*time.Hour, 4),
			},
			minAge: 16, project: slugHackathons, city: true,
		})
	}
}

// specials are the city's big days, most of them the Front Office's.
func (g *gen) specials() {
	type special struct {
		y           int
		m           time.Month
		d, h, mi    int
		hours       float64
		org, place  string
		dir         string
		title, desc domain.Text
		roles       []roleSpec
		minAge      int
		access      []string
		status      domain.EventStatus
	}
	participant := tx("Рәсімге қатысушы", "Участник церемонии", "Ceremony participant")
	seminar := tx("Семинарға қатысушы", "Участник семинара", "Seminar participant")
	forum := tx("Форумға қатысушы", "Участник форума", "Forum participant")
	nauryzDesc := tx("Орталық саябақтағы Наурыз мерекесінде еріктілер қонақтарды қарсы алып, ұлттық ойындар алаңында көмектеседі және наурыз көже таратады.",
		"На празднике Наурыз в Центральном парке волонтёры встречают гостей, помогают на площадке национальных игр и раздают наурыз-коже.",
		"At the Nauryz celebration in Central Park volunteers welcome guests, help at the traditional games and serve Nauryz kozhe.")
	nauryzRoles := []roleSpec{
		r(tx("Мереке алаңы, таңғы ауысым", "Праздничная площадка, утренняя смена", "Festival grounds, morning shift"), firstHalf, 30, 30),
		r(tx("Мереке алаңы, түстен кейінгі ауысым", "Праздничная площадка, дневная смена", "Festival grounds, afternoon shift"), secondHalf, 30, 30),
		r(roleInfo, whole, 8, 8),
	}
	full := []string{"wheelchair", "step_free", "accessible_toilet", "seating"}
	for _, s := range []special{
		{2026, time.January, 24, 10, 0, 6, frontOffice, "kaznu", "mentoring",
			tx("Еріктілер жылына дайындық: үйлестірушілер семинары", "Подготовка к Году волонтёров: семинар координаторов", "Getting ready for the Year of Volunteers: coordinators' seminar"),
			tx("Еріктілік ұйымдардың үйлестірушілері жылдың жоспарын, ауысымдарды басқаруды және еріктілердің қауіпсіздігін талқылайды.",
				"Координаторы волонтёрских организаций обсуждают план года, управление сменами и безопасность волонтёров.",
				"Coordinators of volunteer organizations discuss the year's plan, running shifts and keeping volunteers safe."),
			[]roleSpec{r(roleRegistration, firstHour, 4, 4), r(seminar, whole, 60, 60)}, 16, nil, ""},
		{2026, time.March, 5, 11, 0, 3.5, frontOffice, "republic-palace", "social",
			tx("Еріктілік ұйымдарының жәрмеңкесі", "Ярмарка волонтёрских организаций", "Fair of volunteer organizations"),
			tx("Ұйымдар әлеуметтік, спорттық, төтенше жағдайлар мен қауіпсіздік, жастар және цифрлық бағыттағы жобаларын таныстырады. Әр келуші өзіне ұнайтын ұйымды таба алады.",
				"Организации представляют проекты в социальной сфере, спорте, ЧС и безопасности, молодёжных и цифровых инициативах. Каждый найдёт организацию по душе.",
				"Organizations present their projects in social volunteering, sport, emergencies and safety, youth and digital initiatives. Everyone can find an organization to join."),
			[]roleSpec{r(tx("Ұйым стендіндегі ерікті", "Волонтёр на стенде организации", "Organization stand volunteer"), whole, 60, 60),
				r(tx("Бағыт көрсетуші", "Навигация по залу", "Wayfinding"), whole, 10, 10)}, 0, full, ""},
		{2026, time.March, 5, 13, 0, 5, frontOffice, "republic-palace", "culture",
			tx("Еріктілер жылы – 2026: салтанатты ашылу рәсімі", "Год волонтёров – 2026: торжественная церемония открытия", "Year of Volunteers 2026: opening ceremony"),
			tx("Алматыда Еріктілер жылының салтанатты ашылуы: еріктілердің қала дамуындағы рөліне арналған форумдық бөлім және «Уақыт капсуласы – 2026» салу рәсімі.",
				"Торжественное открытие Года волонтёров в Алматы: форумная сессия о роли волонтёров в развитии города и закладка «Капсулы времени – 2026».",
				"The opening of the Year of Volunteers in Almaty: a forum session on volunteers' role in the city's development and the sealing of the \"Time capsule – 2026\"."),
			[]roleSpec{at(roleRegistration, 0, 2*time.Hour, 12), at(roleHall, 0, 5*time.Hour, 24),
				at(participant, 90*time.Minute, 210*time.Minute, 450)}, 0, append(full, "sign_language", "hearing_loop"), ""},
		{2026, time.March, 21, 10, 0, 8, frontOffice, "central", "culture",
			tx("Наурыз мейрамы: қалалық мерекеге еріктілер", "Наурыз: волонтёры на городском празднике", "Nauryz: volunteers at the city celebration"),
			nauryzDesc, nauryzRoles, 0, nil, ""},
		{2026, time.March, 22, 12, 0, 3, "ak-zhaulyk", "ageing-zhetysu", "social",
			tx("Наурыз көже: қарттарға арналған дастарқан", "Наурыз-коже: праздничный стол для пожилых", "Nauryz kozhe: a festive table for older people"),
			tx("Еріктілер жеті дәмнен наурыз көже пісіріп, жалғыз басты қарттарды мерекелік дастарқанға шақырады.",
				"Волонтёры варят наурыз-коже из семи ингредиентов и приглашают одиноких пожилых людей к праздничному столу.",
				"Volunteers cook Nauryz kozhe from seven ingredients and invite older people who live alone to a festive meal."),
			[]roleSpec{r(tx("Асхана көмекшісі", "Помощь на кухне", "Kitchen helper"), whole, 6, 10), r(roleWelcome, whole, 6, 8)}, 0, nil, ""},
		{2026, time.March, 28, 19, 30, 2, "taza-almaty", "kok-tobe", "ecology",
			tx("Жер сағаты: Көктөбеде жарықты сөндіреміз", "Час Земли: гасим свет на Кок-Тобе", "Earth Hour: lights out on Kok-Tobe"),
			tx("20:30-да қала жарығы бір сағатқа сөнеді. Еріктілер Көктөбеде энергия үнемдеу туралы айтып, шырақ жағу акциясын өткізеді.",
				"В 20:30 город на час выключает свет. Волонтёры на Кок-Тобе рассказывают об энергосбережении и проводят акцию со свечами.",
				"At 20:30 the city switches off its lights for an hour. On Kok-Tobe volunteers talk about saving energy and hold a candlelight gathering."),
			[]roleSpec{r(roleInfo, whole, 10, 10), r(tx("Алаңдағы ерікті", "Волонтёр на площадке", "Site volunteer"), whole, 15, 15)}, 0, nil, ""},
		{2026, time.May, 1, 12, 0, 6, frontOffice, "arbat", "culture",
			tx("Бірлік күні: Арбаттағы достық фестивалі", "День единства: фестиваль дружбы на Арбате", "Unity Day: friendship festival on Arbat"),
			tx("Қазақстан халқының бірлігі күніне орай этномәдени бірлестіктер ән-биі мен ұлттық тағамдарын ұсынады. Еріктілер қонақтарға бағыт көрсетеді.",
				"В День единства народа Казахстана этнокультурные объединения представляют песни, танцы и национальную кухню. Волонтёры помогают гостям.",
				"For the Day of Unity of the People of Kazakhstan, ethnocultural associations share their songs, dances and food. Volunteers help the guests."),
			[]roleSpec{r(roleInfo, whole, 10, 10), r(roleStage, whole, 8, 8)}, 0, nil, ""},
		{2026, time.May, 9, 8, 0, 5, frontOffice, "panfilov", "social",
			tx("Жеңіс күні: ардагерлерге құрмет", "День Победы: почёт ветеранам", "Victory Day: honouring veterans"),
			tx("Панфиловшылар саябағындағы Мәңгілік алау басында еріктілер ардагерлер мен қарт адамдарды сүйемелдеп, су мен гүл таратады.",
				"У Вечного огня в Парке 28 панфиловцев волонтёры сопровождают ветеранов и пожилых людей, раздают воду и цветы.",
				"At the Eternal Flame in Panfilov Park volunteers escort veterans and older people and hand out water and flowers."),
			[]roleSpec{r(tx("Ардагерлерді сүйемелдеу", "Сопровождение ветеранов", "Escorting veterans"), whole, 40, 40),
				r(tx("Су тарату", "Раздача воды", "Water station"), whole, 12, 12)}, 0, []string{"seating"}, ""},
		{2026, time.May, 18, 18, 0, 5, "kone-almaty", "central-museum", "culture",
			tx("Мұражайлар түні", "Ночь музеев", "Museum Night"),
			tx("Халықаралық мұражайлар күніне орай Орталық мемлекеттік музей түнгі экскурсиялар мен квест өткізеді. Еріктілер келушілерге бағыт көрсетіп, квестке көмектеседі.",
				"В Международный день музеев Центральный государственный музей проводит ночные экскурсии и квест. Волонтёры помогают посетителям и ведут квест.",
				"For International Museum Day the Central State Museum runs night tours and a quest. Volunteers guide visitors and help with the quest."),
			[]roleSpec{r(roleGuide, whole, 20, 20), r(tx("Квест жүргізуші", "Ведущий квеста", "Quest host"), whole, 8, 8)}, 0, nil, ""},
		{2026, time.June, 1, 10, 0, 6, "meyirim", "central", "social",
			tx("Балаларды қорғау күні: Орталық саябақтағы мереке", "День защиты детей: праздник в Центральном парке", "Children's Day: a celebration in Central Park"),
			tx("Балаларды қолдау орталықтарының тәрбиеленушілері мен отбасыларға арналған ойындар, шеберханалар және концерт.",
				"Игры, мастер-классы и концерт для воспитанников центров поддержки детей и их семей.",
				"Games, workshops and a concert for children from child support centres and their families."),
			[]roleSpec{r(rolePlay, firstHalf, 25, 25), r(rolePlay, secondHalf, 25, 25)}, 0, nil, ""},
		{2026, time.August, 22, 10, 0, 7, frontOffice, "kaznu", "mentoring",
			tx("Еріктілер үйлестірушілерінің жазғы мектебі", "Летняя школа координаторов волонтёров", "Summer school for volunteer coordinators"),
			tx("Жаңа үйлестірушілерге арналған бір күндік оқу: командамен жұмыс, еріктілердің қауіпсіздігі және іс-шараны жоспарлау.",
				"Однодневное обучение для новых координаторов: работа с командой, безопасность волонтёров и планирование мероприятий.",
				"A one-day course for new coordinators: teamwork, volunteer safety and event planning."),
			[]roleSpec{r(roleRegistration, firstHour, 4, 4), r(seminar, whole, 50, 50)}, 16, nil, ""},
		{2026, time.September, 19, 10, 0, 4, "taza-almaty", "first-president", "ecology",
			tx("Дүниежүзілік тазалық күні: қалалық сенбілік", "Всемирный день чистоты: городской субботник", "World Cleanup Day: city-wide clean-up"),
			tx("Әлемнің 190-нан астам елімен бірге Алматы да тазалыққа шығады. Бас алаң – Тұңғыш Президент саябағы, қалдықтар бөлек жиналады.",
				"Вместе с более чем 190 странами Алматы выходит на уборку. Главная площадка — Парк Первого Президента, отходы собираются раздельно.",
				"Almaty joins more than 190 countries in a day of cleaning up. The main site is First President's Park, and waste is collected separately."),
			[]roleSpec{r(roleRegistration, firstHour, 6, 6), r(roleCleanCrew, whole, 60, 60), r(roleSorting, whole, 15, 15)}, 0, nil, ""},
		{2026, time.September, 27, 7, 0, 6, "belsendi", "first-president", "sport",
			tx("Қалалық жартылай марафон", "Городской полумарафон", "City half marathon"),
			tx("21 шақырымдық жүгіру және отбасылық 5 шақырым. Еріктілер су беру пункттерінде, трассада және мәре аймағында жұмыс істейді.",
				"Забег на 21 км и семейная дистанция 5 км. Волонтёры работают на пунктах питания, на трассе и в зоне финиша.",
				"A 21 km race plus a 5 km family run. Volunteers staff the water stations, the course and the finish area."),
			[]roleSpec{r(tx("Су беру пункті", "Пункт питания", "Water station"), whole, 40, 40), r(roleMarshal, whole, 60, 60), r(roleFinish, whole, 25, 25)}, 0, nil, ""},
		{2026, time.October, 1, 11, 0, 5, "kumis-gasyr", "republic-palace", "mentoring",
			tx("Қарттар күні: «күміс» еріктілер фестивалі", "День пожилых людей: фестиваль «серебряных» волонтёров", "Day of Older Persons: silver volunteers' festival"),
			tx("«Күміс» еріктілер өз жобаларын таныстырып, жастармен тәжірибе алмасады. Бағдарламада шеберханалар мен концерт бар.",
				"«Серебряные» волонтёры представляют свои проекты и делятся опытом с молодёжью. В программе мастер-классы и концерт.",
				"Silver volunteers present their projects and share experience with young people, with workshops and a concert."),
			[]roleSpec{r(roleRegistration, firstHour, 6, 6), r(roleWelcome, whole, 20, 20)}, 0, full, ""},
		{2026, time.December, 5, 11, 0, 6, frontOffice, "republic-palace", "social",
			tx("Еріктілер күні: қалалық форум және марапаттау", "День волонтёра: городской форум и награждение", "Volunteer Day: city forum and awards"),
			tx("Еріктілер жылының қорытындысы: үздік еріктілер мен ұйымдарды марапаттау, панельдік сессиялар және ұйымдар жәрмеңкесі.",
				"Итоги Года волонтёров: награждение лучших волонтёров и организаций, панельные сессии и ярмарка организаций.",
				"The Year of Volunteers in review: awards for the best volunteers and organizations, panel sessions and an organizations' fair."),
			[]roleSpec{at(roleRegistration, 0, 2*time.Hour, 12), r(roleHall, whole, 30, 30), r(forum, whole, 60, 60)}, 0, append(full, "sign_language"), ""},
		{2026, time.December, 19, 17, 0, 4, frontOffice, "republic-palace", "culture",
			tx("Еріктілер жылы – 2026: қорытынды гала-кеш", "Год волонтёров – 2026: итоговый гала-вечер", "Year of Volunteers 2026: closing gala"),
			tx("Жылдың жабылу кеші: еріктілердің әңгімелері, «100 игі кездесу» жобасының қорытындысы және концерт.",
				"Вечер закрытия года: истории волонтёров, итоги проекта «100 добрых встреч» и концерт.",
				"The closing evening of the year: volunteers' stories, a look back at \"100 good meetings\" and a concert."),
			[]roleSpec{r(roleRegistration, firstHour, 8, 8), r(roleUshers, whole, 30, 30),
				r(tx("Сахна сыртындағы көмек", "Помощь за кулисами", "Backstage helper"), whole, 10, 10)}, 0, full, ""},
		{2026, time.December, 26, 11, 0, 4, "meyirim", "children-medeu", "social",
			tx("Аяз ата келді: балаларға жаңажылдық сыйлықтар", "Дед Мороз в гостях: новогодние подарки детям", "Ayaz Ata's visit: New Year gifts for children"),
			tx("Еріктілер балаларды қолдау орталықтарының тәрбиеленушілеріне сыйлық таратып, жаңажылдық мереке өткізеді.",
				"Волонтёры дарят подарки воспитанникам центров поддержки детей и устраивают для них новогодний праздник.",
				"Volunteers hand out gifts to children from child support centres and throw them a New Year party."),
			[]roleSpec{r(tx("Сыйлықтарды орау", "Упаковка подарков", "Gift wrapping"), firstHalf, 8, 8), r(rolePlay, whole, 12, 12)}, 0, nil, ""},
		{2027, time.January, 16, 10, 0, 6, frontOffice, "satbayev", "mentoring",
			tx("Еріктілер жылынан кейін: үйлестірушілердің қысқы мектебі", "После Года волонтёров: зимняя школа координаторов", "After the Year of Volunteers: winter school for coordinators"),
			tx("Жыл қорытындысы бойынша тәжірибе алмасу және 2027 жылға жоспар құру.",
				"Обмен опытом по итогам года и планирование на 2027 год.",
				"Sharing lessons from the year and planning for 2027."),
			[]roleSpec{r(roleRegistration, firstHour, 4, 4), r(seminar, whole, 50, 50)}, 16, nil, ""},
		{2027, time.March, 5, 11, 0, 6, frontOffice, "republic-palace", "social",
			tx("Алматы еріктілер форумы – 2027", "Форум волонтёров Алматы – 2027", "Almaty Volunteers Forum 2027"),
			tx("Еріктілер жылы ашылғанына бір жыл: жетістіктерді талқылап, келесі жылдың басымдықтарын айқындаймыз.",
				"Год со дня открытия Года волонтёров: обсуждаем достижения и определяем приоритеты на следующий год.",
				"One year since the Year of Volunteers opened: we review what was achieved and set priorities for the year ahead."),
			[]roleSpec{r(roleRegistration, firstHour, 10, 10), r(roleHall, whole, 30, 30)}, 0, full, domain.EventDraft},
		{2027, time.March, 21, 10, 0, 8, frontOffice, "central", "culture",
			tx("Наурыз – 2027: қалалық мерекеге еріктілер", "Наурыз – 2027: волонтёры на городском празднике", "Nauryz 2027: volunteers at the city celebration"),
			nauryzDesc, nauryzRoles, 0, nil, domain.EventDraft},
	} {
		start := local(s.y, s.m, s.d, s.h, s.mi)
		g.add(draft{
			org: g.orgBy[s.org], dir: s.dir, place: g.placeBy[s.place],
			start: start, end: start.Add(time.Duration(s.hours * float64(time.Hour))),
			title: s.title, desc: s.desc, roles: s.roles, minAge: s.minAge, access: s.access,
			status: s.status, city: true,
		})
	}
}

// cancellations cancels one event past (a mudflow warning) and one ahead (the weather).
func (g *gen) cancellations() {
	cancel := func(note domain.Text, matches ...func(e *Event, p *place) bool) {
		for _, match := range matches {
			for _, e := range g.ordinary {
				if e.Status == domain.EventPublished && match(e, g.placeOf[e]) {
					e.Status = domain.EventCancelled
					e.Description = tx(e.Description.KK+" "+note.KK, e.Description.RU+" "+note.RU, e.Description.EN+" "+note.EN)
					return
				}
			}
		}
		panic("demo: nothing to cancel")
	}
	tagged := func(tags ...string) func(*place) bool {
		return func(p *place) bool {
			return slices.ContainsFunc(p.tags, func(t string) bool { return slices.Contains(tags, t) })
		}
	}
	cancel(tx("Сел қаупі жарияланғандықтан іс-шара тоқтатылды.", "Мероприятие отменено из-за объявленной селевой опасности.",
		"Cancelled because of a mudflow warning."),
		func(e *Event, p *place) bool {
			m := e.StartsAt.In(domain.Almaty()).Month()
			return e.Direction != domain.DirectionEmergency && tagged("gorge")(p) && m >= time.May && m <= time.August
		})
	today := day(2026, time.November, 23)
	cancel(tx("Ауа райының қолайсыздығына байланысты іс-шара тоқтатылды.", "Мероприятие отменено из-за неблагоприятной погоды.",
		"Cancelled because of bad weather."),
		func(e *Event, p *place) bool { return e.StartsAt.After(today) && tagged("ski", "medeu")(p) },
		func(e *Event, p *place) bool { return e.StartsAt.After(today) && tagged("forest", "yard")(p) })
}

// programme assembles the result: organizations in table order, each one's events by start.
func (g *gen) programme() Programme {
	p := Programme{Projects: projects()}
	for _, o := range g.orgs {
		evs := make([]Event, 0, len(o.events))
		for _, e := range o.events {
			evs = append(evs, *e)
		}
		slices.SortStableFunc(evs, func(a, b Event) int {
			if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
				return c
			}
			return strings.Compare(a.Title.EN, b.Title.EN)
		})
		p.Organizations = append(p.Organizations, Org{Organization: o.org, Events: evs})
	}
	return p
}

// ---------------------------------------------------------------------------------------------
// Small helpers

func tx(kk, ru, en string) domain.Text { return domain.Text{KK: kk, RU: ru, EN: en} }

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, domain.Almaty())
}

func local(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, domain.Almaty())
}

func midnight(t time.Time) time.Time {
	t = t.In(domain.Almaty())
	return day(t.Year(), t.Month(), t.Day())
}
