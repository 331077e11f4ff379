package io.trawl.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ServiceDefaultsTest {

    static class FirstService {
    }

    static class SecondService {
    }

    static final class FirstDefaults extends ServiceDefaults {
        FirstDefaults() {
            super(FirstService.class, "first-service.yml");
        }
    }

    @Test
    void addsTheServicesDefaultsBelowEverythingElse() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("user", Map.of("server.port", "9999")));

        new FirstDefaults().postProcessEnvironment(environment, new SpringApplication(FirstService.class));

        assertThat(environment.getProperty("server.port")).isEqualTo("9999");
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("first-service");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,first");
        assertThat(environment.getPropertySources().stream().reduce((a, b) -> b).orElseThrow().getName())
                .startsWith("defaults of first-service.yml");
    }

    @Test
    void leavesAnotherServicesApplicationAlone() {
        var environment = new StandardEnvironment();

        new FirstDefaults().postProcessEnvironment(environment, new SpringApplication(SecondService.class));

        assertThat(environment.getProperty("spring.application.name")).isNull();
    }

    @Test
    void aMissingDefaultsFileIsNamed() {
        var missing = new ServiceDefaults(SecondService.class, "second-service.yml") { };

        assertThatThrownBy(() -> missing.postProcessEnvironment(new StandardEnvironment(),
                new SpringApplication(SecondService.class)))
                .hasMessage("the defaults of SecondService are missing: no second-service.yml on the class path");
    }
}
