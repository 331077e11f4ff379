package io.trawl.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Grafana dashboard in {@code k8s/monitoring/dashboards} shows data: the embedded default replays the sample
 * capture through the example scripts and runs job-service, a real Prometheus scrapes every service each second,
 * and every panel's every query, and every variable, is asked of Prometheus's HTTP API. A query that answers
 * nothing is a panel that shows nothing: the test fails naming the dashboard, the panel and the query.
 */
class DashboardQueriesTest {

    private static final Path SAMPLE = Path.of("../testdata/examples/examples.pcap");
    private static final Path DASHBOARDS = Path.of("../k8s/monitoring/dashboards");
    private static final String INTEGRATIONS = "integrations-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyPanelOfEveryDashboardShowsDataInARealPrometheus(@TempDir Path tmp) throws Exception {
        List<Path> dashboards = DashboardQuery.dashboards(DASHBOARDS);
        assertThat(dashboards).extracting(f -> f.getFileName().toString()).contains("trawl-overview.json",
                "trawl-capture.json", "trawl-dissector.json", "trawl-script-runner.json", "trawl-jobs.json",
                "trawl-integrations.json");
        List<DashboardQuery> queries = new ArrayList<>();
        for (Path dashboard : dashboards) {
            queries.addAll(DashboardQuery.read(dashboard));
        }

        var options = new LocalTrawl.Options(SAMPLE, null, "", 0, false, Bundled.exampleScripts(), 0,
                "token-for-dashboard-test", "127.0.0.1", "dashboard-node", Map.of(), tmp.resolve("evidence"));
        long started = System.nanoTime();
        try (LocalTrawl local = LocalTrawl.start(options, new LocalTrawlTest.Recorded())) {
            local.startJobService();
            local.startIntegrations();
            Map<String, Integer> targets = local.ports();
            assertThat(targets).containsKey(INTEGRATIONS);
            try (PrometheusServer prometheus = PrometheusServer.start(tmp, targets)) {
                prometheus.awaitTargetsUp(Duration.ofSeconds(60));
                long up = System.nanoTime();
                // The replay has reached the scripts, and Prometheus has samples of it to take a rate from.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(prometheus.query("count_over_time(trawl_script_records_total{topic=\"items\"}[1m])"
                                + " > 2 and trawl_script_records_total{topic=\"items\"} > 0")).isNotEmpty());

                Map<DashboardQuery, String> pending = new LinkedHashMap<>();
                for (DashboardQuery query : queries) {
                    assertThat(query.selectors()).as(query.where() + ": no metric in " + query.expr()).isNotEmpty();
                    pending.put(query, query.promql());
                }
                // A series appears a scrape or two after its meter (a partition's lag once the partition is
                // assigned and the client metrics refreshed): ask again what did not answer yet, for a while.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!pending.isEmpty() && System.nanoTime() < deadline) {
                    for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                        var entry = it.next();
                        if (answers(prometheus, entry.getKey(), entry.getValue())) {
                            it.remove();
                        }
                    }
                    if (!pending.isEmpty()) {
                        Thread.sleep(1000);
                    }
                }
                System.out.printf("DashboardQueriesTest: %d dashboards, %d queries; services and Prometheus up in %d s,"
                                + " all in %d s%n", dashboards.size(), queries.size(),
                        (up - started) / 1_000_000_000L, (System.nanoTime() - started) / 1_000_000_000L);
                assertThat(pending.entrySet()).as("panels and variables without data")
                        .extracting(e -> e.getKey().where() + ": no data for " + e.getValue()).isEmpty();
            }
        }
    }

    /** What Grafana needs to load them as provisioned: the datasource by its uid, a query on every panel. */
    @Test
    void everyDashboardUsesTheProvisionedDatasourceAndEveryPanelHasAQuery() throws Exception {
        Set<String> uids = new LinkedHashSet<>();
        for (Path dashboard : DashboardQuery.dashboards(DASHBOARDS)) {
            JsonNode json = JSON.readTree(dashboard.toFile());
            String name = dashboard.getFileName().toString();
            assertThat(uids.add(json.path("uid").asString())).as(name + ": uid unique").isTrue();
            assertThat(name).isEqualTo(json.path("uid").asString() + ".json");
            assertThat(json.path("schemaVersion").asInt()).as(name + ": schemaVersion").isGreaterThanOrEqualTo(39);
            for (JsonNode panel : json.path("panels")) {
                String where = name + ", panel \"" + panel.path("title").asString() + "\"";
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                assertThat(panel.path("datasource").path("uid").asString()).as(where).isEqualTo("prometheus");
                assertThat(panel.path("targets")).as(where + ": targets").isNotEmpty().allSatisfy(target -> {
                    assertThat(target.path("datasource").path("uid").asString()).as(where).isEqualTo("prometheus");
                    assertThat(target.path("expr").asString()).as(where + ": expr").isNotBlank();
                });
            }
            for (JsonNode variable : json.path("templating").path("list")) {
                assertThat(variable.path("datasource").path("uid").asString()).as(name).isEqualTo("prometheus");
                assertThat(variable.path("allValue").asString()).as(name + ": All as a regex").isEqualTo(".*");
            }
        }
        assertThat(uids).hasSize(6);
    }

    private static boolean answers(PrometheusServer prometheus, DashboardQuery query, String promql)
            throws Exception {
        if (query.label() == null) {
            return !prometheus.query(promql).isEmpty();
        }
        for (JsonNode series : prometheus.series(promql)) {
            if (!series.path(query.label()).asString("").isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
