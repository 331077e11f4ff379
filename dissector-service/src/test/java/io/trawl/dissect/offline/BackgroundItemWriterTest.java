package io.trawl.dissect.offline;

import io.trawl.dissect.detect.StandardDissectors;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.model.item.Protocol;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON written on a second thread: the same bytes in the same order, and its failures reach the caller. */
class BackgroundItemWriterTest {

    private static Item item(int index) {
        return new Item("local/tcp-x-" + index, index, "tcp-x", "local", Protocol.http("1.1"),
                new Endpoint("10.0.0.1", "40000", "", ""), new Endpoint("10.0.0.2", "80", "", ""), 1000L + index,
                "2026-11-28T00:00:00Z", Map.of("path", "/" + index), Map.of("status", 200), 10, 20, 5, null);
    }

    @Test
    void writesEveryItemInOrderAcrossBatches() {
        int count = BackgroundItemWriter.BATCH * (BackgroundItemWriter.QUEUED + 3) + 7;
        ByteArrayOutputStream background = new ByteArrayOutputStream();
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ItemJson.Writer expected = ItemJson.writer(direct);

        BackgroundItemWriter writer = new BackgroundItemWriter(background);
        for (int i = 0; i < count; i++) {
            writer.write(item(i));
            expected.writeLine(item(i));
        }
        writer.finish();
        expected.flush();

        assertThat(background.toString()).isEqualTo(direct.toString());
        assertThat(background.toString().lines()).hasSize(count);
    }

    @Test
    void aFailingOutputFailsTheDissectingThreadInsteadOfHangingIt() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        BackgroundItemWriter writer = new BackgroundItemWriter(broken);
        // more than the queue holds: the writer fails at its first drain, and the dissecting thread must hear of it
        assertThatThrownBy(() -> {
            for (int i = 0; i < 200_000; i++) {
                writer.write(item(i));
            }
            writer.finish();
        }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write items")
                .hasRootCauseMessage("Broken pipe");
        writer.stop();
    }

    @Test
    void offlineDissectionWritesTheSameBytesWithAWriterThreadOnEveryTestCapture() throws Exception {
        var dissectors = StandardDissectors.registry();
        try (Stream<Path> files = Files.walk(Path.of("../testdata/pcaps"))) {
            for (Path capture : files.filter(p -> p.toString().matches(".*\\.pcap(ng)?$")).sorted().toList()) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                ByteArrayOutputStream two = new ByteArrayOutputStream();
                var first = new OfflineDissection(dissectors, FlowSettings.defaults(), DissectorLimits.defaults(), false)
                        .run(capture, one, "n");
                var second = new OfflineDissection(dissectors, FlowSettings.defaults(), DissectorLimits.defaults(), true)
                        .run(capture, two, "n");
                assertThat(two.toString()).as(capture.toString()).isEqualTo(one.toString());
                assertThat(second.items()).as(capture.toString()).isEqualTo(first.items());
                assertThat(second.error()).as(capture.toString()).isEqualTo(first.error());
            }
        }
    }
}
