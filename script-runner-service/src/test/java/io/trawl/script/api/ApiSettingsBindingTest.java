package io.trawl.script.api;

import io.trawl.api.ApiAccessSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl.api.*} as Spring binds it. */
class ApiSettingsBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ApiSettings.class, ApiAccessSettings.class})
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaultsWithoutAnyProperty() {
        context.run(c -> {
            ApiSettings settings = c.getBean(ApiSettings.class);
            assertThat(c.getBean(ApiAccessSettings.class).editorTokens()).isEmpty();
            assertThat(c.getBean(ApiAccessSettings.class).maxRequestBytes().toMegabytes()).isEqualTo(32);
            assertThat(settings.maxSourceBytes().toBytes()).isEqualTo(1024 * 1024);
            assertThat(settings.maxTestItems()).isEqualTo(10_000);
            assertThat(settings.maxConcurrentDryRuns()).isEqualTo(4);
        });
    }

    @Test
    void aShortTokenFailsTheStartNamingThePropertyButNeverShowingTheToken() {
        context.withPropertyValues("trawl.api.viewer-tokens=tiny-secret").run(c -> {
            assertThat(c).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = c.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains("trawl.api.viewer-tokens[0] must be at least 16 characters")
                    .doesNotContain("tiny-secret");
        });
    }
}
