// Cleartext Basic authentication: flag HTTP requests that carry "Authorization: Basic ..." unencrypted.
//
// What it does: for each HTTP request with an Authorization header using the Basic scheme, decodes the
// base64 credentials, keeps only the user name (the part before the first ':'), and logs who sent it to
// where. The password is never printed, stored or passed to a helper: it is dropped as soon as the
// credentials are decoded. Anyone who can see this traffic can read the password just as this script
// reads the user name; the fix is TLS or a token scheme.
//
// Each (user, client, server) is reported once, so a client polling with the same credentials does not
// flood the console; BASIC_AUTH_REPORT_ALL reports every request instead.
//
// Helpers: console.log, env.
//
// Tuning (env):
//   BASIC_AUTH_REPORT_ALL   "true" to report every request, not once per (user, client, server)
//   BASIC_AUTH_MAX_SEEN     how many (user, client, server) to remember before forgetting all (default 10000)
//
// Output, for example:
//   cleartext Basic auth: user "user" on POST /api/login from 10.233.0.1 to 10.233.0.2:8080 (status 200)

var REPORT_ALL = envString("BASIC_AUTH_REPORT_ALL", "false") === "true";
var MAX_SEEN = envNumber("BASIC_AUTH_MAX_SEEN", 10000);
var MAX_USER_LENGTH = 64;
var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

var reported = {};
var reportedCount = 0;

function onItemCaptured(data) {
    if (data.protocol.name !== "http" || data.tls === true || !data.request || !data.request.headers) {
        return;
    }
    var authorization = header(data.request.headers, "authorization");
    var match = typeof authorization === "string" ? /^\s*Basic\s+([A-Za-z0-9+\/=_-]+)\s*$/i.exec(authorization) : null;
    if (!match) {
        return;
    }
    var user = userName(match[1]);
    var server = data.dst.ip + ":" + data.dst.port;
    var key = user + "|" + data.src.ip + "|" + server;
    if (!REPORT_ALL) {
        if (reported.hasOwnProperty(key)) {
            return;
        }
        if (reportedCount >= MAX_SEEN) {
            reported = {};
            reportedCount = 0;
        }
        reported[key] = true;
        reportedCount++;
    }
    var status = data.response && typeof data.response.status === "number" ? data.response.status : "none";
    console.log("cleartext Basic auth: user \"" + user + "\" on " + data.request.method + " " + data.request.path
        + " from " + data.src.ip + " to " + server + " (status " + status + ")");
}

// Header names are case-insensitive; items keep them as sent.
function header(headers, lowerCaseName) {
    for (var name in headers) {
        if (name.toLowerCase() === lowerCaseName) {
            return headers[name];
        }
    }
    return undefined;
}

// The user name of base64 "user:password" credentials, printable and at most MAX_USER_LENGTH characters.
function userName(encoded) {
    var decoded = utf8(base64Bytes(encoded));
    var colon = decoded.indexOf(":");
    var user = colon >= 0 ? decoded.substring(0, colon) : "(no password separator)";
    user = user.replace(/[\u0000-\u001f\u007f"\\]/g, "?");
    return user.length > MAX_USER_LENGTH ? user.substring(0, MAX_USER_LENGTH) + "..." : user;
}

// Decodes base64 (standard or URL-safe alphabet, padding optional) into a string of byte values 0-255.
function base64Bytes(text) {
    var clean = text.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
    var bytes = "";
    var bits = 0;
    var bitCount = 0;
    for (var i = 0; i < clean.length; i++) {
        var value = BASE64.indexOf(clean.charAt(i));
        if (value < 0) {
            break;
        }
        bits = (bits << 6) | value;
        bitCount += 6;
        if (bitCount >= 8) {
            bitCount -= 8;
            bytes += String.fromCharCode((bits >> bitCount) & 0xff);
        }
    }
    return bytes;
}

// Bytes as UTF-8 when they are valid UTF-8, else as Latin-1 (what some old clients send).
function utf8(bytes) {
    try {
        return decodeURIComponent(escape(bytes));
    } catch (e) {
        return bytes;
    }
}

function envString(name, fallback) {
    var raw = typeof env === "undefined" || !env ? undefined : env[name];
    return raw === undefined || raw === null || raw === "" ? fallback : String(raw);
}

function envNumber(name, fallback) {
    var raw = typeof env === "undefined" || !env ? undefined : env[name];
    if (raw === undefined || raw === null || raw === "" || isNaN(Number(raw))) {
        return fallback;
    }
    return Number(raw);
}
