package matching

// infDistance marks a node that a shortest-path search did not reach.
const infDistance = int64(1) << 60

// edgeSpec is one arc of the flow network before it is laid out.
type edgeSpec struct {
	from, to, capacity, cost int32
}

// network is a residual flow network in compressed adjacency form: the arcs
// leaving node v are start[v] .. start[v+1]-1, and each arc a has its
// reverse rev[a], which holds the flow sent along a as residual capacity.
// potential keeps every residual arc's reduced cost
// cost[a] + potential[from] - potential[to] at or above zero.
type network struct {
	start     []int32
	head      []int32
	rev       []int32
	residual  []int32
	cost      []int32
	potential []int64

	distance []int64 // scratch of the searches
	level    []int32 // scratch of the blocking flow
	nextArc  []int32
	queue    []int32
	heap     nodeHeap
}

// newNetwork lays out the arcs of edges and their reverses over nodes nodes,
// keeping for each node the order in which its edges were given.
func newNetwork(nodes int, edges []edgeSpec) *network {
	start := make([]int32, nodes+1)
	for _, e := range edges {
		start[e.from+1]++
		start[e.to+1]++
	}
	for v := 1; v <= nodes; v++ {
		start[v] += start[v-1]
	}
	arcs := 2 * len(edges)
	g := &network{
		start:     start,
		head:      make([]int32, arcs),
		rev:       make([]int32, arcs),
		residual:  make([]int32, arcs),
		cost:      make([]int32, arcs),
		potential: make([]int64, nodes),
		distance:  make([]int64, nodes),
		level:     make([]int32, nodes),
		nextArc:   make([]int32, nodes),
		queue:     make([]int32, 0, nodes),
	}
	fill := make([]int32, nodes)
	copy(fill, start[:nodes])
	for _, e := range edges {
		a := fill[e.from]
		fill[e.from]++
		b := fill[e.to]
		fill[e.to]++
		g.head[a], g.rev[a], g.residual[a], g.cost[a] = e.to, b, e.capacity, e.cost
		g.head[b], g.rev[b], g.residual[b], g.cost[b] = e.from, a, 0, -e.cost
	}
	return g
}

func (g *network) nodes() int { return len(g.potential) }

// reducedCost is the cost of arc a leaving u under the current potentials.
func (g *network) reducedCost(u, a int32) int64 {
	return int64(g.cost[a]) + g.potential[u] - g.potential[g.head[a]]
}

// arcTo is the first arc from u to v.
func (g *network) arcTo(u, v int32) int32 {
	a := g.start[u]
	for g.head[a] != v {
		a++
	}
	return a
}

// send pushes amount units along arc a.
func (g *network) send(a, amount int32) {
	g.residual[a] -= amount
	g.residual[g.rev[a]] += amount
}

// isolate takes every arc at v, both ways, out of the residual network.
func (g *network) isolate(v int32) {
	for a := g.start[v]; a < g.start[v+1]; a++ {
		g.residual[a], g.residual[g.rev[a]] = 0, 0
	}
}

// minCostMaxFlow sends the most flow from source to sink at the least cost,
// starting from a flow that is cheapest for its value, with potentials that
// keep every residual arc's reduced cost non-negative (zero flow and zero
// potentials when all costs are non-negative). Primal–dual: Dijkstra on reduced costs finds the shortest
// distance to the sink and shifts the potentials so that every shortest path
// consists of zero-reduced-cost arcs; blocking flows on that admissible
// subgraph (Dinic's levels and current arcs) then saturate all paths of that
// length before the next Dijkstra.
func (g *network) minCostMaxFlow(source, sink int32) {
	for g.shiftPotentials(source, sink) {
		for g.levelAdmissible(source, sink) {
			copy(g.nextArc, g.start[:g.nodes()])
			for g.augment(source, sink) {
			}
		}
	}
}

// shiftPotentials runs Dijkstra from source on reduced costs and adds
// min(distance, distance to sink) to every potential, which keeps all reduced
// costs non-negative and makes the shortest paths to sink zero-cost. It
// reports false, leaving the potentials alone, when sink is unreachable.
func (g *network) shiftPotentials(source, sink int32) bool {
	dist := g.distance
	for v := range dist {
		dist[v] = infDistance
	}
	dist[source] = 0
	g.heap.reset()
	g.heap.push(0, source)
	for g.heap.len() > 0 {
		d, u := g.heap.pop()
		if d > dist[u] {
			continue
		}
		if u == sink {
			break
		}
		for a := g.start[u]; a < g.start[u+1]; a++ {
			if g.residual[a] == 0 {
				continue
			}
			w := g.head[a]
			if nd := d + g.reducedCost(u, a); nd < dist[w] {
				dist[w] = nd
				g.heap.push(nd, w)
			}
		}
	}
	limit := dist[sink]
	if limit == infDistance {
		return false
	}
	for v, d := range dist {
		g.potential[v] += min(d, limit)
	}
	return true
}

