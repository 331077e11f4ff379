package io.trawl.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
    void isRegisteredForEveryApplication() throws Exception {
        List<String> postProcessors = new ArrayList<>();
        ClassLoader loader = NodeMetricTag.class.getClassLoader();
        for (URL file : Collections.list(loader.getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION))) {
            try (var in = file.openStream()) {
                var factories = new Properties();
                factories.load(in);
                postProcessors.add(factories.getProperty(EnvironmentPostProcessor.class.getName(), ""));
            }
        }
        assertThat(postProcessors).anySatisfy(names -> assertThat(names).contains(NodeMetricTag.class.getName()));
    }
}
