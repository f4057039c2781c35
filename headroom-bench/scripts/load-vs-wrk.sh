#!/usr/bin/env bash
# Headroom's load generator side by side with wrk against nginx on 127.0.0.1.
#
#   headroom-bench/scripts/load-vs-wrk.sh            # all three measurements (about 2 minutes)
#   SECONDS_PER_RUN=30 headroom-bench/scripts/load-vs-wrk.sh
#
# Needs nginx and wrk (Debian: apt-get install nginx wrk) and the runnable jar (./headroom builds it).
# The client (wrk or Headroom) is pinned to CPU 0 and nginx (one worker) to CPU 1, so each tool
# has one core. It prints, and the results go in BENCHMARKS.md under "Load generator":
#   1. maximum request rate: Headroom's as a ratio of wrk's (same 50 keep-alive connections);
#   2. latency at a fixed rate (20% of wrk's maximum): Headroom's p50/p99 against wrk's at the
#      same mean rate (wrk paced by a Lua delay), the difference being what Headroom adds;
#   3. memory: 10,000 concurrent keep-alive connections held with -Xmx512m.
# Everything runs on 127.0.0.1 and stops by itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/headroom-cli/target/headroom.jar"
secs="${SECONDS_PER_RUN:-15}"
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
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
cleanup() { kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 0.5
url="http://127.0.0.1:$port/"

scenario() { # name rate duration connections path
  cat > "$work/$1.yaml" <<YAML
name: $1
target: http://127.0.0.1:$port
workload:
  profile: { constant: { rate: $2, duration: $3 } }
requests: [ { path: $5 } ]
client: { connections: $4, eventLoops: 1, requestTimeout: 60s, grace: 5s }
YAML
}
headroom() { # scenario-name [java options...]
  local name="$1"; shift
  taskset -c 0 java "$@" -jar "$jar" load "$work/$name.yaml" --out "$work/run-$name" --json > "$work/$name.json" 2>/dev/null || true
}
field() { # file jq-like path of numbers, via python
  python3 -c "import json,sys; d=json.load(open('$1')); print(eval('d' + ''.join('[%r]' % k for k in '$2'.split('.'))))"
}

echo "== 1. maximum rate, ${secs}s, $conns connections, client on CPU 0, nginx on CPU 1"
taskset -c 0 wrk -t1 -c$conns -d2s "$url" >/dev/null   # warm nginx
wrk_out="$(taskset -c 0 wrk -t1 -c$conns -d${secs}s --latency "$url")"
wrk_rate="$(echo "$wrk_out" | awk '/Requests\/sec/ {print $2}')"
echo "wrk       ${wrk_rate} requests/s"
# An open model far above capacity: arrivals wait for a free connection, so this is the most the
# generator can push through $conns connections, every response's latency recorded.
scenario max 1000000/s "${secs}s" "$conns" /
headroom max
read -r hr_all hr_steady < <(python3 -c "
import json
t = [json.loads(l) for l in open('$work/run-max/timeline.jsonl')][:$secs]
c = [r['completed'] for r in t]
print(round(sum(c) / len(c)), round(sum(c[3:]) / len(c[3:])))")
hr_rate="$hr_all"
echo "headroom  ${hr_all} requests/s over ${secs}s (${hr_steady}/s after the JIT's first 3 s); errors $(field "$work/max.json" summary.errorCount) (arrivals still waiting at the end)"
python3 -c "print('ratio     %.2f over the whole run, %.2f after warm-up (headroom / wrk; target >= 0.7)' % ($hr_all / $wrk_rate, $hr_steady / $wrk_rate))"

fixed="$(python3 -c "print(int(float('$wrk_rate') * 0.2))")"
echo
echo "== 2. latency at a fixed ${fixed}/s (20% of wrk's maximum), ${secs}s"
scenario fixed "${fixed}/s" "${secs}s" "$conns" /
headroom fixed
echo "headroom  p50 $(field "$work/fixed.json" summary.latencyMillis.p50) ms  p99 $(field "$work/fixed.json" summary.latencyMillis.p99) ms  (from due time)"
echo "          service p50 $(field "$work/fixed.json" measurement.serviceMillis.p50) ms  p99 $(field "$work/fixed.json" measurement.serviceMillis.p99) ms;  lag p50 $(field "$work/fixed.json" measurement.lagMillis.p50) ms  p99 $(field "$work/fixed.json" measurement.lagMillis.p99) ms"
echo "          $(python3 -c "print(round($(field "$work/fixed.json" summary.requests) / $secs))")/s achieved"
# The same run after its first 3 s (JIT warm-up), read from the .hlog files with HdrHistogram's own tool.
after3() { # file -> "p50 x ms p99 y ms"
  java -cp "$jar" org.HdrHistogram.HistogramLogProcessor -i "$1" -start 3 -outputValueUnitRatio 1000 -csv 2>/dev/null |
    awk -F, 'NR>2 && $2>=0.5 && !a {printf "p50 %.3f ms ", $1; a=1} NR>2 && $2>=0.99 && !b {printf "p99 %.3f ms", $1; b=1}'
}
echo "          after 3 s: latency $(after3 "$work/run-fixed/latency.hlog");  service $(after3 "$work/run-fixed/service.hlog");  lag $(after3 "$work/run-fixed/lag.hlog")"
# wrk has no fixed rate, and its Lua delay() counts whole milliseconds: each connection waits
# 1 ms after each response, so rate/1000 connections come close to the rate.
pace_conns="$(python3 -c "print(max(1, round($fixed / 1000)))")"
printf 'function delay() return 1 end\n' > "$work/pace.lua"
wrk_fixed="$(taskset -c 0 wrk -t1 -c"$pace_conns" -d${secs}s --latency -s "$work/pace.lua" "$url")"
echo "wrk       $(echo "$wrk_fixed" | awk '/ 50%/ {print "p50 " $2} / 99%/ {print " p99 " $2}' | tr -d '\n')  at $(echo "$wrk_fixed" | awk '/Requests\/sec/ {print $2}')/s ($pace_conns connections, 1 ms delay after each response)"
echo
echo "== 3. 10,000 concurrent keep-alive connections with -Xmx512m"
# /slow.txt trickles 2 KB at 512 B/s (about 4 s a response), so 2,500 requests/s keep about
# 10,000 in flight, each on its own connection.
scenario mem 2500/s 10s 10000 /slow.txt
ulimit -n 40000 2>/dev/null || true
/usr/bin/time -v -o "$work/mem.time" taskset -c 0 java -Xmx512m -jar "$jar" load "$work/mem.yaml" \
    --out "$work/run-mem" --json > "$work/mem.json" 2>/dev/null || true
peak="$(python3 -c "
import json
print(max(r['components']['client.connections']['inUse'] for r in map(json.loads, open('$work/run-mem/timeline.jsonl'))))")"
echo "headroom  peak in flight ${peak} (one connection each), errors $(field "$work/mem.json" summary.errors), max RSS $(awk -F: '/Maximum resident/ {print int($2/1024)}' "$work/mem.time") MB with -Xmx512m"
