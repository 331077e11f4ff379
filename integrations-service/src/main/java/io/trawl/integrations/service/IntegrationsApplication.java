package io.trawl.integrations.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * integrations-service: action requests from {@code trawl.actions} in; Slack messages, webhook calls, S3 objects
 * and write-once PCAP evidence out, with retries and a dead-letter topic.
 */
@SpringBootApplication(scanBasePackages = "io.trawl.integrations")
public class IntegrationsApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntegrationsApplication.class, args);
    }
}
