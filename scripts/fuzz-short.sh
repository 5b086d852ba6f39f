#!/usr/bin/env bash
# Run every fuzz target briefly. A target fails when it finds a crasher (Go writes a
# reproducer under testdata/fuzz) or fails any other way. A bare "context deadline exceeded" at
# the -fuzztime boundary with no reproducer is Go 1.26's coordinator race (golang/go#75804,
# fixed in Go 1.27), not a finding: that target is retried once and tolerated with a warning.
# Any other failure is retried once too: the retry runs the written input first (Go replays
# testdata/fuzz before fuzzing), so a real crasher fails again at once, while a worker lost to
# the machine's load does not. A failure that does not reproduce is reported as a warning.
set -uo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-10s}
failed=0 passed=0 flaked=0

run_target() { # pkg target -> 0 pass, 1 fail, 2 boundary flake
	local log rc
	log=$(go test -run '^$' -fuzz "^$2\$" -fuzztime "$fuzztime" -fuzzminimizetime 3s "$1" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "$log" | tail -n 2
		return 0
	fi
	if ! echo "$log" | grep -qE 'Failing input written|panic:' && echo "$log" | grep -q 'context deadline exceeded'; then
		echo "$log" | tail -n 3
		return 2
	fi
	echo "$log" | tail -n 40
	return 1
}

for f in $(grep -rl --include='*_test.go' '^func Fuzz' internal); do
	pkg=./$(dirname "$f")
	for t in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/func //'); do
		echo "fuzz $pkg $t ($fuzztime)"
		run_target "$pkg" "$t"; rc=$?
		if [ $rc -eq 2 ]; then
			echo "  boundary flake (golang/go#75804), retrying once"
			run_target "$pkg" "$t"; rc=$?
			[ $rc -eq 2 ] && { echo "  warning: $t hit the fuzztime race twice; no reproducer was written"; flaked=$((flaked + 1)); continue; }
		elif [ $rc -eq 1 ]; then
			echo "  failed; retrying once with the written input replayed first"
			run_target "$pkg" "$t"; rc=$?
			if [ $rc -eq 0 ]; then
				echo "  warning: $t failed once and did not reproduce (written input passes)"
				flaked=$((flaked + 1))
				continue
			fi
		fi
		if [ $rc -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	done
done
[ $flaked -gt 0 ] && echo "fuzz: $flaked target(s) tolerated after a failure that did not reproduce"
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
