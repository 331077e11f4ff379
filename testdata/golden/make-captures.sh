#!/usr/bin/env bash
# Makes the golden captures of dissector-service's layer-2 tests with real clients and servers.
#
# The client and the servers run in two network namespaces joined by a veth pair with MTU 1500
# and segmentation offloads off, so TCP segments are at most 1448 payload bytes as on a real
# Ethernet (a default loopback carries 64 KiB segments that hide reassembly bugs). tcpdump
# records on the client's end of the pair. Every file under $OUT that this script makes is
# remade on each run; nothing else there is touched. See README.md beside this script.
#
# Usage (as root): testdata/golden/make-captures.sh [OUT_DIR]
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${1:-$ROOT/dissector-service/src/test/resources/pcap}

NS_CLIENT=trawl-golden-client
NS_SERVER=trawl-golden-server
VETH_CLIENT=tgolden-c
VETH_SERVER=tgolden-s
CLIENT_IP=10.231.0.1
SERVER_IP=10.231.0.2
PREFIX_LEN=24
MTU=1500
NGINX_PORT=80
PYTHON_PORT=8080
DNS_PORT=53
# What this script writes under $OUT: each NAME.pcap with its NAME.tshark*.tsv files.
CAPTURES=(http/keepalive http/chunked-gzip http/large-body http/post-form http/error-500 http/pipelined
    http/reset-mid-response http/midstream http/reordered dns/udp-queries dns/tcp-queries)

log() { printf 'make-captures: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

check_tools() {
    local missing=0 tool package
    while read -r tool package; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            log "missing '$tool': apt-get install $package"
            missing=1
        fi
    done <<'EOF'
ip iproute2
ethtool ethtool
tcpdump tcpdump
tshark tshark
editcap wireshark-common
capinfos wireshark-common
nginx nginx
dnsmasq dnsmasq-base
dig bind9-dnsutils
curl curl
python3 python3
ss iproute2
taskset util-linux
EOF
    [[ $missing -eq 0 ]] || die "install the packages above and run again"
    [[ $EUID -eq 0 ]] || die "must run as root (network namespaces, tcpdump)"
}

WORK=""
PIDS=()
# Every server and client runs on one CPU. A veth hands each packet to the receive backlog of
# the CPU that sent it, so a sender that moves between CPUs mid-response can reorder its own
# segments on the wire; the captures other than reordered.pcap should be in order.
PIN=(taskset -c 0)

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    ip netns del "$NS_CLIENT" 2>/dev/null || true
    ip netns del "$NS_SERVER" 2>/dev/null || true
    [[ -n $WORK ]] && rm -rf "$WORK"
}

# tshark warns on every run as root; that is expected here.
tshark() { command tshark "$@" 2> >(grep -v '^Running as user "root"' >&2); }

in_client() { ip netns exec "$NS_CLIENT" "$@"; }
in_server() { ip netns exec "$NS_SERVER" "$@"; }

# Remembers a background process so that cleanup ends it. Background commands are started as
# `ip netns exec ... &`, never through a shell function (that would put a subshell in between):
# ip execs the command, so $! is the server's own PID.
started() { PIDS+=("$1"); }

stop() {
    local pid=$1 signal=${2:-TERM} kept=() p
    kill -"$signal" "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    PIDS=("${kept[@]}")
}

# Polls a condition every 0.1 s, for at most 10 s.
await() {
    local what=$1
    shift
    for _ in $(seq 100); do
        "$@" && return 0
        sleep 0.1
    done
    die "timed out waiting for $what"
}

link_up() {
    [[ $(in_client cat "/sys/class/net/$VETH_CLIENT/operstate") == up &&
        $(in_server cat "/sys/class/net/$VETH_SERVER/operstate") == up ]]
}

make_network() {
    # A previous run that was killed hard may have left them behind.
    ip netns del "$NS_CLIENT" 2>/dev/null || true
    ip netns del "$NS_SERVER" 2>/dev/null || true
    ip netns add "$NS_CLIENT"
    ip netns add "$NS_SERVER"
    ip link add "$VETH_CLIENT" netns "$NS_CLIENT" mtu "$MTU" type veth peer name "$VETH_SERVER" netns "$NS_SERVER" mtu "$MTU"
    local ns veth ip
    for ns in "$NS_CLIENT:$VETH_CLIENT:$CLIENT_IP" "$NS_SERVER:$VETH_SERVER:$SERVER_IP"; do
        IFS=: read -r ns veth ip <<<"$ns"
        # No IPv6 on the pair: router solicitations and MLD reports would only add noise.
        ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip netns exec "$ns" ip link set lo up
        ip netns exec "$ns" ip addr add "$ip/$PREFIX_LEN" dev "$veth"
        ip netns exec "$ns" ethtool -K "$veth" tso off gso off gro off >/dev/null
        ip netns exec "$ns" ip link set "$veth" up
    done
    in_client ip neigh replace "$SERVER_IP" lladdr "$(in_server cat /sys/class/net/$VETH_SERVER/address)" dev "$VETH_CLIENT" nud permanent
    in_server ip neigh replace "$CLIENT_IP" lladdr "$(in_client cat /sys/class/net/$VETH_CLIENT/address)" dev "$VETH_SERVER" nud permanent
    await "the veth pair" link_up
}

