package io.trawl.bench.script;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.proxy.ProxyArray;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemBytesViewTest {

    static final String HTTP_ITEM = """
            {"id":"local/tcp-1-0","index":0,"stream":"tcp-1","protocol":{"name":"http","version":"1.1"},\
            "request":{"method":"GET","url":"/a?b=1","path":"/a","pathSegments":["a"],\
            "headers":{"Host":"h","X-Odd \\"quote\\"":"v\\\\w","Ünicode":"é€😀"},"queryString":{"b":["1"]},\
            "headersSize":160,"bodySize":0},\
            "response":{"status":200,"content":{"size":12,"text":"body with \\"quotes\\", ] and }\\n"}},\
            "requestSize":160,"responseSize":3000000000,"elapsedTime":7,"elapsedMicros":7321,"ratio":-0.25,\
            "flag":true,"error":null,"schemaVersion":1}""";

    @Test
    void everyMemberReadsAsItemViewShowsTheJacksonTree() {
        byte[] json = HTTP_ITEM.getBytes(StandardCharsets.UTF_8);
        JsonNode tree = JsonMapper.builder().build().readTree(json);
        assertSame(tree, ItemBytesView.parse(json), "data");
    }

    @Test
    void containersAreWrappedOnceAndMissingMembersAreAbsent() {
        ItemBytesView item = ItemBytesView.parse(HTTP_ITEM.getBytes(StandardCharsets.UTF_8));
        assertThat(item.getMember("request")).isSameAs(item.getMember("request"));
        assertThat(item.hasMember("nope")).isFalse();
        assertThat(item.hasMember("error")).isTrue();
        assertThat(item.getMember("error")).isNull();
    }

    @Test
    void writesAreRefused() {
        ItemBytesView item = ItemBytesView.parse(HTTP_ITEM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> item.putMember("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> item.removeMember("index")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void somethingElseThanOneObjectIsRefused() {
        for (String bad : new String[] {"[1]", "{\"a\":1} x", "{\"a\":1", ""}) {
            assertThatThrownBy(() -> ItemBytesView.parse(bad.getBytes(StandardCharsets.UTF_8)).scanAll())
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readsScanOnlyAsFarAsTheMemberAskedFor() {
        ItemBytesView item = ItemBytesView.parse(
                "{\"protocol\":{\"name\":\"dns\"},\"rest\":{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(((ItemBytesView) item.getMember("protocol")).getMember("name")).isEqualTo("dns");
        assertThatThrownBy(() -> item.getMember("elapsedTime")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSame(JsonNode node, Object view, String path) {
        if (node.isObject()) {
            assertThat(view).as(path).isInstanceOf(ItemBytesView.class);
            ItemBytesView o = (ItemBytesView) view;
            List<String> names = new ArrayList<>(node.propertyNames());
            assertThat(keys(o)).as(path + " keys").isEqualTo(names);
            for (String name : names) {
                assertThat(o.hasMember(name)).as(path + "." + name).isTrue();
                assertSame(node.get(name), o.getMember(name), path + "." + name);
            }
        } else if (node.isArray()) {
            assertThat(view).as(path).isInstanceOf(ItemBytesArrayView.class);
            ItemBytesArrayView a = (ItemBytesArrayView) view;
            assertThat(a.getSize()).as(path + ".length").isEqualTo(node.size());
            for (int i = 0; i < node.size(); i++) {
                assertSame(node.get(i), a.get(i), path + "[" + i + "]");
            }
        } else if (node.isNull()) {
            assertThat(view).as(path).isNull();
        } else if (node.isString()) {
            assertThat(view).as(path).isEqualTo(node.stringValue());
        } else if (node.isBoolean()) {
            assertThat(view).as(path).isEqualTo(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            assertThat(view).as(path).isEqualTo(node.canConvertToInt() ? (Object) node.intValue()
                    : (Object) node.longValue());
        } else {
            assertThat(view).as(path).isEqualTo(node.doubleValue());
        }
    }

    private static List<Object> keys(ItemBytesView o) {
        ProxyArray keys = (ProxyArray) o.getMemberKeys();
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < keys.getSize(); i++) {
            out.add(keys.get(i));
        }
        return out;
    }
}
