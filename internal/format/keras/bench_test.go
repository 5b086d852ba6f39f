package keras

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aisecops/aisec/internal/limits"
)

// bigConfig builds a Keras 3 functional config of n Dense layers, shaped like what Keras
// writes (dtype policy, initializers, keras tensors in inbound_nodes).
func bigConfig(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"module": "keras.src.models.functional", "class_name": "Functional", "config": {"name": "big", "trainable": true, "layers": [`)
	b.WriteString(`{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 64], "dtype": "float32", "name": "l0"}, "registered_name": null, "name": "l0", "inbound_nodes": []}`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "l%d", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "units": 64, "activation": "relu", "use_bias": true, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, "registered_name": null}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}, "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null}, "registered_name": null, "build_config": {"input_shape": [null, 64]}, "name": "l%d", "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"shape": [null, 64], "dtype": "float32", "keras_history": ["l%d", 0, 0]}}], "kwargs": {}}]}`, i, i, i-1)
	}
	fmt.Fprintf(&b, `], "input_layers": [["l0", 0, 0]], "output_layers": [["l%d", 0, 0]]}, "registered_name": "Functional"}`, n)
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	data := bigConfig(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := Parse(data, OriginKerasConfig, limits.Budget{})
		if err != nil || len(m.Objects) != 4*5000+2 {
			b.Fatalf("%v %d", err, len(m.Objects))
		}
	}
}
