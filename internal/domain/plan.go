package domain

// Plan is the city's plan for its Year of Volunteers: how many events it announced, in all and in
// each direction. It is the one plan figure every page shows (the home page, its figures by
// direction, the Front Office's programme against the plan): the events counted against it come
// from the programme, the plan from here.
type Plan struct {
	Events      int            // the whole year: "200 and more"
	ByDirection map[string]int // each direction's share; together Events
}

// YearPlan is the plan the city announced for the Year of Volunteers 2026: more than 200 events in
// eight directions.
func YearPlan() Plan {
	return Plan{Events: 200, ByDirection: map[string]int{
		"ecology": 25, "social": 30, "culture": 30, "mentoring": 25,
		"animals": 20, "sport": 25, DirectionEmergency: 20, "digital": 25,
	}}
}
