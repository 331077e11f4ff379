package io.trawl.service;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tags every meter of every service with {@code node} (besides {@code application}, which each service's defaults
 * set): {@code management.metrics.tags.node} is {@link NodeName#resolve()} unless configured. Dashboards select and
 * break down by it; one capture replica runs per node, so the tag stays bounded by the cluster's size.
 *
 * <p>Added below every other property source, like {@link ServiceDefaults}, so anything a user or the embedded
 * default sets wins.
 */
public final class NodeMetricTag implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "management.metrics.tags.node";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication spring) {
        if (!environment.containsProperty(PROPERTY)) {
            environment.getPropertySources().addLast(new MapPropertySource("trawl node tag",
                    Map.of(PROPERTY, NodeName.resolve())));
        }
    }

    /** After the services' defaults, so that a defaults file could set the tag too. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
