#!/usr/bin/env bash
# Runs the script hooks benchmark: builds trawl-bench (and what it depends on), makes the items file if it is
# missing (trawl dissect of bench/data/dissect-load.pcap, made by bench/make-dissect-capture.sh), and runs
# io.trawl.bench.script.ScriptBench on GraalJS's optimizing runtime, which prints a Markdown report and writes it
# to bench/results/script-latest.md.
#
#   bench/run-script.sh                          # everything: about 12-15 minutes on a quiet 2-core machine
#   bench/run-script.sh --rows J1,S4,S6 --warmup 30   # any harness option passes through (see --help)
#   SKIP_BUILD=1 bench/run-script.sh             # reuse the last build
#   ITEMS=OTHER.jsonl bench/run-script.sh        # other items (made from CAPTURE when missing)
#
# The harness JVM gets the Graal compiler (bench/target/graal-compiler, copied by the build) on its upgrade
# module path with JVMCI enabled, as ./trawl does; the report names the runtime that ran (JsRuntime.describe())
# and the harness refuses to measure on the fallback interpreter unless given --allow-interpreter. Measure on a
# quiet machine: the report notes the load average and the CPU other processes used during every timed pass.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -x $JAVA_HOME/bin/java ]]; then
    echo "run-script.sh: no JDK at JAVA_HOME=$JAVA_HOME; Trawl needs Java 25" >&2
    exit 1
fi
capture=${CAPTURE:-bench/data/dissect-load.pcap}
items=${ITEMS:-bench/data/dissect-load.items.jsonl}

if [[ -z ${SKIP_BUILD:-} ]]; then
    echo "run-script.sh: building trawl-bench ..."
    ./mvnw -B -q -pl bench -am package -DskipTests
fi
if [[ ! -f $items ]]; then
    if [[ ! -f $capture ]]; then
        echo "run-script.sh: $capture is missing; making it with bench/make-dissect-capture.sh ..."
        bench/make-dissect-capture.sh "$capture"
    fi
    echo "run-script.sh: making $items with trawl dissect ..."
    ./trawl dissect "$capture" --out "$items.partial"
    mv "$items.partial" "$items"
fi

compiler=$here/target/graal-compiler
if [[ ! -d $compiler ]]; then
    echo "run-script.sh: no Graal compiler at $compiler (the build copies it at package)" >&2
    exit 1
fi

# 4 GiB: the 1.2 GB of item JSON stays in memory as byte arrays, beside the per-pass garbage.
exec "$JAVA_HOME/bin/java" -Xmx4g \
    --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "--upgrade-module-path=$compiler" \
    -cp "$here/target/trawl-bench-0.1.0-SNAPSHOT.jar:$here/target/lib/*" \
    io.trawl.bench.script.ScriptBench --items "$items" --out bench/results/script-latest.md "$@"
