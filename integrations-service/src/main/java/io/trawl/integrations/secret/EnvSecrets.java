package io.trawl.integrations.secret;

import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.SecretResolver;
import io.trawl.model.action.ActionRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:KEY}} references in every string of a request's parameters from the same values the
 * runner gives scripts as {@code env}: {@code trawl.script.script-env.<script>.KEY}, else
 * {@code trawl.script.env.KEY}. The runner writes such a reference where a script passed a secret value to a
 * helper, so the secret itself never travels on Kafka; this service puts it back only in memory, just before
 * the handler runs. Object keys are left alone. Immutable.
 */
public final class EnvSecrets implements SecretResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([^}]*)}");
    private static final String MARK = "${env:";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> global;
    private final Map<String, Map<String, String>> perScript;

    /**
     * @param global    {@code trawl.script.env}
     * @param perScript {@code trawl.script.script-env}: script name to its own values, overriding global ones
     */
    public EnvSecrets(Map<String, String> global, Map<String, Map<String, String>> perScript) {
        this.global = Map.copyOf(Objects.requireNonNull(global, "global"));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(perScript, "perScript").forEach((script, values) -> copy.put(script, Map.copyOf(values)));
        this.perScript = Map.copyOf(copy);
    }

    @Override
    public Resolved resolve(ActionRequest action) throws InvalidActionException {
        if (!action.params().contains(MARK)) {
            return new Resolved(action, UnaryOperator.identity());
        }
        JsonNode params;
        try {
            params = JSON.readTree(action.params());
        } catch (JacksonException e) {
            throw new InvalidActionException(action.kind().wireName() + ": params are not JSON: "
                    + e.getOriginalMessage(), e);
        }
        Set<String> used = new LinkedHashSet<>();
        JsonNode resolved = walk(params, action.script(), used);
        ActionRequest out = new ActionRequest(action.id(), action.kind(), action.script(), action.scriptVersion(),
                action.origin(), action.node(), action.createdTime(), action.throttleKey(),
                JSON.writeValueAsString(resolved));
        return new Resolved(out, new SecretMask(used));
    }

    private JsonNode walk(JsonNode node, String script, Set<String> used) throws InvalidActionException {
        if (node instanceof StringNode text) {
            return text.asString().contains(MARK) ? StringNode.valueOf(substitute(text.asString(), script, used)) : node;
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                copy.set(entry.getKey(), walk(entry.getValue(), script, used));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            for (JsonNode item : array) {
                copy.add(walk(item, script, used));
            }
            return copy;
        }
        return node;
    }

    private String substitute(String text, String script, Set<String> used) throws InvalidActionException {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = lookup(script, key);
            if (value == null) {
                throw new InvalidActionException("secret reference ${env:" + key + "} of script '" + script
                        + "' is not configured here: set trawl.script.env." + key + " or trawl.script.script-env."
                        + script + "." + key + " for integrations-service");
            }
            used.add(value);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String script, String key) {
        String own = perScript.getOrDefault(script, Map.of()).get(key);
        return own != null ? own : global.get(key);
    }
}
