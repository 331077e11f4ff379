#!/usr/bin/env bash
# Runs the whole benchmark: builds the bench module (and what it needs), makes the large capture if it is missing,
# and runs the harness, which prints a Markdown report and writes it to bench/results/latest.md.
#
#   bench/run.sh                       # everything: about 6 minutes on a quiet 2-core machine, more when it waits
#   bench/run.sh --skip-kafka          # reading only; any other harness options pass through (see --help)
#   SKIP_BUILD=1 bench/run.sh          # reuse the last build
#
# Measure on a quiet machine: the report notes the load average of every run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -x $JAVA_HOME/bin/java ]]; then
    echo "run.sh: no JDK at JAVA_HOME=$JAVA_HOME; Trawl needs Java 25" >&2
    exit 1
fi
capture=${CAPTURE:-$here/data/http-load.pcap}

if [[ -z ${SKIP_BUILD:-} ]]; then
    echo "run.sh: building trawl-bench ..."
    ./mvnw -B -q -pl bench -am package -DskipTests
fi
if [[ ! -f $capture ]]; then
    echo "run.sh: $capture is missing; making it with bench/make-capture.sh ..."
    "$here/make-capture.sh" "$capture"
fi

command -v tcpdump >/dev/null || { echo "run.sh: tcpdump not found: apt-get install tcpdump" >&2; exit 1; }

exec "$JAVA_HOME/bin/java" -Xms2g -Xmx2g \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$here/target/trawl-bench-0.1.0-SNAPSHOT.jar:$here/target/lib/*" \
    io.trawl.bench.BenchMain --file "$capture" --out "$here/results/latest.md" "$@"