make_content() {
    mkdir -p "$WORK/www/gz" "$WORK/nginx-temp"
    python3 - "$WORK/www" <<'EOF'
import json, random, sys
www = sys.argv[1]
rng = random.Random(20231)  # fixed seed: the same bodies on every run
words = ("packet flow stream segment window socket frame header payload checksum route "
         "latency capture filter gateway tunnel buffer signal reset resolve").split()
with open(f"{www}/index.txt", "w") as f:
    f.write("Trawl golden capture: a small text page.\n")
with open(f"{www}/data.json", "w") as f:
    json.dump({"name": "trawl", "kind": "golden", "items": [{"id": i, "word": words[i]} for i in range(8)]}, f)
    f.write("\n")
# Random words compress only about 3:1, so the gzip body still spans several chunks and segments.
with open(f"{www}/gz/report.json", "w") as f:
    rows = [{"id": i, "host": f"10.231.0.{rng.randrange(1, 255)}", "note": " ".join(rng.choice(words) for _ in range(6))}
            for i in range(600)]
    json.dump({"rows": rows}, f, indent=1)
    f.write("\n")
with open(f"{www}/large.txt", "w") as f:
    out, n = [], 0
    while sum(map(len, out)) < 300_000:
        out.append(f"{n:06d} " + " ".join(rng.choice(words) for _ in range(8)) + "\n")
        n += 1
    f.write("".join(out)[:300_000])
EOF
    cat >"$WORK/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log info;
events { worker_connections 64; }
http {
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    types { text/plain txt; application/json json; }
    default_type application/octet-stream;
    keepalive_timeout 10s;
    server {
        listen $SERVER_IP:$NGINX_PORT;
        server_name golden.test;
        root $WORK/www;
        location /gz/ {
            gzip on;
            gzip_min_length 1;
            gzip_types application/json text/plain;
            # Small buffers: the file goes through gzip a piece at a time, and every piece
            # that comes out becomes a chunk of its own, so the body has several chunks.
            sendfile off;
            output_buffers 1 8k;
            gzip_buffers 2 1k;
        }
    }
}
EOF
    chmod -R a+rX "$WORK"
}

listening() { # PROTO PORT
    [[ -n $(in_server ss -Hln"$1" "sport = :$2") ]]
}

start_servers() {
    ip netns exec "$NS_SERVER" "${PIN[@]}" nginx -c "$WORK/nginx.conf" 2>"$WORK/nginx-stderr.log" &
    started $!
    ip netns exec "$NS_SERVER" "${PIN[@]}" python3 "$HERE/golden_http_server.py" "$SERVER_IP" "$PYTHON_PORT" 2>"$WORK/python-server.log" &
    started $!
    ip netns exec "$NS_SERVER" "${PIN[@]}" dnsmasq -k -C /dev/null --no-resolv --no-hosts --no-poll --pid-file= --log-facility="$WORK/dnsmasq.log" \
        --log-queries --bind-interfaces --listen-address="$SERVER_IP" --port="$DNS_PORT" \
        --address=/example.test/10.231.0.80 \
        --local=/lab.test/ \
        --host-record=host.lab.test,10.231.0.81,fd00:231::81 \
        --host-record=mail.lab.test,10.231.0.25 \
        --cname=alias.lab.test,host.lab.test \
        --mx-host=lab.test,mail.lab.test,10 \
        "--txt-record=info.lab.test,trawl golden capture,second string" \
        --srv-host=_http._tcp.lab.test,host.lab.test,80,0,5 \
        --ptr-record=82.0.231.10.in-addr.arpa,printer.lab.test &
    started $!
    await "nginx" listening t "$NGINX_PORT"
    await "the python server" listening t "$PYTHON_PORT"
    await "dnsmasq (udp)" listening u "$DNS_PORT"
    await "dnsmasq (tcp)" listening t "$DNS_PORT"
}

