package io.trawl.integrations.action;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActionParamsTest {

    private static ActionParams params(String json) throws InvalidActionException {
        return ActionParams.parse("pcap.snapshot", json);
    }

    @Test
    void timesAreEpochMillisOrIsoTextWithAnOffset() throws InvalidActionException {
        ActionParams params = params("{\"a\":1000,\"b\":\"2000\",\"c\":\"2026-11-28T09:15:00+01:00\"}");

        assertThat(params.time("a")).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(params.time("b")).isEqualTo(Instant.ofEpochMilli(2000));
        assertThat(params.time("c")).isEqualTo(Instant.parse("2026-11-28T08:15:00Z"));
    }

    @Test
    void aBadTimeIsRefusedNamingTheField() throws InvalidActionException {
        ActionParams params = params("{\"from\":\"yesterday\",\"to\":{\"at\":1}}");

        assertThatThrownBy(() -> params.time("from")).hasMessage("pcap.snapshot: params.from 'yesterday' is not an "
                + "ISO-8601 time with an offset, such as 2026-11-28T09:15:00Z, nor milliseconds since the epoch");
        assertThatThrownBy(() -> params.time("to")).hasMessage(
                "pcap.snapshot: params.to is {\"at\":1}: give milliseconds since the epoch or an ISO-8601 time");
        assertThatThrownBy(() -> params.time("at")).hasMessage(
                "pcap.snapshot: params.at is missing: give milliseconds since the epoch or an ISO-8601 time");
    }

    @Test
    void intListTakesNumbersAndDigitsWithinItsRange() throws InvalidActionException {
        assertThat(params("{\"ports\":[443,\"53\",0]}").intList("ports", 0, 65535)).containsExactly(443, 53, 0);
        assertThat(params("{}").intList("ports", 0, 65535)).isEmpty();
        assertThatThrownBy(() -> params("{\"ports\":[80,-1]}").intList("ports", 0, 65535))
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("pcap.snapshot: params.ports[1] is -1, not a whole number from 0 to 65535");
        assertThatThrownBy(() -> params("{\"ports\":[\"http\"]}").intList("ports", 0, 65535))
                .hasMessage("pcap.snapshot: params.ports[0] is \"http\", not a whole number from 0 to 65535");
        assertThatThrownBy(() -> params("{\"ports\":80}").intList("ports", 0, 65535))
                .hasMessage("pcap.snapshot: params.ports must be an array");
    }

    @Test
    void stringListRefusesObjectsNamingTheElement() throws InvalidActionException {
        assertThat(params("{\"flows\":[\"a\",7]}").stringList("flows")).isEqualTo(List.of("a", "7"));
        assertThatThrownBy(() -> params("{\"flows\":[\"a\",{}]}").stringList("flows"))
                .hasMessage("pcap.snapshot: params.flows[1] must be a string");
    }

    @Test
    void aNonBlankStringRefusesAbsenceAndWhiteSpaceApart() throws InvalidActionException {
        ActionParams params = params("{\"reason\":\"  \",\"snapshot\":\"s1\"}");

        assertThat(params.nonBlankString("snapshot")).isEqualTo("s1");
        assertThatThrownBy(() -> params.nonBlankString("reason"))
                .hasMessage("pcap.snapshot: params.reason must not be blank");
        assertThatThrownBy(() -> params.nonBlankString("bucket"))
                .hasMessage("pcap.snapshot: params.bucket is missing");
    }

    @Test
    void parsedParamsMustBeAnObject() {
        assertThatThrownBy(() -> ActionParams.of("snapshot request", ActionParams.JSON.readTree("[1,2]")))
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("snapshot request: params must be a JSON object");
    }
}
