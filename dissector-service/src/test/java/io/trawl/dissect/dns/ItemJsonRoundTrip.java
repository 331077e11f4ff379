package io.trawl.dissect.dns;

import io.trawl.dissect.item.ItemSchemaCheck;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes an item with {@link ItemJson} and reads it back with Jackson, checking what must survive. */
final class ItemJsonRoundTrip {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ItemJsonRoundTrip() {
    }

    static JsonNode check(Item item) {
        JsonNode node = ItemSchemaCheck.valid(item);
        assertThat(node.path("id").asString()).isEqualTo(item.id());
        assertThat(node.path("index").asInt()).isEqualTo(item.index());
        assertThat(node.path("protocol").path("name").asString()).isEqualTo("dns");
        assertThat(node.path("protocol").path("layer4").asString()).isEqualTo(item.protocol().layer4());
        assertThat(node.path("request").isObject()).isTrue();
        assertThat(node.path("response").isObject()).isTrue();
        assertThat(node.path("requestSize").asLong()).isEqualTo(item.requestSize());
        assertThat(node.path("responseSize").asLong()).isEqualTo(item.responseSize());
        assertThat(node.path("elapsedMicros").asLong()).isEqualTo(item.elapsedMicros());
        if (item.error() == null) {
            assertThat(node.path("error").isNull()).isTrue();
        } else {
            assertThat(node.path("error").path("type").asString()).isEqualTo(item.error().type());
            assertThat(node.path("error").path("msg").asString()).isEqualTo(item.error().msg());
        }
        // Jackson's own writing of the maps, read back the same way, is the reference for their content.
        assertThat(node.path("request")).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(item.request())));
        assertThat(node.path("response")).isEqualTo(JSON.readTree(JSON.writeValueAsBytes(item.response())));
        return node;
    }
}
