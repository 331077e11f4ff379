package io.trawl.launcher;

import io.trawl.dissect.detect.StandardDissectors;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.offline.OfflineDissection;
import io.trawl.pcap.CaptureFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code trawl dissect}: a capture file in, one item JSON per line out, with the service's dissectors. */
@Command(name = "dissect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Dissect a pcap or pcapng file into items, one JSON object per line.",
                "Items go to standard output (or --out); a summary goes to standard error."})
final class DissectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a pcap or pcapng file")
    Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "write items here instead of standard output")
    Path out;

    @Option(names = "--node", defaultValue = "local", description = "node name in the items (default: ${DEFAULT-VALUE})")
    String node;

    @Option(names = "--quiet", description = "no summary on standard error")
    boolean quiet;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "1|2",
            description = "2: write the JSON on a second thread while the first dissects (less wall time with a "
                    + "second core, more CPU in all); default: ${DEFAULT-VALUE}")
    int threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (threads != 1 && threads != 2) {
            err.println("trawl dissect: --threads takes 1 or 2, not " + threads);
            return ExitCodes.USAGE;
        }
        OfflineDissection dissection = new OfflineDissection(StandardDissectors.registry(), FlowSettings.defaults(),
                DissectorLimits.defaults(), threads == 2);
        OfflineDissection.Result result;
        // Standard output is flushed, never closed: it is not ours.
        OutputStream sink = new BufferedOutputStream(out == null
                ? new FileOutputStream(FileDescriptor.out) : new FileOutputStream(out.toFile()), 1 << 16);
        try {
            result = dissection.run(file, sink, node);
        } catch (CaptureFileException e) {
            err.println("trawl dissect: " + e.getMessage());
            return ExitCodes.USAGE;
        } finally {
            if (out == null) {
                sink.flush();
            } else {
                sink.close();
            }
        }
        if (result.error() != null) {
            err.println("trawl dissect: " + result.error());
        }
        if (!quiet) {
            DissectionStats s = result.stats();
            String byProtocol = result.itemsByProtocol().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            err.printf("dissected %,d packets into %,d items%s in %.2f s; %,d flows, %,d reassembly gaps%n",
                    result.packets(), result.items(), byProtocol.isEmpty() ? "" : " (" + byProtocol + ")",
                    result.elapsed().toNanos() / 1e9, s.flowsOpened(), s.reassemblyGaps());
        }
        err.flush();
        return result.error() == null ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
