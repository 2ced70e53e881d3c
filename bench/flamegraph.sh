#!/usr/bin/env bash
# A flame graph of the thread that answers UDP under dnsperf load, kernel and Java frames together:
#
#   bench/flamegraph.sh            # saturation (4 x dnsperf -q 100): bench/flamegraph-saturation.svg
#   MODE=rate bench/flamegraph.sh  # 4 x 2,500 q/s:                   bench/flamegraph-rate.svg
#
# `serve` (built-in world; the recvmmsg UDP loop on JDK 22+, e.g. JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64) runs pinned to core 0 with one UDP thread, frame pointers kept and a perf
# map written at exit so that perf can name JIT-compiled methods; dnsperf runs on core 1 from the
# same four lab sources and the same query mix as run-comparison.sh. perf samples only the UDP
# thread, at 999 Hz for SECONDS s. Needs root (perf), linux-perf, dnsperf, and npm for the
# `flamegraph` package (installed into a cache folder). Uses the jars in server/target (build them
# first: `mvn -q -DskipTests package`). Everything started here is stopped by PID on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODE=${MODE:-saturation}
SECONDS_SAMPLED=${SECONDS_SAMPLED:-5}
PORT=15359 ADMIN_PORT=19159
SOURCES=(127.0.1.1 127.0.2.1 127.0.3.1 127.0.4.1)
SERVER_JAR="$ROOT/server/target/geodns-server-0.1.0-SNAPSHOT-all.jar"
TOOLS=${FLAMEGRAPH_TOOLS:-$HOME/.cache/geodns-flamegraph}
WORK=$(mktemp -d /tmp/geodns-flamegraph.XXXXXX)
OUT="$ROOT/bench/flamegraph-$MODE.svg"
STARTED=()

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

case $MODE in
  saturation) LOAD_ARGS=(-q 100) ;;
  rate) LOAD_ARGS=(-Q 2500) ;;
  *) echo "MODE must be saturation or rate" >&2; exit 2 ;;
esac
[[ -f $SERVER_JAR ]] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
missing=()
command -v perf >/dev/null || missing+=(linux-perf)
command -v dnsperf >/dev/null || missing+=(dnsperf)
command -v dig >/dev/null || missing+=(dnsutils)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
if [[ ! -x $TOOLS/node_modules/.bin/flamegraph ]]; then
  log "installing the flamegraph npm package into $TOOLS"
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && npm install --silent flamegraph@1.3.0 >/dev/null)
fi

printf 'outlook.office365.com A\ncontoso.sharepoint.com A\nLHR-efz.ms-acdc.office.com A\n' >"$WORK/queries.txt"
load() {  # load SECONDS: one dnsperf per source, on core 1
  local pids=() s
  for s in "${SOURCES[@]}"; do
    taskset -c 1 dnsperf -s 127.0.0.1 -p "$PORT" -a "$s" -d "$WORK/queries.txt" -l "$1" -t 2 "${LOAD_ARGS[@]}" \
      >>"$WORK/dnsperf.out" 2>&1 &
    pids+=($!)
    STARTED+=($!)
  done
  for s in "${pids[@]}"; do wait "$s" || true; done
}

taskset -c 0 "${JAVA_HOME:+$JAVA_HOME/bin/}java" -XX:ActiveProcessorCount=1 -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions \
  -XX:+DumpPerfMapAtExit -jar "$SERVER_JAR" serve \
  --dns "127.0.0.1:$PORT" --admin "127.0.0.1:$ADMIN_PORT" >"$WORK/serve.log" 2>&1 &
PID=$!
STARTED+=("$PID")
for _ in $(seq 300); do
  dig @127.0.0.1 -p "$PORT" outlook.office365.com +tries=1 +time=1 2>/dev/null | grep -q 'status: NOERROR' && break
  sleep 0.1
done
# The thread that answers UDP: the recvmmsg loop (named geodns-udp-PORT-N), else Netty's event loop.
TID=$(grep -l '^geodns-udp' /proc/"$PID"/task/*/comm | head -1 | cut -d/ -f5)
[[ -n $TID ]] || TID=$(grep -l '^multiThreadIoEv' /proc/"$PID"/task/*/comm | head -1 | cut -d/ -f5)
[[ -n $TID ]] || { log "no UDP thread found"; exit 1; }
log "warm-up: 5 s of $MODE load; UDP thread $TID ($(cat /proc/"$PID"/task/"$TID"/comm))"
load 5
log "sampling $SECONDS_SAMPLED s"
perf record -q -F 999 -g -t "$TID" -o "$WORK/perf.data" -- sleep "$SECONDS_SAMPLED" 2>"$WORK/perf.log" &
PERF=$!
STARTED+=("$PERF")
load $((SECONDS_SAMPLED + 2))
wait "$PERF"
kill "$PID"
wait "$PID" 2>/dev/null || true  # the JVM writes /tmp/perf-PID.map as it exits
# Symbols without offsets, so that samples in one function merge; the package writes "&&" into
# its mouse-over attributes, which an SVG (XML) viewer refuses unless escaped.
perf script -i "$WORK/perf.data" -F comm,tid,time,event,ip,sym,dso 2>/dev/null |
  "$TOOLS/node_modules/.bin/flamegraph" -t perf --titletext "geodns serve, UDP thread, $MODE (4 x dnsperf, built-in world)" \
    --countname samples --minwidth 1 | sed 's/ && / \&amp;\&amp; /g' >"$OUT"
rm -f "/tmp/perf-$PID.map"
log "wrote $OUT ($(grep -c '<g' "$OUT") frames); work files in $WORK"
