package io.trawl.integrations.secret;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Replaces the secret values a request was resolved with by {@value #MASK} in text about it: log lines, error
 * headers. Every resolved value is masked, however short: each one came from a {@code ${env:KEY}} reference,
 * which the runner writes only for secret values. Longest first, so that a secret containing another is masked
 * whole.
 */
final class SecretMask implements UnaryOperator<String> {

    static final String MASK = "***";

    private final List<String> secrets;

    SecretMask(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