# The client's TCP sockets other than TIME-WAIT are gone: the connection's last packets are out.
client_quiet() {
    [[ -z $(in_client ss -Htan state established state syn-sent state syn-recv state fin-wait-1 \
        state fin-wait-2 state close-wait state last-ack state closing) ]]
}

# What tshark flags as not in order. A capture recorded here must have none of it.
DISORDER='tcp.analysis.out_of_order || tcp.analysis.retransmission || tcp.analysis.fast_retransmission'
DISORDER+=' || tcp.analysis.spurious_retransmission || tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment'

# capture FILE FILTER [--may-fail] -- COMMAND...: records COMMAND's traffic, run in the client namespace.
capture() {
    local file=$1 filter=$2 may_fail=0 tcpdump_log
    tcpdump_log="$WORK/tcpdump-$(basename "$(dirname "$1")")-$(basename "$1" .pcap).log"
    shift 2
    [[ $1 == --may-fail ]] && { may_fail=1; shift; }
    [[ $1 == -- ]] && shift
    mkdir -p "$(dirname "$file")"
    rm -f "$file"
    ip netns exec "$NS_CLIENT" tcpdump -i "$VETH_CLIENT" -w "$file" -s 0 -U -Z root --immediate-mode "$filter" 2>"$tcpdump_log" &
    local tcpdump_pid=$!
    started "$tcpdump_pid"
    await "tcpdump" grep -qs "listening on" "$tcpdump_log"
    local status=0
    in_client "${PIN[@]}" "$@" >>"$WORK/clients.log" 2>&1 || status=$?
    if [[ $status -ne 0 && $may_fail -eq 0 ]]; then
        cat "$WORK/clients.log" >&2
        die "client failed ($status): $*"
    fi
    await "the connection to close" client_quiet
    # The packets are on the wire; give tcpdump's ring buffer a moment before it drains it and exits.
    sleep 0.3
    stop "$tcpdump_pid" TERM
    log "$(basename "$(dirname "$file")")/$(basename "$file"): $(grep -h 'packets captured' "$tcpdump_log")"
    local disorder
    disorder=$(tshark -r "$file" -Y "$DISORDER" -T fields -e frame.number | wc -l)
    [[ $disorder -eq 0 ]] || die "$file has $disorder out-of-order, retransmitted or lost segments; run again"
}


http_views() { # PCAP [tshark options...]: tshark's view of the HTTP messages, for cross-checking
    local pcap=$1 base=${1%.pcap}
    shift
    tshark -r "$pcap" "$@" -Y http.request -T fields -E header=y \
        -e frame.number -e tcp.stream -e http.request.method -e http.request.uri >"$base.tshark.requests.tsv"
    tshark -r "$pcap" "$@" -Y http.response -T fields -E header=y \
        -e frame.number -e tcp.stream -e http.response.code >"$base.tshark.responses.tsv"
}

# tshark's dns.a, dns.aaaa, ... hold the records of every section (answer, authority and
# additional) without saying which; the counts at the end tell the sections' sizes.
dns_view() { # PCAP
    local pcap=$1
    tshark -r "$pcap" -Y dns -T fields -E header=y \
        -e frame.number -e dns.id -e dns.flags.response -e dns.qry.name -e dns.qry.type -e dns.flags.rcode \
        -e dns.a -e dns.aaaa -e dns.cname -e dns.mx.mail_exchange -e dns.txt -e dns.srv.target \
        -e dns.ptr.domain_name -e dns.count.answers -e dns.count.auth_rr -e dns.count.add_rr \
        >"${pcap%.pcap}.tshark.tsv"
}

