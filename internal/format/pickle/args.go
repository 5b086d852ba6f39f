package pickle

// transforms are callables that turn one constant into the bytes another call consumes
// (pickle.loads(_codecs.encode(s, 'latin1')), pickle.loads(base64.b64decode(s))...). A loader
// applied to their result is the loader of the constant they were given.
var transforms = []struct{ module, name string }{
	{"_codecs", "encode"}, {"codecs", "encode"}, {"_codecs", "decode"}, {"codecs", "decode"},
	{"builtins", "bytes"}, {"__builtin__", "bytes"}, {"builtins", "bytearray"}, {"__builtin__", "bytearray"},
	{"base64", "b64decode"}, {"base64", "standard_b64decode"}, {"base64", "urlsafe_b64decode"},
	{"base64", "decodebytes"}, {"base64", "decodestring"}, {"base64", "b16decode"}, {"base64", "b32decode"},
	{"base64", "b85decode"}, {"base64", "a85decode"}, {"binascii", "a2b_base64"}, {"binascii", "unhexlify"},
	{"binascii", "a2b_hex"}, {"builtins", "bytes.fromhex"}, {"codecs", "latin_1_encode"},
	{"_codecs", "latin_1_encode"},
}

// noteArgs lists the str/bytes constants passed to a call (one level into list/tuple
// arguments too) and names the call as the loader of any embedded pickle they carry.
func (w *walker) noteArgs(fn val, callee string, args, kwargs val) {
	link := !w.isTransform(fn) // a transform's loader is whatever consumes its result
	for _, a := range w.argItems(args, kwargs) {
		w.noteArg(callee, a, link)
		if (a.k == kList || a.k == kTuple) && a.i >= 0 {
			for _, b := range w.pool.kept(w.pool.node(a.i)) {
				w.noteArg(callee, b, link)
			}
		}
	}
}

// argItems returns positional items and keyword values of a call.
func (w *walker) argItems(args, kwargs val) []val {
	var out []val
	if args.k == kTuple && args.i >= 0 {
		out = append(out, w.pool.kept(w.pool.node(args.i))...)
	} else if args.k != kTuple {
		out = append(out, args)
	}
	if kwargs.k == kDict && kwargs.i >= 0 {
		it := w.pool.kept(w.pool.node(kwargs.i))
		for i := 1; i < len(it); i += 2 {
			out = append(out, it[i])
		}
	}
	return out
}

func (w *walker) noteArg(callee string, a val, link bool) {
	// str arguments are listed; bytes only when they read as text (array data does not).
	if isText(a.k) && a.f&fOpaque == 0 && a.a > 0 && (a.k == kStr || printable(w.pool.bytesOf(a))) {
		off, full := w.pool.constInfo(a)
		w.rec.addConst(a.i, Constant{Offset: off, Text: string(w.pool.bytesOf(a)), Encoding: encRaw, Len: full, Arg: callee})
	}
	if link {
		w.linkLoader(a, callee, 0)
	}
}

// linkLoader names loader as the consumer of the embedded pickle in v, following transforms.
func (w *walker) linkLoader(v val, loader string, depth int) {
	switch {
	case isText(v.k) && v.f&fOpaque == 0:
		w.rec.setLoader(v.i, loader)
	case v.k == kCall && v.i >= 0 && depth < 4:
		it := w.pool.kept(w.pool.node(v.i))
		if len(it) < callItems || !w.isTransform(it[callFn]) {
			return
		}
		if items := w.argItems(it[callArgs], val{vhdr: vhdr{k: kNone}}); len(items) > 0 {
			w.linkLoader(items[0], loader, depth+1)
		}
	}
}

func (w *walker) isTransform(fn val) bool {
	for _, t := range transforms {
		if w.isGlobal(fn, t.name, t.module) {
			return true
		}
	}
	return false
}
