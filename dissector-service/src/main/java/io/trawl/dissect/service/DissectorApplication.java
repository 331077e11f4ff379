package io.trawl.dissect.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.detect.StandardDissectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** dissector-service: {@code trawl.packets} in, {@code trawl.items} out. */
@SpringBootApplication
@EnableConfigurationProperties({DissectorSettings.class, DissectorKafkaSettings.class})
public class DissectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(DissectorApplication.class, args);
    }

    @Bean
    DissectorRegistry dissectorRegistry() {
        return StandardDissectors.registry();
    }

    @Bean
    DissectorMetrics dissectorMetrics(MeterRegistry registry) {
        return new DissectorMetrics(registry);
    }
}
