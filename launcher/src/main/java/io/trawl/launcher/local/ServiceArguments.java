package io.trawl.launcher.local;

/** Arguments the launcher gives the services it runs in its own JVM. */
public final class ServiceArguments {

    /**
     * The launcher's class path holds job-service's JDBC, Flyway and H2 for every service; only job-service uses
     * a database, so the others must not configure one, nor run its migrations.
     */
    public static final String WITHOUT_DATABASE = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    private ServiceArguments() {
    }
}
