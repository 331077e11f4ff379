package io.trawl.integrations.secret;

import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.SecretResolver;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvSecretsTest {

    private final EnvSecrets secrets = new EnvSecrets(Map.of("TOKEN", "xoxb-global", "HOST", "hooks.example"),
            Map.of("special", Map.of("TOKEN", "xoxb-special")));

    private static ActionRequest request(String script, String params) {
        return new ActionRequest("id", ActionKind.SLACK_BOT, script, 1, "o", "n", 0, null, params);
    }

    @Test
    void everyStringValueIsResolvedNestedOnesTooButNotKeys() throws Exception {
        SecretResolver.Resolved resolved = secrets.resolve(request("s", """
                {"token":"${env:TOKEN}","url":"https://${env:HOST}/a/${env:TOKEN}","n":3,
                 "fields":[{"title":"${env:TOKEN}","value":"plain"}],"headers":{"${env:TOKEN}":"x"}}"""));

        assertThat(resolved.action().params()).isEqualTo("{\"token\":\"xoxb-global\",\"url\":\"https://hooks.example"
                + "/a/xoxb-global\",\"n\":3,\"fields\":[{\"title\":\"xoxb-global\",\"value\":\"plain\"}],"
                + "\"headers\":{\"${env:TOKEN}\":\"x\"}}");
        assertThat(resolved.mask().apply("call to https://hooks.example/a/xoxb-global failed"))
                .isEqualTo("call to https://***/a/*** failed");
    }

    @Test
    void aScriptsOwnValueWinsOverTheGlobalOne() throws Exception {
        assertThat(secrets.resolve(request("special", "{\"token\":\"${env:TOKEN}\"}")).action().params())
                .isEqualTo("{\"token\":\"xoxb-special\"}");
    }

    @Test
    void paramsWithoutReferencesPassAsTheyAre() throws Exception {
        ActionRequest plain = request("s", "{\"text\":\"$100 {env}\"}");
        SecretResolver.Resolved resolved = secrets.resolve(plain);
        assertThat(resolved.action()).isSameAs(plain);
        assertThat(resolved.mask().apply("xoxb-global")).isEqualTo("xoxb-global");
    }

    @Test
    void anUnknownKeyIsNamed() {
        assertThatThrownBy(() -> secrets.resolve(request("s", "{\"token\":\"${env:MISSING}\"}")))
                .isInstanceOf(InvalidActionException.class)
                .hasMessage("secret reference ${env:MISSING} of script 's' is not configured here: set "
                        + "trawl.script.env.MISSING or trawl.script.script-env.s.MISSING for integrations-service");
    }

    @Test
    void aLongerSecretContainingAShorterOneIsMaskedWhole() {
        SecretMask mask = new SecretMask(java.util.List.of("abc", "xxabcxx", ""));
        assertThat(mask.apply("key xxabcxx and abc")).isEqualTo("key *** and ***");
        assertThat(mask.apply(null)).isNull();
    }
}
