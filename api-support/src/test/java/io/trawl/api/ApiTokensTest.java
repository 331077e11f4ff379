package io.trawl.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class ApiTokensTest {

    private static final String EDITOR = "e-0123456789abcdef";
    private static final String VIEWER = "v-0123456789abcdef";

    private static ApiAccessSettings settings(List<String> editors, List<String> viewers) {
        return new ApiAccessSettings(editors, viewers, DataSize.ofMegabytes(32));
    }

    @Test
    void eachTokenHasItsRoleAndUnknownTokensNone() {
        ApiTokens tokens = ApiTokens.of(List.of(EDITOR), List.of(VIEWER));
        assertThat(tokens.roleOf(EDITOR)).contains(ApiTokens.Role.EDITOR);
        assertThat(tokens.roleOf(VIEWER)).contains(ApiTokens.Role.VIEWER);
        assertThat(tokens.roleOf(EDITOR + "x")).isEmpty();
        assertThat(tokens.roleOf("")).isEmpty();
        assertThat(ApiTokens.of(List.of(EDITOR), List.of(EDITOR)).roleOf(EDITOR)).contains(ApiTokens.Role.EDITOR);
    }

    @Test
    void withoutConfiguredTokensOneEditorTokenIsGeneratedAndLoggedOnce(CapturedOutput output) {
        ApiTokens tokens = ApiSecurity.tokens(settings(List.of(), List.of()), "jobs API");

        Matcher logged = Pattern.compile("Authorization: Bearer ([A-Za-z0-9_-]{43})").matcher(output.getOut());
        assertThat(logged.find()).as("token logged: %s", output.getOut()).isTrue();
        assertThat(tokens.roleOf(logged.group(1))).contains(ApiTokens.Role.EDITOR);
        assertThat(logged.find()).as("logged once").isFalse();
        assertThat(output.getOut()).contains("No jobs API token is configured");
    }

    @Test
    void configuredTokensAreNeverLogged(CapturedOutput output) {
        ApiSecurity.tokens(settings(List.of(EDITOR), List.of(VIEWER)), "Scripts API");
        assertThat(output.getOut()).contains("Scripts API: 1 editor and 1 viewer token(s)")
                .doesNotContain(EDITOR, VIEWER);
        assertThat(settings(List.of(EDITOR), List.of(VIEWER)).toString()).doesNotContain(EDITOR, VIEWER);
    }

    @Test
    void aShortTokenIsRefusedNamingThePropertyButNotTheToken() {
        assertThatThrownBy(() -> settings(List.of(EDITOR, "short"), List.of()))
                .hasMessageContaining("trawl.api.editor-tokens[1]").hasMessageContaining("16 characters")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> settings(List.of(), List.of(" " + VIEWER)))
                .hasMessageContaining("trawl.api.viewer-tokens[0]").hasMessageContaining("surrounding spaces");
    }

    @Test
    void generatedTokensDiffer() {
        assertThat(ApiTokens.generate()).hasSize(43).isNotEqualTo(ApiTokens.generate());
    }
}
