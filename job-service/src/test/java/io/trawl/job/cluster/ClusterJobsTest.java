package io.trawl.job.cluster;

import io.trawl.job.service.JobServiceApplication;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobResult;
import io.trawl.script.service.ScriptRunnerApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole jobs path with real parts: two job-service replicas and two runner replicas, each a whole Spring Boot
 * application, on one broker and one real PostgreSQL. A script schedules its jobs through a runner's API; the
 * job-services fire each tick once; one runner runs it and reports; the jobs API shows it all.
 */
class ClusterJobsTest {

    private static final String PREFIX = "cluster-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final String EDITOR = "editor-token-for-the-cluster";
    private static final String VIEWER = "viewer-token-for-the-cluster";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext jobsA;
    private static ConfigurableApplicationContext jobsB;
    private static ConfigurableApplicationContext runnerA;
    private static ConfigurableApplicationContext runnerB;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        String database = postgres.getJdbcUrl("postgres", "postgres");
        jobsA = jobService(bootstrap, database, "jobs-a");
        jobsB = jobService(bootstrap, database, "jobs-b");
        runnerA = runner(bootstrap, "node-a");
        runnerB = runner(bootstrap, "node-b");
    }

    private static ConfigurableApplicationContext jobService(String bootstrap, String database, String replica) {
        return new SpringApplicationBuilder(JobServiceApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--trawl.kafka.bootstrap-servers=" + bootstrap,
                "--trawl.kafka.topic-prefix=" + PREFIX,
                "--trawl.api.editor-tokens=" + EDITOR,
                "--trawl.api.viewer-tokens=" + VIEWER,
                "--trawl.job.replica=" + replica);
    }

    private static ConfigurableApplicationContext runner(String bootstrap, String node) {
        return new SpringApplicationBuilder(ScriptRunnerApplication.class).run(
                "--server.port=0",
                "--trawl.kafka.bootstrap-servers=" + bootstrap,
                "--trawl.kafka.topic-prefix=" + PREFIX,
                "--trawl.api.editor-tokens=" + EDITOR,
                "--trawl.script.node-name=" + node,
                "--trawl.script.workers=1");
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[]{runnerA, runnerB, jobsA,
            jobsB}) {
            if (context != null) {
                context.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void eachTickRunsOnceAcrossTheClusterThroughAReplicaStoppingWithLimitsFailuresAndRemoval() throws Exception {
        api(runnerA, "POST", "/api/v1/scripts", Map.of("name", "ticker", "source", """
                var ticks = 0;
                function tick() { ticks++; }
                function boom(what) { throw new Error("no " + what + " today"); }
                jobs.schedule("tick", "* * * * * *", tick);
                jobs.schedule("thrice", "* * * * * *", tick, 3);
                jobs.schedule("boom", "*/2 * * * * *", boom, 2, "report");
                function onJobFailed(tag, cron, limit, err) { console.log("failed " + tag + " " + limit + " " + err); }
                """), EDITOR, 201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api(jobsB, "GET",
                "/api/v1/jobs?script=ticker", null, VIEWER, 200).size()).isEqualTo(3));

        // Ten seconds on both job-services, then ten on one: the job goes on.
        await().atMost(Duration.ofSeconds(30)).until(() -> results("ticker/tick").size() >= 10);
        jobsA.close();
        int beforeStop = results("ticker/tick").size();
        await().atMost(Duration.ofSeconds(30)).until(() -> results("ticker/tick").size() >= beforeStop + 10);

        List<JobResult> ticks = results("ticker/tick");
        TreeSet<Long> scheduled = new TreeSet<>(ticks.stream().map(JobResult::scheduledTime).toList());
        assertThat(scheduled).as("no tick ran twice").hasSameSizeAs(ticks);
        long span = (scheduled.last() - scheduled.first()) / 1000 + 1;
        assertThat(span - scheduled.size()).as("ticks missing between the first and the last")
                .isLessThanOrEqualTo(1);
        assertThat(ticks).allMatch(JobResult::passed);
        assertThat(ticks.stream().map(JobResult::node).distinct().toList()).isSubsetOf("node-a", "node-b");

        List<JobResult> thrice = results("ticker/thrice");
        assertThat(thrice).as("the limit holds across both job-services").hasSize(3);
        assertThat(thrice.stream().map(JobResult::run).sorted().toList()).containsExactly(1L, 2L, 3L);

        List<JobResult> boom = results("ticker/boom");
        assertThat(boom).hasSize(2).allSatisfy(r -> assertThat(r.error()).isEqualTo("Error: no report today"));
        assertThat(consoleTexts("ticker")).filteredOn("failed boom 2 Error: no report today"::equals).hasSize(2);

        // What the jobs API of the remaining replica shows.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode tick = api(jobsB, "GET", "/api/v1/jobs/ticker/tick?runs=5", null, VIEWER, 200);
            assertThat(tick.path("cron").asString()).isEqualTo("* * * * * *");
            assertThat(tick.path("runCount").asLong()).isGreaterThanOrEqualTo(ticks.size());
            assertThat(tick.path("lastRun").path("outcome").asString()).isEqualTo("passed");
            assertThat(tick.path("nextFireTime").asString()).endsWith("Z");
            assertThat(tick.path("recentRuns")).hasSize(5);
            JsonNode boomView = api(jobsB, "GET", "/api/v1/jobs/ticker/boom", null, VIEWER, 200);
            assertThat(boomView.path("lastError").asString()).isEqualTo("Error: no report today");
            assertThat(boomView.path("failedCount").asLong()).isEqualTo(2);
            assertThat(boomView.path("runCount").asLong()).isEqualTo(2);
            assertThat(boomView.path("nextFireTime").isNull()).as("used its runs").isTrue();
            assertThat(boomView.path("arguments").get(0).asString()).isEqualTo("report");
        });

        // Run now: editors only; counted like a tick; a limited job that has used its runs refuses.
        api(jobsB, "POST", "/api/v1/jobs/ticker/tick/run", null, VIEWER, 403);
        api(jobsB, "POST", "/api/v1/jobs/ticker/tick/run", null, null, 401);
        JsonNode ran = api(jobsB, "POST", "/api/v1/jobs/ticker/tick/run", null, EDITOR, 202);
        assertThat(ran.path("run").asLong()).isGreaterThan(ticks.size());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(allResults("ticker/tick"))
                .as("the run number answered is the one fired").anySatisfy(r -> {
                    assertThat(r.run()).isEqualTo(ran.path("run").asLong());
                    assertThat(r.manual()).isTrue();
                }));
        assertThat(api(jobsB, "POST", "/api/v1/jobs/ticker/thrice/run", null, EDITOR, 409).path("detail").asString())
                .contains("has run its limit of 3 times");
        api(jobsB, "GET", "/api/v1/jobs/ticker/nothing", null, VIEWER, 404);

        // Deleting the script removes its jobs: no tick runs after the registrations are gone.
        api(runnerB, "DELETE", "/api/v1/scripts/ticker", null, EDITOR, 204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api(jobsB, "GET",
                "/api/v1/jobs?script=ticker", null, VIEWER, 200).size()).isZero());
        Thread.sleep(1_500); // a fire already on its way when the registration went
        int afterRemoval = results("ticker/tick").size();
        Thread.sleep(3_000);
        assertThat(results("ticker/tick")).as("no runs after removal").hasSize(afterRemoval);
    }

    /** The results of one job's ticks on trawl.jobs.results, in the order published. */
    private static List<JobResult> results(String key) {
        return allResults(key).stream().filter(result -> !result.manual()).toList();
    }

    /** The results of one job on trawl.jobs.results, runs asked for through the API included. */
    private static List<JobResult> allResults(String key) {
        List<JobResult> results = new ArrayList<>();
        for (var record : TopicReader.readAll(EmbeddedKafkaBroker.shared().bootstrapServers(), TOPICS.jobsResults(),
                Integer.MAX_VALUE, Duration.ofSeconds(2))) {
            JobResult result = JobJson.decodeResult(record.value());
            if (result.key().equals(key)) {
                results.add(result);
            }
        }
        return results;
    }

    private static List<String> consoleTexts(String script) throws Exception {
        List<String> texts = new ArrayList<>();
        for (ConfigurableApplicationContext runner : List.of(runnerA, runnerB)) {
            for (JsonNode line : api(runner, "GET", "/api/v1/scripts/" + script + "/console?limit=1000", null, EDITOR,
                    200).path("lines")) {
                texts.add(line.path("text").asString());
            }
        }
        return texts;
    }

    private static JsonNode api(ConfigurableApplicationContext service, String method, String path, Object body,
                                String token, int expectedStatus) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
