package pymarshal

// sequence reads tuples, lists, sets and frozensets. Every count is checked against the bytes
// left (each element takes at least one byte). Tuples, lists and
// sets are registered before their elements, so an element may refer back to its container;
// frozensets reserve their slot and are only registered once complete, as in CPython.
func (d *decoder) sequence(typ byte, flag bool) (*Value, error) {
	var n int
	var err error
	if typ == typeSmallTuple {
		n, err = d.u8()
		if err == nil && n > len(d.data)-d.pos {
			err = d.fail("tuple of %d items runs past the end", n)
		}
	} else {
		n, err = d.count(1)
	}
	if err != nil {
		return nil, err
	}
	kinds := map[byte]Kind{typeTuple: KindTuple, typeSmallTuple: KindTuple, typeList: KindList, typeSet: KindSet, typeFrozenSet: KindFrozenSet}
	// Capacity grows with the elements actually read, never with the claimed count: nested
	// containers each claiming every remaining byte would otherwise multiply the allocation.
	v := &Value{Kind: kinds[typ], Items: make([]*Value, 0, min(n, 16))}
	idx := -1
	if typ == typeFrozenSet && n > 0 {
		idx = d.reserve(flag)
	} else {
		d.remember(flag, v)
	}
	for range n {
		item, err := d.object()
		if err != nil {
			return nil, err
		}
		if item == nil {
			return nil, d.fail("NULL object in %s", v.Kind)
		}
		v.Items = append(v.Items, item)
	}
	d.insert(idx, v)
	return v, nil
}

// dict reads key/value pairs up to TYPE_NULL.
func (d *decoder) dict(flag bool) (*Value, error) {
	v := &Value{Kind: KindDict}
	d.remember(flag, v)
	for {
		k, err := d.object()
		if err != nil {
			return nil, err
		}
		if k == nil {
			return v, nil
		}
		val, err := d.object()
		if err != nil {
			return nil, err
		}
		if val == nil {
			return v, nil
		}
		v.Items = append(v.Items, k, val)
	}
}

// slice reads the start, stop and step of a marshal version 5 slice.
func (d *decoder) slice(flag bool) (*Value, error) {
	idx := d.reserve(flag)
	v := &Value{Kind: KindSlice}
	for range 3 {
		item, err := d.object()
		if err != nil {
			return nil, err
		}
		if item == nil {
			return nil, d.fail("NULL object in slice")
		}
		v.Items = append(v.Items, item)
	}
	d.insert(idx, v)
	return v, nil
}
