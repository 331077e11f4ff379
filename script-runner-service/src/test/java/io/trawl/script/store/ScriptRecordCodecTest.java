package io.trawl.script.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptRecordCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-28T05:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-28T05:10:00Z");

    private static final StoredScript SCRIPT = new StoredScript("slow-dns", false, "too noisy",
            List.of(ScriptVersion.of(1, "var a;", T0), ScriptVersion.of(2, "var b;", T1)), T0, T1);

    @Test
    void roundTripsWithInstantsAsIsoStrings() {
        byte[] value = ScriptRecordCodec.encode(SCRIPT);
        String json = new String(value, StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"format\":1,\"name\":\"slow-dns\"")
                .contains("\"created\":\"2026-11-28T05:00:00Z\"")
                .contains("\"sha256\":\"" + ScriptVersion.sha256("var b;") + "\"");
        assertThat(ScriptRecordCodec.decode("slow-dns", value)).isEqualTo(SCRIPT);
    }

    @Test
    void refusesWhatARunnerCouldNotTrust() {
        String json = new String(ScriptRecordCodec.encode(SCRIPT), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ScriptRecordCodec.decode("other", bytes(json))).hasMessageContaining("differ");
        assertThatThrownBy(() -> ScriptRecordCodec.decode("slow-dns", bytes(json.replace("var b;", "var c;"))))
                .hasMessageContaining("sha256 does not match");
        assertThatThrownBy(() -> ScriptRecordCodec.decode("slow-dns", bytes(json.replace("\"format\":1",
                "\"format\":9")))).hasMessageContaining("unknown format 9");
        assertThatThrownBy(() -> ScriptRecordCodec.decode("slow-dns", bytes("null"))).hasMessageContaining("null");
        assertThatThrownBy(() -> ScriptRecordCodec.decode("slow-dns", bytes("[1]"))).hasMessageContaining("JSON");
        assertThatThrownBy(() -> ScriptRecordCodec.decode("slow-dns", bytes(json.replace("\"version\":2",
                "\"version\":1")))).hasMessageContaining("follows version 1");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
