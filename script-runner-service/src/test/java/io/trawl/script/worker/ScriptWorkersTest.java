package io.trawl.script.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.Protocol;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.RecordedOutput;
import io.trawl.script.host.ScriptBudget;

class ScriptWorkersTest {

    private static final String COUNTER = """
            var count = 0;
            console.log("loaded");
            function onItemCaptured(data) {
              count++;
              console.log(data.src.port + " " + count);
            }
            """;
    private static final ScriptBudget BUDGET = new ScriptBudget(1_000_000, Duration.ofMillis(500));

    private static JsRuntime runtime;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void closeEngine() {
        runtime.close();
    }

    @Test
    void itemsOfOneFlowReachOneWorkerWhoseGlobalCounterSeesThemInOrder() throws Exception {
        var recorded = new RecordedOutput();
        var workers = new ScriptWorkers(4, 16, runtime, BUDGET, Map.of("counter.js", COUNTER), recorded, recorded);
        byte[] first = key("tcp 10.0.0.1:1111 10.0.0.2:80");
        byte[] second = keyOnAnotherWorker(workers, first);

        for (int i = 0; i < 60; i++) {
            workers.submit(first, item(1111));
            workers.submit(second, item(2222));
        }
        workers.close();

        assertThat(recorded.errors()).isEmpty();
        assertThat(recorded.texts("counter.js")).filteredOn("loaded"::equals).hasSize(4);
        List<RecordedOutput.Line> firstFlow = linesOfPort(recorded, "1111");
        List<RecordedOutput.Line> secondFlow = linesOfPort(recorded, "2222");
        List<String> expected = IntStream.rangeClosed(1, 60).mapToObj(Integer::toString).toList();
        assertThat(firstFlow).extracting(line -> line.text().split(" ")[1]).containsExactlyElementsOf(expected);
        assertThat(secondFlow).extracting(line -> line.text().split(" ")[1]).containsExactlyElementsOf(expected);
        String firstThread = firstFlow.getFirst().thread();
        String secondThread = secondFlow.getFirst().thread();
        assertThat(firstFlow).allMatch(line -> line.thread().equals(firstThread));
        assertThat(secondFlow).allMatch(line -> line.thread().equals(secondThread));
        assertThat(firstThread).isNotEqualTo(secondThread).startsWith("trawl-script-worker-");
    }

    @Test
    void twoFlowsOnOneWorkerShareItsGlobalCounter() throws Exception {
        var recorded = new RecordedOutput();
        var workers = new ScriptWorkers(1, 4, runtime, BUDGET, Map.of("counter.js", COUNTER), recorded, recorded);

        workers.submit(key("a"), item(1111));
        workers.submit(key("b"), item(2222));
        workers.submit(key("a"), item(1111));
        workers.close();

        assertThat(recorded.texts("counter.js")).containsExactly("loaded", "1111 1", "2222 2", "1111 3");
    }

