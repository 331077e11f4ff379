package io.trawl.launcher.local;

import java.util.ArrayList;
import java.util.List;

import io.trawl.capture.CaptureApplication;
import io.trawl.dissect.service.DissectorApplication;
import io.trawl.job.service.JobServiceApplication;

/** Arguments the launcher gives the services it runs in its own JVM. */
public final class ServiceArguments {

    /**
     * The launcher's class path holds job-service's JDBC, Flyway and H2 for every service; only job-service uses
     * a database, so the others must not configure one, nor run its migrations.
     */
    private static final List<String> DATABASE = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

    /**
     * It also holds Spring Security, which the services with a REST API configure (api-support). Left to Boot's
     * defaults, it would lock a service without an API behind a generated password, Prometheus's scrapes of
     * {@code /actuator/prometheus} included, so those run without it, as their own class path would.
     */
    private static final String SECURITY_PACKAGE = "org.springframework.boot.security.autoconfigure.";
    private static final List<String> SECURITY = List.of(
            SECURITY_PACKAGE + "SecurityAutoConfiguration",
            SECURITY_PACKAGE + "UserDetailsServiceAutoConfiguration",
            SECURITY_PACKAGE + "actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            SECURITY_PACKAGE + "web.servlet.ServletWebSecurityAutoConfiguration",
            SECURITY_PACKAGE + "web.servlet.SecurityFilterAutoConfiguration");

    private ServiceArguments() {
    }

    /** The auto-configurations {@code application} must not run here, as arguments (none for job-service). */
    public static List<String> exclusions(Class<?> application) {
        List<String> excluded = new ArrayList<>();
        if (application != JobServiceApplication.class) {
            excluded.addAll(DATABASE);
        }
        if (application == CaptureApplication.class || application == DissectorApplication.class) {
            excluded.addAll(SECURITY);
        }
        return excluded.isEmpty() ? List.of() : List.of("--spring.autoconfigure.exclude=" + String.join(",", excluded));
    }
}
