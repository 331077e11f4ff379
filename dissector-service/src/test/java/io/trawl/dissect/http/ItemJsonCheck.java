package io.trawl.dissect.http;

import io.trawl.dissect.item.ItemSchemaCheck;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Every item a test makes goes through here: it must serialise with {@link ItemJson} and parse back with Jackson. */
final class ItemJsonCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ItemJsonCheck() {
    }

    static JsonNode roundTrip(Item item) {
        JsonNode parsed = ItemSchemaCheck.valid(item);
        assertThat(parsed.get("id").asString()).isEqualTo(item.id());
        assertThat(parsed.get("index").asInt()).isEqualTo(item.index());
        return parsed;
    }
}
