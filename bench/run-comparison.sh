#!/usr/bin/env bash
# Side-by-side: our server, gdnsd 3.8 (geoip plugin) and Knot DNS 3.2 (geoip module, geodb mode)
# answering the same names with the same regional choices, measured with dnsperf.
#
#   bench/run-comparison.sh               # install (apt) what is missing, build, measure, print the table
#   SKIP_BUILD=1 bench/run-comparison.sh  # reuse server/target and bench/target jars
#   DURATION=8 ROUNDS=5 WORLD_ROUNDS=3 RATE=10000 WARMUP=5 STARTS=9 NICE=0 JVM_PER_ROUND=1   (the defaults)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-comparison.sh   # build and run on JDK 25
#   SKIP_BUILD=1 JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java bench/run-comparison.sh  # same jars, JDK 17
#
# Our server is started the way the README says, `java -jar ...-all.jar serve` with no JVM option
# but the pinning (-XX:ActiveProcessorCount=1); the JDK decides its UDP transport (the recvmmsg
# loop on JDK 22+ with a jar built by JDK 22+, Netty before), and the table's header says which.
#
# Servers run on loopback only, pinned to core 0 (`taskset -c 0`, `-XX:ActiveProcessorCount=1` for
# the JVMs, one UDP worker for the peers); dnsperf runs on core 1. Queries come from four lab
# places at once (127.0.1.1 Frankfurt, 127.0.2.1 Seattle, 127.0.3.1 Singapore, 127.0.4.1 Sydney):
# one dnsperf per source address, as dnsperf binds one local address. The three servers run side
# by side and are measured in turns, ROUNDS times, so that other load on the machine falls on all
# of them alike; the summary is the median of the rounds. Every round measures a fresh JVM for
# ours and for the floor (JVM_PER_ROUND=0 keeps one of each for the whole run), warmed first: a
# JVM's JIT compiles differ from one start to the next, and so does its p99 at a fixed rate, while
# two rounds of one JVM agree, so one JVM per run would make every round the same draw (JMH forks
# for the same reason). A fourth process, the transport floor
# (TransportFloorServer: our Netty UDP setup answering without any DNS work), is measured in the
# same turns, so the table shows what the transport alone costs. Every run is bounded in time
# (dnsperf -l), and everything started here is stopped by PID on exit. Takes about 16 minutes (10 with JVM_PER_ROUND=0).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-5}
WORLD_ROUNDS=${WORLD_ROUNDS:-3}
WARMUP=${WARMUP:-5}  # s of load before the world-size rounds (the comparison warms up with a whole round)
RATE=${RATE:-10000}
NICE=${NICE:-0}  # e.g. -10 on a machine shared with other work (root only)
STARTS=${STARTS:-9}
JVM_PER_ROUND=${JVM_PER_ROUND:-1}
JAVA=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}  # runs the JVMs; JAVA_HOME also builds
OURS_PORT=15353 ADMIN_PORT=19153 GDNSD_PORT=15354 KNOT_PORT=15355 SMALL_PORT=15356 LARGE_PORT=15357 FLOOR_PORT=15358
LARGE_TENANTS=100000
SOURCES=(127.0.1.1 127.0.2.1 127.0.3.1 127.0.4.1)
SERVER_JAR="$ROOT/server/target/geodns-server-0.1.0-SNAPSHOT-all.jar"
BENCH_JAR="$ROOT/bench/target/benchmarks.jar"
WORK=$(mktemp -d /tmp/geodns-comparison.XXXXXX)
STARTED=()  # PIDs of the processes this script started and has not yet seen end

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

forget() {  # forget PID: it has ended and been reaped, so its number may go to someone else
  local keep=() pid
  for pid in "${STARTED[@]}"; do
    [[ $pid == "$1" ]] || keep+=("$pid")
  done
  STARTED=("${keep[@]}")
}

