package io.trawl.integrations.api;

import io.trawl.integrations.evidence.EvidenceSettings;
import io.trawl.integrations.snapshot.PcapSnapshotHandler;
import io.trawl.integrations.snapshot.SnapshotTaker;
import io.trawl.service.NodeName;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The snapshots API's runner: one thread, so that API snapshots are taken one at a time. */
@Configuration(proxyBeanMethods = false)
public class SnapshotApiConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService apiSnapshotExecutor() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("api-snapshots").daemon()
                .factory());
    }

    @Bean
    public ApiSnapshots apiSnapshots(PcapSnapshotHandler handler, SnapshotTaker taker, EvidenceSettings settings,
                                     ScheduledExecutorService apiSnapshotExecutor) {
        return new ApiSnapshots(handler, taker, settings.maxWindow(), apiSnapshotExecutor, Clock.systemUTC(),
                NodeName.resolve());
    }
}
