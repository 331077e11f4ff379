package io.trawl.integrations.service;

import org.junit.jupiter.api.Test;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl.integrations.*} and the runner's env keys as Spring binds them. */
class IntegrationsSettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IntegrationsSettings.class, ScriptEnvSettings.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void defaultsWithoutAnyProperty() {
        context.run(c -> {
            IntegrationsSettings s = c.getBean(IntegrationsSettings.class);
            assertThat(s.consumers()).isEqualTo(1);
            assertThat(s.retry().policy().attempts()).isEqualTo(8);
            assertThat(s.retry().initialDelay()).isEqualTo(Duration.ofSeconds(1));
            assertThat(s.throttle().enabled()).isTrue();
            assertThat(s.throttle().window()).isEqualTo(Duration.ofSeconds(60));
            assertThat(s.webhooks().allowLinkLocal()).isFalse();
            assertThat(s.webhooks().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.slack().methodsUrl()).isEqualTo("https://slack.com/api/");
            assertThat(s.slack().maxFileBytes().toMegabytes()).isEqualTo(64);
            assertThat(c.getBean(ScriptEnvSettings.class).env()).isEmpty();
        });
    }

    @Test
    void theRunnersEnvKeysAreRead() {
        context.withPropertyValues("trawl.script.env.SLACK_TOKEN=xoxb-1", "trawl.script.script-env.scan.SLACK_TOKEN=xoxb-2",
                "trawl.script.workers=4").run(c -> {
            ScriptEnvSettings env = c.getBean(ScriptEnvSettings.class);
            assertThat(env.env()).isEqualTo(Map.of("SLACK_TOKEN", "xoxb-1"));
            assertThat(env.scriptEnv()).isEqualTo(Map.of("scan", Map.of("SLACK_TOKEN", "xoxb-2")));
        });
    }

    @Test
    void badValuesFailTheStartNamingTheProperty() {
        assertFailure("trawl.integrations.throttle.window=0s", "trawl.integrations.throttle.window must be positive");
        assertFailure("trawl.integrations.retry.attempts=0", "trawl.integrations.retry.attempts");
        assertFailure("trawl.integrations.webhooks.request-timeout=-1s",
                "trawl.integrations.webhooks.request-timeout must be positive");
        assertFailure("trawl.integrations.consumers=0", "trawl.integrations.consumers");
    }

    private void assertFailure(String property, String message) {
        context.withPropertyValues(property).run(c -> {
            assertThat(c).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = c.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(message);
        });
    }
}
