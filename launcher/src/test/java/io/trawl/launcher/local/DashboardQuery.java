package io.trawl.launcher.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One query of a Grafana dashboard: a panel target's PromQL expression, or a variable's
 * {@code label_values(selector, label)}, with where it comes from.
 *
 * <p>Grafana's variables are replaced as Grafana does for "All": {@code $application}, {@code $node} and
 * {@code $script} by {@code .*} (the dashboards match them with {@code =~}), {@code $__rate_interval} by 30 s,
 * {@code $__range} by 1 m. Any other variable is an error naming it.
 *
 * @param where  dashboard file and panel title or variable name, for messages
 * @param expr   the expression as written in the dashboard
 * @param label  for a variable, the label whose values it lists; null for a panel
 */
record DashboardQuery(String where, String expr, String label) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> VARIABLES = Map.of("application", ".*", "node", ".*", "script", ".*",
            "__rate_interval", "30s", "__interval", "5s", "__range", "1m");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
    /** A selector: the dashboards always give a metric's labels, at least its node. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");

    /** Every {@code trawl-*.json} dashboard of {@code dir}, by file name. */
    static List<Path> dashboards(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("trawl-.*\\.json")).sorted().toList();
        }
    }

    /** Every variable and panel query of a dashboard, including panels inside collapsed rows. */
    static List<DashboardQuery> read(Path dashboard) throws IOException {
        JsonNode json = JSON.readTree(dashboard.toFile());
        String name = dashboard.getFileName().toString();
        List<DashboardQuery> queries = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            if (variable.path("type").asString("").equals("query")) {
                JsonNode query = variable.path("query");
                String definition = query.isObject() ? query.path("query").asString("") : query.asString("");
                Matcher m = LABEL_VALUES.matcher(definition);
                String where = name + ", variable " + variable.path("name").asString();
                if (!m.matches()) {
                    throw new IllegalArgumentException(where + ": not a label_values(selector, label) query: "
                            + definition);
                }
                queries.add(new DashboardQuery(where, m.group(1), m.group(2)));
            }
        }
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new DashboardQuery(name + ", panel \"" + panel.path("title").asString("") + "\"",
                        target.path("expr").asString(""), null));
            }
        }
        return queries;
    }

    /** What Prometheus is asked: the expression with Grafana's variables replaced. */
    String promql() {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = VARIABLES.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + ": unknown variable $" + m.group(1) + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The metric names and label matchers of the expression's selectors, in order. */
    List<String[]> selectors() {
        List<String[]> selectors = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expr);
        while (m.find()) {
            selectors.add(new String[] {m.group(1), m.group(2)});
        }
        return selectors;
    }
}
