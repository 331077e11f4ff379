package io.trawl.script.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * script-runner-service: {@code trawl.items} (and {@code trawl.packets} while a script wants packets) into the
 * scripts' hooks; the scripts REST API over the compacted {@code trawl.scripts} topic.
 */
@SpringBootApplication(scanBasePackages = "io.trawl.script")
@ConfigurationPropertiesScan("io.trawl.script")
public class ScriptRunnerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScriptRunnerApplication.class, args);
    }
}
