package io.trawl.model.item;

/**
 * The protocol of an item, as Kubeshark's {@code protocol} object: {@code name} is the key scripts match on
 * ({@code http}, {@code dns}), {@code abbr} the short display name, {@code layer4} {@code tcp} or {@code udp}.
 */
public record Protocol(String name, String version, String abbr, String longName, String macro, String layer4) {

    private static final Protocol HTTP_1_1 = newHttp("1.1");
    private static final Protocol HTTP_1_0 = newHttp("1.0");

    public static Protocol http(String version) {
        return switch (version) {
            case "1.1" -> HTTP_1_1;
            case "1.0" -> HTTP_1_0;
            default -> newHttp(version);
        };
    }

    private static Protocol newHttp(String version) {
        return new Protocol("http", version, "HTTP", "Hypertext Transfer Protocol -- HTTP/" + version, "http", "tcp");
    }

    public static Protocol dns(String layer4) {
        return new Protocol("dns", "0", "DNS", "Domain Name System", "dns", layer4);
    }
}
