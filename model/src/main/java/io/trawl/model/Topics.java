package io.trawl.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of Trawl's Kafka topics under one prefix (default {@code trawl.}).
 *
 * <p>Every service builds its topic names from the same prefix, so that several Trawl installations can share
 * a cluster by choosing different prefixes.
 */
public record Topics(String prefix) {

    public static final String DEFAULT_PREFIX = "trawl.";
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

    public Topics {
        Objects.requireNonNull(prefix, "prefix");
        if (!LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' is not usable: Kafka topic names allow only letters, digits, '.', '_' and '-'");
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** Binary packet records keyed by flow key; the short-retention forensic ring buffer. */
    public String packets() {
        return prefix + "packets";
    }

    /** Packet records the dissector could not read or dissect, with the error in headers. */
    public String packetsDeadLetter() {
        return prefix + "packets.dlq";
    }

    /** Item JSON keyed by flow key. */
    public String items() {
        return prefix + "items";
    }

    public String scripts() {
        return prefix + "scripts";
    }

    public String jobs() {
        return prefix + "jobs";
    }

    public String jobsFired() {
        return prefix + "jobs.fired";
    }

    /** How each fired job ended, runner to job-service. */
    public String jobsResults() {
        return prefix + "jobs.results";
    }

    public String actions() {
        return prefix + "actions";
    }

    public String actionsDeadLetter() {
        return prefix + "actions.dlq";
    }
}
