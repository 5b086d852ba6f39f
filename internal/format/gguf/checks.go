package gguf

import (
	"strings"
)

// expect is the value type llama.cpp requires for a well-known key (elem for arrays).
type expect struct {
	t, elem ValueType
}

// wellKnown lists keys whose type llama.cpp relies on without always checking it: a vocabulary
// array of the wrong element type is read with the wrong stride (heap over-read).
var wellKnown = map[string]expect{
	"general.architecture":            {t: TypeString},
	"general.alignment":               {t: TypeUint32},
	"general.file_type":               {t: TypeUint32},
	"general.quantization_version":    {t: TypeUint32},
	"tokenizer.ggml.model":            {t: TypeString},
	"tokenizer.ggml.tokens":           {t: TypeArray, elem: TypeString},
	"tokenizer.ggml.merges":           {t: TypeArray, elem: TypeString},
	"tokenizer.ggml.scores":           {t: TypeArray, elem: TypeFloat32},
	"tokenizer.ggml.token_type":       {t: TypeArray, elem: TypeInt32},
	"tokenizer.ggml.bos_token_id":     {t: TypeUint32},
	"tokenizer.ggml.eos_token_id":     {t: TypeUint32},
	"tokenizer.ggml.unknown_token_id": {t: TypeUint32},
	"tokenizer.ggml.padding_token_id": {t: TypeUint32},
}

// tokenIDKeys index the vocabulary.
var tokenIDKeys = []string{"tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id",
	"tokenizer.ggml.unknown_token_id", "tokenizer.ggml.padding_token_id", "tokenizer.ggml.seperator_token_id"}

// maxLayers is LLAMA_MAX_LAYERS: hyperparameter arrays in llama.cpp have this many slots.
const maxLayers = 512

// checkKey records empty keys and keys with control or non-ASCII bytes.
func (f *File) checkKey(key string, off int64) {
	if key == "" {
		f.anomaly(BadKey, off, "empty metadata key")
		return
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x20 || c >= 0x7f {
			f.anomaly(BadKey, off, "metadata key %q has control or non-ASCII byte 0x%02x", clip(key), c)
			return
		}
	}
}

// UintValue returns an integer value as uint64 when it is an unsigned or non-negative integer.
func (kv KV) UintValue() (uint64, bool) {
	switch kv.Type {
	case TypeUint8, TypeUint16, TypeUint32, TypeUint64:
		return kv.Uint, true
	case TypeInt8, TypeInt16, TypeInt32, TypeInt64:
		return uint64(kv.Int), kv.Int >= 0
	}
	return 0, false
}

// checkKVs checks the metadata as a whole: types of well-known keys, the alignment, and values
// that index llama.cpp's fixed-size tables.
func (f *File) checkKVs() {
	for _, kv := range f.KVs {
		f.checkType(kv)
		if strings.HasSuffix(kv.Key, ".block_count") {
			if n, ok := kv.UintValue(); ok && n > maxLayers {
				f.anomaly(ValueOutOfRange, kv.Offset, "%s is %d; llama.cpp holds at most %d layers", clip(kv.Key), n, maxLayers)
			}
		}
	}
	f.checkAlignment()
	f.checkVocab()
}

// checkType records a well-known key or chat template holding the wrong type.
func (f *File) checkType(kv KV) {
	want, ok := wellKnown[kv.Key]
	if IsTemplateKey(kv.Key) {
		want, ok = expect{t: TypeString}, true
	}
	if !ok {
		return
	}
	if kv.Type != want.t {
		f.anomaly(KeyType, kv.Offset, "%s holds a %s, loaders expect a %s", clip(kv.Key), kv.Type, want.t)
		return
	}
	if kv.Array != nil && kv.Array.Elem != want.elem {
		f.anomaly(KeyType, kv.Offset, "%s is an array of %s, loaders expect %s", clip(kv.Key), kv.Array.Elem, want.elem)
	}
}

// checkAlignment validates general.alignment and adopts it when usable.
func (f *File) checkAlignment() {
	kv, ok := f.Get(alignmentKey)
	if !ok {
		return
	}
	n, isInt := kv.UintValue()
	switch {
	case kv.Type != TypeUint32 && !isInt:
		f.anomaly(BadAlignment, kv.Offset, "general.alignment holds a %s", kv.Type)
	case n == 0 || n&(n-1) != 0:
		f.anomaly(BadAlignment, kv.Offset, "general.alignment %d is not a non-zero power of two", n)
	default:
		if kv.Type != TypeUint32 {
			f.anomaly(BadAlignment, kv.Offset, "general.alignment holds a %s, llama.cpp requires uint32", kv.Type)
		}
		if n > 1<<20 {
			f.anomaly(BadAlignment, kv.Offset, "general.alignment %d is implausibly large", n)
		}
		f.Alignment = n
	}
}

// checkVocab compares the lengths of tokenizer arrays that loaders index with the same token
// id, and the special token ids with the vocabulary size.
func (f *File) checkVocab() {
	tokens, ok := f.Get("tokenizer.ggml.tokens")
	if !ok || tokens.Array == nil {
		return
	}
	n := tokens.Array.Len
	for _, key := range []string{"tokenizer.ggml.scores", "tokenizer.ggml.token_type"} {
		if kv, ok := f.Get(key); ok && kv.Array != nil && kv.Array.Len != n {
			f.anomaly(ArrayMismatch, kv.Offset, "%s has %d entries for %d tokens", key, kv.Array.Len, n)
		}
	}
	for _, key := range tokenIDKeys {
		if kv, ok := f.Get(key); ok {
			if kv.Int < 0 {
				continue // -1 means "no such token" (LLAMA_TOKEN_NULL)
			}
			if id, ok := kv.UintValue(); !ok || id >= n {
				f.anomaly(BadTokenID, kv.Offset, "%s is outside the %d-token vocabulary", key, n)
			}
		}
	}
}
