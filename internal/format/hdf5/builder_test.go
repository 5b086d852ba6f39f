package hdf5

import (
	"encoding/binary"
)

// The helpers below assemble tiny HDF5 files byte by byte for what h5py cannot produce:
// superblock v1, continuation cycles, hostile lengths and checksums. Offsets and lengths are
// 8 bytes throughout.

const undef = ^uint64(0)

// image is a file under construction; place writes bytes at a fixed offset, growing it.
type image struct{ b []byte }

func (im *image) place(at uint64, data []byte) {
	if need := int(at) + len(data); need > len(im.b) {
		im.b = append(im.b, make([]byte, need-len(im.b))...)
	}
	copy(im.b[at:], data)
}

func le(n int, v uint64) []byte {
	b := make([]byte, 8)
	binary.LittleEndian.PutUint64(b, v)
	return b[:n]
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func padTo8(b []byte) []byte { return append(b, make([]byte, pad8(len(b))-len(b))...) }

func withChecksum(b []byte) []byte { return append(b, le(4, uint64(lookup3(b)))...) }

// superblock01 is a version 0 or 1 superblock whose root symbol table entry points at root.
func superblock01(version byte, root, eof uint64) []byte {
	b := cat([]byte(Signature), []byte{version, 0, 0, 0, 0, 8, 8, 0}, le(2, 4), le(2, 16), le(4, 0))
	if version == 1 {
		b = cat(b, le(2, 32), le(2, 0))
	}
	return cat(b, le(8, 0), le(8, undef), le(8, eof), le(8, undef),
		le(8, 0), le(8, root), le(4, 0), le(4, 0), make([]byte, 16))
}

// superblock23 is a version 2 or 3 superblock with its checksum.
func superblock23(version byte, root, eof uint64) []byte {
	return withChecksum(cat([]byte(Signature), []byte{version, 8, 8, 0},
		le(8, 0), le(8, undef), le(8, eof), le(8, root)))
}

// msg1 is a v1 object header message: type, size, flags, reserved, body padded to 8.
func msg1(typ uint16, body []byte) []byte {
	body = padTo8(body)
	return cat(le(2, uint64(typ)), le(2, uint64(len(body))), []byte{0, 0, 0, 0}, body)
}

// ohdr1 is a v1 object header: the 16-byte prefix, then the messages.
func ohdr1(msgs ...[]byte) []byte {
	body := cat(msgs...)
	return cat([]byte{1, 0}, le(2, uint64(len(msgs))), le(4, 1), le(4, uint64(len(body))), le(4, 0), body)
}

// msg2 is a v2 object header message: type, size, flags, body.
func msg2(typ uint8, body []byte) []byte {
	return cat([]byte{typ}, le(2, uint64(len(body))), []byte{0}, body)
}

// ohdr2 is a v2 object header with a 4-byte chunk size field and its checksum.
func ohdr2(msgs ...[]byte) []byte {
	body := cat(msgs...)
	return withChecksum(cat([]byte("OHDR"), []byte{2, 0x02}, le(4, uint64(len(body))), body))
}

// ochk is a v2 continuation chunk.
func ochk(msgs ...[]byte) []byte {
	return withChecksum(cat([]byte("OCHK"), cat(msgs...)))
}

func continuation(at, n uint64) []byte { return cat(le(8, at), le(8, n)) }

// fixedString is a datatype message for a NUL-terminated ASCII string of n bytes.
func fixedString(n uint32) []byte { return cat([]byte{0x13, 0, 0, 0}, le(4, uint64(n))) }

// scalar is a version 1 scalar dataspace message.
func scalar() []byte { return []byte{1, 0, 0, 0, 0, 0, 0, 0} }

// attr1 is a version 1 attribute message (name, datatype and dataspace padded to 8).
func attr1(name string, dt, ds, data []byte) []byte {
	n := append([]byte(name), 0)
	return cat([]byte{1, 0}, le(2, uint64(len(n))), le(2, uint64(len(dt))), le(2, uint64(len(ds))),
		padTo8(n), padTo8(dt), padTo8(ds), data)
}

// attr3 is a version 3 attribute message (no padding, name character set byte).
func attr3(name string, dt, ds, data []byte) []byte {
	n := append([]byte(name), 0)
	return cat([]byte{3, 0}, le(2, uint64(len(n))), le(2, uint64(len(dt))), le(2, uint64(len(ds))),
		[]byte{0}, n, dt, ds, data)
}

// stringAttr1 is a scalar fixed-length string attribute, version 1.
func stringAttr1(name, value string) []byte {
	return attr1(name, fixedString(uint32(len(value))), scalar(), []byte(value))
}

// groupInfo and emptyLinkInfo make an object header a new-style group with no links.
func groupInfo() []byte     { return []byte{0, 0} }
func emptyLinkInfo() []byte { return cat([]byte{0, 0}, le(8, undef), le(8, undef)) }

// fileV1 builds a superblock v1 file whose root group (a v1 object header at 128) holds the
// given messages; extra blocks are placed at their offsets.
func fileV1(rootMsgs [][]byte, extra map[uint64][]byte) []byte {
	im := &image{}
	msgs := append([][]byte{msg1(msgLinkInfo, emptyLinkInfo()), msg1(0x000A, groupInfo())}, rootMsgs...)
	im.place(128, ohdr1(msgs...))
	for at, b := range extra {
		im.place(at, b)
	}
	im.place(0, superblock01(1, 128, uint64(len(im.b))))
	return im.b
}

// fileV2 builds a superblock v2 file whose root group (a v2 object header at 64) holds the
// given messages.
func fileV2(rootMsgs [][]byte, extra map[uint64][]byte) []byte {
	im := &image{}
	msgs := append([][]byte{msg2(msgLinkInfo, emptyLinkInfo()), msg2(0x0A, groupInfo())}, rootMsgs...)
	im.place(64, ohdr2(msgs...))
	for at, b := range extra {
		im.place(at, b)
	}
	im.place(0, superblock23(2, 64, uint64(len(im.b))))
	return im.b
}
