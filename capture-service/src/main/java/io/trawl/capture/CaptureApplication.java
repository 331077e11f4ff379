package io.trawl.capture;

import io.trawl.capture.kafka.KafkaSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** capture-service: packets from a file or an interface onto {@code trawl.packets}. */
@SpringBootApplication
@EnableConfigurationProperties({CaptureSettings.class, KafkaSettings.class})
public class CaptureApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaptureApplication.class, args);
    }
}
