package io.trawl.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import io.trawl.capture.CaptureApplication;
import io.trawl.dissect.service.DissectorApplication;
import io.trawl.integrations.service.IntegrationsApplication;
import io.trawl.job.service.JobServiceApplication;
import io.trawl.launcher.local.ServiceArguments;
import io.trawl.script.service.ScriptRunnerApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code trawl service NAME [--property=value ...]}: one service as its own process against any Kafka cluster,
 * the same Spring Boot application as its {@code -exec} jar; everything after the name is Spring Boot arguments.
 */
@Command(name = "service", mixinStandardHelpOptions = true,
        description = {"Run one service in this process, as deployed: capture, dissector, script-runner, job or integrations.",
                "Arguments after the name are Spring Boot properties, e.g. "
                        + "--trawl.kafka.bootstrap-servers=kafka:9092 --trawl.capture.interface-name=eth0",
                "docs/configuration.md lists them. Ctrl-C stops the service."})
final class ServiceCommand implements Callable<Integer> {

    static final Map<String, Class<?>> SERVICES = Map.of(
            "capture", CaptureApplication.class,
            "dissector", DissectorApplication.class,
            "script-runner", ScriptRunnerApplication.class,
            "job", JobServiceApplication.class,
            "integrations", IntegrationsApplication.class);

    @Parameters(index = "0", paramLabel = "NAME", description = "capture, dissector, script-runner, job or integrations")
    String name;

    @Parameters(index = "1..*", paramLabel = "--PROPERTY=VALUE", description = "Spring Boot arguments")
    List<String> arguments = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Class<?> application = SERVICES.get(name);
        if (application == null) {
            spec.commandLine().getErr().println("trawl service: no service called '" + name
                    + "'; choose capture, dissector, script-runner, job or integrations");
            return ExitCodes.USAGE;
        }
        var closed = new CountDownLatch(1);
        var spring = new SpringApplication(application);
        spring.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        List<String> args = new ArrayList<>(arguments);
        args.addAll(ServiceArguments.exclusions(application));
        ConfigurableApplicationContext context = spring.run(args.toArray(String[]::new));
        if (context.isActive()) {
            closed.await();
        }
        return 0;
    }
}
