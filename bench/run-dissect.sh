#!/usr/bin/env bash
# Runs the dissection benchmark: builds the launcher jar and the bench module, makes the HTTP + DNS capture if it
# is missing (bench/make-dissect-capture.sh, as root), and runs io.trawl.bench.DissectBench, which prints a Markdown
# report and writes it to bench/results/dissect-latest.md.
#
#   bench/run-dissect.sh                    # everything: about 10 minutes on a quiet 2-core machine (tshark ~30 s, tshark -T ek ~3 min)
#   bench/run-dissect.sh --skip-tshark      # any harness option passes through (see --help; --no-tshark-ek skips the 3-minute row)
#   SKIP_BUILD=1 bench/run-dissect.sh       # reuse the last build
#   CAPTURE=OTHER.pcap bench/run-dissect.sh # another capture (its counts are read from OTHER.counts if present)
#
# Needs tcpdump, tshark and /usr/bin/time (Debian packages tcpdump, tshark, time). Measure on a quiet machine:
# the report notes the load average and the CPU other processes used during every run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -x $JAVA_HOME/bin/java ]]; then
    echo "run-dissect.sh: no JDK at JAVA_HOME=$JAVA_HOME; Trawl needs Java 25" >&2
    exit 1
fi
capture=${CAPTURE:-bench/data/dissect-load.pcap}

if [[ -z ${SKIP_BUILD:-} ]]; then
    echo "run-dissect.sh: building the launcher and trawl-bench ..."
    ./mvnw -B -q -pl launcher,bench -am package -DskipTests
fi
if [[ ! -f $capture ]]; then
    echo "run-dissect.sh: $capture is missing; making it with bench/make-dissect-capture.sh ..."
    bench/make-dissect-capture.sh "$capture"
fi

for tool in tcpdump:tcpdump tshark:tshark time:time; do
    command -v "${tool%%:*}" >/dev/null || [[ -x /usr/bin/${tool%%:*} ]] ||
        { echo "run-dissect.sh: ${tool%%:*} not found: apt-get install ${tool#*:}" >&2; exit 1; }
done

# No -Xmx: the harness JVM gets the same default heap as the trawl launcher it is compared with.
exec "$JAVA_HOME/bin/java" \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$here/target/trawl-bench-0.1.0-SNAPSHOT.jar:$here/target/lib/*" \
    io.trawl.bench.DissectBench --file "$capture" --jar launcher/target/trawl.jar \
    --out bench/results/dissect-latest.md "$@"
