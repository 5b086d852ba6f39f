package pickle

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxInterned bounds the map that shares arena storage between repeated global names.
const maxInterned = 100_000

// global handles GLOBAL and INST: two newline-terminated UTF-8 names.
func (w *walker) global(op byte) error {
	if op == opInst && len(w.marks) == 0 {
		w.anomaly(AnomalyMarkMismatch, w.opStart, "could not find MARK")
		return w.failf("could not find MARK")
	}
	module, err := w.globalLine(op)
	if err != nil {
		return err
	}
	name, err := w.globalLine(op)
	if err != nil {
		return err
	}
	g := w.importGlobal(module, name, op, true, "")
	if op == opGlobal {
		return w.push(g)
	}
	items, err := w.popMark()
	if err != nil {
		return err
	}
	return w.pushCall(op, g, w.tupleOf(items), val{vhdr: vhdr{k: kNone}})
}

// globalLine reads one GLOBAL/INST operand. CPython decodes it as strict UTF-8; bytes that no
// Python identifier contains are flagged because they only serve to confuse scanners.
func (w *walker) globalLine(op byte) (string, error) {
	line, total, _, ok := w.src.readLine(maxLineKeep)
	if !ok {
		return "", w.unterminated(opName(op))
	}
	if !utf8.Valid(line) {
		w.anomaly(AnomalyNonASCIIGlobal, w.opStart, opName(op)+" operand is not valid UTF-8")
		return "", w.failf("%s: 'utf-8' codec can't decode the operand", opName(op))
	}
	s := string(line)
	if int64(len(line)) < total {
		w.anomaly(AnomalyNonASCIIGlobal, w.opStart, fmt.Sprintf("%s operand of %d bytes", opName(op), total))
	} else if !plainName(line) {
		w.anomaly(AnomalyNonASCIIGlobal, w.opStart, fmt.Sprintf("%s operand %q has unusual bytes", opName(op), s))
	}
	return s, nil
}

// plainName reports whether b looks like a dotted Python identifier in ASCII.
func plainName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !(c == '_' || c == '.' || (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
			return false
		}
	}
	return true
}

// importGlobal records an import and returns the symbolic global. When BUILD earlier rebound
// the attribute it names, the value it had at this point is remembered with the global.
func (w *walker) importGlobal(module, name string, op byte, resolved bool, via string) val {
	ov, rebound := w.rec.overrides[module+"."+name]
	if rebound && resolved {
		if via != "" {
			via += "; "
		}
		via += "attribute rebound by BUILD on a global to " + w.render(ov, 80)
	}
	im := Import{Module: module, Name: name, Offset: w.opStart, Opcode: opName(op), Resolved: resolved, Via: via}
	v := val{vhdr: vhdr{k: kGlobal, x: uint16(op), a: w.rec.addImport(im)}}
	if !resolved {
		v.f |= fUnres
	}
	if rebound {
		text := module + "\n" + name
		v.i = w.pool.store([]byte(text), w.opStart, int64(len(text)))
		if w.rec.rebound == nil {
			w.rec.rebound = make(map[int64]val)
		}
		w.rec.rebound[v.i] = ov
		return v
	}
	w.setGlobalText(&v, module+"\n"+name)
	return v
}

// setGlobalText stores "module\nname" for a global, sharing storage between repeats.
func (w *walker) setGlobalText(v *val, text string) {
	if ref, ok := w.interned[text]; ok {
		v.i = ref
		return
	}
	if w.pool.arenaLen >= 2*arenaHard {
		v.f |= fOpaque
		return
	}
	v.i = w.pool.store([]byte(text), w.opStart, int64(len(text)))
	if len(w.interned) < maxInterned {
		if w.interned == nil {
			w.interned = make(map[string]int64)
		}
		w.interned[text] = v.i
	}
}

// stackGlobal handles STACK_GLOBAL, resolving constant operands however they were reached
// (directly, through the memo, through DUP).
func (w *walker) stackGlobal() error {
	n := len(w.stack)
	if n-w.fence < 2 {
		return w.underflow()
	}
	mod, name := w.stack[n-2], w.stack[n-1]
	pm, pn := memoOrigin(mod), memoOrigin(name)
	w.stack = w.stack[:n-2]
	if exactStr(mod) && exactStr(name) {
		p := &w.pool
		g := w.importGlobal(string(p.bytesOf(mod)), string(p.bytesOf(name)), opStackGlobal, true, viaMemo(pm, pn))
		return w.push(g)
	}
	if neverStr(mod.k) || neverStr(name.k) {
		return w.failf("STACK_GLOBAL requires str (got %s and %s)", kindName(mod.k), kindName(name.k))
	}
	mt, md := w.operand(mod, pm)
	nt, nd := w.operand(name, pn)
	g := w.importGlobal(mt, nt, opStackGlobal, false, "module "+md+"; name "+nd)
	return w.push(g)
}