// levelAdmissible numbers the nodes by breadth-first distance from source
// over residual arcs of zero reduced cost and reports whether sink is reached.
// It numbers no node beyond the sink's level: no shortest path to the sink
// passes one.
func (g *network) levelAdmissible(source, sink int32) bool {
	for v := range g.level {
		g.level[v] = -1
	}
	g.level[source] = 0
	queue := append(g.queue[:0], source)
	for i := 0; i < len(queue); i++ {
		u := queue[i]
		if g.level[sink] >= 0 && g.level[u] >= g.level[sink] {
			break
		}
		for a := g.start[u]; a < g.start[u+1]; a++ {
			w := g.head[a]
			if g.residual[a] > 0 && g.level[w] < 0 && g.reducedCost(u, a) == 0 {
				g.level[w] = g.level[u] + 1
				queue = append(queue, w)
			}
		}
	}
	g.queue = queue
	return g.level[sink] >= 0
}

// augment pushes one unit along a level-increasing admissible path from u to
// sink, advancing the current arcs past dead ends; it reports success.
func (g *network) augment(u, sink int32) bool {
	if u == sink {
		return true
	}
	for ; g.nextArc[u] < g.start[u+1]; g.nextArc[u]++ {
		a := g.nextArc[u]
		w := g.head[a]
		if g.residual[a] > 0 && g.level[w] == g.level[u]+1 && g.reducedCost(u, a) == 0 && g.augment(w, sink) {
			g.residual[a]--
			g.residual[g.rev[a]]++
			return true
		}
	}
	return false
}

// distancesTo sets out[u] to the length, in original costs, of the shortest
// residual path from u to target, or infDistance when there is none. It runs
// Dijkstra backwards on the reduced costs, which the potentials keep
// non-negative.
func (g *network) distancesTo(target int32, out []int64) {
	for v := range out {
		out[v] = infDistance
	}
	out[target] = 0
	g.heap.reset()
	g.heap.push(0, target)
	for g.heap.len() > 0 {
		d, v := g.heap.pop()
		if d > out[v] {
			continue
		}
		for a := g.start[v]; a < g.start[v+1]; a++ {
			b := g.rev[a] // the arc u→v
			if g.residual[b] == 0 {
				continue
			}
			u := g.head[a]
			if nd := d + g.reducedCost(u, b); nd < out[u] {
				out[u] = nd
				g.heap.push(nd, u)
			}
		}
	}
	for u, d := range out {
		if d != infDistance {
			out[u] = d - g.potential[u] + g.potential[target]
		}
	}
}

// nodeHeap is a binary min-heap of (distance, node) entries; stale entries
// are skipped by the callers.
type nodeHeap struct {
	keys  []int64
	nodes []int32
}

func (h *nodeHeap) reset()   { h.keys, h.nodes = h.keys[:0], h.nodes[:0] }
func (h *nodeHeap) len() int { return len(h.keys) }

func (h *nodeHeap) push(key int64, node int32) {
	h.keys = append(h.keys, key)
	h.nodes = append(h.nodes, node)
	i := len(h.keys) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if h.keys[parent] <= key {
			break
		}
		h.keys[i], h.nodes[i] = h.keys[parent], h.nodes[parent]
		i = parent
	}
	h.keys[i], h.nodes[i] = key, node
}

func (h *nodeHeap) pop() (int64, int32) {
	key, node := h.keys[0], h.nodes[0]
	last := len(h.keys) - 1
	lastKey, lastNode := h.keys[last], h.nodes[last]
	h.keys, h.nodes = h.keys[:last], h.nodes[:last]
	if last > 0 {
		i := 0
		for {
			child := 2*i + 1
			if child >= last {
				break
			}
			if child+1 < last && h.keys[child+1] < h.keys[child] {
				child++
			}
			if h.keys[child] >= lastKey {
				break
			}
			h.keys[i], h.nodes[i] = h.keys[child], h.nodes[child]
			i = child
		}
		h.keys[i], h.nodes[i] = lastKey, lastNode
	}
	return key, node
}
