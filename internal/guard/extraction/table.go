package extraction

// get returns key's identity, creating it when absent, and marks it most recently seen.
// Creating first forgets up to two identities whose window is empty and that are not blocked
// (they carry no information), then, at the cap, the least recently seen identity. A blocked
// identity is skipped for a few places so that flooding the table with fresh identities does
// not lift blocks cheaply; with a table full of blocked identities the oldest goes anyway.
func (s *shard) get(key string, now int64, window int64) *identity {
	if id, ok := s.ids[key]; ok {
		s.moveToFront(id)
		return id
	}
	for i := 0; i < 2 && s.tail != nil && s.tail.idle(now, window); i++ {
		s.remove(s.tail)
	}
	if len(s.ids) >= s.max {
		s.remove(s.victim(now))
	}
	id := &identity{key: key}
	s.ids[key] = id
	s.pushFront(id)
	return id
}

// idle reports whether the identity's state no longer matters: no event within the window
// and no block in force.
func (id *identity) idle(now, window int64) bool {
	return id.lastSeen <= now-window && id.blockedUntil <= now
}

// victim picks the identity to evict: the least recently seen one that is not blocked among
// the last few, else the least recently seen.
func (s *shard) victim(now int64) *identity {
	id := s.tail
	for i := 0; i < 8 && id != nil; i, id = i+1, id.prev {
		if id.blockedUntil <= now {
			return id
		}
	}
	return s.tail
}

func (s *shard) remove(id *identity) {
	s.unlink(id)
	delete(s.ids, id.key)
}

func (s *shard) pushFront(id *identity) {
	id.prev, id.next = nil, s.head
	if s.head != nil {
		s.head.prev = id
	}
	s.head = id
	if s.tail == nil {
		s.tail = id
	}
}

func (s *shard) unlink(id *identity) {
	if id.prev != nil {
		id.prev.next = id.next
	} else {
		s.head = id.next
	}
	if id.next != nil {
		id.next.prev = id.prev
	} else {
		s.tail = id.prev
	}
	id.prev, id.next = nil, nil
}

func (s *shard) moveToFront(id *identity) {
	if s.head != id {
		s.unlink(id)
		s.pushFront(id)
	}
}
