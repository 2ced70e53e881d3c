#!/usr/bin/env bash
# CPU per query of the server with 1 and 2 threads, and through dnsdist (PROXY v2) against direct.
#
#   bench/run-scale.sh                     # needs server/target/geodns-server-*-all.jar (mvn -pl server -am package)
#   DURATION=10 RATE=8000 bench/run-scale.sh   (the defaults)
#
# Each case starts `serve` on loopback, loads it with dnsperf at a fixed rate (RATE queries/s, for
# DURATION s, from the lab's Frankfurt and Seattle addresses) and reads the server's CPU time from
# /proc/PID/stat before and after: CPU microseconds per answered query. Through dnsdist, dnsdist's
# own CPU is given too. A fixed rate below saturation is what makes CPU per query comparable across
# thread counts (flat is the goal: no shared counters or locks on the hot path). Informational:
# numbers from a shared 2-core machine are noisy. Everything started here is stopped by PID.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
RATE=${RATE:-8000}
PORT=15453 ADMIN=19453 DNSDIST_PORT=15454
SOURCES=(127.0.1.1 127.0.2.1)
JAR=$(ls "$ROOT"/server/target/geodns-server-*-all.jar | head -1)
WORK=$(mktemp -d /tmp/geodns-scale.XXXXXX)
STARTED=()
HZ=$(getconf CLK_TCK)

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

wait_answer() { # port
  for _ in $(seq 1 100); do
    if dig +time=1 +tries=1 -b 127.0.1.1 @127.0.0.1 -p "$1" outlook.office365.com A >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  echo "no answer on port $1" >&2; return 1
}

start_server() { # threads, extra args...
  local threads=$1; shift
  java -XX:ActiveProcessorCount="$threads" -jar "$JAR" serve --dns "127.0.0.1:$PORT" --admin "127.0.0.1:$ADMIN" \
    --threads "$threads" "$@" >"$WORK/server.log" 2>&1 &
  SERVER=$!; STARTED+=("$SERVER")
  wait_answer "$PORT"
}

stop() { kill "$1"; wait "$1" 2>/dev/null || true; }

printf 'outlook.office365.com A\nportal.office.com A\nwww.example.org A\n' >"$WORK/queries"

load() { # port -> prints answered queries
  local pids=() total=0 per=$((RATE / ${#SOURCES[@]}))
  for s in "${SOURCES[@]}"; do
    dnsperf -s 127.0.0.1 -p "$1" -a "$s" -d "$WORK/queries" -l "$DURATION" -Q "$per" -c 4 >"$WORK/perf-$s" 2>&1 &
    pids+=($!); STARTED+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  for s in "${SOURCES[@]}"; do
    total=$((total + $(awk '/Queries completed:/ {print $3}' "$WORK/perf-$s")))
  done
  echo "$total"
}

measure() { # label, port, server pid, [dnsdist pid]
  load "$2" >/dev/null  # warm-up
  local s0 d0=0 s1 d1=0 answered
  s0=$(cpu_ticks "$3"); [ -n "${4:-}" ] && d0=$(cpu_ticks "$4")
  answered=$(load "$2")
  s1=$(cpu_ticks "$3"); [ -n "${4:-}" ] && d1=$(cpu_ticks "$4")
  awk -v l="$1" -v n="$answered" -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v hz="$HZ" -v rate="$RATE" -v t="$DURATION" \
    'BEGIN { printf "%-34s %8d/%-8d %10.2f %12s\n", l, n, rate * t, s * 1e6 / hz / n, (d > 0 ? sprintf("%.2f", d * 1e6 / hz / n) : "-") }'
}

printf '%-34s %17s %10s %12s\n' "case" "answered/sent" "server us/q" "dnsdist us/q"
start_server 1;  measure "direct, --threads 1" "$PORT" "$SERVER"; stop "$SERVER"
start_server 2;  measure "direct, --threads 2" "$PORT" "$SERVER"; stop "$SERVER"

if command -v dnsdist >/dev/null; then
  cat >"$WORK/dnsdist.conf" <<CONF
setSecurityPollSuffix("")
setLocal("127.0.0.1:$DNSDIST_PORT")
setACL({"127.0.0.0/8"})
newServer{address="127.0.0.1:$PORT", useProxyProtocol=true, source="127.0.9.1", checkName="office365.com.", checkType="SOA"}
CONF
  start_server 2 --proxy-from 127.0.9.1
  dnsdist --supervised --disable-syslog -C "$WORK/dnsdist.conf" >"$WORK/dnsdist.log" 2>&1 &
  DNSDIST=$!; STARTED+=("$DNSDIST")
  wait_answer "$DNSDIST_PORT"
  measure "through dnsdist, --threads 2" "$DNSDIST_PORT" "$SERVER" "$DNSDIST"
  stop "$DNSDIST"; stop "$SERVER"
else
  echo "dnsdist not installed: skipped the case through dnsdist" >&2
fi
