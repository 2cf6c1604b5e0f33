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

// PlanFrom is the first month the plan is spread over. The city announced the plan for the year,
// not month by month: MonthShare spreads each direction's share evenly over the months from
// PlanFrom to December, the Year's season of events (the first two months are left to set up).
const PlanFrom = 3

// MonthShare is a direction's share of the plan in month (1 to 12): its year's share spread evenly
// over the months from PlanFrom to December, each month the whole events its cumulative share
// reaches (so the later months take the remainder, and the months add up to the year's share);
// nothing before PlanFrom or outside the year.
func (p Plan) MonthShare(direction string, month int) int {
	if month < PlanFrom || month > 12 {
		return 0
	}
	share, n, k := p.ByDirection[direction], 12-PlanFrom+1, month-PlanFrom+1
	return share*k/n - share*(k-1)/n
}
