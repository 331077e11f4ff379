package io.trawl.model.item;

/**
 * The protocol of an item, as Kubeshark's {@code protocol} object: {@code name} is the key scripts match on
 * ({@code http}, {@code dns}), {@code abbr} the short display name, {@code layer4} {@code tcp} or {@code udp}.
 */
public record Protocol(String name, String version, String abbr, String longName, String macro, String layer4) {

    public static Protocol http(String version) {
        return new Protocol("http", version, "HTTP", "Hypertext Transfer Protocol -- HTTP/" + version, "http", "tcp");
    }

    public static Protocol dns(String layer4) {
        return new Protocol("dns", "0", "DNS", "Domain Name System", "dns", layer4);
    }
}
