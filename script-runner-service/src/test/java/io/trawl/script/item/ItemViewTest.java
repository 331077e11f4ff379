package io.trawl.script.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trawl.script.engine.JsRuntime;

class ItemViewTest {

    private static final String DNS_ITEM = """
            {"id":"n/udp-1-0","src":{"ip":"10.0.0.1","port":"53000"},"protocol":{"name":"dns"},
             "timestamp":1234567890124,"elapsedMicros":-1,"ratio":0.25,"error":null,
             "request":{"id":4660,"truncated":false,"questions":[{"name":"example.com","type":"A","class":"IN"}]},
             "response":{}}
            """;

    private static JsRuntime runtime;
    private Context context;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void closeEngine() {
        runtime.close();
    }

    @BeforeEach
    void openContext() {
        context = runtime.newContext();
        context.getBindings("js").putMember("data",
                ItemView.parse(DNS_ITEM.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    private Value js(String expression) {
        return context.eval("js", expression);
    }

    @Test
    void scriptReadsNestedMembersArraysAndScalarsWithJsTypes() {
        assertThat(js("data.request.questions[0].name").asString()).isEqualTo("example.com");
        assertThat(js("data.request.questions.length").asInt()).isEqualTo(1);
        assertThat(js("typeof data.src.port + ' ' + data.src.port").asString()).isEqualTo("string 53000");
        assertThat(js("typeof data.request.id + ' ' + (data.request.id + 1)").asString()).isEqualTo("number 4661");
        assertThat(js("data.timestamp + 1").asLong()).isEqualTo(1234567890125L);
        assertThat(js("data.ratio * 4").asDouble()).isEqualTo(1.0);
        assertThat(js("data.elapsedMicros < 0 && data.request.truncated === false").asBoolean()).isTrue();
        assertThat(js("data.error === null && data.nothing === undefined").asBoolean()).isTrue();
        assertThat(js("'questions' in data.request && !('answers' in data.response)").asBoolean()).isTrue();
    }

    @Test
    void nestedViewsAreWrappedOnceSoIdentityHolds() {
        assertThat(js("data.request === data.request && data.request.questions[0] === data.request.questions[0]")
                .asBoolean()).isTrue();
    }

    @Test
    void objectKeysAndJsonStringifySeeTheItemsMembers() {
        assertThat(js("Object.keys(data.request).join(',')").asString()).isEqualTo("id,truncated,questions");
        assertThat(js("JSON.stringify(data.request)").asString()).isEqualTo(
                "{\"id\":4660,\"truncated\":false,\"questions\":[{\"name\":\"example.com\",\"type\":\"A\","
                        + "\"class\":\"IN\"}]}");
        assertThat(js("JSON.parse(JSON.stringify(data)).src.port").asString()).isEqualTo("53000");
    }

    @Test
    void sloppyWritesAreIgnoredLikeOnAFrozenObject() {
        String attempt = """
                data.request.id = 1; data.extra = 1; delete data.src; data.request.questions[0] = 'x';
                data.request.id + ' ' + data.extra + ' ' + data.src.port + ' ' + data.request.questions[0].name;
                """;

        assertThat(js(attempt).asString()).isEqualTo("4660 undefined 53000 example.com");
    }

    @Test
    void strictWritesThrowTypeErrorAndLeaveTheItemUnchanged() {
        String attempt = """
                (function () {
                  'use strict';
                  var refused = [];
                  try { data.request.id = 1; } catch (e) { refused.push(e.name); }
                  try { data.extra = 1; } catch (e) { refused.push(e.name); }
                  try { delete data.src; } catch (e) { refused.push(e.name); }
                  try { data.request.questions[0] = 'x'; } catch (e) { refused.push(e.name); }
                  return refused.join(',') + ' ' + data.request.id + ' ' + data.extra + ' ' + data.src.port;
                })();
                """;

        assertThat(js(attempt).asString()).isEqualTo("TypeError,TypeError,TypeError,TypeError 4660 undefined 53000");
    }
}
