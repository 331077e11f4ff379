package io.trawl.bench.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.trawl.script.item.ItemView;

/**
 * The items a run feeds to the hooks, held in memory as the JSON bytes {@code trawl dissect} wrote (one array
 * per item, as a Kafka record's value would be), each with its flow key: the {@code stream} member's bytes,
 * which is what items of one flow share, for routing to {@code ScriptWorkers} as the Kafka key would route.
 */
record ItemCorpus(Path file, byte[][] items, byte[][] keys, Map<String, Long> byProtocol, long bytes) {

    int size() {
        return items.length;
    }

    /** Reads up to {@code limit} JSON lines (all when {@code limit <= 0}). */
    static ItemCorpus read(Path file, int limit) throws IOException {
        List<byte[]> items = new ArrayList<>();
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            byte[] line = new byte[1 << 16];
            int lineLength = 0;
            int n;
            outer:
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (c == '\n') {
                        if (lineLength > 0) {
                            items.add(Arrays.copyOf(line, lineLength));
                            total += lineLength;
                            if (limit > 0 && items.size() >= limit) {
                                lineLength = 0;
                                break outer;
                            }
                        }
                        lineLength = 0;
                        continue;
                    }
                    if (lineLength == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[lineLength++] = c;
                }
            }
            if (lineLength > 0) {
                items.add(Arrays.copyOf(line, lineLength));
                total += lineLength;
            }
        }
        byte[][] all = items.toArray(new byte[0][]);
        byte[][] keys = new byte[all.length][];
        Map<String, Long> byProtocol = new TreeMap<>();
        for (int i = 0; i < all.length; i++) {
            ItemView item = ItemView.parse(all[i]);
            Object stream = item.getMember("stream");
            keys[i] = String.valueOf(stream).getBytes(StandardCharsets.UTF_8);
            Object protocol = item.getMember("protocol") instanceof ItemView p ? p.getMember("name") : null;
            byProtocol.merge(String.valueOf(protocol), 1L, Long::sum);
        }
        return new ItemCorpus(file, all, keys, byProtocol, total);
    }
}
