package io.trawl.bench;

import java.nio.file.Path;

/**
 * One whole process for the whole-process comparison with tcpdump: reads a capture file once and prints what it
 * saw. {@code ReaderMain FILE [read|decode]}; {@code ReaderMain --none} starts and exits (JVM start cost).
 */
public final class ReaderMain {

    private ReaderMain() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--none")) {
            System.out.println("packets=0 bytes=0 checksum=0");
            return;
        }
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ReaderMain FILE [read|decode] | ReaderMain --none");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        String mode = args.length == 2 ? args[1] : "read";
        ReaderLoops.Pass pass = switch (mode) {
            case "read" -> ReaderLoops.read(file);
            case "decode" -> ReaderLoops.readDecodeKey(file);
            default -> {
                System.err.println("unknown mode " + mode + ": read or decode");
                System.exit(2);
                yield null;
            }
        };
        System.out.println("packets=" + pass.packets() + " bytes=" + pass.bytes() + " checksum=" + pass.checksum());
    }
}