capture_http() {
    local http=$OUT/http nginx="http://$SERVER_IP:$NGINX_PORT" python="http://$SERVER_IP:$PYTHON_PORT"
    local curl=(curl -sS --http1.1 -A golden-curl/1)

    # Three URLs on one command line: curl reuses the keep-alive connection.
    capture "$http/keepalive.pcap" "tcp port $NGINX_PORT" -- "${curl[@]}" \
        -o /dev/null -o /dev/null -o /dev/null "$nginx/index.txt" "$nginx/data.json" "$nginx/missing.txt"

    # nginx gzips on the fly, so it cannot know the length: Transfer-Encoding: chunked.
    capture "$http/chunked-gzip.pcap" "tcp port $NGINX_PORT" -- "${curl[@]}" --compressed \
        -o /dev/null "$nginx/gz/report.json"

    capture "$http/large-body.pcap" "tcp port $NGINX_PORT" -- "${curl[@]}" -o /dev/null "$nginx/large.txt"

    # A small form, then on the same connection a 4000-byte form that waits for 100 Continue.
    local big_form
    big_form="note=$(printf 'golden%.0s' $(seq 660))&size=large&kind=expect"
    capture "$http/post-form.pcap" "tcp port $PYTHON_PORT" -- "${curl[@]}" \
        -o /dev/null --data 'name=Trawl+Golden&email=golden%40lab.test&tags=pcap&tags=http' "$python/form" \
        --next "${curl[@]}" -o /dev/null -H 'Expect: 100-continue' --data "$big_form" "$python/upload"

    capture "$http/error-500.pcap" "tcp port $PYTHON_PORT" -- "${curl[@]}" -o /dev/null "$python/fail"

    capture "$http/pipelined.pcap" "tcp port $NGINX_PORT" -- \
        python3 "$HERE/pipelined_client.py" "$SERVER_IP" "$NGINX_PORT" /index.txt /data.json /missing.txt

    # curl exits with "failure when receiving data" (56): the server reset the connection.
    capture "$http/reset-mid-response.pcap" "tcp port $PYTHON_PORT" --may-fail -- "${curl[@]}" \
        -o /dev/null "$python/reset"

    # Derived captures. midstream: keepalive without its handshake and first request, so it
    # starts with the first response, whose request is not in the file.
    local first_request
    first_request=$(tshark -r "$http/keepalive.pcap" -Y http.request -T fields -e frame.number | awk 'NR == 1')
    editcap -F pcap "$http/keepalive.pcap" "$http/midstream.pcap" "1-$first_request"

    # reordered: two consecutive server data segments of large-body's response, swapped, the
    # first pair after the 20th data segment (about 29 KB into the body). That is inside the
    # 64 KiB of body text the dissector keeps by default, so even then the bytes show.
    local pair
    pair=$(tshark -r "$http/large-body.pcap" -Y "tcp.srcport == $NGINX_PORT && tcp.len > 0" -T fields -e frame.number |
        awk 'NR > 20 && $1 == previous + 1 && !found { print previous, $1; found = 1 } { previous = $1 }')
    [[ -n $pair ]] || die "no two consecutive server data segments in large-body.pcap"
    # shellcheck disable=SC2086 # two frame numbers
    python3 "$HERE/pcap_swap.py" "$http/large-body.pcap" "$http/reordered.pcap" $pair
    log "http/reordered.pcap: frames $pair of large-body.pcap swapped"

    local pcap
    for pcap in keepalive chunked-gzip large-body post-form error-500 pipelined midstream; do
        http_views "$http/$pcap.pcap"
    done
    # tshark does not reassemble out-of-order segments unless told to.
    http_views "$http/reordered.pcap" -o tcp.reassemble_out_of_order:TRUE
    # The body never completes, so tshark would wait for it and show no response at all.
    http_views "$http/reset-mid-response.pcap" -o http.desegment_body:FALSE
}

DNS_QUERIES=(
    www.example.test A
    host.lab.test A
    host.lab.test AAAA
    alias.lab.test A
    lab.test MX
    info.lab.test TXT
    _http._tcp.lab.test SRV
    -x 10.231.0.82
    missing.lab.test A
)

capture_dns() {
    local dns=$OUT/dns dig=(dig @"$SERVER_IP" -p "$DNS_PORT" +tries=1 +time=2)
    capture "$dns/udp-queries.pcap" "port $DNS_PORT" -- "${dig[@]}" "${DNS_QUERIES[@]}"
    # +keepopen: every query on one TCP connection.
    capture "$dns/tcp-queries.pcap" "port $DNS_PORT" -- "${dig[@]}" +tcp +keepopen "${DNS_QUERIES[@]}"
    dns_view "$dns/udp-queries.pcap"
    dns_view "$dns/tcp-queries.pcap"
}

report() {
    local name pcap max
    for name in "${CAPTURES[@]}"; do
        pcap=$OUT/$name.pcap
        max=$(tshark -r "$pcap" -T fields -e frame.len | sort -n | tail -n 1)
        [[ $max -le $((MTU + 14)) ]] || die "$pcap has a $max-byte frame, more than Ethernet MTU $MTU allows"
        log "$(printf '%-32s %4d packets, %6d bytes, largest frame %4d bytes' \
            "${pcap#"$OUT"/}" "$(capinfos -c -M -T "$pcap" | awk -F'\t' 'NR == 2 { print $2 }')" \
            "$(stat -c %s "$pcap")" "$max")"
    done
}

main() {
    check_tools
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    WORK=$(mktemp -d /tmp/trawl-golden.XXXXXX)
    mkdir -p "$OUT/http" "$OUT/dns"
    make_network
    make_content
    start_servers
    capture_http
    capture_dns
    report
}

main "$@"
