package io.trawl.launcher;

import io.trawl.launcher.local.LocalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code trawl} command line. */
@Command(name = "trawl", mixinStandardHelpOptions = true, versionProvider = Trawl.Version.class,
        description = "Automated network analysis: capture packets, dissect them into items, run scripts on them.",
        subcommands = {CaptureCommand.class, DissectCommand.class, DoctorCommand.class, ScriptCommand.class, ScriptsCommand.class,
                LocalCommand.class, ServiceCommand.class})
public final class Trawl {

    public static void main(String[] args) {
        OptimizingRuntime.ensure(args, System.err);
        System.exit(run(args));
    }

    static int run(String[] args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Trawl());
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("trawl " + command.getCommandName()
                    + ": " + e.getMessage());
            return ExitCodes.USAGE;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Trawl.class.getPackage().getImplementationVersion();
            return new String[] {"trawl " + (version == null ? "(development build)" : version)};
        }
    }
}
