package io.trawl.integrations.webhook;

import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.RetryableActionException;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses targets a script must not make this service call: any host that resolves to a link-local address
 * (169.254.0.0/16, fe80::/10, where clouds serve instance credentials), a cloud metadata address
 * (169.254.169.254, fd00:ec2::254, {@code metadata.google.internal}), the unspecified address or a multicast
 * address. Loopback and private ranges are allowed: Trawl is self-hosted, and its webhooks usually go to
 * services beside it. {@code allowLinkLocal} lifts the refusal for installations that mean it.
 *
 * <p>Every address the name resolves to is checked, and only http and https URLs pass. Limit: the HTTP client
 * resolves the name again when it connects, so a DNS answer that changes in between (rebinding) is not caught;
 * redirects, the other way around a check, are never followed.
 */
public final class TargetGuard {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata.google.internal.");
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x02, 0x54};

    private static final byte[] METADATA_V4 = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};

    private final boolean allowLinkLocal;

    public TargetGuard(boolean allowLinkLocal) {
        this.allowLinkLocal = allowLinkLocal;
    }

    /**
     * @param what names the parameter in errors, such as {@code webhook: params.url}
     * @return the URI, once its host passed
     * @throws InvalidActionException     for a URL that is malformed, not http(s), or refused
     * @throws RetryableActionException   when the name does not resolve (DNS may be down for a moment)
     */
    public URI check(String what, String url) throws InvalidActionException, RetryableActionException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidActionException(what + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidActionException(what + " must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidActionException(what + " has no host");
        }
        if (allowLinkLocal) {
            return uri;
        }
        if (METADATA_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw refused(what, host, "a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(withoutScope(host));
        } catch (UnknownHostException e) {
            throw new RetryableActionException(what + ": host " + host + " does not resolve", e);
        }
        for (InetAddress address : addresses) {
            String reason = refusal(address);
            if (reason != null) {
                throw refused(what, host, reason + " (" + address.getHostAddress() + ")");
            }
        }
        return uri;
    }

    /**
     * An IPv6 literal without its zone ({@code [fe80::1%25eth0]} is {@code [fe80::1]}): the address decides, and a
     * zone naming an interface this machine lacks must not turn a refusal into an unresolvable host.
     */
    private static String withoutScope(String host) {
        int zone = host.indexOf('%');
        return host.startsWith("[") && zone > 0 ? host.substring(0, zone) + "]" : host;
    }

    /** Why {@code address} is refused, or null. */
    static String refusal(InetAddress address) {
        if (Arrays.equals(address.getAddress(), METADATA_V4)
                || address instanceof Inet6Address && Arrays.equals(address.getAddress(), AWS_METADATA_V6)) {
            return "a cloud metadata address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address, where cloud metadata services answer";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        return null;
    }

    private static InvalidActionException refused(String what, String host, String reason) {
        return new InvalidActionException(what + ": refused to call " + host + ": it is " + reason
                + "; set trawl.integrations.webhooks.allow-link-local=true to allow it");
    }
}
