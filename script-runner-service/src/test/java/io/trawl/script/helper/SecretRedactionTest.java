package io.trawl.script.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    @Test
    void keysContainingTheDefaultWordsAreSecretWhateverTheirCase() {
        var env = ScriptEnv.empty();
        assertThat(List.of("SLACK_TOKEN", "db_password", "Passwd", "AWS_SECRET_ACCESS_KEY", "apiKey",
                "GCS_CREDENTIALS", "ALERT_WEBHOOK_URL", "slackWebhook")).allMatch(env::secret);
        assertThat(List.of("REGION", "SLACK_CHANNEL", "URL")).noneMatch(env::secret);
    }

    @Test
    void configuredPatternsReplaceTheDefaults() {
        var env = new ScriptEnv(Map.of("WEBHOOK_URL", "https://hooks.example/T000/B000/s3cr3tw3bh00k",
                "TOKEN", "abcdef"),
                Map.of(), List.of("^WEBHOOK_"));

        assertThat(env.secret("webhook_url")).isTrue();
        assertThat(env.secret("TOKEN")).isFalse();
        assertThat(env.redaction("any.js").apply("to https://hooks.example/T000/B000/s3cr3tw3bh00k with abcdef"))
                .isEqualTo("to *** with abcdef");
    }

    @Test
    void perScriptSecretsAreRedactedOnlyForThatScript() {
        var env = new ScriptEnv(Map.of("REGION", "eu-west-1"), Map.of("a.js", Map.of("API_TOKEN", "tok-123456")));

        assertThat(env.redaction("a.js").apply("sent tok-123456 to eu-west-1")).isEqualTo("sent *** to eu-west-1");
        assertThat(env.redaction("b.js").apply("sent tok-123456")).isEqualTo("sent tok-123456");
    }

    @Test
    void longerSecretsAreMaskedWholeAndShortOnesAreLeftAlone() {
        var redaction = new SecretRedaction(List.of("abcd", "abcdefgh", "xyz"));

        assertThat(redaction.apply("abcdefgh abcd xyz abc")).isEqualTo("*** *** xyz abc");
    }

    @Test
    void recordedCallArgumentsAreRedactedDeeply() {
        var redaction = new SecretRedaction(List.of("s3cr3t-value"));
        var call = new HelperCall("a.js", "vendor.webhook", List.of("POST", "https://x/?k=s3cr3t-value",
                Map.of("Authorization", "Bearer s3cr3t-value"), List.of("s3cr3t-value", 1)));

        assertThat(redaction.apply(call).arguments()).containsExactly("POST", "https://x/?k=***",
                Map.of("Authorization", "Bearer ***"), List.of("***", 1));
    }

    @Test
    void referencesNameTheKeyOfEachSecretOfTheScriptAndLeaveTheRestAlone() {
        var env = new ScriptEnv(Map.of("REGION", "eu-west-1", "SLACK_WEBHOOK", "https://hooks.example/T0/B0/x"),
                Map.of("a.js", Map.of("API_TOKEN", "tok-123456", "PIN_KEY", "123")));

        assertThat(env.references("a.js").apply("POST https://hooks.example/T0/B0/x?t=tok-123456 in eu-west-1 pin 123"))
                .isEqualTo("POST ${env:SLACK_WEBHOOK}?t=${env:API_TOKEN} in eu-west-1 pin 123");
        assertThat(env.references("b.js").applyToPlain(List.of(Map.of("t", "tok-123456"))))
                .isEqualTo(List.of(Map.of("t", "tok-123456")));
    }

    @Test
    void anInvalidSecretPatternIsNamed() {
        assertThatThrownBy(() -> new ScriptEnv(Map.of(), Map.of(), List.of("TOKEN", "(unclosed")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secret pattern '(unclosed' is not a valid regular expression");
    }
}
