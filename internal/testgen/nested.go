package testgen

import (
	"encoding/base64"
	"encoding/hex"
)

// nestedCases hide a pickle inside a pickle: loaded by a call, or only carried as data.
func nestedCases() []Case {
	inner := p2Payload("os", "system", Cmd)
	return casesOf([]gadget{
		{"nested_pickle_loads.pkl", "pickle.loads(bytes): the outer pickle unpickles an inner os.system pickle", call("pickle", "loads", inner), false},
		{"nested_c_pickle_loads.pkl", "_pickle.loads(bytes): the C module alias", call("_pickle", "loads", inner), false},
		{"nested_pickle_base64_decode.pkl", "pickle.loads(base64.b64decode(str)): decode-and-load chain", call("pickle", "loads", call("base64", "b64decode", base64.StdEncoding.EncodeToString(inner))), false},
		{"nested_pickle_base64_inert.pkl", "plain dict whose 'blob' string is a base64 os.system pickle; nothing loads it, a scanner decoding nested data should still flag it", dictOf{[]string{"model", "blob"}, []any{"tiny", base64.StdEncoding.EncodeToString(inner)}}, false},
		{"nested_pickle_hex_inert.pkl", "plain dict whose 'blob' string is a hex-encoded os.system pickle (inert data)", dictOf{[]string{"model", "blob"}, []any{"tiny", hex.EncodeToString(inner)}}, false},
		{"nested_pickle_raw_bytes_inert.pkl", "plain dict holding the raw bytes of an os.system pickle (inert data)", dictOf{[]string{"model", "blob"}, []any{"tiny", inner}}, false},
	})
}
