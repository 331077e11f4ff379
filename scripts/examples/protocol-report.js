// Protocol report: count items per protocol in onItemCaptured, report and reset from a job every 10 seconds.
//
// What it does: Kubeshark's recommended pattern for periodic reports. The hook only adds to a global map;
// a job, scheduled once at the top level, prints the counts of the last period and starts a new one. In
// Trawl, job-service fires each tick once across the cluster, and the runner replica that gets it runs the
// job in each of its worker threads: each prints the counts of the flows it saw (its globals). For one
// total across threads and replicas, export a metric as status-codes.js does.
//
// Helpers: jobs.schedule, console.log, env.
//
// Tuning (env): PROTOCOL_REPORT_CRON, six fields, seconds first (default "*/10 * * * * *").
//
// Output, every 10 s, for example:
//   items in the last period: dns=3 http=21 (24 in all)

var CRON = typeof env !== "undefined" && env && env.PROTOCOL_REPORT_CRON ? String(env.PROTOCOL_REPORT_CRON)
    : "*/10 * * * * *";

// protocol name -> items this period
var counts = {};

function onItemCaptured(data) {
    var name = data.protocol && data.protocol.name ? data.protocol.name : "unknown";
    counts[name] = (counts[name] || 0) + 1;
}

function report(label) {
    var names = [];
    var total = 0;
    for (var name in counts) {
        if (counts.hasOwnProperty(name)) {
            names.push(name);
            total += counts[name];
        }
    }
    if (total === 0) {
        return;
    }
    names.sort();
    var parts = [];
    for (var i = 0; i < names.length; i++) {
        parts.push(names[i] + "=" + counts[names[i]]);
    }
    console.log(label + " " + parts.join(" ") + " (" + total + " in all)");
    counts = {};
}

jobs.schedule("protocol-report", CRON, report, 0, "items in the last period:");

function onJobFailed(tag, cron, limit, err) {
    console.error("job " + tag + " failed: " + err);
}
