package io.trawl.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaderLoopsTest {

    @Test
    void aPassThatSawAnotherCountOfPacketsIsRefused() {
        ReaderLoops.Pass counted = new ReaderLoops.Pass(1_000, 64_000, 7);
        assertThatCode(() -> counted.check(1_000, "trawl dissect")).doesNotThrowAnyException();
        assertThatThrownBy(() -> counted.check(999, "trawl dissect"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("trawl dissect saw 999 packets, expected 1000");
    }
}
