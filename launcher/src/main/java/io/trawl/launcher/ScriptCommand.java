package io.trawl.launcher;

import io.trawl.script.dryrun.ConsoleLine;
import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.HelperCall;
import io.trawl.script.host.ScriptBudget;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code trawl script}: one script, offline. */
@Command(name = "script", mixinStandardHelpOptions = true, subcommands = ScriptCommand.Test.class,
        description = "Work with one script offline, without Kafka or a running Trawl.")
final class ScriptCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * {@code trawl script test SCRIPT.js --items ITEMS.jsonl}: a dry run of the script on dissected items, as the
     * API's test does: the script's {@code onItemCaptured} gets each item in order, with every helper that has an
     * effect recorded instead of performed. Prints what the script wrote and called, so that a script can be
     * tried on {@code trawl dissect} output before it is synced.
     */
    @Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run SCRIPT.js on items from `trawl dissect` (one JSON object a line) with helper calls "
                    + "recorded instead of performed.",
                    "Standard output: each console line ([name] text, [name:ERROR] text for console.error), then "
                            + "each helper call (call helper(arguments as JSON)). Standard error: the script's "
                            + "errors and a summary."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the script loaded and no hook call failed",
                    "1:the script has a syntax error, its top-level code failed, or a hook call failed",
                    "2:bad arguments, a missing file, or a line of ITEMS that is not an item"})
    static final class Test implements Callable<Integer> {

        /** Touches what scripts commonly use first: regular expressions, JSON, numbers, env, the item view. */
        private static final String WARM_UP = """
                var warm = /^\\s+|\\s+$/g.test(" a ") + "x".replace(/x/g, "y") + JSON.stringify({a: [1]})
                    + (1.5).toFixed(1) + Math.sqrt(2) + Object.keys({b: 1, a: 2}).sort().join(",")
                    + (typeof env === "undefined" ? "" : String(env.WARM_UP));
                function onItemCaptured(data) {
                    for (var key in data) {
                        if (/^p/.test(key)) {
                            console.log(key, data[key]);
                        }
                    }
                }
                """;

        @Parameters(paramLabel = "SCRIPT.js", description = "the script")
        Path script;

        @Option(names = "--items", required = true, paramLabel = "ITEMS.jsonl",
                description = "items, one JSON object a line, as `trawl dissect` writes them; blank lines are skipped")
        Path items;

        @Option(names = "--env", paramLabel = "KEY=VALUE", mapFallbackValue = "",
                description = "a value the script reads as env.KEY; repeat for more")
        Map<String, String> env = new LinkedHashMap<>();

        @Option(names = "--node", defaultValue = "local",
                description = "what utils.nodeName() answers (default: ${DEFAULT-VALUE})")
        String node;

        // Wall time depends on the machine: a fresh JVM on a busy laptop or build agent easily spends more than
        // the service's 200 ms on a script's first calls. Statements are the same everywhere, so that budget
        // stays the service's, and a script that would loop away is still caught.
        @Option(names = "--wall-time", paramLabel = "MS", description = "wall-time budget of each hook call and of "
                + "the top-level code, in milliseconds (default: ${DEFAULT-VALUE}; the service's is 200)")
        long wallTimeMillis = 2_000;

        @Option(names = "--statements", paramLabel = "N",
                description = "statement budget of each call (default: the service's, ${DEFAULT-VALUE})")
        long statements = ScriptBudget.defaults().statements();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (wallTimeMillis < 1 || statements < 1) {
                spec.commandLine().getErr().println("trawl script test: --wall-time and --statements must be at least 1");
                return ExitCodes.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String source;
            List<byte[]> itemLines;
            try {
                source = readScript(script);
                itemLines = readItems(items);
            } catch (InputException e) {
                err.println("trawl script test: " + e.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            String name = scriptName(script);
            DryRunResult result;
            try (JsRuntime runtime = JsRuntime.start();
                 DryRun dryRun = new DryRun(runtime, new ScriptBudget(statements, Duration.ofMillis(wallTimeMillis)),
                         node, env, Map.of())) {
                // The engine's first context and first calls in a fresh JVM are far slower than any later one:
                // a throwaway run takes that cost, so that the wall-time budget measures the script itself.
                dryRun.run("warm-up", WARM_UP, itemLines.isEmpty() ? List.of() : List.of(itemLines.getFirst()));
                result = dryRun.run(name, source, itemLines);
            }
            for (ConsoleLine line : result.console()) {
                out.println("[" + name + (line.level() == ScriptOutput.Level.ERROR ? ":ERROR] " : "] ") + line.text());
            }
            for (HelperCall call : result.calls()) {
                out.println("call " + call);
            }
            out.flush();
            for (ScriptError error : result.errors()) {
                err.println("error: " + describe(error));
            }
            if (result.errors().stream().anyMatch(e -> e.kind() == ScriptError.Kind.TIMEOUT)) {
                err.println("hint: this run allowed " + wallTimeMillis + " ms per call (--wall-time); the service allows "
                        + ScriptBudget.defaults().wallTime().toMillis() + " ms");
            }
            String hooks = ScriptHost.HOOKS.stream().filter(result.hooks()::contains).collect(Collectors.joining(", "));
            err.printf("%s: %,d of %,d items, %s; %,d console lines, %,d helper calls, %,d errors in %.2f s%n",
                    name, result.items(), itemLines.size(), hooks.isEmpty() ? "no hooks" : "hooks " + hooks,
                    result.console().size(), result.calls().size(), result.errors().size(),
                    result.elapsed().toNanos() / 1e9);
            err.flush();
            return result.failed() ? ExitCodes.FAILED : ExitCodes.OK;
        }

        /** {@code file:line:column in hook: KIND: message}, so that an editor can jump to it. */
        private String describe(ScriptError error) {
            String where = error.line() > 0 ? script + ":" + error.line() + ":" + error.column() : script.toString();
            return where + (error.hook() == null ? "" : " in " + error.hook()) + ": " + error.kind() + ": "
                    + error.message();
        }

        /** The name a sync would give it: the file name without {@code .js}, in lower case. */
        static String scriptName(Path script) {
            String fileName = script.getFileName().toString();
            return (fileName.endsWith(".js") ? fileName.substring(0, fileName.length() - 3) : fileName)
                    .toLowerCase(Locale.ROOT);
        }

        private static String readScript(Path script) {
            try {
                return strictUtf8().decode(ByteBuffer.wrap(Files.readAllBytes(script))).toString();
            } catch (NoSuchFileException e) {
                throw new InputException(script + ": no such file");
            } catch (CharacterCodingException e) {
                throw new InputException(script + ": not UTF-8 text");
            } catch (IOException e) {
                throw new InputException(script + ": cannot read: " + e.getMessage());
            }
        }

        /** Every non-blank line, checked to be a JSON object so that a bad line is named by its number. */
        private static List<byte[]> readItems(Path items) {
            var lines = new ArrayList<byte[]>();
            try (BufferedReader reader = Files.newBufferedReader(items, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode item;
                    try {
                        item = Json.MAPPER.readTree(line);
                    } catch (JacksonException e) {
                        throw new InputException(items + ":" + number + ": not valid JSON: "
                                + e.getOriginalMessage());
                    }
                    if (item == null || !item.isObject()) {
                        throw new InputException(items + ":" + number + ": not an item (a JSON object), but "
                                + (item == null ? "nothing" : item.getNodeType().name().toLowerCase(Locale.ROOT)));
                    }
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            } catch (NoSuchFileException e) {
                throw new InputException(items + ": no such file");
            } catch (MalformedInputException e) {
                throw new InputException(items + ": not UTF-8 text");
            } catch (IOException e) {
                throw new InputException(items + ": cannot read: " + e.getMessage());
            }
            return lines;
        }

        private static CharsetDecoder strictUtf8() {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
    }

    /**
     * The mapper, built on first use: picocli instantiates every subcommand to build {@code trawl}'s command
     * line, and building it here would load Jackson for {@code trawl dissect} and {@code trawl --version} too.
     */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }

    /** A file given on the command line cannot be used. */
    private static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }
}
