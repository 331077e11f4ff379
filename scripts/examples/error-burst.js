// Error burst: when HTTP 5xx responses come in a burst, keep the traffic as evidence and alert a webhook.
//
// What it does: remembers the server errors (status 500-599) of the last ERROR_BURST_WINDOW_S seconds. When
// there are ERROR_BURST_COUNT of them, it asks for a PCAP snapshot of the last ERROR_BURST_SNAPSHOT_S seconds
// of traffic (pcap.snapshot returns the id the snapshot will have), then POSTs the alert as JSON to
// env.ALERT_WEBHOOK_URL: the count, the paths and the snapshot id. Without ALERT_WEBHOOK_URL it writes the
// alert with console.log instead. It then stays quiet for ERROR_BURST_QUIET_S, so that a long outage alerts
// once per quiet period, not once per error, and keeps one snapshot per period. Times are the items' capture
// times, so a replayed capture alerts as the live traffic would have, and the snapshot covers that traffic.
// Neither helper waits: each publishes an action that integrations-service performs. The errors are counted
// per worker thread (globals are per thread); items of one flow always reach the same thread.
//
// Helpers: pcap.snapshot, vendor.webhook, console.log, env, utils.nodeName.
//
// Tuning (env, strings or numbers):
//   ALERT_WEBHOOK_URL        where the alert is POSTed (default none: console.log); a secret, since the key
//                            contains WEBHOOK: it leaves the runner only as ${env:ALERT_WEBHOOK_URL}
//   ERROR_BURST_COUNT        server errors that make a burst (default 3)
//   ERROR_BURST_WINDOW_S     seconds they must fall within (default 10)
//   ERROR_BURST_QUIET_S      seconds without alerts after one (default 300)
//   ERROR_BURST_SNAPSHOT_S   seconds of traffic the snapshot keeps, up to the burst (default 30)
//
// Output without ALERT_WEBHOOK_URL, for example:
//   error burst: 3 server errors within 10 s on node-1: GET /api/payments 500, GET /api/payments 500,
//   GET /api/reports/13 500; evidence: snapshot error-burst-20261128T051649Z-3f9c0a1b2c4d

var BURST_COUNT = envNumber("ERROR_BURST_COUNT", 3);
var WINDOW_MS = envNumber("ERROR_BURST_WINDOW_S", 10) * 1000;
var QUIET_MS = envNumber("ERROR_BURST_QUIET_S", 300) * 1000;
var SNAPSHOT_MS = envNumber("ERROR_BURST_SNAPSHOT_S", 30) * 1000;
var WEBHOOK_URL = typeof env !== "undefined" && env && env.ALERT_WEBHOOK_URL ? String(env.ALERT_WEBHOOK_URL) : "";

// the server errors of the current window, oldest first: {time, method, path, status}
var recent = [];
// no alert before this capture time (ms): the quiet window after the last alert
var quietUntil = 0;

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.response) {
        return;
    }
    var status = data.response.status;
    if (typeof status !== "number" || status < 500 || status > 599 || data.timestamp < quietUntil) {
        return;
    }
    var now = data.timestamp;
    recent.push({time: now, method: data.request.method, path: data.request.path, status: status});
    while (recent.length > 0 && recent[0].time <= now - WINDOW_MS) {
        recent.shift();
    }
    if (recent.length >= BURST_COUNT) {
        alert(recent, now);
        recent = [];
        quietUntil = now + QUIET_MS;
    }
}

function alert(errors, now) {
    var paths = [];
    var described = [];
    for (var i = 0; i < errors.length; i++) {
        paths.push(errors[i].path);
        described.push(errors[i].method + " " + errors[i].path + " " + errors[i].status);
    }
    // One second past the last error, so that its response is in the capture too.
    var snapshot = pcap.snapshot({
        from: now + 1000 - SNAPSHOT_MS,
        to: now + 1000,
        reason: errors.length + " server errors within " + WINDOW_MS / 1000 + " s"
    });
    if (WEBHOOK_URL) {
        vendor.webhook("POST", WEBHOOK_URL, {
            alert: "error-burst",
            count: errors.length,
            windowSeconds: WINDOW_MS / 1000,
            paths: paths,
            node: utils.nodeName(),
            snapshot: snapshot
        });
        return;
    }
    console.log("error burst: " + errors.length + " server errors within " + WINDOW_MS / 1000 + " s on "
        + utils.nodeName() + ": " + described.join(", ") + "; evidence: snapshot " + snapshot);
}

function envNumber(name, fallback) {
    var raw = typeof env === "undefined" || !env ? undefined : env[name];
    if (raw === undefined || raw === null || raw === "" || isNaN(Number(raw)) || Number(raw) <= 0) {
        return fallback;
    }
    return Number(raw);
}
