import base64
import zlib

_BLOB = "eJzLzE3NLy1RKEotLs0pAQAl+AVg"
exec(zlib.decompress(base64.b64decode(_BLOB)))


def _stage_two(data):
    code = base64.b64decode(data).decode()
    return eval(code)


exec("".join(chr(c) for c in [112, 114, 105, 110, 116, 40, 41]))
exec(bytes.fromhex("7072696e74282729").decode())
