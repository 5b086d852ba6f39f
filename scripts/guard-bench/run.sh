#!/usr/bin/env bash
# Load benchmark of `aisec guard serve` with wrk on loopback: the same 4 KiB chat request is sent
# to an instant upstream directly and through the guard (every default scanner, canary on, audit
# to SQLite), and wrk's latency distribution and throughput are printed for both.
#   scripts/guard-bench/run.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-15s}
conns=${2:-32}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/aisec" ./cmd/aisec
CGO_ENABLED=0 go build -trimpath -o "$work/upstream" ./scripts/guard-bench/upstream
cat >"$work/guard.yaml" <<YAML
upstreams:
  - {name: bench, url: "http://127.0.0.1:9901"}
clients:
  keys:
    - {identity: bench, key: bench-client-key}
YAML
"$work/upstream" -listen 127.0.0.1:9901 &
"$work/aisec" guard serve --config "$work/guard.yaml" --listen 127.0.0.1:9902 \
	--db "sqlite://$work/audit.db" --log-format json 2>"$work/guard.log" &
for _ in $(seq 1 50); do
	curl -fsS -o /dev/null http://127.0.0.1:9902/readyz 2>/dev/null && break
	sleep 0.2
done
script=scripts/guard-bench/post.lua
wrk -t1 -c1 -d5s -s "$script" http://127.0.0.1:9902/v1/chat/completions >/dev/null # warm-up
for target in "direct 9901" "guard 9902"; do
	set -- $target
	echo "== $1: one connection (latency)"
	wrk -t1 -c1 -d"$duration" --latency -s "$script" "http://127.0.0.1:$2/v1/chat/completions" |
		grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx'
	echo "== $1: $conns connections (throughput)"
	wrk -t2 -c"$conns" -d"$duration" --latency -s "$script" "http://127.0.0.1:$2/v1/chat/completions" |
		grep -E 'Latency|50%|99%|Requests/sec|Non-2xx'
done
