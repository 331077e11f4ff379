package io.trawl.script.helper;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces a script's secret {@code env} values with {@value #MASK} in text that leaves the sandbox: console
 * lines, error messages, recorded helper calls. Values shorter than {@value #MIN_LENGTH} characters are left
 * alone, since masking {@code "on"} or {@code "1"} everywhere would hide more than it protects. Immutable.
 */
public final class SecretRedaction {

    public static final String MASK = "***";
    public static final int MIN_LENGTH = 4;

    private static final SecretRedaction NONE = new SecretRedaction(List.of());

    private final List<String> secrets;

    /** Redacts each of {@code secrets} that is at least {@value #MIN_LENGTH} characters long. */
    public SecretRedaction(Collection<String> secrets) {
        // Longest first, so a secret containing another is masked whole.
        this.secrets = secrets.stream()
                .map(secret -> Objects.requireNonNull(secret, "secret"))
                .filter(secret -> secret.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** Redacts nothing. */
    public static SecretRedaction none() {
        return NONE;
    }

    /** {@code text} with every occurrence of every secret replaced by {@value #MASK}; null stays null. */
    public String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    /** A recorded call with every string in its arguments redacted. */
    public HelperCall apply(HelperCall call) {
        if (secrets.isEmpty()) {
            return call;
        }
        @SuppressWarnings("unchecked")
        List<Object> arguments = (List<Object>) PlainValues.redact(call.arguments(), this);
        return new HelperCall(call.script(), call.helper(), arguments);
    }
}
