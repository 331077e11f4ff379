// Server errors: flag every HTTP response with a 5xx status.
//
// What it does: for each HTTP item whose response status is between SERVER_ERRORS_MIN_STATUS and 599,
// writes one console.error line with the method, the URL as the client sent it and the status, and marks
// the item as failed with test.fail(data), as Kubeshark's pass/fail example does (a failed item is shown
// red wherever items are listed).
//
// Helpers: console.error, test.fail, env.
//
// Tuning (env, strings or numbers):
//   SERVER_ERRORS_MIN_STATUS   lowest status flagged (default 500; 400 flags client errors too)
//   SERVER_ERRORS_IGNORE       comma-separated path prefixes never flagged (default none), e.g. "/health,/ready"
//
// Output, for example:
//   server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)

var MIN_STATUS = envNumber("SERVER_ERRORS_MIN_STATUS", 500);
var IGNORED_PREFIXES = envList("SERVER_ERRORS_IGNORE");

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.response) {
        return;
    }
    var status = data.response.status;
    if (typeof status !== "number" || status < MIN_STATUS || status > 599 || ignored(data.request.path)) {
        return;
    }
    console.error("server error: " + data.request.method + " " + data.request.url + " -> " + status
        + (data.response.statusText ? " " + data.response.statusText : "")
        + " (" + data.src.ip + " -> " + data.dst.ip + ":" + data.dst.port + ")");
    return test.fail(data);
}

function ignored(path) {
    for (var i = 0; i < IGNORED_PREFIXES.length; i++) {
        if (typeof path === "string" && path.indexOf(IGNORED_PREFIXES[i]) === 0) {
            return true;
        }
    }
    return false;
}

function envNumber(name, fallback) {
    var raw = typeof env === "undefined" || !env ? undefined : env[name];
    if (raw === undefined || raw === null || raw === "" || isNaN(Number(raw))) {
        return fallback;
    }
    return Number(raw);
}

function envList(name) {
    var value = typeof env === "undefined" || !env || !env[name] ? "" : String(env[name]);
    var list = [];
    var parts = value.split(",");
    for (var i = 0; i < parts.length; i++) {
        var part = parts[i].replace(/^\s+|\s+$/g, "");
        if (part) {
            list.push(part);
        }
    }
    return list;
}