    @Test
    void routingIsStableAndSpreadsKeysOverWorkers() throws Exception {
        var recorded = new RecordedOutput();
        try (var workers = new ScriptWorkers(4, 4, runtime, BUDGET, Map.of(), recorded, recorded);
             var again = new ScriptWorkers(4, 4, runtime, BUDGET, Map.of(), recorded, recorded)) {
            Set<Integer> used = new HashSet<>();
            for (int flow = 0; flow < 200; flow++) {
                byte[] key = key("tcp 10.0.0.1:" + (30000 + flow) + " 10.0.0.2:443");
                assertThat(workers.workerOf(key)).isEqualTo(again.workerOf(key)).isBetween(0, 3);
                used.add(workers.workerOf(key));
            }
            assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }

    @Test
    void failingScriptNeitherStopsAWorkerNorTheOtherScripts() throws Exception {
        var recorded = new RecordedOutput();
        Map<String, String> scripts = new LinkedHashMap<>();
        scripts.put("throws.js", "function onItemCaptured(data) { throw new Error('boom ' + data.src.port); }");
        scripts.put("broken.js", "function onItemCaptured(data) {");
        scripts.put("counter.js", COUNTER);
        var workers = new ScriptWorkers(2, 4, runtime, BUDGET, scripts, recorded, recorded);

        workers.submit(key("a"), item(1111));
        workers.submit(key("a"), "not json".getBytes(StandardCharsets.UTF_8));
        workers.submit(key("a"), item(1111));
        workers.close();

        // each worker loads its own context; the other worker may still be loading while the first one counts
        assertThat(recorded.texts("counter.js")).filteredOn("loaded"::equals).hasSize(2);
        assertThat(recorded.texts("counter.js")).filteredOn(text -> !text.equals("loaded"))
                .containsExactly("1111 1", "1111 2");
        assertThat(recorded.errors()).extracting(e -> e.script() + " " + e.kind()).containsExactlyInAnyOrder(
                "broken.js SYNTAX", "broken.js SYNTAX", "throws.js THROWN", "- INTERNAL", "throws.js THROWN");
        assertThatThrownBy(() -> workers.submit(key("a"), item(1111))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void scriptsLoadedUpdatedAndUnloadedWhileItemsFlowApplyBetweenItems() throws Exception {
        var recorded = new RecordedOutput();
        try (var workers = new ScriptWorkers(2, 8, runtime, BUDGET, Map.of(), recorded, recorded)) {
            byte[] a = key("a");
            workers.submit(a, item(1111));
            workers.load("live.js", "function onItemCaptured(d) { console.log('v1 ' + d.src.port); }");
            workers.submit(a, item(2222));
            workers.load("live.js", "function onItemCaptured(d) { console.log('v2 ' + d.src.port); }");
            workers.submit(a, item(3333));
            workers.unload("live.js");
            workers.submit(a, item(4444));
            workers.flush();

            assertThat(recorded.texts("live.js")).containsExactly("v1 2222", "v2 3333");
            assertThat(workers.hooks()).isEmpty();
        }
    }

    @Test
    void flushWaitsUntilEveryQueuedItemHasRunOnEveryWorker() throws Exception {
        var recorded = new RecordedOutput();
        try (var workers = new ScriptWorkers(2, 1_000, runtime, BUDGET, Map.of("counter.js", COUNTER), recorded,
                recorded)) {
            byte[] first = key("tcp 10.0.0.1:1 10.0.0.2:80");
            byte[] second = keyOnAnotherWorker(workers, first);
            for (int i = 0; i < 200; i++) {
                workers.submit(i % 2 == 0 ? first : second, item(1000 + i % 2));
            }
            workers.flush();

            assertThat(recorded.texts("counter.js")).hasSize(2 + 200);
        }
    }

    @Test
    void knowsWhichHooksTheLoadedScriptsDefine() throws Exception {
        var recorded = new RecordedOutput();
        try (var workers = new ScriptWorkers(2, 8, runtime, BUDGET, Map.of(), recorded, recorded)) {
            workers.load("items.js", "function onItemCaptured(d) {}");
            workers.flush();
            assertThat(workers.anyDefines("onPacketCaptured")).isFalse();

            workers.load("packets.js", "var onPacketCaptured = function (info) {};");
            workers.flush();
            assertThat(workers.anyDefines("onPacketCaptured")).isTrue();
            assertThat(workers.hooks()).containsEntry("items.js", Set.of("onItemCaptured"))
                    .containsEntry("packets.js", Set.of("onPacketCaptured"));

            workers.unload("packets.js");
            workers.flush();
            assertThat(workers.anyDefines("onPacketCaptured")).isFalse();
        }
    }

    @Test
    void packetsReachOnPacketCapturedDecodedAndABadRecordIsAnError() throws Exception {
        var recorded = new RecordedOutput();
        String script = """
                function onPacketCaptured(info) {
                  console.log(info.protocol + " " + info.src.ip + ":" + info.src.port + " > " + info.dst.ip + ":"
                      + info.dst.port + " " + info.captureLength + "/" + info.length + " " + info.truncated
                      + " " + info.timestamp + " " + info.node + " " + info.interface);
                }
                """;
        try (var workers = new ScriptWorkers(1, 8, runtime, BUDGET, Map.of("p.js", script), recorded, recorded)) {
            byte[] frame = io.trawl.script.packet.PacketInfoTest.udpFrame();
            var packet = new io.trawl.model.packet.PacketRecord(1_700_000_000_123_456_789L, 1, frame.length + 100,
                    frame, "node-a", "eth0");
            workers.submitPacket(key("k"), io.trawl.model.packet.PacketRecordCodec.encode(packet));
            workers.submitPacket(key("k"), "garbage".getBytes(StandardCharsets.UTF_8));
            workers.flush();

            assertThat(recorded.texts("p.js")).containsExactly(
                    "udp 10.1.2.3:5353 > 10.9.8.7:53 " + frame.length + "/" + (frame.length + 100)
                            + " true 1700000000123.4568 node-a eth0");
            assertThat(recorded.errors()).extracting(e -> e.script() + " " + e.kind() + " " + e.hook())
                    .containsExactly("- INTERNAL onPacketCaptured");
        }
    }

    private static List<RecordedOutput.Line> linesOfPort(RecordedOutput recorded, String port) {
        return recorded.lines().stream().filter(line -> line.text().startsWith(port + " ")).toList();
    }

    private static byte[] keyOnAnotherWorker(ScriptWorkers workers, byte[] other) {
        for (int port = 2000; ; port++) {
            byte[] candidate = key("tcp 10.0.0.3:" + port + " 10.0.0.2:80");
            if (workers.workerOf(candidate) != workers.workerOf(other)) {
                return candidate;
            }
        }
    }

    private static byte[] key(String flow) {
        return flow.getBytes(StandardCharsets.UTF_8);
    }

    private static Item item(int clientPort) {
        return new Item("local/tcp-1-0-0", 0, "tcp-1-0", "local", Protocol.http("1.1"),
                Endpoint.of("10.0.0.1", clientPort), Endpoint.of("10.0.0.2", 80), 1_700_000_000_000L,
                "2023-11-14T22:13:20Z", Map.of("method", "GET", "path", "/"), Map.of("status", 200), 10, 20, 5, null);
    }
}
