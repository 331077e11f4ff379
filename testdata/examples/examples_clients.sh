#!/usr/bin/env bash
# The client side of testdata/examples/examples.pcap: curl and dig, run by make-capture.sh inside its
# client network namespace. The order and every request are fixed, so the example tests can name what
# each script must flag. Several URLs on one curl command line share one keep-alive connection.
#
# Usage: examples_clients.sh SERVER_IP HTTP_PORT DNS_PORT
set -euo pipefail

server=$1
http_port=$2
dns_port=$3
base="http://$server:$http_port"
curl=(curl -sS --http1.1 -A examples-curl/1)

# get URL...: GETs on one connection, bodies thrown away.
get() {
    local args=() url
    for url in "$@"; do
        args+=(-o /dev/null "$base$url")
    done
    "${curl[@]}" "${args[@]}"
}

get /health

# Thirteen raw paths that status-codes.js folds into one: /api/users/:id (two of them are 404s).
get /api/users/{1001..1012} /api/users/9404 /api/users/9405

# UUIDs and long hex ids: /api/orders/:id as well.
get /api/orders/5f3a9c0e-2b7d-4e1a-9c3f-0d8e6b2a1f47 /api/orders/0b1e7c2a-9d4f-4c6b-8e2a-7f1d3c5b9a60 \
    /api/orders/a3f9c27e11d4 /api/orders/7c0e9b15f2a8

# /api/search: 44 requests, fast cache hits except three cold terms (300 ms each) at positions 32, 36
# and 40, after the 30 observations latency-outliers.js needs before it judges an endpoint.
warm=(packet flow stream segment window socket frame header payload route)
search=()
for i in $(seq 1 44); do
    case $i in
        32) term=checksum ;;
        36) term=latency ;;
        40) term=gateway ;;
        *) term=${warm[$(((i - 1) % ${#warm[@]}))]} ;;
    esac
    search+=("/api/search?q=$term")
done
get "${search[@]}"

# Server errors: 500, 500, 200, 500, 503 on one connection, then a 500 for a POST.
get /api/payments /api/payments /api/reports/12 /api/reports/13 /api/inventory/sku-20931
"${curl[@]}" -o /dev/null -H 'Content-Type: application/json' --data '{"cart":"c-4411"}' "$base/api/checkout"

# Credentials in clear text: two Basic logins (one accepted, one refused), Basic on another path,
# a Bearer token (not Basic: not flagged) and no credentials at all.
"${curl[@]}" -o /dev/null -u user:secret --data '' "$base/api/login"
"${curl[@]}" -o /dev/null -u admin:hunter2 --data '' "$base/api/login"
"${curl[@]}" -o /dev/null -u user:secret "$base/api/profile"
"${curl[@]}" -o /dev/null -H 'Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyIn0.' "$base/api/profile"
"${curl[@]}" -o /dev/null "$base/api/profile"

# DNS over UDP: ordinary names (some long, some with digits) and generated-looking ones; one of the
# latter twice. generated-dns-names.js must flag exactly the generated ones, each once.
dig=(dig @"$server" -p "$dns_port" +tries=1 +time=2 +noall +answer)
for name in www.example.test api.example.test cdn-eu-west-1.example.test authentication-gateway.example.test \
    kubernetes.default.svc.cluster.local mail.lab.test \
    x7kq2v9zr4mpl8w3.example.test qzxv8n2kd7wp5tr1h9.example.test 3f9a7c1e5b2d80461c.example.test \
    mnbvcxzlkjhgfdsq.example.test x7kq2v9zr4mpl8w3.example.test; do
    "${dig[@]}" "$name" A
done
