package pickle

// Caps on what one stream lists (see Omitted). They bound the model for hostile input while
// leaving ordinary models, which have at most a few thousand globals and calls, untouched.
const (
	softImports    = 10_000
	hardImports    = 100_000
	softCalls      = 10_000
	hardCalls      = 50_000
	maxAnomalies   = 1_000
	maxStrings     = 4_096
	maxStringBytes = 1 << 20
	maxNestedKept  = 256   // embedded pickles listed whatever they hold
	maxNested      = 4_096 // embedded pickles listed when they hold something

	// recordBudget bounds the bytes of all records of one Parse call, stacked and embedded
	// pickles included: REDUCE chains render long callees from a few input bytes each.
	recordBudget = 64 << 20
	recordCost   = 64 // rough fixed size of one record
)

// recorder appends to the lists of a Stream, enforcing the caps above.
type recorder struct {
	st          *Stream
	left        *int64 // shared recordBudget still available
	importSeen  map[string]struct{}
	calleeSeen  map[calleeKey]struct{}
	constAt     map[int64]int  // arena ref -> index in Strings
	nestedAt    map[int64]int  // arena ref -> index in Nested
	overrides   map[string]val // "module.name.attr" -> value BUILD bound on a global
	rebound     map[int64]val  // arena ref of a global -> the rebound value it resolved to
	stringBytes int
}

// calleeKey identifies a callee for de-duplication past softCalls: a global by its arena ref,
// anything else by its rendering.
type calleeKey struct {
	op  byte
	ref int64
	s   string
}

// addImport lists im and returns its index + 1, or 0 when it was only counted.
func (r *recorder) addImport(im Import) uint32 {
	n := len(r.st.Imports)
	if n >= hardImports || *r.left <= 0 {
		r.st.Omitted.Imports++
		return 0
	}
	if n >= softImports {
		if r.importSeen == nil {
			r.importSeen = make(map[string]struct{}, n)
			for _, o := range r.st.Imports {
				r.importSeen[importKey(o)] = struct{}{}
			}
		}
		k := importKey(im)
		if _, ok := r.importSeen[k]; ok {
			r.st.Omitted.Imports++
			return 0
		}
		r.importSeen[k] = struct{}{}
	}
	*r.left -= int64(len(im.Module) + len(im.Name) + len(im.Via) + recordCost)
	r.st.Imports = append(r.st.Imports, im)
	return uint32(n + 1)
}

func importKey(im Import) string {
	k := im.Module + "\n" + im.Name
	if !im.Resolved {
		k += "\n?"
	}
	return k
}

// allowCall reports whether a call with this callee is listed (true) or only counted. Keys
// are remembered from the first call so that de-duplication past softCalls is exact.
func (r *recorder) allowCall(k calleeKey) bool {
	n := len(r.st.Calls)
	if n >= hardCalls || *r.left <= 0 {
		r.st.Omitted.Calls++
		return false
	}
	if r.calleeSeen == nil {
		r.calleeSeen = make(map[calleeKey]struct{})
	}
	if _, ok := r.calleeSeen[k]; ok && n >= softCalls {
		r.st.Omitted.Calls++
		return false
	}
	r.calleeSeen[k] = struct{}{}
	return true
}

// addCall lists a call allowCall accepted.
func (r *recorder) addCall(c Call) {
	n := len(c.Callee) + len(c.Args) + recordCost
	for _, im := range c.Roots {
		n += len(im.Module) + len(im.Name) + len(im.Via) + recordCost
	}
	*r.left -= int64(n)
	r.st.Calls = append(r.st.Calls, c)
}

func (r *recorder) anomaly(a Anomaly) {
	if len(r.st.Anomalies) >= maxAnomalies || *r.left <= 0 {
		r.st.Omitted.Anomalies++
		return
	}
	*r.left -= int64(len(a.Detail) + recordCost)
	r.st.Anomalies = append(r.st.Anomalies, a)
}

// addConst lists a constant; a constant already listed only gains its Arg.
func (r *recorder) addConst(ref int64, c Constant) {
	if i, ok := r.constAt[ref]; ok {
		if r.st.Strings[i].Arg == "" {
			r.st.Strings[i].Arg = c.Arg
		}
		return
	}
	if len(r.st.Strings) >= maxStrings || r.stringBytes+len(c.Text) > maxStringBytes || *r.left <= 0 {
		r.st.Omitted.Strings++
		return
	}
	*r.left -= int64(len(c.Text) + len(c.Arg) + recordCost)
	if r.constAt == nil {
		r.constAt = make(map[int64]int)
	}
	r.constAt[ref] = len(r.st.Strings)
	r.stringBytes += len(c.Text)
	r.st.Strings = append(r.st.Strings, c)
}

// addNested lists an embedded pickle found in the constant at arena ref.
func (r *recorder) addNested(ref int64, n Nested) {
	if len(r.st.Nested) >= maxNested || (len(r.st.Nested) >= maxNestedKept && inert(n.File)) {
		r.st.Omitted.Nested++
		return
	}
	if r.nestedAt == nil {
		r.nestedAt = make(map[int64]int)
	}
	r.nestedAt[ref] = len(r.st.Nested)
	r.st.Nested = append(r.st.Nested, n)
}

// setLoader names the call an embedded pickle is passed to, keeping the first one.
func (r *recorder) setLoader(ref int64, loader string) bool {
	i, ok := r.nestedAt[ref]
	if !ok {
		return false
	}
	if r.st.Nested[i].Loader == "" {
		r.st.Nested[i].Loader = loader
	}
	return true
}

// inert reports whether a parsed embedded file holds nothing a detector would act on.
func inert(f *File) bool {
	if f == nil {
		return false
	}
	for _, s := range f.Streams {
		if len(s.Imports) > 0 || len(s.Calls) > 0 || len(s.Ext) > 0 || len(s.Nested) > 0 ||
			s.Err != nil || s.Exceeded != nil || len(s.Anomalies) > 0 || len(s.Strings) > 0 {
			return false
		}
	}
	return true
}
