package io.trawl.service;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The name of the node a service runs on, as every service reports it (in packet records, to scripts, as the
 * {@code node} tag of metrics): {@code NODE_NAME}, which Kubernetes sets from the downward API, else the host
 * name, else {@code localhost}.
 */
public final class NodeName {

    private NodeName() {
    }

    public static String resolve() {
        String env = System.getenv("NODE_NAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
