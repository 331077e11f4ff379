package io.trawl.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstalledToolsTest {

    @Test
    void findsAnInstalledProgram() {
        Path sh = Path.of(InstalledTools.which("sh", "dash"));
        assertThat(sh.getFileName()).hasToString("sh");
        assertThat(Files.isExecutable(sh)).isTrue();
    }

    @Test
    void aMissingProgramNamesTheDebianPackageToInstall() {
        assertThatThrownBy(() -> InstalledTools.which("trawl-no-such-tool", "trawl-tools"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trawl-no-such-tool not found: install the Debian package 'trawl-tools'");
    }
}
