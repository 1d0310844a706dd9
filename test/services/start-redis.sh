#!/usr/bin/env bash
# Starts Redis on 127.0.0.1:6379 for the cache suites (test/services/*redis*.test.ts), installing
# Debian's redis-server when it is missing. Harmless when Redis already answers.
set -euo pipefail

ping() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if command -v redis-cli >/dev/null 2>&1 && ping; then
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y redis-server >/dev/null || { apt-get update >/dev/null && apt-get install -y redis-server >/dev/null; }
fi
# No persistence: the suites' keys are throwaway.
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
for _ in $(seq 1 50); do
  if ping; then exit 0; fi
  sleep 0.1
done
echo "start-redis.sh: Redis did not answer on 127.0.0.1:6379 within 5 seconds" >&2
exit 1
