// Status codes per path: how often each HTTP path answered with each status.
//
// What it does: counts HTTP responses per (path, status) in a global map, counts each one on the counter
// metric http_responses with the labels path and status, and logs a summary line of the whole map every
// STATUS_CODES_SUMMARY_EVERY responses.
//
// Bounded labels: a metric label must never take unbounded values, or every user id becomes a time
// series. So the path is normalised first: every segment that is a number, a UUID, a hex string of 8 or
// more characters with a digit in it, or that contains 3 or more digits in a row becomes ":id"
// ("/api/users/1042" -> "/api/users/:id", "/api/inventory/sku-20931" -> "/api/inventory/:id"). The query
// string is never part of it. And at most STATUS_CODES_MAX_PATHS distinct normalised paths are kept: the
// responses of any later new path count under the path "(other)", so the label path takes at most
// STATUS_CODES_MAX_PATHS + 1 values. Statuses are bounded by HTTP itself.
//
// Helpers: prometheus.vector (type 1: a counter with labels, incremented by 1 per response; in Trawl it is
// exported as trawl_script_user_http_responses_total with the labels and script="<this script's name>"),
// console.log, env.
//
// Tuning (env, numbers):
//   STATUS_CODES_MAX_PATHS      distinct normalised paths kept before "(other)" (default 50)
//   STATUS_CODES_SUMMARY_EVERY  responses between two summary lines (default 50; 0 for no summary)
//
// Output, for example:
//   status codes after 50 responses: /api/search 200=30; /api/users/:id 200=12 404=2; /health 200=1
//
// The map lives in the runner thread that runs this script: with several worker threads, each thread has
// its own counts and summaries, while the metric adds them all up.

var MAX_PATHS = envNumber("STATUS_CODES_MAX_PATHS", 50);
var SUMMARY_EVERY = envNumber("STATUS_CODES_SUMMARY_EVERY", 50);
var OTHER_PATH = "(other)";

// normalised path -> {status -> count}
var statusCounts = {};
var pathsKept = 0;
var responsesSeen = 0;

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.response || typeof data.response.status !== "number") {
        return;
    }
    var path = boundedPath(normalisePath(data.request.path));
    var status = String(data.response.status);
    var byStatus = statusCounts[path];
    byStatus[status] = (byStatus[status] || 0) + 1;
    prometheus.vector("http_responses", "HTTP responses by normalised path and status", 1, 1,
        {path: path, status: status});
    responsesSeen++;
    if (SUMMARY_EVERY > 0 && responsesSeen % SUMMARY_EVERY === 0) {
        console.log("status codes after " + responsesSeen + " responses: " + summary());
    }
}

// "/api/users/1042/orders/5f3a9c0e-2b7d-4e1a-9c3f-0d8e6b2a1f47" -> "/api/users/:id/orders/:id"
function normalisePath(path) {
    if (typeof path !== "string" || path === "") {
        return "/";
    }
    var segments = path.split("/");
    for (var i = 0; i < segments.length; i++) {
        if (isId(segments[i])) {
            segments[i] = ":id";
        }
    }
    return segments.join("/");
}

function isId(segment) {
    return /^\d+$/.test(segment)
        || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)
        || (/^[0-9a-f]{8,}$/i.test(segment) && /\d/.test(segment))
        || /\d{3,}/.test(segment);
}

// The path itself while fewer than MAX_PATHS are kept, else "(other)" for any path not kept yet.
function boundedPath(path) {
    if (statusCounts.hasOwnProperty(path)) {
        return path;
    }
    if (pathsKept >= MAX_PATHS) {
        path = OTHER_PATH;
        if (statusCounts.hasOwnProperty(path)) {
            return path;
        }
    } else {
        pathsKept++;
    }
    statusCounts[path] = {};
    return path;
}

// Paths in order, each with its statuses in order: "/a 200=3 500=1; /b 200=2".
function summary() {
    var paths = Object.keys(statusCounts).sort();
    var parts = [];
    for (var i = 0; i < paths.length; i++) {
        var statuses = Object.keys(statusCounts[paths[i]]).sort();
        var counts = [];
        for (var j = 0; j < statuses.length; j++) {
            counts.push(statuses[j] + "=" + statusCounts[paths[i]][statuses[j]]);
        }
        parts.push(paths[i] + " " + counts.join(" "));
    }
    return parts.join("; ");
}

function envNumber(name, fallback) {
    var raw = typeof env === "undefined" || !env ? undefined : env[name];
    if (raw === undefined || raw === null || raw === "" || isNaN(Number(raw))) {
        return fallback;
    }
    return Number(raw);
}
