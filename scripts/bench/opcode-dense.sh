#!/bin/sh
# Compare aisec's pickle walker with CPython's pickletools.genops on the same opcode-dense
# pickle: about 13 MB of small dicts, lists, tuples, ints, floats and strings (5.2 million
# opcodes), as CPython's protocol 4 pickler writes them (memo, batched SETITEMS/APPENDS, frames).
#
# Usage: scripts/bench/opcode-dense.sh [FIXTURE_PATH]
# Environment: PYTHON (default /usr/bin/python3), BENCHTIME (default 10x).
# Both sides report the best of 3 runs.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
python=${PYTHON:-/usr/bin/python3}
benchtime=${BENCHTIME:-10x}
fixture=${1:-${TMPDIR:-/tmp}/aisec-pickle-dense-bench.pkl}

AISEC_DENSE_FIXTURE=$fixture go test -count=1 -run '^TestWriteDenseFixture$' ./internal/format/pickle/ >/dev/null
echo "fixture: $fixture ($(wc -c <"$fixture") bytes)"

# Best of 3 runs for both sides: the machine's speed varies more than the code does.
go_mbs=$(AISEC_DENSE_FIXTURE=$fixture go test -count=3 -run '^$' -bench '^BenchmarkParseOpcodeDense$' \
	-benchtime "$benchtime" ./internal/format/pickle/ | grep '^BenchmarkParseOpcodeDense' |
	awk '{for (i = 1; i <= NF; i++) if ($i == "MB/s" && $(i-1) > best) best = $(i-1)} END {print best}')
echo "aisec pickle.Parse: $go_mbs MB/s (best of 3 x $benchtime)"

py_line=$("$python" scripts/bench/pickletools_genops.py "$fixture" 3)
py_mbs=$(echo "$py_line" | awk '{for (i = 1; i <= NF; i++) if ($i == "MB/s") print $(i-1)}')
echo "$py_line"

echo "$go_mbs $py_mbs" | awk '{printf "speed-up: %.1fx\n", $1 / $2}'
