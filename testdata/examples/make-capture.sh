#!/usr/bin/env bash
# Makes testdata/examples/examples.pcap, the capture the example scripts (scripts/examples/) are tested on,
# with real clients and servers, and dissects it into examples.items.jsonl with `trawl dissect`.
#
# As for the golden captures (testdata/golden/make-captures.sh): the client and the servers run in two
# network namespaces joined by a veth pair with MTU 1500 and segmentation offloads off, so segments are
# what a real Ethernet carries; tcpdump records on the client's end of the pair. The servers: the Python
# shop API in examples_http_server.py and dnsmasq. The clients: curl and dig, in examples_clients.sh.
# Only the namespaces this script creates are ever addressed; they and every process it starts are
# removed on exit, also on failure. See README.md beside this script.
#
# Usage (as root): testdata/examples/make-capture.sh
# Environment: TRAWL, the trawl command used to dissect (default: ./trawl at the repository root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TRAWL=${TRAWL:-$ROOT/trawl}
PCAP=$HERE/examples.pcap
ITEMS=$HERE/examples.items.jsonl

NS_CLIENT=trawl-examples-client
NS_SERVER=trawl-examples-server
VETH_CLIENT=texamples-c
VETH_SERVER=texamples-s
CLIENT_IP=10.233.0.1
SERVER_IP=10.233.0.2
PREFIX_LEN=24
MTU=1500
HTTP_PORT=8080
DNS_PORT=53
# Every server and client on one CPU, so a sender never reorders its own segments on the veth.
PIN=(taskset -c 0)

log() { printf 'make-capture: %s\n' "$*" >&2; }
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
ss iproute2
ethtool ethtool
tcpdump tcpdump
tshark tshark
capinfos wireshark-common
dnsmasq dnsmasq-base
dig bind9-dnsutils
curl curl
python3 python3
taskset util-linux
EOF
    [[ $missing -eq 0 ]] || die "install the packages above and run again"
    [[ $EUID -eq 0 ]] || die "must run as root (network namespaces, tcpdump)"
}

WORK=""
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    ip netns del "$NS_CLIENT" 2>/dev/null || true
    ip netns del "$NS_SERVER" 2>/dev/null || true
    [[ -n $WORK ]] && rm -rf "$WORK"
}

in_client() { ip netns exec "$NS_CLIENT" "$@"; }
in_server() { ip netns exec "$NS_SERVER" "$@"; }

# Polls a condition every 0.1 s for at most 10 s.
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

listening() { [[ -n $(in_server ss -Hln"$1" "sport = :$2") ]]; } # PROTO(t|u) PORT

# No TCP socket of the client is still open other than in TIME-WAIT: the last packets are out.
client_quiet() {
    [[ -z $(in_client ss -Htan state established state syn-sent state syn-recv state fin-wait-1 \
        state fin-wait-2 state close-wait state last-ack state closing) ]]
}

make_network() {
    ip netns del "$NS_CLIENT" 2>/dev/null || true
    ip netns del "$NS_SERVER" 2>/dev/null || true
    ip netns add "$NS_CLIENT"
    ip netns add "$NS_SERVER"
    ip link add "$VETH_CLIENT" netns "$NS_CLIENT" mtu "$MTU" type veth peer name "$VETH_SERVER" netns "$NS_SERVER" mtu "$MTU"
    local spec ns veth ip
    for spec in "$NS_CLIENT:$VETH_CLIENT:$CLIENT_IP" "$NS_SERVER:$VETH_SERVER:$SERVER_IP"; do
        IFS=: read -r ns veth ip <<<"$spec"
        # No IPv6: router solicitations and MLD reports would only add noise.
        ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip netns exec "$ns" ip link set lo up
        ip netns exec "$ns" ip addr add "$ip/$PREFIX_LEN" dev "$veth"
        ip netns exec "$ns" ethtool -K "$veth" tso off gso off gro off >/dev/null
        ip netns exec "$ns" ip link set "$veth" up
    done
    # Static neighbours: no ARP in the file.
    in_client ip neigh replace "$SERVER_IP" lladdr "$(in_server cat /sys/class/net/$VETH_SERVER/address)" dev "$VETH_CLIENT" nud permanent
    in_server ip neigh replace "$CLIENT_IP" lladdr "$(in_client cat /sys/class/net/$VETH_CLIENT/address)" dev "$VETH_SERVER" nud permanent
    await "the veth pair" link_up
}

