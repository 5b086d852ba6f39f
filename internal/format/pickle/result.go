package pickle

// summarize turns the value STOP returns into a Value.
func (w *walker) summarize(v val) Value {
	out := Value{Kind: ValueOther, Repr: w.render(v, resultLimit)}
	switch v.k {
	case kNone:
		out.Kind = ValueNone
	case kInt, kBool:
		out.Kind = ValueInt
		out.Int = out.Repr
		if v.k == kBool {
			out.Int = "0"
			if v.i != 0 {
				out.Int = "1"
			}
		}
	case kBigInt:
		out.Kind = ValueInt
		if v.f&(fOpaque|fTrunc) == 0 {
			out.Int = string(w.pool.bytesOf(v))
		}
	case kStr:
		out.Kind = ValueString
	case kBytes, kByteArray:
		out.Kind = ValueBytes
	case kDict:
		out.Kind = ValueDict
	case kList:
		out.Kind = ValueList
	case kTuple:
		out.Kind = ValueTuple
	case kCall:
		out.Kind = ValueCall
	case kGlobal:
		out.Kind = ValueGlobal
	}
	return out
}
