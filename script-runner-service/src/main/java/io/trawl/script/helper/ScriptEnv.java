package io.trawl.script.helper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The values scripts read through {@code env}: global values, plus per-script values that override them for
 * one script, and which of them are secrets. A value is secret when its key matches one of the secret
 * patterns (regular expressions found anywhere in the key, case-insensitive); secret values are redacted
 * from what the script's console and errors show (see {@link SecretRedaction}). Immutable.
 */
public final class ScriptEnv {

    /**
     * Keys containing any of these words are secret. {@code WEBHOOK} is among them because a webhook URL (Slack's
     * incoming webhooks, most chat and paging services) is itself the credential that lets anyone post.
     */
    public static final List<String> DEFAULT_SECRET_PATTERNS =
            List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "KEY", "CREDENTIAL", "WEBHOOK");

    private static final ScriptEnv EMPTY = new ScriptEnv(Map.of(), Map.of());

    private final Map<String, String> global;
    private final Map<String, Map<String, String>> perScript;
    private final List<Pattern> secretPatterns;

    /**
     * @param global         values every script sees
     * @param perScript      script name to values that only that script sees, overriding global ones
     * @param secretPatterns regular expressions; a key in which one is found names a secret value
     */
    public ScriptEnv(Map<String, String> global, Map<String, Map<String, String>> perScript,
                     List<String> secretPatterns) {
        this.global = ordered(global, "env");
        var scripts = new LinkedHashMap<String, Map<String, String>>();
        perScript.forEach((script, values) -> scripts.put(Objects.requireNonNull(script, "script name"),
                ordered(values, "env of script " + script)));
        this.perScript = Collections.unmodifiableMap(scripts);
        var patterns = new ArrayList<Pattern>();
        for (String pattern : secretPatterns) {
            try {
                patterns.add(Pattern.compile(Objects.requireNonNull(pattern, "secret pattern"),
                        Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("secret pattern '" + pattern + "' is not a valid regular "
                        + "expression: " + e.getDescription(), e);
            }
        }
        this.secretPatterns = List.copyOf(patterns);
    }

    /** Global and per-script values with {@link #DEFAULT_SECRET_PATTERNS}. */
    public ScriptEnv(Map<String, String> global, Map<String, Map<String, String>> perScript) {
        this(global, perScript, DEFAULT_SECRET_PATTERNS);
    }

    /** No values at all. */
    public static ScriptEnv empty() {
        return EMPTY;
    }

    /** What {@code script} sees as {@code env}: global values, then its own on top. */
    public Map<String, String> of(String script) {
        Map<String, String> own = perScript.getOrDefault(script, Map.of());
        if (own.isEmpty()) {
            return global;
        }
        var merged = new LinkedHashMap<>(global);
        merged.putAll(own);
        return Collections.unmodifiableMap(merged);
    }

    /** Whether the value of {@code key} is a secret. */
    public boolean secret(String key) {
        return secretPatterns.stream().anyMatch(pattern -> pattern.matcher(key).find());
    }

    /** The redaction of {@code script}'s secret values: masked as {@value SecretRedaction#MASK}. */
    public SecretRedaction redaction(String script) {
        Map<String, String> secrets = secrets(script);
        return secrets.isEmpty() ? SecretRedaction.none() : new SecretRedaction(secrets.values());
    }

    /** {@code script}'s secret values replaced by {@code ${env:KEY}} references, for what it publishes. */
    public SecretRedaction references(String script) {
        Map<String, String> secrets = secrets(script);
        return secrets.isEmpty() ? SecretRedaction.none() : SecretRedaction.references(secrets);
    }

    /** The secret keys of what {@code script} sees, with their values, in env order. */
    private Map<String, String> secrets(String script) {
        var secrets = new LinkedHashMap<String, String>();
        of(script).forEach((key, value) -> {
            if (secret(key)) {
                secrets.put(key, value);
            }
        });
        return secrets;
    }

    private static Map<String, String> ordered(Map<String, String> values, String what) {
        var copy = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what + ": a key is null"),
                Objects.requireNonNull(value, what + ": value of " + key + " is null")));
        return Collections.unmodifiableMap(copy);
    }
}
