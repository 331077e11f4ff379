/**
 * HTTP/1.0 and HTTP/1.1 over TCP: one item per request and response.
 *
 * <p>The shape follows Suricata and Netty. {@link io.trawl.dissect.http.HttpMessageDecoder} is the pure parser
 * of one direction: an explicit state machine over bytes, with no flow state. It uses
 * {@code MessageHeadReader} for start lines and field blocks and {@code ChunkedBodyReader} for chunked framing.
 * {@link io.trawl.dissect.http.HttpConnection} is the per-connection state that pairs responses with requests,
 * first in first out. {@link io.trawl.dissect.http.HttpItemMapper} maps an exchange to the item JSON. Every
 * limit is a field of {@link io.trawl.dissect.item.DissectorLimits}. Malformed traffic is never thrown: it
 * becomes an item with an error, and the affected direction resynchronises or is given up on.
 *
 * <p>Choices the item format makes, for script writers:
 * <ul>
 *   <li>{@code headers} maps each name to a value. A name sent more than once (case is ignored, and the first
 *       spelling is kept) has its values joined with {@code ", "}. {@code Cookie} values are joined with
 *       {@code "; "}. {@code Set-Cookie} is always a list, because its values may contain commas.</li>
 *   <li>{@code cookies}: in a request, the first value of each name in {@code Cookie}. In a response, the
 *       {@code name=value} of each {@code Set-Cookie}, without attributes; when a name repeats, the last one
 *       wins.</li>
 *   <li>{@code url} is the request-target exactly as sent, in absolute form too. {@code targetUri} is the
 *       absolute form: {@code http://} plus Host plus target. {@code path} is percent-decoded.
 *       {@code pathSegments} holds the non-empty segments, each decoded on its own, so an encoded slash stays
 *       inside its segment. {@code queryString} maps names to values, and a repeated name gets a list. Query
 *       strings are decoded as UTF-8, and {@code +} becomes a space.</li>
 *   <li>{@code bodySize} counts body bytes after chunking is removed and before content decoding.
 *       {@code content.size} counts them after decoding. {@code requestSize} and {@code responseSize} count
 *       every byte of the message on the wire. {@code compression} is {@code content.size - bodySize} (HAR's
 *       "bytes saved"); it is negative when gzip made a small body bigger.</li>
 *   <li>{@code elapsedMicros} runs from the first byte of the request to the first byte of the final response.
 *       A {@code 100 Continue} does not count: it says nothing about how long the server took. The
 *       {@code protocol.version} is {@code 1.0} or {@code 1.1}, taken from the request.</li>
 *   <li>Fields beyond HAR start with an underscore, as HAR asks: {@code _interimResponses} (the 1xx responses
 *       before the final one), {@code _trailers}, and {@code _truncated} in {@code content}/{@code postData} when
 *       the text is less than the whole body. {@code comment} says why decoding stopped, for example at the
 *       decoded-size limit, on an unknown coding or on corrupt data.</li>
 *   <li>An item's error is the gravest one among its request, its response and the exchange itself. The order,
 *       gravest first, is: {@code dissection}, {@code gap}, {@code connection}, {@code timeout},
 *       {@code pair-not-found}.</li>
 * </ul>
 *
 * <p>Known limits:
 * <ul>
 *   <li>Multipart bodies are shown as text, but their parts are not split into {@code params}.</li>
 *   <li>A final response that comes before the body of a {@code 100-continue} request is paired correctly. If
 *       the client then never sends the body it announced, its next request is read as that body.</li>
 *   <li>After bytes are lost, pairing assumes that no whole message was lost with them.</li>
 * </ul>
 */
package io.trawl.dissect.http;
