// Latency outliers per endpoint.
//
// What it does: keeps running statistics of the response time of every HTTP endpoint (method and path,
// without the query string) and logs a line when a response takes far longer than that endpoint usually
// does: more than 3 standard deviations and more than 5 ms above its mean, once the endpoint has at
// least 30 responses behind it. Every response, outliers included, then goes into the statistics.
//
// Statistics: Welford's online algorithm (count n, mean, sum of squared deviations m2), so nothing but
// three numbers per endpoint is kept, and the sample standard deviation is sqrt(m2 / (n - 1)).
//
// Helpers: console.log only.
//
// Tuning: MIN_SAMPLES, SIGMAS and MIN_EXCESS_MS below. The defaults match the Java reference version of
// this detector in the benchmark, which compares the two line by line; change them here and there alike.
// The map grows by one entry per endpoint: keep it for services whose paths carry no ids, or normalise
// the path first (see status-codes.js).
//
// Items: elapsedTime is in milliseconds in Trawl (request's first byte to response's first byte). An
// item whose response was not seen has response {} and elapsedTime -1; it is skipped, as it says
// nothing about how long the endpoint takes.
//
// Output, for example:
//   latency outlier: GET /api/search took 300 ms (mean 0.0 ms, sd 0.0 ms, n 31)

var MIN_SAMPLES = 30;
var SIGMAS = 3;
var MIN_EXCESS_MS = 5;

// "METHOD /path" -> {n, mean, m2}
var latencyStats = {};

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || !data.response || typeof data.elapsedTime !== "number"
            || data.elapsedTime < 0) {
        return;
    }
    var key = data.request.method + " " + data.request.path;
    var elapsed = data.elapsedTime;
    var stats = latencyStats[key];
    if (!stats) {
        stats = {n: 0, mean: 0, m2: 0};
        latencyStats[key] = stats;
    }
    if (stats.n >= MIN_SAMPLES) {
        var sd = Math.sqrt(stats.m2 / (stats.n - 1));
        if (elapsed > stats.mean + SIGMAS * sd && elapsed > stats.mean + MIN_EXCESS_MS) {
            console.log("latency outlier: " + key + " took " + elapsed + " ms (mean " + stats.mean.toFixed(1)
                + " ms, sd " + sd.toFixed(1) + " ms, n " + stats.n + ")");
        }
    }
    stats.n += 1;
    var delta = elapsed - stats.mean;
    stats.mean += delta / stats.n;
    stats.m2 += delta * (elapsed - stats.mean);
}
