package io.trawl.script.item;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBytesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void skipStringFindsTheClosingQuoteWhereverEscapesFallAgainstTheEightByteWords() {
        for (int pad = 0; pad < 20; pad++) {
            for (String tail : new String[] {"", "\\\"", "\\\\", "ab\\\"cd\\\\", "\\u0041", "é€"}) {
                String body = "x".repeat(pad) + tail + "y".repeat(pad % 9);
                byte[] json = utf8("\"" + body + "\",1");
                int end = JsonBytes.skipString(json, 0, json.length);
                assertThat(json[end - 1]).as("pad %d tail %s", pad, tail).isEqualTo((byte) '"');
                assertThat(new String(json, end, json.length - end, StandardCharsets.UTF_8)).isEqualTo(",1");
            }
        }
    }

    @Test
    void anUnterminatedStringIsRefused() {
        byte[] json = utf8("\"" + "a".repeat(30) + "\\\"");
        assertThatThrownBy(() -> JsonBytes.skipString(json, 0, json.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end of a string");
    }

    @Test
    void skipValueStepsOverNestedContainersWithBracketsInsideStringsAtEveryWordOffset() {
        for (int pad = 0; pad < 17; pad++) {
            String x = "Y_y".repeat(pad);
            String value = "{\"" + x + "\":{\"x\":\"}]\\\"\",\"y\":[1,{\"z\":null},[]]}, \"b\":[\"[\",true],"
                    + "\"" + x + "\":\"" + x + "\"}";
            byte[] json = utf8(value + " ,");
            assertThat(JsonBytes.skipValue(json, 0, json.length)).as(value).isEqualTo(utf8(value).length);
            byte[] array = utf8("[" + x.length() + "," + value + "]");
            assertThat(JsonBytes.skipValue(array, 0, array.length)).isEqualTo(array.length);
        }
    }

    @Test
    void malformedStructureNamesTheOffset() {
        assertThatThrownBy(() -> ItemView.parse(utf8("{\"a\" 1}")).scanAll())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("':'");
        assertThatThrownBy(() -> ItemView.parse(utf8("{\"a\":tru}")).scanAll())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("true");
        assertThatThrownBy(() -> ItemView.parse(utf8("{\"a\":{\"b\":1}")).scanAll())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodeStringUndoesEscapesAndDecodesUtf8() {
        byte[] json = utf8("a\\\"b\\\\c\\/\\n\\t\\u00e9\\ud83d\\ude00 é€");
        assertThat(JsonBytes.decodeString(json, 0, json.length)).isEqualTo("a\"b\\c/\n\té\uD83D\uDE00 é€");
    }

    @Test
    void namesCompareEscapedAndUnescapedSpellingsAlike() {
        byte[] plain = utf8("elapsedTime");
        byte[] escaped = utf8("elapsed\\u0054ime");
        assertThat(JsonBytes.nameEquals(plain, 0, plain.length, "elapsedTime")).isTrue();
        assertThat(JsonBytes.nameEquals(plain, 0, plain.length, "elapsedTimes")).isFalse();
        assertThat(JsonBytes.nameEquals(escaped, 0, escaped.length, "elapsedTime")).isTrue();
    }

    @Test
    void numbersBecomeIntegerLongOrDouble() {
        assertThat(number("0")).isEqualTo(0);
        assertThat(number("-42")).isEqualTo(-42);
        assertThat(number("2147483648")).isEqualTo(2147483648L);
        assertThat(number("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(number("92233720368547758070")).isEqualTo(9.223372036854776E19);
        assertThat(number("1.5")).isEqualTo(1.5);
        assertThat(number("-2e-3")).isEqualTo(-0.002);
    }

    private static Object number(String s) {
        byte[] b = utf8(s);
        return JsonBytes.number(b, 0, b.length);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
