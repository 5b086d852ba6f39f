#!/usr/bin/env bash
# Times `aisec redteam run` for 10,092 attempts (the embedded library, 87 generations)
# against an instant local target at --concurrency 64. Target: under 30 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/aisec" ./cmd/aisec
go build -o "$tmp/target" ./scripts/redteam-target
addr=127.0.0.1:${REDTEAM_BENCH_PORT:-18099}
"$tmp/target" "$addr" instant &
for _ in $(seq 50); do curl -fs "http://$addr/v1/models" >/dev/null 2>&1 && break; sleep 0.1; done
start=$(date +%s.%N)
set +e
"$tmp/aisec" redteam run --target "openai://$addr/v1" --model bench --seed 1 --generations 87 \
  --concurrency 64 --journal "$tmp/run.jsonl" --fail-under 0 -q -f json >"$tmp/summary.json"
code=$?
set -e
end=$(date +%s.%N)
attempts=$(grep -c '"type":"attempt"' "$tmp/run.jsonl")
echo "exit $code: $attempts attempts in $(echo "$end - $start" | bc) s"
