package io.trawl.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose config -q} (Debian's docker-compose 1.29, which needs no engine) accepts the compose file.
 * It also insists that build contexts exist, so it runs on a copy beside empty {@code <module>/target} folders:
 * whether the jars are built is not its question.
 */
class ComposeValidationTest {

    private final ExternalTool dockerCompose = new ExternalTool("docker-compose");

    @Test
    void dockerComposeAcceptsTheFile(@TempDir Path copy) throws Exception {
        dockerCompose.requireUnderCi("apt-get install docker-compose");
        Files.copy(Repo.path("docker-compose.yml"), copy.resolve("docker-compose.yml"));
        for (TrawlService service : TrawlService.values()) {
            Files.createDirectories(copy.resolve(service.module()).resolve("target"));
        }
        ExternalTool.Result result = dockerCompose.run(copy, "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dockerComposeRefusesAMisspeltOption(@TempDir Path copy) throws Exception {
        dockerCompose.requireUnderCi("apt-get install docker-compose");
        Files.writeString(copy.resolve("docker-compose.yml"), """
                version: "3.8"
                services:
                  kafka:
                    image: apache/kafka:4.2.1
                    helthcheck: {}
                """);
        ExternalTool.Result result = dockerCompose.run(copy, "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("helthcheck");
    }
}
