package io.trawl.integrations.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.SnapshotFiles;
import io.trawl.model.action.ActionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EvidenceConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void byDefaultEvidenceGoesToTheDirectoryAndBothHandlersAndTheSnapshotFilesExist() {
        context.withPropertyValues("trawl.integrations.evidence.directory=" + dir).run(c -> {
            assertThat(c).hasNotFailed();
            assertThat(c.getBean(EvidenceStore.class).kind()).isEqualTo("directory");
            assertThat(c.getBeansOfType(ActionHandler.class).values()).extracting(ActionHandler::kind)
                    .containsExactlyInAnyOrder(ActionKind.S3_PUT, ActionKind.PCAP_SNAPSHOT);
            assertThat(c).hasSingleBean(SnapshotFiles.class);
        });
    }

    @Test
    void anS3StoreWithoutS3SettingsFailsTheStartNamingThem() {
        context.withPropertyValues("trawl.integrations.evidence.store=s3").run(c -> assertThat(c).getFailure()
                .rootCause().hasMessageStartingWith("trawl.integrations.evidence.store is s3, but S3 is not "
                        + "configured: trawl.integrations.s3.region is not set"));
    }

    @Test
    void anS3StoreWithoutABucketFailsTheStartNamingIt() {
        context.withPropertyValues("trawl.integrations.evidence.store=s3", "trawl.integrations.s3.region=us-east-1",
                        "trawl.integrations.s3.endpoint=http://127.0.0.1:9", "trawl.integrations.s3.path-style=true",
                        "trawl.integrations.s3.access-key-id=a", "trawl.integrations.s3.secret-access-key=b")
                .run(c -> assertThat(c).getFailure().rootCause().hasMessage("trawl.integrations.evidence.store is s3"
                        + " but trawl.integrations.s3.bucket is not set: name a bucket with Object Lock enabled"));
    }

    @Test
    void halfOfAStaticCredentialIsRefused() {
        context.withPropertyValues("trawl.integrations.evidence.directory=" + dir,
                        "trawl.integrations.s3.access-key-id=a")
                .run(c -> assertThat(c).getFailure().rootCause().hasMessage("set both "
                        + "trawl.integrations.s3.access-key-id and trawl.integrations.s3.secret-access-key, or neither"
                        + " (to use the AWS default credentials)"));
    }
}
