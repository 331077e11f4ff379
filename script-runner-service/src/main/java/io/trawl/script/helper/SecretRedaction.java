package io.trawl.script.helper;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces a script's secret {@code env} values in text that leaves the sandbox. {@link #SecretRedaction masking}
 * replaces them with {@value #MASK} (console lines, error messages, recorded helper calls);
 * {@link #references referencing} replaces each with {@code ${env:KEY}}, the reference integrations-service
 * resolves from its own configuration (actions on {@code trawl.actions}). Values shorter than
 * {@value #MIN_LENGTH} characters are left alone, since replacing {@code "on"} or {@code "1"} everywhere would
 * hide more than it protects. Immutable.
 */
public final class SecretRedaction {

    public static final String MASK = "***";
    public static final int MIN_LENGTH = 4;

    private static final SecretRedaction NONE = new SecretRedaction(List.of());

    /** Secret value and what replaces it, longest value first so that a secret containing another goes whole. */
    private final List<Map.Entry<String, String>> replacements;

    /** Masks each of {@code secrets} that is at least {@value #MIN_LENGTH} characters long. */
    public SecretRedaction(Collection<String> secrets) {
        this(masks(secrets));
    }

    private SecretRedaction(Map<String, String> replacements) {
        this.replacements = replacements.entrySet().stream()
                .filter(entry -> entry.getKey().length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getKey().length())
                        .reversed())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .toList();
    }

    /**
     * Replaces each secret value of {@code secretsByKey} (key to value) with {@code ${env:KEY}}; a value held by
     * two keys is referenced by the first.
     */
    public static SecretRedaction references(Map<String, String> secretsByKey) {
        var replacements = new LinkedHashMap<String, String>();
        secretsByKey.forEach((key, value) -> replacements.putIfAbsent(Objects.requireNonNull(value, key),
                "${env:" + key + "}"));
        return new SecretRedaction(replacements);
    }

    private static Map<String, String> masks(Collection<String> secrets) {
        var masks = new LinkedHashMap<String, String>();
        secrets.forEach(secret -> masks.put(Objects.requireNonNull(secret, "secret"), MASK));
        return masks;
    }

    /** Redacts nothing. */
    public static SecretRedaction none() {
        return NONE;
    }

    /** {@code text} with every occurrence of every secret replaced; null stays null. */
    public String apply(String text) {
        if (text == null || replacements.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Map.Entry<String, String> secret : replacements) {
            redacted = redacted.replace(secret.getKey(), secret.getValue());
        }
        return redacted;
    }

    /** A recorded call with every string in its arguments redacted. */
    public HelperCall apply(HelperCall call) {
        if (replacements.isEmpty()) {
            return call;
        }
        @SuppressWarnings("unchecked")
        List<Object> arguments = (List<Object>) applyToPlain(call.arguments());
        return new HelperCall(call.script(), call.helper(), arguments);
    }

    /** A plain value ({@link PlainValues}) with every string in it redacted, map keys included. */
    public Object applyToPlain(Object plain) {
        return replacements.isEmpty() ? plain : PlainValues.redact(plain, this);
    }
}
