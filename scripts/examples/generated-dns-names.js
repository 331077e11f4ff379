// Generated-looking DNS names: flag DNS questions for names that look machine-made, such as the
// algorithmically generated domains of malware, tunnels or randomised subdomains
// ("x7kq2v9zr4mpl8w3.example.test"), rather than names people chose ("authentication-gateway.example.test").
//
// What it does: for each DNS item, looks at every label of every question name except the last one (the
// top-level domain). A label at least GENERATED_DNS_MIN_LENGTH characters long scores one point for each
// sign of randomness:
//   - digits: at least GENERATED_DNS_MIN_DIGIT_RATIO of its characters are digits;
//   - consonants: a run of at least GENERATED_DNS_MIN_CONSONANT_RUN consonant letters (a-z but a, e, i, o,
//     u and y), as in "mnbvcxz";
//   - entropy: the Shannon entropy of its characters is at least GENERATED_DNS_MIN_ENTROPY bits per
//     character (a word repeats letters; a random string hardly does).
// A name with a label of GENERATED_DNS_MIN_SCORE points or more is flagged, once per name. Reverse lookups
// (in-addr.arpa, ip6.arpa) and service labels ("_http") are skipped.
//
// It is a heuristic: a CDN's hashed host names, or a cluster's generated pod names, can score too. Add
// their suffixes to GENERATED_DNS_IGNORE.
//
// Helpers: console.log, env.
//
// Tuning (env):
//   GENERATED_DNS_MIN_LENGTH         shortest label judged (default 12)
//   GENERATED_DNS_MIN_DIGIT_RATIO    digit share for the digits point (default 0.25)
//   GENERATED_DNS_MIN_CONSONANT_RUN  consonant run for the consonants point (default 5)
//   GENERATED_DNS_MIN_ENTROPY        bits per character for the entropy point (default 3.5)
//   GENERATED_DNS_MIN_SCORE          points needed to flag (default 2)
//   GENERATED_DNS_IGNORE             comma-separated name suffixes never flagged, e.g. "cdn.example.com"
//   GENERATED_DNS_MAX_SEEN           flagged names remembered before forgetting all (default 10000)
//
// Output, for example:
//   generated-looking DNS name: x7kq2v9zr4mpl8w3.example.test (label x7kq2v9zr4mpl8w3: length 16,
//   digits 38%, consonant run 3, entropy 4.00 bits, score 2) asked by 10.233.0.1   [one line]

var MIN_LENGTH = envNumber("GENERATED_DNS_MIN_LENGTH", 12);
var MIN_DIGIT_RATIO = envNumber("GENERATED_DNS_MIN_DIGIT_RATIO", 0.25);
var MIN_CONSONANT_RUN = envNumber("GENERATED_DNS_MIN_CONSONANT_RUN", 5);
var MIN_ENTROPY = envNumber("GENERATED_DNS_MIN_ENTROPY", 3.5);
var MIN_SCORE = envNumber("GENERATED_DNS_MIN_SCORE", 2);
var IGNORED_SUFFIXES = envList("GENERATED_DNS_IGNORE");
var MAX_SEEN = envNumber("GENERATED_DNS_MAX_SEEN", 10000);

var flaggedNames = {};
var flaggedCount = 0;

function onItemCaptured(data) {
    if (data.protocol.name !== "dns") {
        return;
    }
    var questions = data.request && data.request.questions ? data.request.questions
        : data.response && data.response.questions ? data.response.questions : [];
    for (var i = 0; i < questions.length; i++) {
        var name = String(questions[i].name).toLowerCase();
        if (flaggedNames.hasOwnProperty(name) || skipped(name)) {
            continue;
        }
        var worst = mostRandomLabel(name);
        if (worst && worst.score >= MIN_SCORE) {
            remember(name);
            console.log("generated-looking DNS name: " + name + " (label " + worst.label + ": length "
                + worst.label.length + ", digits " + Math.round(worst.digitRatio * 100) + "%, consonant run "
                + worst.consonantRun + ", entropy " + worst.entropy.toFixed(2) + " bits, score " + worst.score
                + ") asked by " + data.src.ip);
        }
    }
}

function skipped(name) {
    if (/\.(in-addr|ip6)\.arpa$/.test(name)) {
        return true;
    }
    for (var i = 0; i < IGNORED_SUFFIXES.length; i++) {
        var suffix = IGNORED_SUFFIXES[i].toLowerCase();
        if (name === suffix || endsWith(name, "." + suffix)) {
            return true;
        }
    }
    return false;
}

// The highest-scoring label long enough to judge, or null.
function mostRandomLabel(name) {
    var labels = name.split(".");
    var worst = null;
    for (var i = 0; i < labels.length - 1; i++) {
        var label = labels[i];
        if (label.length < MIN_LENGTH || label.charAt(0) === "_") {
            continue;
        }
        var judged = judge(label);
        if (!worst || judged.score > worst.score) {
            worst = judged;
        }
    }
    return worst;
}

function judge(label) {
    var digits = 0;
    var run = 0;
    var longestRun = 0;
    var counts = {};
    for (var i = 0; i < label.length; i++) {
        var c = label.charAt(i);
        counts[c] = (counts[c] || 0) + 1;
        if (c >= "0" && c <= "9") {
            digits++;
        }
        run = /[bcdfghjklmnpqrstvwxz]/.test(c) ? run + 1 : 0;
        longestRun = Math.max(longestRun, run);
    }
    var entropy = 0;
    for (var ch in counts) {
        var p = counts[ch] / label.length;
        entropy -= p * Math.log(p) / Math.LN2;
    }
    var digitRatio = digits / label.length;
    var score = (digitRatio >= MIN_DIGIT_RATIO ? 1 : 0) + (longestRun >= MIN_CONSONANT_RUN ? 1 : 0)
        + (entropy >= MIN_ENTROPY ? 1 : 0);
    return {label: label, digitRatio: digitRatio, consonantRun: longestRun, entropy: entropy, score: score};
}

function remember(name) {
    if (flaggedCount >= MAX_SEEN) {
        flaggedNames = {};
        flaggedCount = 0;
    }
    flaggedNames[name] = true;
    flaggedCount++;
}

function endsWith(text, suffix) {
    return text.length >= suffix.length && text.substring(text.length - suffix.length) === suffix;
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
