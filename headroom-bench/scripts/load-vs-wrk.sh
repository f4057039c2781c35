#!/usr/bin/env bash
# Headroom's load generator side by side with wrk against nginx on 127.0.0.1.
#
#   headroom-bench/scripts/load-vs-wrk.sh            # all four measurements (about 8 minutes)
#   SECONDS_PER_RUN=30 REPEATS=5 headroom-bench/scripts/load-vs-wrk.sh
#
# Needs nginx and wrk (Debian: apt-get install nginx wrk) and the runnable jar (./headroom builds it).
# The client (wrk or Headroom) is pinned to CPU 0 and nginx (one worker) to CPU 1, so each tool
# has one core. It prints, and the results go in BENCHMARKS.md under "Load generator":
#   1. maximum request rate: Headroom's as a ratio of wrk's (same 50 keep-alive connections), the
#      two tools alternating REPEATS times (default 3), medians quoted;
#   2. latency at a fixed rate (20% of wrk's median maximum): Headroom's p50/p99 and its lag p99 in
#      every second (the first included), with its warm-up and without (client.warmup: false),
#      alternating; wrk's at the same mean rate (paced by a Lua delay);
#   3. a journey of 3 steps (JSON extraction, a cookie) at the maximum rate: requests per second
#      as a ratio of Headroom's single-request maximum;
#   4. memory: 10,000 concurrent keep-alive connections held with -Xmx512m.
# Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/headroom-cli/target/headroom.jar"
secs="${SECONDS_PER_RUN:-15}"
repeats="${REPEATS:-3}"
port="${PORT:-18089}"
work="$(mktemp -d "${TMPDIR:-/tmp}/headroom-bench.XXXXXX")"
conns=50

for tool in nginx wrk taskset java; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install nginx wrk)" >&2; exit 2; }
done
if [ "$(nproc)" -lt 2 ]; then
  echo "warning: fewer than 2 cores; client and server share a core and the figures mean little" >&2
fi
[ -f "$jar" ] || (cd "$root" && ./headroom --version >/dev/null)

