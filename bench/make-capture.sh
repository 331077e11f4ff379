#!/usr/bin/env bash
# Makes bench/data/http-load.pcap: real HTTP/1.1 traffic between wrk (or ab) and nginx on 127.0.0.1, captured
# by tcpdump on the loopback interface. Everything runs on this machine and only 127.0.0.1 is ever targeted.
#
#   bench/make-capture.sh                 # about 1.5 million packets, at most 60 s of load
#   TARGET_PACKETS=2000000 MAX_SECONDS=60 bench/make-capture.sh
#   bench/make-capture.sh OUT.pcap        # another output file
#
# The load is bounded twice: tcpdump stops by itself after TARGET_PACKETS packets (-c), and the load generator
# runs for at most MAX_SECONDS. nginx, tcpdump and the load generator are stopped by their PIDs at the end
# (tcpdump with SIGINT so that it flushes the file), also when the script is interrupted.
#
# Needs root (or CAP_NET_RAW) for tcpdump on lo. The request mix is 9 requests of a 612-byte page to 1 of a
# 10 KiB file, over 16 keep-alive connections.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/data/http-load.pcap}
target_packets=${TARGET_PACKETS:-1500000}
max_seconds=${MAX_SECONDS:-60}
connections=${CONNECTIONS:-16}

if (( max_seconds > 60 )); then
    echo "make-capture: MAX_SECONDS=$max_seconds is above the 60 s bound; using 60" >&2
    max_seconds=60
fi

# --- tools ------------------------------------------------------------------------------------------------------
missing=0
need() { # command debian-package
    if ! command -v "$1" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$1 ]]; then
        echo "make-capture: '$1' not found: install the Debian package '$2' (apt-get install $2)" >&2
        missing=1
    fi
}
need nginx nginx
need tcpdump tcpdump
need capinfos wireshark-common
need ss iproute2
loadgen=
if command -v wrk >/dev/null 2>&1; then
    loadgen=wrk
elif command -v ab >/dev/null 2>&1; then
    loadgen=ab
else
    echo "make-capture: neither 'wrk' nor 'ab' found: install the Debian package 'wrk' (or 'apache2-utils' for ab)" >&2
    missing=1
fi
(( missing == 0 )) || exit 1
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
if [[ $(id -u) -ne 0 ]]; then
    echo "make-capture: warning: not root; tcpdump on lo needs root or CAP_NET_RAW" >&2
fi

# --- a free port on 127.0.0.1 -----------------------------------------------------------------------------------
port=
for candidate in $(shuf -i 20000-60000 -n 50); do
    if [[ -z $(ss -Htan "sport = :$candidate or dport = :$candidate") ]]; then
        port=$candidate
        break
    fi
done
[[ -n $port ]] || { echo "make-capture: found no free port" >&2; exit 1; }

# --- nginx in its own temp dir ----------------------------------------------------------------------------------
work=$(mktemp -d /tmp/trawl-bench-nginx.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/html" "$work/logs" "$work/tmp"
# A page the size of nginx's default index.html, and a 10 KiB file.
head -c 612 /dev/zero | tr '\0' 'a' >"$work/html/index.html"
head -c 7680 /dev/urandom | base64 -w 0 | head -c 10240 >"$work/html/10k.bin"
chmod -R a+rX "$work"
cat >"$work/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    types { text/html html; application/octet-stream bin; }
    server {
        listen 127.0.0.1:$port;
        root $work/html;
    }
}
EOF

nginx_pid= tcpdump_pid= load_pids=()
cleanup() {
    for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null || true; done
    if [[ -n $tcpdump_pid ]] && kill -0 "$tcpdump_pid" 2>/dev/null; then
        kill -INT "$tcpdump_pid" 2>/dev/null || true
        wait "$tcpdump_pid" 2>/dev/null || true
    fi
    if [[ -n $nginx_pid ]] && kill -0 "$nginx_pid" 2>/dev/null; then
        kill -TERM "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$nginx_bin" -c "$work/nginx.conf" -p "$work" -e "$work/logs/error.log" &
nginx_pid=$!
for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/logs/error.log" >&2; echo "make-capture: nginx did not start" >&2; exit 1; }
    sleep 0.05
done
echo "make-capture: nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') (pid $nginx_pid) on 127.0.0.1:$port"

# --- tcpdump ----------------------------------------------------------------------------------------------------
mkdir -p "$(dirname "$out")"
partial="$out.partial"
rm -f "$partial"
# -Z root: Debian's tcpdump otherwise drops to user 'tcpdump', which may not write into the work tree.
tcpdump -i lo -w "$partial" -s 0 -B 65536 -c "$target_packets" -Z root -n "tcp port $port" 2>"$work/tcpdump.err" &
tcpdump_pid=$!
for _ in $(seq 1 100); do
    grep -q 'listening on' "$work/tcpdump.err" 2>/dev/null && break
    kill -0 "$tcpdump_pid" 2>/dev/null || { cat "$work/tcpdump.err" >&2; echo "make-capture: tcpdump did not start" >&2; exit 1; }
    sleep 0.05
done
echo "make-capture: tcpdump (pid $tcpdump_pid) capturing up to $target_packets packets of tcp port $port on lo"

# --- load -------------------------------------------------------------------------------------------------------
started=$(date +%s.%N)
if [[ $loadgen == wrk ]]; then
    cat >"$work/mix.lua" <<'EOF'
-- 9 small pages to 1 file of 10 KiB, per connection thread
local n = 0
request = function()
    n = n + 1
    if n % 10 == 0 then return wrk.format("GET", "/10k.bin") end
    return wrk.format("GET", "/index.html")
end
EOF
    echo "make-capture: wrk, $connections connections, at most ${max_seconds}s"
    wrk -t 1 -c "$connections" -d "${max_seconds}s" -s "$work/mix.lua" "http://127.0.0.1:$port/" \
        >"$work/load.out" 2>&1 &
    load_pids+=($!)
else
    echo "make-capture: ab (wrk not installed), $connections connections, at most ${max_seconds}s"
    ab -k -q -c $(( connections - 2 )) -t "$max_seconds" -n 100000000 "http://127.0.0.1:$port/index.html" \
        >"$work/load.out" 2>&1 &
    load_pids+=($!)
    ab -k -q -c 2 -t "$max_seconds" -n 100000000 "http://127.0.0.1:$port/10k.bin" >"$work/load2.out" 2>&1 &
    load_pids+=($!)
fi

# Wait until tcpdump has its packets or the load generator is done, whichever comes first.
deadline=$(( $(date +%s) + max_seconds + 5 ))
while kill -0 "$tcpdump_pid" 2>/dev/null; do
    alive=0
    for p in "${load_pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    (( alive == 1 && $(date +%s) < deadline )) || break
    sleep 0.2
done
for p in "${load_pids[@]}"; do kill -INT "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
load_pids=()
elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
if kill -0 "$tcpdump_pid" 2>/dev/null; then
    kill -INT "$tcpdump_pid"
fi
wait "$tcpdump_pid" || true
tcpdump_pid=
kill -TERM "$nginx_pid" 2>/dev/null || true
wait "$nginx_pid" 2>/dev/null || true
nginx_pid=

sed 's/^/  tcpdump: /' "$work/tcpdump.err" | grep -v 'listening on' || true
if [[ -f $work/load.out ]]; then sed 's/^/  load: /' "$work/load.out"; fi

mv -f "$partial" "$out"
packets=$(capinfos -M -c -T -r "$out" | awk -F'\t' '{print $NF}')
bytes=$(stat -c %s "$out")
echo "make-capture: $out: $packets packets, $bytes bytes, load ran ${elapsed} s"
