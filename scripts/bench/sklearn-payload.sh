#!/bin/sh
# Benchmark (d) end to end: a pickle dominated by large numpy payloads inside a real sklearn
# estimator (protocols 4 and 5, as pickle.dump writes them), scanned by the aisec binary.
# Needs Debian's python3-numpy and python3-sklearn. Usage: scripts/bench/sklearn-payload.sh [MiB]
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
mib=${1:-1024}
dir=${TMPDIR:-/tmp}/aisec-bench/sklearn
mkdir -p "$dir"
for proto in 4 5; do
	f=$dir/forest_p$proto.pkl
	[ -f "$f" ] || /usr/bin/python3 - "$f" "$mib" "$proto" <<'PY'
import pickle, sys
import numpy as np
from sklearn.linear_model import LogisticRegression
path, mib, proto = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
X = np.random.RandomState(0).rand(20, 4); y = np.array([0, 1] * 10)
model = LogisticRegression().fit(X, y)
# Widen the fitted model with large float arrays, as a big linear model or embedding would be.
model.coef_ = np.ones((8, mib * (1 << 20) // 64), dtype=np.float64)
with open(path, "wb") as fh:
    pickle.dump({"model": model, "note": "aisec benchmark"}, fh, protocol=proto)
PY
done
cd "$root" && go build -o "$dir/aisec" ./cmd/aisec
for proto in 4 5; do
	f=$dir/forest_p$proto.pkl
	size=$(wc -c <"$f")
	start=$(date +%s.%N)
	"$dir/aisec" scan --hash never -f json "$f" >/dev/null || true
	end=$(date +%s.%N)
	echo "$f $size" | awk -v s="$start" -v e="$end" '{printf "protocol-%s sklearn pickle, %.0f MiB: %.3f s, %.1f GiB/s\n", substr($1, length($1)-4, 1), $2/1048576, e-s, $2/1073741824/(e-s)}'
done
