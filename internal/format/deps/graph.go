package deps

// uvGraph holds what the workspace members of a uv.lock make of the other packages.
type uvGraph struct {
	pkgs      []uvPkg
	byName    map[string][]int
	direct    []bool
	prodReach []bool
	devReach  []bool
}

// newUVGraph marks the packages the workspace members list (direct) and walks the lock's
// dependency edges from their main dependencies (prod) and from their optional and dev
// dependencies (dev).
func newUVGraph(pkgs []uvPkg) *uvGraph {
	g := &uvGraph{pkgs: pkgs, byName: map[string][]int{}, direct: make([]bool, len(pkgs))}
	for i, p := range pkgs {
		n := pep503(p.name)
		g.byName[n] = append(g.byName[n], i)
	}
	var prod, dev []uvRef
	for _, p := range pkgs {
		if p.kind != "editable" && p.kind != "virtual" {
			continue
		}
		prod = append(prod, p.deps...)
		for _, refs := range p.optional {
			dev = append(dev, refs...)
		}
		for _, refs := range p.dev {
			dev = append(dev, refs...)
		}
	}
	for _, r := range append(append([]uvRef(nil), prod...), dev...) {
		for _, i := range g.resolve(r) {
			g.direct[i] = true
		}
	}
	g.prodReach = g.reach(prod)
	g.devReach = g.reach(dev)
	return g
}

// resolve returns the packages a reference names: every version of the name unless the
// reference gives one.
func (g *uvGraph) resolve(r uvRef) []int {
	all := g.byName[pep503(r.name)]
	if r.version == "" {
		return all
	}
	for _, i := range all {
		if g.pkgs[i].version == r.version {
			return []int{i}
		}
	}
	return all
}

// reach marks every package reachable from roots through dependencies and through the
// optional dependencies of the extras an edge requests. Each package and each (package,
// extra) pair is expanded once, so the walk is linear in the lock's edges.
func (g *uvGraph) reach(roots []uvRef) []bool {
	seen := make([]bool, len(g.pkgs))
	type extraKey struct {
		i     int
		extra string
	}
	seenExtra := map[extraKey]bool{}
	queue := append([]uvRef(nil), roots...)
	for len(queue) > 0 {
		r := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, i := range g.resolve(r) {
			for _, e := range r.extras {
				if k := (extraKey{i, e}); !seenExtra[k] {
					seenExtra[k] = true
					queue = append(queue, g.pkgs[i].optional[e]...)
				}
			}
			if !seen[i] {
				seen[i] = true
				queue = append(queue, g.pkgs[i].deps...)
			}
		}
	}
	return seen
}
