#!/usr/bin/env bash
# Makes bench/data/dissect-load.pcap for the dissection benchmark: real HTTP/1.1 and DNS traffic between load
# generators and servers in two network namespaces of this machine, joined by a veth pair with MTU 1500 and
# segmentation offloads off (as testdata/golden/make-captures.sh does), captured by tcpdump on the client's end.
# Beside it, bench/data/dissect-load.counts holds what the servers and the load generators counted (key=value).
#
#   bench/make-dissect-capture.sh                  # about 1.3 million packets in about 20-40 s of load
#   HTTP_REQUESTS=100000 DNS_UDP_QUERIES=100000 bench/make-dissect-capture.sh
#   bench/make-dissect-capture.sh OUT.pcap         # another output file (counts go to OUT.counts)
#
# The load:
#   - HTTP: h2load (Debian 'nghttp2-client'; wrk as a fallback, time-bounded only) with HTTP/1.1 keep-alive,
#     HTTP_CONNECTIONS connections, one request at a time on each, against nginx (one worker, access log on).
#     Ten URIs in turn on every connection: 7 small pages (612 bytes), 2 files of 10 KiB, 1 missing page (404).
#     nginx closes a connection after KEEPALIVE_REQUESTS requests and h2load opens a new one, so the file holds
#     many handshakes and FINs, not only a few long flows.
#   - DNS: dnsperf (Debian 'dnsperf') against dnsmasq (Debian 'dnsmasq-base'), answering from its own
#     configuration only (--no-resolv --no-hosts): A for *.bench.test (--address=/bench.test/10.1.2.3), and in
#     lab.test A, AAAA, CNAME, MX, TXT, SRV, PTR records and NXDOMAIN for unknown names. DNS_UDP_QUERIES over UDP
#     and DNS_TCP_QUERIES over TCP (several queries per connection), at most DNS_QPS and DNS_TCP_QPS queries/s.
# Both loads run at the same time. Every count is bounded (h2load -n, dnsperf -n) and so is the time: each load
# generator runs at most MAX_SECONDS (default and maximum 90). tcpdump starts before the load and stops after
# every connection has closed, so no conversation is cut at either end.
#
# Only addresses inside the two namespaces this script creates are ever targeted (10.232.0.1 and 10.232.0.2 by
# default). The namespaces and every process the script starts are removed on exit, also when it fails or is
# interrupted. Needs root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/data/dissect-load.pcap}
counts=${out%.pcap}.counts
access_copy=${out%.pcap}.access.log
loadgen_log=${out%.pcap}.loadgen.log

http_requests=${HTTP_REQUESTS:-250000}
http_connections=${HTTP_CONNECTIONS:-32}
keepalive_requests=${KEEPALIVE_REQUESTS:-200}
dns_udp_queries=${DNS_UDP_QUERIES:-200000}
dns_tcp_queries=${DNS_TCP_QUERIES:-20000}
dns_qps=${DNS_QPS:-12000}
dns_tcp_qps=${DNS_TCP_QPS:-1500}
max_seconds=${MAX_SECONDS:-90}
if (( max_seconds > 90 )); then
    echo "make-dissect-capture: MAX_SECONDS=$max_seconds is above the 90 s bound; using 90" >&2
    max_seconds=90
fi

NS_CLIENT=trawl-bench-client
NS_SERVER=trawl-bench-server
VETH_CLIENT=tbench-c
VETH_SERVER=tbench-s
CLIENT_IP=10.232.0.1
SERVER_IP=10.232.0.2
MTU=1500
QUERY_LINES=1000   # lines in the dnsperf query file; the query counts must be multiples of it

