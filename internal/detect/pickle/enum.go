package pickle

import (
	"regexp"
	"strings"

	pkl "github.com/aisecops/aisec/internal/format/pickle"
)

// lookupArg matches the attribute name argument of getattr(owner, 'name'): a constant
// identifier that is not a dunder (__globals__, __subclasses__, __init__ are the escape routes).
var lookupArg = regexp.MustCompile(`, '([A-Za-z_][A-Za-z0-9_]*)'$`)

// lookupsOnly reports whether an imported getattr is only used the way real producers use it:
// Python 3.11+ pickles enum members as getattr(EnumClass, 'NAME'), and some schedulers store
// bound methods as getattr(instance, '_method'). That is harmless when the owner derives only
// from imports that are not denied and the looked-up value is never called by the pickle.
// getattr is otherwise the universal gadget (getattr(os, 'system')), so anything else stays
// critical.
func (d *Detector) lookupsOnly(s *pkl.Stream, im pkl.Import) bool {
	if !builtinModules[im.Module] || im.Name != "getattr" {
		return false
	}
	full := im.Module + "." + im.Name
	uses := 0
	for _, c := range s.Calls {
		switch {
		case strings.HasPrefix(c.Callee, full+"("):
			return false // the looked-up attribute is called
		case c.Callee != full:
			continue
		}
		m := lookupArg.FindStringSubmatch(c.Args)
		if c.Opcode != "REDUCE" || m == nil || strings.HasPrefix(m[1], "__") || !d.ownerSafe(s, c, im) {
			return false
		}
		uses++
	}
	for _, c := range s.Calls {
		if c.Opcode != "BUILD" && c.Callee != full && !flagCombiners[c.Callee] && strings.Contains(c.Args, full+"(") {
			return false // the looked-up value is handed to another call, which may call it
		}
	}
	return uses > 0
}

// flagCombiners are the calls Python uses to pickle combined enum flags (Flags.B | Flags.C):
// they combine the members and call nothing.
var flagCombiners = set("operator.or_", "_operator.or_", "operator.and_", "_operator.and_")

// ownerSafe checks the imports the owner expression (getattr's first argument, as rendered by
// the parser) is built from: at least one, each allowlisted or an unknown class (an enum of
// the user's), never a module or function outside the allowlist (getattr(torch.serialization,
// 'load') is a loader), none unresolved.
func (d *Detector) ownerSafe(s *pkl.Stream, c pkl.Call, getattr pkl.Import) bool {
	owner := c.Args[:lookupArg.FindStringIndex(c.Args)[0]]
	owners := 0
	for _, im := range s.Imports {
		full := im.Module + "." + im.Name
		if im.Offset == getattr.Offset || !strings.Contains(owner, full) {
			continue
		}
		owners++
		if !im.Resolved {
			return false
		}
		v, _ := d.policy.Classify(im.Module, im.Name, s.Protocol)
		if v != Allowed && (v != Unknown || !isClassName(full)) {
			return false
		}
	}
	return owners > 0
}
