package io.trawl.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The bearer tokens the API accepts, each with its role. Only SHA-256 digests of the tokens are kept, and a
 * presented token is compared with every one of them in constant time, so that neither the comparison's
 * duration nor a heap dump gives a token away.
 */
public final class ApiTokens {

    /** What a token lets its bearer do. */
    public enum Role {
        /** Read, and run what changes nothing (a script's validation and test). */
        VIEWER,
        /** Everything a viewer does, plus every change: create, update, delete, enable, disable, run. */
        EDITOR
    }

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ApiTokens of(List<String> editorTokens, List<String> viewerTokens) {
        List<Entry> entries = new ArrayList<>();
        editorTokens.forEach(t -> entries.add(new Entry(digest(t), Role.EDITOR)));
        viewerTokens.forEach(t -> entries.add(new Entry(digest(t), Role.VIEWER)));
        return new ApiTokens(entries);
    }

    /** A new random token: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The role of {@code token}: the highest one when the same token is configured twice, empty when unknown.
     * Takes the same time whichever token matches, or none.
     */
    public Optional<Role> roleOf(String token) {
        byte[] presented = digest(token);
        Role found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = found == Role.EDITOR ? found : entry.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
