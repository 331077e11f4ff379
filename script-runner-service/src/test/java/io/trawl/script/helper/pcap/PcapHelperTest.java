package io.trawl.script.helper.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.ScriptEnv;
import io.trawl.script.helper.ScriptRig;
import io.trawl.script.helper.action.ActionLimits;
import io.trawl.script.helper.action.PublishedActions;
import io.trawl.script.host.ScriptWatchdog;

class PcapHelperTest {

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
        watchdog = new ScriptWatchdog();
    }

    @AfterAll
    static void closeEngine() {
        watchdog.close();
        runtime.close();
    }

    @Test
    void aSnapshotOfTheLastSecondsReturnsTheIdItIsPublishedWith() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            rig.load("error-burst", """
                    var first = pcap.snapshot({seconds: 30, reason: "3 errors in 10 s"});
                    var second = pcap.snapshot({seconds: 0.5, flows: ["tcp-5342d658ada4-1795843009625415000"],
                        addresses: ["10.233.0.2", "fd00::2"], ports: [8080]});
                    console.log(first);
                    console.log(first === second);
                    """);
            String id = rig.output.texts("error-burst").getFirst();
            assertThat(id).matches("error-burst-20261128T051650Z-[0-9a-f]{12}")
                    .matches(PcapHelper.SNAPSHOT_ID.pattern());
            assertThat(rig.output.texts("error-burst")).element(1).isEqualTo("false");
            ActionRequest action = published.actions.getFirst();
            assertThat(action.kind()).isEqualTo(ActionKind.PCAP_SNAPSHOT);
            assertThat(action.createdTime()).isEqualTo(PublishedActions.NOW);
            assertThat(action.params()).isEqualTo("{\"snapshot\":\"" + id + "\",\"from\":1795842980000,"
                    + "\"to\":1795843010000,\"reason\":\"3 errors in 10 s\"}");
        }
        assertThat(published.params().get(1)).matches("\\{\"snapshot\":\"error-burst-20261128T051650Z-[0-9a-f]{12}\","
                + "\"from\":1795843009500,\"to\":1795843010000,\"flows\":\\[\"tcp-5342d658ada4-1795843009625415000\"],"
                + "\"addresses\":\\[\"10.233.0.2\",\"fd00::2\"],\"ports\":\\[8080]}");
    }

    @Test
    void aSnapshotOfAnExplicitWindowKeepsItsBounds() {
        var published = new PublishedActions();
        try (var rig = new ScriptRig(runtime, watchdog, published.helpers(ScriptEnv.empty()))) {
            rig.load("s", "pcap.snapshot({from: 1795843009000, to: 1795843009900});");
        }
        assertThat(published.params()).singleElement().asString()
                .endsWith("\"from\":1795843009000,\"to\":1795843009900}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "pcap.snapshot()|TypeError: pcap.snapshot: options must be an object, was missing",
            "pcap.snapshot(30)|TypeError: pcap.snapshot: options must be an object, was number 30",
            "pcap.snapshot({secs: 30})|TypeError: pcap.snapshot: unknown option \"secs\"; known: seconds, from, to, flows, addresses, ports, reason",
            "pcap.snapshot({})|TypeError: pcap.snapshot: options need seconds (the last N seconds) or from and to (ms since the epoch)",
            "pcap.snapshot({seconds: 30, from: 1})|TypeError: pcap.snapshot: options take seconds, or from and to, not both",
            "pcap.snapshot({seconds: -1})|TypeError: pcap.snapshot: options.seconds must be more than 0, was -1",
            "pcap.snapshot({seconds: '30'})|TypeError: pcap.snapshot: options.seconds must be a number, was string \"30\"",
            "pcap.snapshot({from: 1795843009000})|TypeError: pcap.snapshot: options.from and options.to go together: to is missing",
            "pcap.snapshot({from: 2000, to: 1000})|TypeError: pcap.snapshot: options.to (1000) must be after options.from (2000)",
            "pcap.snapshot({seconds: 3600})|Error: pcap.snapshot: a window of 3600 s is longer than the 600 s allowed (trawl.script.max-snapshot-window)",
            "pcap.snapshot({seconds: 1, flows: 'tcp-1'})|TypeError: pcap.snapshot: options.flows must be an array, was string \"tcp-1\"",
            "pcap.snapshot({seconds: 1, flows: ['tcp 1']})|TypeError: pcap.snapshot: options.flows[0] \"tcp 1\" is not a flow: use an item's stream (data.stream)",
            "pcap.snapshot({seconds: 1, addresses: ['example.test']})|TypeError: pcap.snapshot: options.addresses[0] \"example.test\" is not an IPv4 or IPv6 address",
            "pcap.snapshot({seconds: 1, ports: [80, 70000]})|TypeError: pcap.snapshot: options.ports[1] must be a port from 1 to 65535, was 70000",
            "pcap.snapshot({seconds: 1, reason: 5})|TypeError: pcap.snapshot: options.reason must be a string, was number 5",
    })
    void aWrongOptionIsAnErrorAtTheCallingLine(String call, String message) {
        var limits = new ActionLimits(600, Duration.ofMinutes(10), 512 * 1024);
        try (var rig = new ScriptRig(runtime, watchdog, new PublishedActions().helpers(ScriptEnv.empty(), limits))) {
            assertThat(rig.host.load("bad", "var before = 1;\n    var id = " + call + ";\n"))
                    .hasValueSatisfying(error -> {
                        assertThat(error.message()).isEqualTo(message);
                        assertThat(error.line()).isEqualTo(2);
                        assertThat(error.column()).isEqualTo(14);
                    });
        }
    }
}