log() { printf 'make-dissect-capture: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

(( dns_udp_queries % QUERY_LINES == 0 && dns_tcp_queries % QUERY_LINES == 0 )) ||
    die "DNS_UDP_QUERIES and DNS_TCP_QUERIES must be multiples of $QUERY_LINES"

# --- tools ------------------------------------------------------------------------------------------------------
missing=0
need() { # command debian-package
    if ! command -v "$1" >/dev/null 2>&1 && [[ ! -x /usr/sbin/$1 ]]; then
        log "'$1' not found: install the Debian package '$2' (apt-get install $2)"
        missing=1
    fi
}
need ip iproute2
need ss iproute2
need ethtool ethtool
need taskset util-linux
need tcpdump tcpdump
need capinfos wireshark-common
need nginx nginx
need dnsmasq dnsmasq-base
need dnsperf dnsperf
loadgen=
if command -v h2load >/dev/null 2>&1; then
    loadgen=h2load
elif command -v wrk >/dev/null 2>&1; then
    loadgen=wrk
    log "h2load (Debian 'nghttp2-client') not found: using wrk, which is bounded by time only, not by count"
else
    log "neither 'h2load' nor 'wrk' found: install the Debian package 'nghttp2-client' (or 'wrk')"
    missing=1
fi
(( missing == 0 )) || exit 1
[[ $EUID -eq 0 ]] || die "must run as root (network namespaces, tcpdump)"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
dnsmasq_bin=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)