# Command prefixes: core 0 for the servers, core 1 for dnsperf. Used as `"${ON_CORE0[@]}" cmd &`, so
# that $! is the PID of the server itself (nice and taskset exec it).
ON_CORE0=(nice -n "$NICE" taskset -c 0)
# Launches with -cp (not -jar, whose manifest allows it) need native access for the recvmmsg loop
# and Netty's native library; JDK 17 knows the option too.
NATIVE=(--enable-native-access=ALL-UNNAMED)
ON_CORE1=(nice -n "$NICE" taskset -c 1)

# --- 1. tools --------------------------------------------------------------------------------
install_tools() {
  local missing=()
  command -v gdnsd >/dev/null || missing+=(gdnsd)
  command -v knotd >/dev/null || missing+=(knot)
  compgen -G '/usr/lib/*/knot/modules-*/geoip.so' >/dev/null || missing+=(knot-module-geoip)
  command -v dnsperf >/dev/null || missing+=(dnsperf)
  command -v dig >/dev/null || missing+=(dnsutils)
  command -v taskset >/dev/null || missing+=(util-linux)
  ((${#missing[@]} == 0)) && return 0
  log "installing ${missing[*]}"
  # The packaged daemons must not start (nor take port 53): policy-rc.d exit 101 forbids it.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  local before
  before=$(pgrep -x 'gdnsd|knotd' || true)
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  ((made_policy)) && rm -f /usr/sbin/policy-rc.d
  # Belt and braces: stop only daemons that appeared during this install.
  local pid
  for pid in $(pgrep -x 'gdnsd|knotd' || true); do
    grep -qx "$pid" <<<"$before" || { log "stopping packaged daemon $pid"; kill "$pid" || true; }
  done
}

# --- 2. build --------------------------------------------------------------------------------
build() {
  if [[ "${SKIP_BUILD:-0}" == 1 && -f "$SERVER_JAR" && -f "$BENCH_JAR" ]]; then
    return 0
  fi
  log "building server and bench (mvn)"
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl bench -am) >&2
}

# --- helpers ---------------------------------------------------------------------------------
cpu_ticks() {  # utime+stime of a whole process (all threads), in clock ticks
  local stat
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }  # drop "pid (comm) ": the fields now start at 3 (state)
  awk '{print $12 + $13}' <<<"$stat"
}

rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

answers() {  # answers PORT NAME: the server answers NOERROR
  dig @127.0.0.1 -p "$1" "$2" +norec +tries=1 +time=1 2>/dev/null | grep -q 'status: NOERROR'
}

wait_answering() {  # wait_answering PORT PID NAME SECONDS
  local deadline=$(($(date +%s) + $4))
  while (($(date +%s) < deadline)); do
    kill -0 "$2" 2>/dev/null || { log "server $2 (port $1) died"; return 1; }
    answers "$1" "$3" && return 0
    sleep 0.01
  done
  log "server on port $1 did not answer within $4 s"
  return 1
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

stop() {  # stop PID: one we started
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}

# load PORT QUERIES SECONDS TAG [dnsperf args]: one dnsperf per source address, on core 1;
# leaves $WORK/TAG.N.out
load() {
  local port=$1 queries=$2 secs=$3 tag=$4
  shift 4
  local i pids=()
  for i in "${!SOURCES[@]}"; do
    "${ON_CORE1[@]}" dnsperf -s 127.0.0.1 -p "$port" -a "${SOURCES[$i]}" -d "$queries" -l "$secs" -t 2 "$@" \
      >"$WORK/$tag.$i.out" 2>&1 &
    pids+=($!)
    STARTED+=($!)
  done
  for i in "${pids[@]}"; do
    wait "$i" || true
    forget "$i"
  done
}

sum_field() {  # sum_field TAG REGEX FIELD: adds up a number from every instance's report
  cat "$WORK/$1".*.out | awk -v re="$2" -v f="$3" '$0 ~ re {s += $f} END {printf "%.0f", s}'
}

us_per_query() {  # us_per_query TICKS QUERIES
  awk -v d="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {printf "%.2f", n ? d / hz * 1e6 / n : 0}'
}

percentiles() {  # percentiles Q...: the Q-quantiles (0.5, 0.99, ...) of the latencies in dnsperf -v reports on stdin, in ms
  awk '/^> / {print $NF}' | sort -g | awk -v qs="$*" 'BEGIN {n = split(qs, q, " ")} {a[NR] = $1}
    END {for (i = 1; i <= n; i++) printf "%s%s", NR ? sprintf("%.3f", a[int(NR * q[i]) + 1] * 1000) : "-", i < n ? " " : "\n"}'
}

# pooled NAME: p50, p99 and p99.9 (ms) over every response of every fixed-rate run of NAME, all
# rounds together: 80,000 responses a round make a round's p99 the 800th slowest, which moves with
# whatever else the machine did in those 8 s; the pool is the steadier estimate of the server's.
pooled() { cat "$WORK/$1"-r*-rate.*.out | percentiles 0.50 0.99 0.999; }

# measure NAME ROUND PORT PID QUERIES [sat]: saturation run (QPS, CPU per answered query), then,
# unless "sat", a fixed-rate run (p50/p99 latency from dnsperf -v, lost queries, CPU per query).
measure() {
  local name=$1 round=$2 port=$3 pid=$4 queries=$5 mode=${6:-}
  local tag="$name-r$round" c0 c1 completed qps cpu resp
  c0=$(cpu_ticks "$pid")
  load "$port" "$queries" "$DURATION" "$tag-sat" -q 100
  c1=$(cpu_ticks "$pid")
  completed=$(sum_field "$tag-sat" '^ *Queries completed:' 3)
  qps=$(sum_field "$tag-sat" '^ *Queries per second:' 4)
  cpu=$(us_per_query $((c1 - c0)) "$completed")
  resp=$(cat "$WORK/$tag-sat".*.out | awk '/Average packet size/ {s += $7; k++} END {printf "%.0f", k ? s / k : 0}')
  local p50=- p99=- lost=- sent=- cpu_rate=-
  if [[ $mode != sat ]]; then
    c0=$(cpu_ticks "$pid")
    load "$port" "$queries" "$DURATION" "$tag-rate" -Q $((RATE / ${#SOURCES[@]})) -v
    c1=$(cpu_ticks "$pid")
    lost=$(sum_field "$tag-rate" '^ *Queries lost:' 3)
    sent=$(sum_field "$tag-rate" '^ *Queries sent:' 3)
    cpu_rate=$(us_per_query $((c1 - c0)) "$(sum_field "$tag-rate" '^ *Queries completed:' 3)")
    read -r p50 p99 < <(cat "$WORK/$tag-rate".*.out | percentiles 0.50 0.99)
  fi
  echo "$name $round $qps $cpu $p50 $p99 $lost $sent $cpu_rate $resp" >>"$WORK/results.txt"
  log "$name round $round: $qps q/s, $cpu us CPU/query; at $RATE q/s: $cpu_rate us CPU/query, p50 $p50 ms, p99 $p99 ms, lost $lost of $sent"
}

median() {  # median NAME COLUMN (of results.txt)
  awk -v n="$1" -v c="$2" '$1 == n && $c != "-" {print $c}' "$WORK/results.txt" | sort -g |
    awk '{a[NR] = $1} END {if (!NR) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

# --- 3. set up -------------------------------------------------------------------------------
install_tools
build
log "work dir $WORK; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$BENCH_JAR" dev.geodns.bench.ComparisonSetup "$WORK" "$GDNSD_PORT" "$KNOT_PORT"
# The large-world mix: the same thirds, the tenant third spread over 10,000 of the generated tenants.
awk -v n="$LARGE_TENANTS" 'BEGIN {srand(7); for (i = 0; i < 10000; i++)
  printf "outlook.office365.com A\nt%06d.sharepoint.com A\nLHR-efz.ms-acdc.office.com A\n", int(rand() * n)}' \
  >"$WORK/queries-spread.txt"
: >"$WORK/results.txt"

# --- 4. start to first answer (built-in world), STARTS times each way ----------------------------
# As a user starts it (the README's command, both cores), then pinned to one core like the
# comparison below. The server's start-up runs on several threads, so the two differ.
start_times() {  # start_times FILE: STARTS starts of "${PREFIX[@]}" java "${JVM_OPTS[@]}" -jar ... serve; ms to first answer
  local file=$1 i t0 pid
  : >"$file"
  for ((i = 1; i <= STARTS; i++)); do
    t0=$(now_ms)
    "${PREFIX[@]}" "$JAVA" "${JVM_OPTS[@]}" -jar "$SERVER_JAR" serve \
      --dns "127.0.0.1:$OURS_PORT" --admin "127.0.0.1:$ADMIN_PORT" >"$WORK/ours-start$i.log" 2>&1 &
    pid=$!
    STARTED+=("$pid")
    wait_answering "$OURS_PORT" "$pid" outlook.office365.com 30
    echo $(($(now_ms) - t0)) >>"$file"
    stop "$pid"
  done
}
median_of() { sort -n "$1" | sed -n "$((($(wc -l <"$1") + 1) / 2))p"; }
PREFIX=(nice -n "$NICE") JVM_OPTS=()
start_times "$WORK/start-ms.txt"
START_MS=$(median_of "$WORK/start-ms.txt")
log "built-in world, both cores: first answer $(tr '\n' ' ' <"$WORK/start-ms.txt")ms after start (median $START_MS)"
PREFIX=("${ON_CORE0[@]}") JVM_OPTS=(-XX:ActiveProcessorCount=1)
start_times "$WORK/start-pinned-ms.txt"
PINNED_START_MS=$(median_of "$WORK/start-pinned-ms.txt")
log "built-in world, one core: first answer $(tr '\n' ' ' <"$WORK/start-pinned-ms.txt")ms after start (median $PINNED_START_MS)"

# --- 5. the three servers side by side -------------------------------------------------------
start_ours() {  # start_ours LOG: sets OURS_PID
  "${ON_CORE0[@]}" "$JAVA" -XX:ActiveProcessorCount=1 -jar "$SERVER_JAR" serve \
    --dns "127.0.0.1:$OURS_PORT" --admin "127.0.0.1:$ADMIN_PORT" >"$1" 2>&1 &
  OURS_PID=$!
  STARTED+=("$OURS_PID")
}
start_floor() {  # start_floor LOG: sets FLOOR_PID
  "${ON_CORE0[@]}" "$JAVA" -XX:ActiveProcessorCount=1 "${NATIVE[@]}" -cp "$BENCH_JAR" dev.geodns.bench.TransportFloorServer \
    "$FLOOR_PORT" >"$1" 2>&1 &
  FLOOR_PID=$!
  STARTED+=("$FLOOR_PID")
}
# warm PORT...: one round of the measured shape, not counted. A JVM's JIT then has seen what the
# rounds do (new client ports in every run, the change from saturation to a steady rate), so no
# round carries a one-time recompilation on the server's core.
warm() {
  local port
  for port in "$@"; do
    load "$port" "$WORK/queries.txt" "$DURATION" "warm-$port-sat" -q 100
    load "$port" "$WORK/queries.txt" "$DURATION" "warm-$port-rate" -Q $((RATE / ${#SOURCES[@]}))
  done
}
start_ours "$WORK/ours.log"
"${ON_CORE0[@]}" gdnsd -c "$WORK/gdnsd" start >"$WORK/gdnsd.log" 2>&1 &
GDNSD_PID=$!
STARTED+=("$GDNSD_PID")
"${ON_CORE0[@]}" knotd -c "$WORK/knot/knot.conf" >"$WORK/knot.log" 2>&1 &
KNOT_PID=$!
STARTED+=("$KNOT_PID")
start_floor "$WORK/floor.log"
wait_answering "$OURS_PORT" "$OURS_PID" outlook.office365.com 30
wait_answering "$GDNSD_PORT" "$GDNSD_PID" outlook.office365.com 30
wait_answering "$KNOT_PORT" "$KNOT_PID" outlook.office365.com 30
wait_answering "$FLOOR_PORT" "$FLOOR_PID" outlook.office365.com 30

log "checking that all three choose the same front door from every lab /24"
mismatch=0
while IFS=$'\t' read -r src city code; do
  [[ $src == \#* ]] && continue
  ref=""
  for port in "$OURS_PORT" "$GDNSD_PORT" "$KNOT_PORT"; do
    got=$(dig @127.0.0.1 -p "$port" -b "$src" outlook.office365.com +short +tries=1 +time=1 |
      grep -E '^[0-9.]+$' | sort | tr '\n' ' ')
    [[ -z $ref ]] && ref=$got
    if [[ -z $got || $got != "$ref" ]]; then
      log "MISMATCH from $src ($city, expected $code) on port $port: '$got' vs '$ref'"
      mismatch=1
    fi
  done
done <"$WORK/expected-front-doors.tsv"
((mismatch == 0)) || { log "the servers disagree: not measuring"; exit 1; }
AGREE=$(grep -vc '^#' "$WORK/expected-front-doors.tsv")
log "all three agree from $AGREE lab /24s"

# fresh_jvms ROUND: a new JVM for the floor, then one for ours, each started and warmed with two
# uncounted rounds while the other is idle, so that neither's start-up compiles share core 0 with
# the other's warm-up.
fresh_jvms() {
  stop "$OURS_PID"
  stop "$FLOOR_PID"
  start_floor "$WORK/floor-r$1.log"
  wait_answering "$FLOOR_PORT" "$FLOOR_PID" outlook.office365.com 30
  warm "$FLOOR_PORT" "$FLOOR_PORT"
  start_ours "$WORK/ours-r$1.log"
  wait_answering "$OURS_PORT" "$OURS_PID" outlook.office365.com 30
  warm "$OURS_PORT" "$OURS_PORT"
  log "round $1: fresh JVMs for the floor and ours, each warmed alone with two uncounted rounds"
}
if ((JVM_PER_ROUND)); then
  log "warm-up: one uncounted round on gdnsd and Knot ($DURATION s at saturation, $DURATION s at $RATE q/s)"
  warm "$GDNSD_PORT" "$KNOT_PORT"
else
  log "warm-up: one uncounted round on each server ($DURATION s at saturation, $DURATION s at $RATE q/s)"
  warm "$OURS_PORT" "$GDNSD_PORT" "$KNOT_PORT" "$FLOOR_PORT"
fi
for ((r = 1; r <= ROUNDS; r++)); do
  ((JVM_PER_ROUND)) && fresh_jvms "$r"
  measure ours "$r" "$OURS_PORT" "$OURS_PID" "$WORK/queries.txt"
  measure gdnsd "$r" "$GDNSD_PORT" "$GDNSD_PID" "$WORK/queries.txt"
  measure knot "$r" "$KNOT_PORT" "$KNOT_PID" "$WORK/queries.txt"
  measure floor "$r" "$FLOOR_PORT" "$FLOOR_PID" "$WORK/queries.txt"
done
RSS_OURS=$(rss_mb "$OURS_PID") RSS_GDNSD=$(rss_mb "$GDNSD_PID") RSS_KNOT=$(rss_mb "$KNOT_PID")
RSS_FLOOR=$(rss_mb "$FLOOR_PID")
stop "$OURS_PID"
stop "$GDNSD_PID"
stop "$KNOT_PID"
stop "$FLOOR_PID"

# --- 6. does the cost grow with the world? ---------------------------------------------------
# Both worlds through the same launcher (no observer, no YAML parsing), side by side, measured in
# turns.
log "worlds: built-in (4 tenants) and $LARGE_TENANTS more tenants"
"${ON_CORE0[@]}" "$JAVA" -XX:ActiveProcessorCount=1 "${NATIVE[@]}" -cp "$BENCH_JAR" dev.geodns.bench.LargeWorldServer 0 "$SMALL_PORT" \
  >"$WORK/world-small.log" 2>&1 &
SMALL_PID=$!
STARTED+=("$SMALL_PID")
t0=$(now_ms)
"${ON_CORE0[@]}" "$JAVA" -XX:ActiveProcessorCount=1 "${NATIVE[@]}" -cp "$BENCH_JAR" dev.geodns.bench.LargeWorldServer "$LARGE_TENANTS" \
  "$LARGE_PORT" >"$WORK/world-large.log" 2>&1 &
LARGE_PID=$!
STARTED+=("$LARGE_PID")
wait_answering "$LARGE_PORT" "$LARGE_PID" outlook.office365.com 120
LARGE_START_MS=$(($(now_ms) - t0))
wait_answering "$SMALL_PORT" "$SMALL_PID" outlook.office365.com 30
log "the $LARGE_TENANTS-tenant world answered $LARGE_START_MS ms after start"
load "$SMALL_PORT" "$WORK/queries.txt" "$WARMUP" warm-small -q 100
load "$LARGE_PORT" "$WORK/queries-spread.txt" "$WARMUP" warm-large -q 100
for ((r = 1; r <= WORLD_ROUNDS; r++)); do
  measure world-4 "$r" "$SMALL_PORT" "$SMALL_PID" "$WORK/queries.txt" sat
  measure world-100k "$r" "$LARGE_PORT" "$LARGE_PID" "$WORK/queries.txt" sat
  measure world-100k-spread "$r" "$LARGE_PORT" "$LARGE_PID" "$WORK/queries-spread.txt" sat
done
RSS_LARGE=$(rss_mb "$LARGE_PID")
stop "$SMALL_PID"
stop "$LARGE_PID"

# --- 7. report -------------------------------------------------------------------------------
echo
echo "$(date -u '+%F %H:%M UTC') | $(nproc) cores | $(. /etc/os-release && echo "$PRETTY_NAME") |" \
  "$("$JAVA" -version 2>&1 | head -1) | gdnsd $(dpkg-query -W -f '${Version}' gdnsd) | knot $(dpkg-query -W -f '${Version}' knot)" \
  "| dnsperf $(dpkg-query -W -f '${Version}' dnsperf) | load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "code: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" status --porcelain -- server config 2>/dev/null | grep -q . && echo ' + uncommitted changes in server/ or config/');" \
  "serve jar built $(date -u -r "$SERVER_JAR" '+%F %H:%M UTC'), bench jar built $(date -u -r "$BENCH_JAR" '+%F %H:%M UTC')"
echo "mix (A, in thirds): outlook.office365.com (geo), contoso.sharepoint.com (tenant), LHR-efz.ms-acdc.office.com (static)"
echo "ours: $(grep -o 'listening on .*' "$WORK/ours.log" | head -1)"
echo "from ${SOURCES[*]}; $DURATION s per run, after$( ((JVM_PER_ROUND)) && echo " a fresh JVM per round for ours and the floor, each warmed alone with two uncounted rounds; the peers after") one uncounted round; QPS and CPU at saturation (4 x dnsperf" \
  "-q 100), median of $ROUNDS rounds; at $RATE q/s: CPU and loss median of the rounds, latency percentiles over" \
  "every response of the $ROUNDS rounds together; the three agree on the front door from all $AGREE lab /24s"
echo
declare -A P50 P99 P999
for s in ours gdnsd knot floor; do
  read -r "P50[$s]" "P99[$s]" "P999[$s]" < <(pooled "$s")
done
printf '| %-17s | %8s | %12s | %8s | %8s | %8s | %-13s | %16s | %6s | %6s |\n' server QPS "CPU us/query" "p50 ms" "p99 ms" \
  "p99.9 ms" lost "CPU us/q @$RATE" "resp B" "RSS MB"
echo '|-------------------|----------|--------------|----------|----------|----------|---------------|------------------|--------|--------|'
for s in ours gdnsd knot floor; do
  case $s in ours) rss=$RSS_OURS ;; gdnsd) rss=$RSS_GDNSD ;; knot) rss=$RSS_KNOT ;; floor) rss=$RSS_FLOOR ;; esac
  printf '| %-17s | %8.0f | %12.2f | %8.3f | %8.3f | %8.3f | %-13s | %16.2f | %6.0f | %6s |\n' "$s" "$(median $s 3)" \
    "$(median $s 4)" "${P50[$s]}" "${P99[$s]}" "${P999[$s]}" "$(median $s 7)/$(median $s 8)" "$(median $s 9)" \
    "$(median $s 10)" "$rss"
done
echo "(floor: TransportFloorServer, our Netty UDP transport answering every query with its own bytes, no DNS work)"
echo
printf '| %-15s | %6s | %12s | %6s | %6s | %6s | %16s |\n' ratio QPS "CPU us/query" p50 p99 p99.9 "CPU us/q @$RATE"
echo '|-----------------|--------|--------------|--------|--------|--------|------------------|'
for pair in ours/gdnsd ours/knot floor/gdnsd; do
  a=${pair%/*} p=${pair#*/}
  awk -v n="$pair" -v q1="$(median $a 3)" -v q2="$(median $p 3)" -v c1="$(median $a 4)" -v c2="$(median $p 4)" \
    -v a1="${P50[$a]}" -v a2="${P50[$p]}" -v b1="${P99[$a]}" -v b2="${P99[$p]}" -v t1="${P999[$a]}" -v t2="${P999[$p]}" \
    -v r1="$(median $a 9)" -v r2="$(median $p 9)" \
    'BEGIN {printf "| %-15s | %6.2f | %12.2f | %6.2f | %6.2f | %6.2f | %16.2f |\n", n, q1 / q2, c1 / c2, a1 / a2, b1 / b2, t1 / t2, r1 / r2}'
done
echo
# The pairs round by round (the two were measured a few seconds apart): how often ours was the lower.
for col in 4:"CPU us/query" 6:"p99 at $RATE q/s"; do
  awk -v c="${col%%:*}" -v what="${col#*:}" '$1 == "ours" {o[$2] = $c; n = $2 > n ? $2 : n} $1 == "gdnsd" {g[$2] = $c}
    END {for (r = 1; r <= n; r++) if (r in o && r in g && g[r] > 0) {
      k++; x = o[r] / g[r]; line = line sprintf(" r%d %.2f", r, x); if (x <= 1) low++}
      printf "ours/gdnsd %s, round by round:%s (ours no higher in %d of %d)\n", what, line, low, k}' "$WORK/results.txt"
done
echo
echo "every round (name round QPS CPU-us/q p50 p99 lost sent CPU-us/q@rate resp-bytes):"
sed 's/^/  /' "$WORK/results.txt"
echo
w4=$(median world-4 4) w100=$(median world-100k 4) wsp=$(median world-100k-spread 4)
awk -v a="$w4" -v b="$w100" -v c="$wsp" -v n="$LARGE_TENANTS" 'BEGIN {
  printf "world size (same launcher, saturation): built-in 4 tenants %.2f us/query; +%d tenants, same mix %.2f (x%.2f);", a, n, b, b / a
  printf " tenant third spread over 10,000 tenants %.2f (x%.2f)\n", c, c / a }'
echo "start to first answer: built-in world (serve) $START_MS ms on both cores (median of $STARTS:" \
  "$(tr '\n' ' ' <"$WORK/start-ms.txt")), $PINNED_START_MS ms on one core ($(tr '\n' ' ' <"$WORK/start-pinned-ms.txt"));" \
  "+$LARGE_TENANTS tenants (LargeWorldServer) $LARGE_START_MS ms"
echo "RSS after load: ours (serve, built-in) $RSS_OURS MB; +$LARGE_TENANTS tenants $RSS_LARGE MB; gdnsd $RSS_GDNSD MB; knot $RSS_KNOT MB"
echo "raw dnsperf reports and server logs: $WORK"
