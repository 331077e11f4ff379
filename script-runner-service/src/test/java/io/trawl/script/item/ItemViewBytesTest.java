package io.trawl.script.item;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.graalvm.polyglot.proxy.ProxyArray;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemViewBytesTest {

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
        assertSame(tree, ItemView.parse(json), "data");
    }

    @Test
    void containersAreWrappedOnceAndMissingMembersAreAbsent() {
        ItemView item = ItemView.parse(HTTP_ITEM.getBytes(StandardCharsets.UTF_8));
        assertThat(item.getMember("request")).isSameAs(item.getMember("request"));
        assertThat(item.hasMember("nope")).isFalse();
        assertThat(item.hasMember("error")).isTrue();
        assertThat(item.getMember("error")).isNull();
    }

    @Test
    void writesAreRefused() {
        ItemView item = ItemView.parse(HTTP_ITEM.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> item.putMember("x", null)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> item.removeMember("index")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void somethingElseThanOneObjectIsRefused() {
        for (String bad : new String[] {"[1]", "{\"a\":1} x", "{\"a\":1", "", "  ", "{", "}", "null"}) {
            assertThatThrownBy(() -> ItemView.parse(bad.getBytes(StandardCharsets.UTF_8)).scanAll())
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void bytesThatDoNotLookLikeOneObjectAreRefusedOnArrivalWithoutReadingThem() {
        assertThatThrownBy(() -> ItemView.parse(utf8(" [1, 2] "))).hasMessage("item JSON must be an object");
        assertThatThrownBy(() -> ItemView.parse(utf8("{not json"))).hasMessageStartingWith("item is not valid JSON");
        assertThat(ItemView.parse(utf8(" \n{}\n ")).getMemberKeys()).isInstanceOf(ProxyArray.class);
        assertThat(ItemView.parse(utf8("{\"a\": 1}\n")).getMember("a")).isEqualTo(1);
    }

    @Test
    void randomJsonReadsAsJacksonsTree() {
        var random = new Random(20261128);
        var mapper = JsonMapper.builder().build();
        for (int round = 0; round < 500; round++) {
            ObjectNode item = mapper.createObjectNode();
            fill(item, random, 0);
            byte[] json = random.nextBoolean() ? mapper.writeValueAsBytes(item)
                    : mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(item);
            assertSame(mapper.readTree(json), ItemView.parse(json), "round " + round);
        }
    }

    private static void fill(ObjectNode object, Random random, int depth) {
        int members = random.nextInt(depth == 0 ? 12 : 5);
        for (int i = 0; i < members; i++) {
            String name = randomString(random);
            if (object.has(name)) {
                continue; // duplicate names read differently by design (first here, last in Jackson)
            }
            switch (random.nextInt(depth < 3 ? 9 : 7)) {
                case 0 -> object.put(name, randomString(random));
                case 1 -> object.put(name, random.nextInt());
                case 2 -> object.put(name, random.nextLong());
                case 3 -> object.put(name, random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 4 -> object.put(name, random.nextBoolean());
                case 5 -> object.putNull(name);
                case 6 -> object.put(name, random.nextInt(2000) - 1000);
                case 7 -> fill(object.putObject(name), random, depth + 1);
                default -> {
                    ArrayNode array = object.putArray(name);
                    for (int k = random.nextInt(5); k > 0; k--) {
                        if (random.nextBoolean()) {
                            fill(array.addObject(), random, depth + 1);
                        } else {
                            array.add(randomString(random));
                        }
                    }
                }
            }
        }
    }

    /** Mostly ASCII, with the characters JSON escapes, multi-byte UTF-8 and surrogate pairs mixed in. */
    private static String randomString(Random random) {
        String alphabet = "abcXYZ019 _-/\\\"\n\t\u0001{}[]:,éü€😀";
        int[] codePoints = alphabet.codePoints().toArray();
        var s = new StringBuilder();
        for (int n = random.nextInt(random.nextInt(4) == 0 ? 40 : 8); n > 0; n--) {
            s.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return s.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsScanOnlyAsFarAsTheMemberAskedFor() {
        ItemView item = ItemView.parse(
                "{\"protocol\":{\"name\":\"dns\"},\"rest\":{oops}".getBytes(StandardCharsets.UTF_8));
        assertThat(((ItemView) item.getMember("protocol")).getMember("name")).isEqualTo("dns");
        assertThatThrownBy(() -> item.getMember("elapsedTime")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSame(JsonNode node, Object view, String path) {
        if (node.isObject()) {
            assertThat(view).as(path).isInstanceOf(ItemView.class);
            ItemView o = (ItemView) view;
            List<String> names = new ArrayList<>(node.propertyNames());
            assertThat(keys(o)).as(path + " keys").isEqualTo(names);
            for (String name : names) {
                assertThat(o.hasMember(name)).as(path + "." + name).isTrue();
                assertSame(node.get(name), o.getMember(name), path + "." + name);
            }
        } else if (node.isArray()) {
            assertThat(view).as(path).isInstanceOf(ItemArrayView.class);
            ItemArrayView a = (ItemArrayView) view;
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

    private static List<Object> keys(ItemView o) {
        ProxyArray keys = (ProxyArray) o.getMemberKeys();
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < keys.getSize(); i++) {
            out.add(keys.get(i));
        }
        return out;
    }
}
