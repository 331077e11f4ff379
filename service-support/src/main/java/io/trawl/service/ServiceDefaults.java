package io.trawl.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's built-in defaults (port, actuator groups, log levels) from a YAML file named after the service,
 * such as {@code dissector-service.yml}, added below every other property source.
 *
 * <p>Why not {@code application.yml}: the embedded default runs every service in one JVM, one class path, and
 * there {@code classpath:application.yml} would be one service's file for all of them. Each service registers a
 * subclass in {@code META-INF/spring.factories}; it applies only to a {@link SpringApplication} whose sources
 * include that service's application class, so each service's context gets its own defaults. Anything a user
 * sets (an {@code application.yml} of their own, environment variables, arguments) still wins.
 */
public abstract class ServiceDefaults implements EnvironmentPostProcessor, Ordered {

    private final Class<?> application;
    private final String resource;

    /**
     * @param application the service's {@code @SpringBootApplication} class
     * @param resource    the YAML file on the class path, such as {@code "dissector-service.yml"}
     */
    protected ServiceDefaults(Class<?> application, String resource) {
        this.application = Objects.requireNonNull(application, "application");
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication spring) {
        if (!spring.getAllSources().contains(application)) {
            return;
        }
        var file = new ClassPathResource(resource, application.getClassLoader());
        if (!file.exists()) {
            throw new IllegalStateException("the defaults of " + application.getSimpleName() + " are missing: no "
                    + resource + " on the class path");
        }
        List<PropertySource<?>> sources;
        try {
            sources = new YamlPropertySourceLoader().load("defaults of " + resource, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        sources.forEach(source -> environment.getPropertySources().addLast(source));
    }

    /** Before logging is set up, so that the defaults' log levels apply from the start. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
