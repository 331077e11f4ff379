package io.trawl.model.item;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ItemJsonTest {

    private static Item item(int index, ItemError error) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "GET");
        request.put("pathSegments", List.of("a", "b"));
        request.put("headers", Map.of("Host", "example.test"));
        request.put("bodySize", 0L);
        return new Item("n/tcp-1-0-" + index, index, "tcp-1-0", "n", Protocol.http("1.1"),
                Endpoint.of("10.0.0.1", 51000), Endpoint.of("10.0.0.2", 80), 1_700_000_000_123L,
                "2023-11-14T22:13:20.123Z", request, Map.of("status", 200), 78, 120, 2_500, error);
    }

    @Test
    void itemsFollowOneAnotherInOneStreamThatStaysOpen() {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        ItemJson.write(item(0, null), out);
        out.write('\n');
        ItemJson.write(item(1, new ItemError(ItemError.CONNECTION, "reset")), out);

        assertThat(closed[0]).isFalse();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("\"error\":{\"type\":\"connection\",\"msg\":\"reset\"}");
    }

    @Test
    void fieldsKeepKubesharkNamesAndTypes() {
        String json = new String(ItemJson.toBytes(item(0, null)), StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"id\":\"n/tcp-1-0-0\",\"index\":0,\"stream\":\"tcp-1-0\",\"node\":\"n\"")
                .contains("\"src\":{\"ip\":\"10.0.0.1\",\"port\":\"51000\",\"name\":\"\",\"namespace\":\"\"}")
                .contains("\"request\":{\"method\":\"GET\",\"pathSegments\":[\"a\",\"b\"],\"headers\":{\"Host\":\"example.test\"},\"bodySize\":0}")
                .contains("\"elapsedTime\":2,\"elapsedMicros\":2500,\"error\":null");
    }
}