start_servers() {
    # Background processes are started as `ip netns exec ... &`, never through a shell function, so
    # that $! is the server's own PID (ip execs the command).
    ip netns exec "$NS_SERVER" "${PIN[@]}" python3 "$HERE/examples_http_server.py" "$SERVER_IP" "$HTTP_PORT" \
        2>"$WORK/http-server.log" &
    PIDS+=($!)
    ip netns exec "$NS_SERVER" "${PIN[@]}" dnsmasq -k -C /dev/null --no-resolv --no-hosts --no-poll --pid-file= \
        --log-facility="$WORK/dnsmasq.log" --log-queries --bind-interfaces --listen-address="$SERVER_IP" \
        --port="$DNS_PORT" \
        --address=/example.test/10.233.0.80 \
        --local=/lab.test/ --local=/cluster.local/ \
        --host-record=mail.lab.test,10.233.0.25 &
    PIDS+=($!)
    await "the HTTP server" listening t "$HTTP_PORT"
    await "dnsmasq" listening u "$DNS_PORT"
}

# What tshark flags as not in order; the capture must have none of it.
DISORDER='tcp.analysis.out_of_order || tcp.analysis.retransmission || tcp.analysis.fast_retransmission'
DISORDER+=' || tcp.analysis.spurious_retransmission || tcp.analysis.lost_segment || tcp.analysis.ack_lost_segment'

capture() {
    local tcpdump_log=$WORK/tcpdump.log
    rm -f "$PCAP"
    ip netns exec "$NS_CLIENT" tcpdump -i "$VETH_CLIENT" -w "$PCAP" -s 0 -U -Z root --immediate-mode \
        "tcp port $HTTP_PORT or udp port $DNS_PORT" 2>"$tcpdump_log" &
    local tcpdump_pid=$!
    PIDS+=("$tcpdump_pid")
    await "tcpdump" grep -qs "listening on" "$tcpdump_log"
    if ! in_client "${PIN[@]}" bash "$HERE/examples_clients.sh" "$SERVER_IP" "$HTTP_PORT" "$DNS_PORT" \
        >"$WORK/clients.log" 2>&1; then
        cat "$WORK/clients.log" >&2
        die "a client failed"
    fi
    await "the connections to close" client_quiet
    # The packets are on the wire; give tcpdump a moment to drain its buffer before it exits.
    sleep 0.3
    kill -TERM "$tcpdump_pid"
    wait "$tcpdump_pid" 2>/dev/null || true
    log "$(grep -h 'packets captured' "$tcpdump_log")"
    local disorder
    disorder=$(tshark -r "$PCAP" -Y "$DISORDER" -T fields -e frame.number 2>/dev/null | wc -l)
    [[ $disorder -eq 0 ]] || die "$PCAP has $disorder out-of-order, retransmitted or lost segments; run again"
}

dissect() {
    "$TRAWL" dissect --quiet "$PCAP" >"$ITEMS"
}

report() {
    local packets
    packets=$(capinfos -c -M -T "$PCAP" | awk -F'\t' 'NR == 2 { print $2 }')
    log "examples.pcap: $packets packets, $(stat -c %s "$PCAP") bytes"
    log "examples.items.jsonl: $(wc -l <"$ITEMS") items, $(stat -c %s "$ITEMS") bytes"
    log "HTTP statuses (tshark): $(tshark -r "$PCAP" -Y http.response -T fields -e http.response.code 2>/dev/null |
        sort | uniq -c | awk '{ printf "%s x%s ", $2, $1 }')"
    log "DNS queries (tshark): $(tshark -r "$PCAP" -Y 'dns.flags.response == 0' -T fields -e dns.qry.name 2>/dev/null |
        wc -l)"
    log "cache misses (slow /api/search): $(grep -c 'q=\(checksum\|latency\|gateway\)' "$WORK/http-server.log" || true)"
}

main() {
    check_tools
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    WORK=$(mktemp -d /tmp/trawl-examples.XXXXXX)
    make_network
    start_servers
    capture
    dissect
    report
}

main "$@"