// exactStr reports whether v is a str constant known in full.
func exactStr(v val) bool { return v.k == kStr && v.f&(fTrunc|fOpaque) == 0 }

// neverStr reports whether a value of kind k can never be a str at run time.
func neverStr(k kind) bool {
	switch k {
	case kNone, kBool, kInt, kBigInt, kFloat, kBytes, kByteArray, kTuple, kList, kDict, kSet, kFrozenSet:
		return true
	}
	return false
}

// operand describes a STACK_GLOBAL operand that is not a constant: its best-known text and
// how it was reached.
func (w *walker) operand(v val, prov uint32) (text, desc string) {
	src := "from the stack"
	switch {
	case prov == 0xffff:
		src = "from the memo"
	case prov > 0:
		src = "from memo " + strconv.FormatUint(uint64(prov-1), 10)
	}
	switch {
	case exactStr(v):
		t := string(w.pool.bytesOf(v))
		return t, "is the str " + w.render(v, 80) + " " + src
	case v.k == kStr:
		return string(w.pool.bytesOf(v)) + "...", "is a truncated str " + src
	case v.k == kGlobal:
		path := globalName(w.pool.bytesOf(v))
		if ov, ok := w.rec.rebound[v.i]; ok && v.f&fOpaque == 0 {
			if exactStr(ov) {
				text = string(w.pool.bytesOf(ov))
			} else {
				text = w.render(ov, 80)
			}
			return text, "is global " + path + " (" + src + "), rebound by BUILD to " + w.render(ov, 80)
		}
		return path, "is the global " + path + " " + src
	}
	r := w.render(v, 80)
	return r, "is a " + kindName(v.k) + " " + src + ": " + r
}

// memoOrigin returns the memo key + 1 a value was fetched with by GET, 0 if unknown.
func memoOrigin(v val) uint32 {
	if v.k == kGlobal {
		return 0
	}
	return uint32(v.x)
}

// viaMemo describes memo provenance of resolved STACK_GLOBAL operands.
func viaMemo(pm, pn uint32) string {
	switch {
	case pm > 0 && pn > 0:
		return memoName(pm) + " and " + memoName(pn)
	case pm > 0:
		return "module from " + memoName(pm)
	case pn > 0:
		return "name from " + memoName(pn)
	}
	return ""
}

func memoName(origin uint32) string {
	if origin == 0xffff {
		return "the memo"
	}
	return fmt.Sprintf("memo %d", origin-1)
}

// importOf returns the Import a global value came from.
func (w *walker) importOf(v val) Import {
	if v.a > 0 && int(v.a) <= len(w.st.Imports) {
		return w.st.Imports[v.a-1]
	}
	b := w.pool.bytesOf(v)
	mod, name, _ := bytes.Cut(b, []byte{'\n'})
	off, _ := w.pool.constInfo(v)
	return Import{Module: string(mod), Name: string(name), Offset: off, Opcode: opName(byte(v.x)), Resolved: v.f&fUnres == 0}
}

// ext handles EXT1/EXT2/EXT4: a reference into copyreg's extension registry.
func (w *walker) ext(op byte) error {
	size := 4
	switch op {
	case opExt1:
		size = 1
	case opExt2:
		size = 2
	}
	if err := w.need(size, op); err != nil {
		return err
	}
	var code int64
	switch op {
	case opExt1:
		code = w.u8()
	case opExt2:
		code = w.u16()
	default:
		code = w.i32()
	}
	if code <= 0 {
		return w.failf("EXT specifies code <= 0")
	}
	w.st.Ext = append(w.st.Ext, Ext{Offset: w.opStart, Code: code})
	v := val{vhdr: vhdr{k: kGlobal, f: fExt, x: uint16(op)}}
	w.setGlobalText(&v, "copyreg\n_extension_registry["+strconv.FormatInt(code, 10)+"]")
	return w.push(v)
}

// isGlobal reports whether v is the global module.name (any of the given modules).
func (w *walker) isGlobal(v val, name string, modules ...string) bool {
	if v.k != kGlobal || v.f&(fOpaque|fExt) != 0 {
		return false
	}
	mod, n, _ := bytes.Cut(w.pool.bytesOf(v), []byte{'\n'})
	if string(n) != name {
		return false
	}
	for _, m := range modules {
		if string(mod) == m || strings.HasSuffix(string(mod), "."+m) {
			return true
		}
	}
	return false
}
