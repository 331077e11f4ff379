package io.trawl.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

class NodeMetricTagTest {

    @Test
    void tagsMetersWithTheNodeNameWhenNoneIsConfigured() {
        var environment = new StandardEnvironment();

        new NodeMetricTag().postProcessEnvironment(environment, new SpringApplication(Object.class));

        assertThat(environment.getProperty("management.metrics.tags.node")).isEqualTo(NodeName.resolve()).isNotBlank();
    }

    @Test
    void aConfiguredNodeTagWins() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("user",
                Map.of("management.metrics.tags.node", "worker-7")));

        new NodeMetricTag().postProcessEnvironment(environment, new SpringApplication(Object.class));

        assertThat(environment.getProperty("management.metrics.tags.node")).isEqualTo("worker-7");
    }

    @Test
    void isRegisteredForEveryApplication() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(EnvironmentPostProcessor.class))
                .hasAtLeastOneElementOfType(NodeMetricTag.class);
    }
}
