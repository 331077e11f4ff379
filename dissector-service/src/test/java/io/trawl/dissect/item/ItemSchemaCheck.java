package io.trawl.dissect.item;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every item a dissector test makes is written with {@link ItemJson} and validated against the published
 * schema ({@code io/trawl/model/item/item.schema.json} in the model jar, documented in docs/item-schema.md).
 */
public final class ItemSchemaCheck {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA = load();

    private ItemSchemaCheck() {
    }

    private static Schema load() {
        try (InputStream in = Item.class.getResourceAsStream("item.schema.json")) {
            assertThat(in).as("item.schema.json in the model jar").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the item, validates the JSON, and returns it parsed. */
    public static JsonNode valid(Item item) {
        return valid(ItemJson.toBytes(item));
    }

    /** Validates one item's JSON and returns it parsed. */
    public static JsonNode valid(byte[] json) {
        JsonNode node = JSON.readTree(json);
        List<Error> errors = SCHEMA.validate(node);
        assertThat(errors).as("schema errors in %s", node).isEmpty();
        return node;
    }
}
