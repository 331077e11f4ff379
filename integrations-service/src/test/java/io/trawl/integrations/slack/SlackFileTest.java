package io.trawl.integrations.slack;

import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.RejectedActionException;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.action.SnapshotFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackFileTest {

    private static ActionParams file(String json) throws Exception {
        return ActionParams.parse("slackBot", json);
    }

    /** A store holding one snapshot, {@code s-1}, that claims {@code size} bytes and reads as {@code bytes}. */
    private static Optional<SnapshotFiles> store(long size, byte[] bytes) {
        SnapshotFiles.SnapshotFile stored = new SnapshotFiles.SnapshotFile() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
        return Optional.of(id -> id.equals("s-1") ? Optional.of(stored) : Optional.empty());
    }

    @Test
    void textAndSnapshotsWithinTheLimitAreRead() throws Exception {
        SlackFile text = SlackFile.read(file("{\"name\":\"a.txt\",\"content\":\"héllo\"}"), Optional.empty(), 6);
        assertThat(text.name()).isEqualTo("a.txt");
        assertThat(text.bytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));

        SlackFile pcap = SlackFile.read(file("{\"name\":\"c.pcap\",\"snapshot\":\"s-1\"}"),
                store(4, new byte[] {1, 2, 3, 4}), 4);
        assertThat(pcap.bytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> SlackFile.read(file("{\"name\":\"a.txt\",\"content\":\"héllo\"}"),
                Optional.empty(), 5))
                .isInstanceOf(RejectedActionException.class)
                .hasMessage("slackBot: file a.txt has 6 bytes, more than "
                        + "trawl.integrations.slack.max-file-bytes (5)");
        assertThatThrownBy(() -> SlackFile.read(file("{\"name\":\"c.pcap\",\"snapshot\":\"s-1\"}"),
                store(10, new byte[10]), 4))
                .isInstanceOf(RejectedActionException.class)
                .hasMessage("slackBot: file c.pcap has 10 bytes, more than "
                        + "trawl.integrations.slack.max-file-bytes (4)");
    }

    @Test
    void aSnapshotThatGrewPastItsSizeIsRefusedNotCut() {
        assertThatThrownBy(() -> SlackFile.read(file("{\"name\":\"c.pcap\",\"snapshot\":\"s-1\"}"),
                store(2, new byte[9]), 4))
                .isInstanceOf(RejectedActionException.class)
                .hasMessage("slackBot: file c.pcap has 5 bytes, more than "
                        + "trawl.integrations.slack.max-file-bytes (4)");
    }

    @Test
    void aSnapshotNotStoredYetIsRetried() {
        assertThatThrownBy(() -> SlackFile.read(file("{\"name\":\"c.pcap\",\"snapshot\":\"s-2\"}"),
                store(1, new byte[1]), 4))
                .isInstanceOf(RetryableActionException.class)
                .hasMessage("slackBot: snapshot s-2 is not stored yet");
    }
}