# --- cleanup: by PID, then the namespaces -----------------------------------------------------------------------
work=""
pids=()
cleanup() {
    local p
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    ip netns del "$NS_CLIENT" 2>/dev/null || true
    ip netns del "$NS_SERVER" 2>/dev/null || true
    [[ -n $work ]] && rm -rf "$work"
    rm -f "$out.partial"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
started() { pids+=("$1"); }
forget() { local kept=() p; for p in "${pids[@]}"; do [[ $p == "$1" ]] || kept+=("$p"); done; pids=("${kept[@]}"); }
stop() { # PID [SIGNAL]
    kill -"${2:-TERM}" "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    forget "$1"
}
await() { # WHAT COMMAND...: polls every 0.1 s for at most 10 s
    local what=$1
    shift
    for _ in $(seq 100); do
        "$@" && return 0
        sleep 0.1
    done
    die "timed out waiting for $what"
}
in_client() { ip netns exec "$NS_CLIENT" "$@"; }
in_server() { ip netns exec "$NS_SERVER" "$@"; }

# --- the network ------------------------------------------------------------------------------------------------
link_up() {
    [[ $(in_client cat "/sys/class/net/$VETH_CLIENT/operstate") == up &&
        $(in_server cat "/sys/class/net/$VETH_SERVER/operstate") == up ]]
}
ip netns del "$NS_CLIENT" 2>/dev/null || true   # left behind by a run that was killed hard
ip netns del "$NS_SERVER" 2>/dev/null || true
ip netns add "$NS_CLIENT"
ip netns add "$NS_SERVER"
ip link add "$VETH_CLIENT" netns "$NS_CLIENT" mtu "$MTU" type veth peer name "$VETH_SERVER" netns "$NS_SERVER" mtu "$MTU"
for spec in "$NS_CLIENT:$VETH_CLIENT:$CLIENT_IP" "$NS_SERVER:$VETH_SERVER:$SERVER_IP"; do
    IFS=: read -r ns veth addr <<<"$spec"
    ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    # Room for many short connections: nginx closes one every KEEPALIVE_REQUESTS requests.
    ip netns exec "$ns" sysctl -q -w net.ipv4.ip_local_port_range="10000 65000" net.ipv4.tcp_tw_reuse=1
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip addr add "$addr/24" dev "$veth"
    ip netns exec "$ns" ethtool -K "$veth" tso off gso off gro off >/dev/null
    ip netns exec "$ns" ip link set "$veth" up
done
in_client ip neigh replace "$SERVER_IP" lladdr "$(in_server cat /sys/class/net/$VETH_SERVER/address)" dev "$VETH_CLIENT" nud permanent
in_server ip neigh replace "$CLIENT_IP" lladdr "$(in_client cat /sys/class/net/$VETH_CLIENT/address)" dev "$VETH_SERVER" nud permanent
await "the veth pair" link_up
log "namespaces $NS_CLIENT ($CLIENT_IP) and $NS_SERVER ($SERVER_IP), veth MTU $MTU, tso/gso/gro off"

# --- content and servers ----------------------------------------------------------------------------------------
work=$(mktemp -d /tmp/trawl-bench-dissect.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/html" "$work/tmp"
head -c 612 /dev/zero | tr '\0' 'a' >"$work/html/index.html"
head -c 7680 /dev/urandom | base64 -w 76 | head -c 10240 >"$work/html/10k.txt"
chmod -R a+rX "$work"
cat >"$work/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    log_format bench '\$connection \$connection_requests \$status \$body_bytes_sent "\$request"';
    access_log $work/access.log bench buffer=256k flush=1s;
    sendfile on;
    tcp_nopush on;
    keepalive_requests $keepalive_requests;
    keepalive_timeout 75s;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    types { text/html html; text/plain txt; }
    default_type application/octet-stream;
    server {
        listen $SERVER_IP:80 backlog=4096;
        server_name bench.test;
        root $work/html;
    }
}
EOF
listening() { [[ -n $(in_server ss -Hln"$1" "sport = :$2") ]]; }

# Servers on CPU 0, load generators on CPU 1: a veth hands a packet to the receive backlog of the CPU that sent
# it, so a server that stays on one CPU keeps its own segments in order on the wire (see testdata/golden/README.md).
ip netns exec "$NS_SERVER" taskset -c 0 "$nginx_bin" -c "$work/nginx.conf" -p "$work" 2>"$work/nginx-stderr.log" &
nginx_pid=$!
started "$nginx_pid"
ip netns exec "$NS_SERVER" taskset -c 0 "$dnsmasq_bin" -k -C /dev/null --no-resolv --no-hosts --no-poll \
    --pid-file= --log-facility="$work/dnsmasq.log" --bind-interfaces --listen-address="$SERVER_IP" --port=53 \
    --cache-size=1000 \
    --address=/bench.test/10.1.2.3 --local=/bench.test/ \
    --local=/lab.test/ \
    --host-record=host.lab.test,10.232.0.81,fd00:232::81 \
    --host-record=mail.lab.test,10.232.0.25 \
    --cname=alias.lab.test,host.lab.test \
    --mx-host=lab.test,mail.lab.test,10 \
    "--txt-record=info.lab.test,trawl dissection benchmark,second string" \
    --srv-host=_http._tcp.lab.test,host.lab.test,80,0,5 \
    --ptr-record=82.0.232.10.in-addr.arpa,printer.lab.test &
dnsmasq_pid=$!
started "$dnsmasq_pid"
await "nginx" listening t 80
await "dnsmasq (udp)" listening u 53
await "dnsmasq (tcp)" listening t 53
log "nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') (pid $nginx_pid), $("$dnsmasq_bin" --version | head -1 | awk '{print $1, $2, $3}') (pid $dnsmasq_pid)"

# The dnsperf query file: QUERY_LINES lines, most of them distinct names.
{
    for i in $(seq 0 599); do echo "w$i.bench.test A"; done
    for i in $(seq 0 99); do echo "w$i.bench.test AAAA"; done        # NOERROR, no answer (--local=/bench.test/)
    for i in $(seq 0 99); do echo "nx$i.lab.test A"; done             # NXDOMAIN
    for i in $(seq 0 19); do
        echo "host.lab.test A"; echo "host.lab.test AAAA"; echo "alias.lab.test A"; echo "lab.test MX"
        echo "info.lab.test TXT"; echo "_http._tcp.lab.test SRV"; echo "82.0.232.10.in-addr.arpa PTR"
        echo "mail.lab.test A"; echo "lab.test SOA"; echo "alias.lab.test AAAA"
    done
} >"$work/queries.txt"
[[ $(wc -l <"$work/queries.txt") -eq $QUERY_LINES ]] || die "query file has $(wc -l <"$work/queries.txt") lines"

# --- tcpdump ----------------------------------------------------------------------------------------------------
mkdir -p "$(dirname "$out")"
rm -f "$out.partial"
# -Z root: Debian's tcpdump otherwise drops to user 'tcpdump', which may not write into the work tree.
# -B: a 256 MiB kernel buffer, so that a burst while the disk is busy is not dropped.
ip netns exec "$NS_CLIENT" tcpdump -i "$VETH_CLIENT" -w "$out.partial" -s 0 -B 262144 -Z root -n 2>"$work/tcpdump.err" &
tcpdump_pid=$!
started "$tcpdump_pid"
await "tcpdump" grep -qs 'listening on' "$work/tcpdump.err"
log "tcpdump (pid $tcpdump_pid) on $VETH_CLIENT in $NS_CLIENT"

# --- load -------------------------------------------------------------------------------------------------------
base="http://$SERVER_IP"
uris=("$base/" "$base/index.html?id=1" "$base/10k.txt" "$base/index.html?id=2" "$base/index.html?id=3"
    "$base/missing.html" "$base/index.html?id=4" "$base/10k.txt?v=2" "$base/index.html?id=5" "$base/index.html?id=6")
load_started=$(date +%s.%N)
if [[ $loadgen == h2load ]]; then
    log "h2load: $http_requests HTTP/1.1 requests over $http_connections keep-alive connections"
    ip netns exec "$NS_CLIENT" taskset -c 1 timeout -s INT "$max_seconds" h2load --h1 -n "$http_requests" \
        -c "$http_connections" -m 1 -t 1 "${uris[@]}" >"$work/http.out" 2>&1 &
else
    cat >"$work/mix.lua" <<'EOF'
local paths = {"/", "/index.html?id=1", "/10k.txt", "/index.html?id=2", "/index.html?id=3", "/missing.html",
               "/index.html?id=4", "/10k.txt?v=2", "/index.html?id=5", "/index.html?id=6"}
local n = 0
request = function()
    n = n + 1
    return wrk.format("GET", paths[(n - 1) % #paths + 1])
end
EOF
    log "wrk: HTTP/1.1 keep-alive, $http_connections connections, for $max_seconds s (not bounded by count)"
    ip netns exec "$NS_CLIENT" taskset -c 1 wrk -t 1 -c "$http_connections" -d "${max_seconds}s" \
        -s "$work/mix.lua" "$base/" >"$work/http.out" 2>&1 &
fi
http_pid=$!
started "$http_pid"
log "dnsperf: $dns_udp_queries queries over UDP (at most $dns_qps/s) and $dns_tcp_queries over TCP (at most $dns_tcp_qps/s)"
ip netns exec "$NS_CLIENT" taskset -c 1 dnsperf -m udp -s "$SERVER_IP" -p 53 -d "$work/queries.txt" \
    -n $(( dns_udp_queries / QUERY_LINES )) -l "$max_seconds" -c 8 -Q "$dns_qps" -t 2 >"$work/dns-udp.out" 2>&1 &
dns_udp_pid=$!
started "$dns_udp_pid"
ip netns exec "$NS_CLIENT" taskset -c 1 dnsperf -m tcp -s "$SERVER_IP" -p 53 -d "$work/queries.txt" \
    -n $(( dns_tcp_queries / QUERY_LINES )) -l "$max_seconds" -c 4 -Q "$dns_tcp_qps" -t 2 >"$work/dns-tcp.out" 2>&1 &
dns_tcp_pid=$!
started "$dns_tcp_pid"

for p in "$http_pid" "$dns_udp_pid" "$dns_tcp_pid"; do
    wait "$p" || log "load generator $p exited with $?"
    forget "$p"
done
load_seconds=$(awk -v a="$load_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
log "load done in $load_seconds s"

# Every TCP connection of the client closed (TIME-WAIT aside): their last packets are on the wire.
client_quiet() {
    [[ -z $(in_client ss -Htan state established state syn-sent state syn-recv state fin-wait-1 \
        state fin-wait-2 state close-wait state last-ack state closing) ]]
}
await "the client's connections to close" client_quiet
sleep 0.5
stop "$tcpdump_pid" INT
# nginx writes its buffered access log on exit (QUIT: graceful); dnsmasq logs its counters on SIGUSR1.
kill -USR1 "$dnsmasq_pid"
sleep 0.5
stop "$nginx_pid" QUIT
stop "$dnsmasq_pid" TERM

# --- what everyone counted --------------------------------------------------------------------------------------
mv -f "$out.partial" "$out"
cp "$work/access.log" "$access_copy"
for f in tcpdump.err http.out dns-udp.out dns-tcp.out dnsmasq.log nginx-error.log; do
    echo "=== $f"; cat "$work/$f" 2>/dev/null || true
done >"$loadgen_log"
sed 's/^/  tcpdump: /' "$work/tcpdump.err" | grep -v 'listening on' >&2 || true
sed 's/^/  http: /' "$work/http.out" | grep -E 'finished in|requests:|status codes:|traffic:' >&2 || true
sed 's/^/  dns udp: /' "$work/dns-udp.out" | grep -E 'Queries|Response codes|Run time' >&2 || true
sed 's/^/  dns tcp: /' "$work/dns-tcp.out" | grep -E 'Queries|Response codes|Run time' >&2 || true

num() { grep -oE "$1" "$2" | head -1 | grep -oE '[0-9]+' | head -1 || true; }
packets=$(capinfos -M -c -T -r "$out" | awk -F'\t' '{print $NF}')
{
    echo "# what the servers and load generators of bench/make-dissect-capture.sh counted"
    echo "made=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "capture=$(basename "$out")"
    echo "capture_packets=$packets"
    echo "capture_file_bytes=$(stat -c %s "$out")"
    echo "tcpdump_captured=$(num '[0-9]+ packets captured' "$work/tcpdump.err")"
    echo "tcpdump_received_by_filter=$(num '[0-9]+ packets received by filter' "$work/tcpdump.err")"
    echo "tcpdump_dropped_by_kernel=$(num '[0-9]+ packets dropped by kernel' "$work/tcpdump.err")"
    echo "load_seconds=$load_seconds"
    echo "http_load_generator=$loadgen"
    echo "http_connections_concurrent=$http_connections"
    echo "http_keepalive_requests=$keepalive_requests"
    if [[ $loadgen == h2load ]]; then
        sed -nE 's/^requests: ([0-9]+) total, ([0-9]+) started, ([0-9]+) done, ([0-9]+) succeeded, ([0-9]+) failed, ([0-9]+) errored.*/h2load_requests_total=\1\nh2load_requests_started=\2\nh2load_requests_done=\3\nh2load_requests_succeeded=\4\nh2load_requests_failed=\5\nh2load_requests_errored=\6/p' "$work/http.out"
        sed -nE 's/^status codes: ([0-9]+) 2xx, ([0-9]+) 3xx, ([0-9]+) 4xx, ([0-9]+) 5xx.*/h2load_status_2xx=\1\nh2load_status_3xx=\2\nh2load_status_4xx=\3\nh2load_status_5xx=\4/p' "$work/http.out"
    else
        echo "wrk_requests=$(num '[0-9]+ requests in' "$work/http.out")"
        echo "wrk_non_2xx_3xx=$(num 'Non-2xx or 3xx responses: [0-9]+' "$work/http.out")"
    fi
    echo "nginx_access_log_lines=$(wc -l <"$work/access.log")"
    echo "nginx_connections=$(awk '{print $1}' "$work/access.log" | sort -u | wc -l)"
    awk '{n[$3]++} END {for (s in n) printf "nginx_status_%s=%d\n", s, n[s]}' "$work/access.log" | sort
    for mode in udp tcp; do
        f=$work/dns-$mode.out
        echo "dnsperf_${mode}_queries_sent=$(num 'Queries sent: +[0-9]+' "$f")"
        echo "dnsperf_${mode}_queries_completed=$(num 'Queries completed: +[0-9]+' "$f")"
        echo "dnsperf_${mode}_queries_lost=$(num 'Queries lost: +[0-9]+' "$f")"
        echo "dnsperf_${mode}_response_codes=$(sed -nE 's/^ *Response codes: +//p' "$f" | tr -d ' ' | head -1)"
    done
    # dnsmasq serves each TCP connection in a child process whose counters never reach the parent: these two
    # count the UDP queries only.
    echo "dnsmasq_udp_answered_locally=$(num 'queries answered locally [0-9]+' "$work/dnsmasq.log" | tail -1)"
    echo "dnsmasq_udp_forwarded=$(num 'queries forwarded [0-9]+' "$work/dnsmasq.log" | tail -1)"
} >"$counts"
log "$out: $packets packets, $(stat -c %s "$out") bytes; counts in $counts:"
sed 's/^/  /' "$counts" >&2
