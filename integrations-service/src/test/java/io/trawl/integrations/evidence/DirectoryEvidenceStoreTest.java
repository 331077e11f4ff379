package io.trawl.integrations.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryEvidenceStoreTest {

    @TempDir
    Path dir;

    @Test
    void storedFilesAreReadOnlyAndReadBackWhole() throws Exception {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir.resolve("evidence"));

        StoredEvidence stored = store.put("s1.pcap", EvidenceContent.of(new byte[] {1, 2, 3}), "x");

        Path file = dir.resolve("evidence/s1.pcap");
        assertThat(stored.location()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(stored.size()).isEqualTo(3);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
        try (InputStream in = store.open("s1.pcap")) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        try (Stream<Path> files = Files.list(dir.resolve("evidence"))) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
        assertThat(store.find("s1.pcap")).map(StoredEvidence::size).contains(3L);
        assertThat(store.find("s2.pcap")).isEmpty();
    }

    @Test
    void anExistingNameIsRefusedAndTheFileKept() throws Exception {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir);
        store.put("s1.pcap", EvidenceContent.of(new byte[] {1}), "x");

        assertThatThrownBy(() -> store.put("s1.pcap", EvidenceContent.of(new byte[] {2}), "x"))
                .isInstanceOf(EvidenceExistsException.class)
                .hasMessage(dir.resolve("s1.pcap").toAbsolutePath() + " already exists; evidence is written once and"
                        + " never replaced");
        assertThat(Files.readAllBytes(dir.resolve("s1.pcap"))).containsExactly(1);
    }

    @Test
    void aNameCreatedByAnotherWriterMeanwhileIsNotReplaced() throws Exception {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir);
        Files.write(dir.resolve("taken.pcap"), new byte[] {7});

        assertThatThrownBy(() -> store.put("taken.pcap", EvidenceContent.of(new byte[] {2}), "x"))
                .isInstanceOf(EvidenceExistsException.class);
        assertThat(Files.readAllBytes(dir.resolve("taken.pcap"))).containsExactly(7);
    }

    @Test
    void namesThatCouldLeaveTheDirectoryAreRefused() throws IOException {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir);

        assertThatThrownBy(() -> store.put("../x.pcap", EvidenceContent.of(new byte[1]), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("evidence name '../x.pcap' is not usable: it must start with a letter or digit and hold"
                        + " only letters, digits, '.', '_' and '-' (at most 200)");
    }

    @Test
    void listingSkipsTemporaryFiles() throws Exception {
        DirectoryEvidenceStore store = new DirectoryEvidenceStore(dir);
        store.put("a.manifest.json", EvidenceContent.of(new byte[] {'{', '}'}), "application/json");
        store.put("a.pcap", EvidenceContent.of(new byte[1]), "x");
        Files.write(dir.resolve(".b.manifest.json"), new byte[1]);

        assertThat(store.list(".manifest.json")).extracting(StoredEvidence::name).containsExactly("a.manifest.json");
    }
}
