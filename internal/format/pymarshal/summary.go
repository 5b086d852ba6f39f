package pymarshal

// maxWalkDepth bounds the walk over constants: containers may be shared or cyclic.
const maxWalkDepth = 64

// Summary flattens a code object and every code object nested in its constants (inner lambdas,
// comprehensions, local functions) into the lists a detector reads.
type Summary struct {
	Functions []string // qualified names (3.11+) or names of the code objects, outermost first
	Names     []string // co_names: globals, attributes and modules the code loads, in first-seen order
	Strings   []string // str constants
	VarNames  []string // arguments, locals, cell and free variables
	Filenames []string
	Truncated bool // a list reached max entries, or constants nested deeper than the walk follows
}

// Summarize walks c and its nested code objects, keeping at most max unique entries per list.
func Summarize(c *Code, max int) Summary {
	w := &walker{max: max, seen: map[any]bool{}, sets: map[*[]string]map[string]bool{}}
	w.code(c, 0)
	return w.s
}

type walker struct {
	s    Summary
	max  int
	seen map[any]bool // code objects and containers already walked
	sets map[*[]string]map[string]bool
}

func (w *walker) add(list *[]string, items ...string) {
	set := w.sets[list]
	if set == nil {
		set = map[string]bool{}
		w.sets[list] = set
	}
	for _, it := range items {
		if set[it] {
			continue
		}
		if len(*list) >= w.max {
			w.s.Truncated = true
			return
		}
		set[it] = true
		*list = append(*list, it)
	}
}

func (w *walker) code(c *Code, depth int) {
	if c == nil || w.seen[c] {
		return
	}
	if depth > maxWalkDepth {
		w.s.Truncated = true
		return
	}
	w.seen[c] = true
	name := c.QualName
	if name == "" {
		name = c.Name
	}
	w.add(&w.s.Functions, name)
	w.add(&w.s.Names, c.Names...)
	w.add(&w.s.VarNames, c.VarNames...)
	w.add(&w.s.VarNames, c.CellVars...)
	w.add(&w.s.VarNames, c.FreeVars...)
	if c.Filename != "" {
		w.add(&w.s.Filenames, c.Filename)
	}
	for _, v := range c.Consts {
		w.value(v, depth+1)
	}
}

func (w *walker) value(v *Value, depth int) {
	if v == nil {
		return
	}
	if depth > maxWalkDepth {
		w.s.Truncated = true
		return
	}
	switch v.Kind {
	case KindStr:
		w.add(&w.s.Strings, v.Str)
	case KindCode:
		w.code(v.Code, depth)
	case KindTuple, KindList, KindSet, KindFrozenSet, KindDict, KindSlice:
		if w.seen[v] {
			return
		}
		w.seen[v] = true
		for _, it := range v.Items {
			w.value(it, depth+1)
		}
	}
}