mkdir -p "$work/html" "$work/logs"
chmod 755 "$work" "$work/html"   # nginx's workers run as an unprivileged user
printf 'ok' > "$work/html/index.html"
head -c 2048 /dev/zero | tr '\0' 'x' > "$work/html/slow.txt"
chmod 644 "$work/html/"*
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
worker_cpu_affinity 10;
worker_rlimit_nofile 40000;
daemon on;
pid $work/nginx.pid;
error_log $work/logs/error.log crit;
events { worker_connections 30000; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server {
    listen 127.0.0.1:$port backlog=16384;
    root $work/html;
    open_file_cache max=16;
    location = /slow.txt { limit_rate 512; }
    location = /login {
      add_header Set-Cookie "sid=s3ss10n; Path=/";
      default_type application/json;
      return 200 '{"token":"t0k3n","user":7}';
    }
    location /cart/ { default_type application/json; return 200 '{"items":1}'; }
    location = /checkout { default_type text/plain; return 200 'placed'; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
cleanup() { kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 0.5
url="http://127.0.0.1:$port/"

scenario() { # name rate duration connections path [more client options, such as ", warmup: false"]
  cat > "$work/$1.yaml" <<YAML
name: $1
target: http://127.0.0.1:$port
workload:
  profile: { constant: { rate: $2, duration: $3 } }
requests: [ { path: $5 } ]
client: { connections: $4, eventLoops: 1, requestTimeout: 60s, grace: 5s ${6:-} }
YAML
}
journey_scenario() { # name rate duration connections
  cat > "$work/$1.yaml" <<YAML
name: $1
target: http://127.0.0.1:$port
workload:
  profile: { constant: { rate: $2, duration: $3 } }
journeys:
  - name: buy
    steps:
      - name: login
        path: /login
        extract: { token: { json: /token } }
      - name: cart
        path: /cart/\${token}
        check: { bodyContains: items }
      - name: checkout
        path: /checkout
client: { connections: $4, eventLoops: 1, requestTimeout: 60s, grace: 5s }
YAML
}
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
per_second() { # run-dir -> mean completions per timeline second, whole window and after its first 3 s
  python3 -c "
import json
t = [json.loads(l) for l in open('$1/timeline.jsonl')][:$secs]
c = [r['completed'] for r in t]
print(round(sum(c) / len(c)), round(sum(c[3:]) / len(c[3:])))"
}
headroom() { # scenario-name [java options...]
  local name="$1"; shift
  taskset -c 0 java "$@" -jar "$jar" load "$work/$name.yaml" --out "$work/run-$name" --json > "$work/$name.json" 2>/dev/null || true
}
field() { # file jq-like path of numbers, via python
  python3 -c "import json,sys; d=json.load(open('$1')); print(eval('d' + ''.join('[%r]' % k for k in '$2'.split('.'))))"
}

echo "== 1. maximum rate, ${secs}s, $conns connections, client on CPU 0, nginx on CPU 1, $repeats rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c 0 wrk -t1 -c$conns -d2s "$url" >/dev/null   # warm nginx
# An open model far above capacity: arrivals wait for a free connection, so this is the most the
# generator can push through $conns connections, every response's latency recorded.
scenario max 1000000/s "${secs}s" "$conns" /
wrk_rates=(); hr_alls=(); hr_steadies=()
for round in $(seq 1 "$repeats"); do
  wrk_out="$(taskset -c 0 wrk -t1 -c$conns -d${secs}s --latency "$url")"
  wrk_rate="$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')"
  headroom max
  read -r hr_all hr_steady < <(per_second "$work/run-max")
  warm="$(python3 -c "import json; w=json.load(open('$work/run-max/run.json'))['measurement'].get('warmup'); print('%.1fs, %d requests' % (w['seconds'], w['requests']) if w else 'off')")"
  echo "round $round  wrk ${wrk_rate}/s  headroom ${hr_all}/s (${hr_steady}/s after 3 s; warm-up $warm)  ratio $(python3 -c "print('%.2f' % ($hr_all / $wrk_rate))")"
  wrk_rates+=("$wrk_rate"); hr_alls+=("$hr_all"); hr_steadies+=("$hr_steady")
done
wrk_rate="$(median "${wrk_rates[@]}")"; hr_all="$(median "${hr_alls[@]}")"; hr_steady="$(median "${hr_steadies[@]}")"
hr_rate="$hr_all"
echo "median    wrk ${wrk_rate}/s  headroom ${hr_all}/s whole run, ${hr_steady}/s after its first 3 s; errors (arrivals still waiting at the end) $(field "$work/max.json" summary.errorCount)"
python3 -c "print('ratio     %.2f over the whole run, %.2f after 3 s (medians, headroom / wrk; target >= 1.0)' % ($hr_all / $wrk_rate, $hr_steady / $wrk_rate))"

fixed="$(python3 -c "print(int(float('$wrk_rate') * 0.2))")"
echo
echo "== 2. latency at a fixed ${fixed}/s (20% of wrk's maximum), ${secs}s"
lag_seconds() { # run-dir -> lag p99 of every second, in ms, and the worst
  python3 -c "
import json
t = [json.loads(l) for l in open('$1/timeline.jsonl')][:$secs]
lag = [r['lagMillis']['p99'] for r in t]
print(' '.join('%.3f' % x for x in lag), ' worst %.3f ms (second %d)' % (max(lag), lag.index(max(lag))))"
}
# The same run after its first 3 s, read from the .hlog files with HdrHistogram's own tool.
after3() { # file -> "p50 x ms p99 y ms"
  java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$1" -start 3 -outputValueUnitRatio 1000 -csv 2>/dev/null |
    awk -F, 'NR>2 && $2>=0.5 && !a {printf "p50 %.3f ms ", $1; a=1} NR>2 && $2>=0.99 && !b {printf "p99 %.3f ms", $1; b=1}'
}
scenario fixed "${fixed}/s" "${secs}s" "$conns" /
scenario fixedcold "${fixed}/s" "${secs}s" "$conns" / ", warmup: false"
for round in $(seq 1 "$repeats"); do
  for name in fixed fixedcold; do
    headroom "$name"
    label="$([ "$name" = fixed ] && echo "warm-up on " || echo "warm-up off")"
    echo "round $round $label  p50 $(field "$work/$name.json" summary.latencyMillis.p50) ms  p99 $(field "$work/$name.json" summary.latencyMillis.p99) ms  lag p99 $(field "$work/$name.json" measurement.lagMillis.p99) ms  $(python3 -c "print(round($(field "$work/$name.json" summary.requests) / $secs))")/s"
    echo "          lag p99 per second (ms): $(lag_seconds "$work/run-$name")"
  done
done
echo "last warm run: service p50 $(field "$work/fixed.json" measurement.serviceMillis.p50) ms  p99 $(field "$work/fixed.json" measurement.serviceMillis.p99) ms;  lag p50 $(field "$work/fixed.json" measurement.lagMillis.p50) ms  p99 $(field "$work/fixed.json" measurement.lagMillis.p99) ms"
echo "          after 3 s: latency $(after3 "$work/run-fixed/latency.hlog");  service $(after3 "$work/run-fixed/service.hlog");  lag $(after3 "$work/run-fixed/lag.hlog")"
# wrk has no fixed rate, and its Lua delay() counts whole milliseconds: each connection waits
# 1 ms after each response, so rate/1000 connections come close to the rate.
pace_conns="$(python3 -c "print(max(1, round($fixed / 1000)))")"
printf 'function delay() return 1 end\n' > "$work/pace.lua"
wrk_fixed="$(taskset -c 0 wrk -t1 -c"$pace_conns" -d${secs}s --latency -s "$work/pace.lua" "$url")"
echo "wrk       $(echo "$wrk_fixed" | awk '/ 50%/ {print "p50 " $2} / 99%/ {print " p99 " $2}' | tr -d '\n')  at $(echo "$wrk_fixed" | awk '/Requests\/sec/ {print $2}')/s ($pace_conns connections, 1 ms delay after each response)"
echo
echo "== 3. a journey of 3 steps (JSON extraction, a cookie) at the maximum rate, ${secs}s, $conns connections, $repeats rounds"
journey_scenario journey 1000000/s "${secs}s" "$conns"
# Each round runs the single request and the journey back to back, so the ratio compares runs
# made in the same conditions.
j_ratios=(); j_steady_ratios=()
for round in $(seq 1 "$repeats"); do
  headroom max
  read -r s_all s_steady < <(per_second "$work/run-max")
  headroom journey
  read -r j_all j_steady < <(per_second "$work/run-journey")
  j_ratio="$(python3 -c "print('%.2f' % ($j_all / $s_all))")"; j_steady_ratio="$(python3 -c "print('%.2f' % ($j_steady / $s_steady))")"
  echo "round $round  single ${s_all}/s, journey ${j_all} requests/s (${j_steady}/s after 3 s); journeys completed $(python3 -c "import json; print(json.load(open('$work/run-journey/run.json'))['measurement']['journeys']['buy']['completed'])"); ratio $j_ratio ($j_steady_ratio after 3 s)"
  j_ratios+=("$j_ratio"); j_steady_ratios+=("$j_steady_ratio")
done
echo "ratio     $(median "${j_ratios[@]}") over the whole run, $(median "${j_steady_ratios[@]}") after 3 s (journey requests/s over single requests/s, median of the rounds; target >= 0.7)"
echo
echo "== 4. 10,000 concurrent keep-alive connections with -Xmx512m"
# /slow.txt trickles 2 KB at 512 B/s (about 4 s a response), so 2,500 requests/s keep about
# 10,000 in flight, each on its own connection.
scenario mem 2500/s 10s 10000 /slow.txt
ulimit -n 40000 2>/dev/null || true
/usr/bin/time -v -o "$work/mem.time" taskset -c 0 java -Xmx512m -jar "$jar" load "$work/mem.yaml" \
    --out "$work/run-mem" --json > "$work/mem.json" 2>"$work/mem.err" || true
[ -s "$work/run-mem/timeline.jsonl" ] || { echo "the memory run failed:" >&2; tail -20 "$work/mem.err" >&2; exit 1; }
peak="$(python3 -c "
import json
print(max(r['components']['client.connections']['inUse'] for r in map(json.loads, open('$work/run-mem/timeline.jsonl'))))")"
echo "headroom  peak in flight ${peak} (one connection each), errors $(field "$work/mem.json" summary.errors), max RSS $(awk -F: '/Maximum resident/ {print int($2/1024)}' "$work/mem.time") MB with -Xmx512m"
