package io.trawl.model.item;

/**
 * One side of an item's conversation, as Kubeshark's {@code src}/{@code dst}: the port is a string there, and
 * scripts compare it as one. {@code name} and {@code namespace} are empty until something resolves them.
 */
public record Endpoint(String ip, String port, String name, String namespace) {
    public static Endpoint of(String ip, int port) {
        return new Endpoint(ip, Integer.toString(port), "", "");
    }
}
