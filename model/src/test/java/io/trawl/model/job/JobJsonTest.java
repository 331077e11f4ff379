package io.trawl.model.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void registrationRoundTripsWithArgumentsAsARealArray() {
        JobRegistration job = new JobRegistration("errors.js", "report", "*/10 * * * * *", 3,
                "[1,\"two\",{\"three\":[3.5,null,true]}]", 7);

        byte[] json = JobJson.encode(job);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"arguments\":[1,\"two\",{\"three\":[3.5,null,true]}]")
                .contains("\"schemaVersion\":1");
        assertThat(JobJson.decodeRegistration(json)).isEqualTo(job);
    }

    @Test
    void firedRoundTrips() {
        JobFired fired = new JobFired("errors.js", "report", 1_700_000_010_000L, 1_700_000_010_004L, 42, true);

        assertThat(JobJson.decodeFired(JobJson.encode(fired))).isEqualTo(fired);
    }

    @Test
    void resultsRoundTripPassedAndFailed() {
        JobResult passed = new JobResult("errors.js", "report", 1_700_000_010_000L, 42, false, true, null,
                1_700_000_010_020L, 35, "node-a");
        JobResult failed = new JobResult("errors.js", "report", 1_700_000_011_000L, 43, true, false,
                "TypeError: x is undefined", 1_700_000_011_020L, 2, "node-b");

        assertThat(JobJson.decodeResult(JobJson.encode(passed))).isEqualTo(passed);
        assertThat(JobJson.decodeResult(JobJson.encode(failed))).isEqualTo(failed);
        assertThat(new String(JobJson.encode(failed), StandardCharsets.UTF_8)).contains("\"outcome\":\"failed\"")
                .contains("\"error\":\"TypeError: x is undefined\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"run\":1,\"outcome\":\"ok\",\"startedTime\":1,\"durationMillis\":1}|field 'outcome' must be 'passed' or 'failed', was 'ok'",
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"run\":1,\"outcome\":\"passed\",\"error\":\"e\",\"startedTime\":1,\"durationMillis\":1}|field 'error' is set on a passed run",
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"run\":1,\"outcome\":\"passed\",\"startedTime\":1,\"durationMillis\":-1}|field 'durationMillis' must not be negative, was -1",
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"run\":1,\"outcome\":\"passed\",\"durationMillis\":1}|field 'startedTime' is missing",
    })
    void badResultsAreRefusedNamingTheField(String json, String message) {
        assertThatThrownBy(() -> JobJson.decodeResult(utf8(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job result: " + message);
    }

    @Test
    void unicodeAndEscapesSurvive() {
        JobRegistration job = new JobRegistration("späť \"q\".js", "tag/\n\u2603", "0 0 * * * *", 0, "[\"\\u0000\"]",
                1);

        assertThat(JobJson.decodeRegistration(JobJson.encode(job))).isEqualTo(job);
    }

    @Test
    void optionalFieldsTakeTheirDefaultsAndUnknownFieldsAreSkipped() {
        JobRegistration job = JobJson.decodeRegistration(utf8(
                "{\"future\":{\"a\":[1,2]},\"script\":\"s\",\"tag\":\"t\",\"cron\":\"* * * * * *\",\"more\":[{}]}"));

        assertThat(job).isEqualTo(new JobRegistration("s", "t", "* * * * * *", 0, "[]", 0));
        assertThat(JobJson.decodeFired(utf8(
                "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"firedTime\":2,\"run\":3,\"x\":null}")))
                .isEqualTo(new JobFired("s", "t", 1, 2, 3, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"tag\":\"t\",\"cron\":\"c\"}|field 'script' is missing",
            "{\"script\":null,\"tag\":\"t\",\"cron\":\"c\"}|field 'script' is missing",
            "{\"script\":1,\"tag\":\"t\",\"cron\":\"c\"}|field 'script' must be a string, was a number",
            "{\"script\":\"s\",\"tag\":[],\"cron\":\"c\"}|field 'tag' must be a string, was an array",
            "{\"script\":\"s\",\"tag\":\"t\"}|field 'cron' is missing",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"limit\":\"3\"}|field 'limit' must be an integer, was a string",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"limit\":1.5}|field 'limit' must be an integer, was a number",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"limit\":-1}|field 'limit' must not be negative",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"limit\":99999999999999999999}|field 'limit' is out of range",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"arguments\":\"[]\"}|field 'arguments' must be an array, was a string",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\",\"scriptVersion\":4294967296}|field 'scriptVersion' is out of range",
            "[1]|expected a JSON object",
            "{\"script\":\"s\"|is not valid JSON",
            "{\"script\":\"s\",\"tag\":\"t\",\"cron\":\"c\"} {}|text after the JSON object",
    })
    void badRegistrationNamesTheField(String json, String message) {
        assertThatThrownBy(() -> JobJson.decodeRegistration(utf8(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job registration")
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"script\":\"s\",\"tag\":\"t\",\"firedTime\":2,\"run\":3}|field 'scheduledTime' is missing",
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":true,\"firedTime\":2,\"run\":3}|field 'scheduledTime' must be an integer, was a boolean",
            "{\"script\":\"s\",\"tag\":\"t\",\"scheduledTime\":1,\"firedTime\":2,\"run\":3,\"manual\":\"yes\"}|field 'manual' must be a boolean, was a string",
            "{\"script\":\"s\",\"scheduledTime\":1,\"firedTime\":2,\"run\":3}|field 'tag' is missing",
            "not json|is not valid JSON",
    })
    void badFireEventNamesTheField(String json, String message) {
        assertThatThrownBy(() -> JobJson.decodeFired(utf8(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job fire event")
                .hasMessageContaining(message);
    }

    @Test
    void nullAndEmptyInputAreRejected() {
        assertThatThrownBy(() -> JobJson.decodeFired(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> JobJson.decodeRegistration(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job registration");
    }

    @Test
    void argumentsThatAreNotOneArrayCannotBeEncoded() {
        for (String arguments : new String[] {"{}", "[1", "[1] [2]", "", "nope"}) {
            JobRegistration job = new JobRegistration("s", "t", "* * * * * *", 0, arguments, 0);
            assertThatThrownBy(() -> JobJson.encode(job)).as(arguments)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("field 'arguments'");
        }
    }
}
