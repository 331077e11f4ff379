package io.trawl.script.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.trawl.script.api.ScriptResponses.ConsoleView;
import io.trawl.script.api.ScriptResponses.ErrorsView;
import io.trawl.script.api.ScriptResponses.LineView;
import io.trawl.script.console.ConsoleEntry;
import io.trawl.script.console.ConsoleLog;
import io.trawl.script.console.ConsoleSubscription;
import io.trawl.script.store.ScriptCatalog;
import io.trawl.script.store.ScriptStoreException;

/**
 * A script's console on this replica: recent lines with its error counts, and a live Server-Sent Events
 * stream. Each replica shows the lines of the items it ran; behind a load balancer, ask each replica.
 */
@RestController
@RequestMapping("/api/v1/scripts/{name}/console")
@Tag(name = "console", description = "What scripts write with console.log/error, and their errors")
public class ConsoleController {

    private final ScriptCatalog catalog;
    private final ConsoleLog console;
    private final ApiSettings settings;

    public ConsoleController(ScriptCatalog catalog, ConsoleLog console, ApiSettings settings) {
        this.catalog = catalog;
        this.console = console;
        this.settings = settings;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Recent console lines", description = "Oldest first, errors included as ERROR lines; with "
            + "the script's error counts. Role: viewer.")
    public ConsoleView recent(@PathVariable String name,
                              @Parameter(description = "Lines to return, newest kept; at most the lines kept per "
                                      + "script") @RequestParam(defaultValue = "100") int limit) {
        known(name);
        if (limit < 1 || limit > console.linesPerScript()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "limit: must be between 1 and "
                    + console.linesPerScript() + " (trawl.script-console.lines-per-script), was " + limit);
        }
        return new ConsoleView(name, console.recent(name, limit).stream().map(LineView::of).toList(),
                ErrorsView.of(console.errors(name)));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Live console (Server-Sent Events)", description = "Event 'line' per console line (JSON "
            + "LineView, id = its sequence); event 'dropped' when this client was too slow and lines were left out; "
            + "a comment every heartbeat. Ends when the script is deleted or after trawl.api.stream-timeout. "
            + "Role: viewer.")
    public SseEmitter stream(@PathVariable String name,
                             @Parameter(description = "Recent lines to send first") @RequestParam(defaultValue = "0")
                             int recent) {
        known(name);
        if (recent < 0 || recent > console.linesPerScript()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "recent: must be between 0 and "
                    + console.linesPerScript() + ", was " + recent);
        }
        ConsoleSubscription subscription = console.subscribe(name, settings.streamBuffer());
        List<ConsoleEntry> backlog = console.recent(name, recent);
        var emitter = new SseEmitter(settings.streamTimeout().toMillis());
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(e -> subscription.close());
        Thread.ofVirtual().name("trawl-console-stream-" + name).start(() -> pump(emitter, subscription, backlog));
        return emitter;
    }

    /** Sends lines until the client goes, the script is deleted or the stream times out; never blocks writers. */
    private void pump(SseEmitter emitter, ConsoleSubscription subscription, List<ConsoleEntry> backlog) {
        Duration heartbeat = settings.streamHeartbeat();
        Duration wait = heartbeat.compareTo(Duration.ofSeconds(1)) < 0 ? heartbeat : Duration.ofSeconds(1);
        try {
            emitter.send(SseEmitter.event().comment("console of " + subscription.script()));
            long sent = 0;
            for (ConsoleEntry entry : backlog) {
                send(emitter, entry);
                sent = entry.sequence();
            }
            long lastBeat = System.nanoTime();
            while (!subscription.closed()) {
                ConsoleEntry entry = subscription.next(wait);
                long dropped = subscription.takeDropped();
                if (dropped > 0) {
                    emitter.send(SseEmitter.event().name("dropped").data(Map.of("dropped", dropped, "message",
                            dropped + " line(s) left out because this client read too slowly")));
                }
                if (entry != null && entry.sequence() > sent) {
                    send(emitter, entry);
                    sent = entry.sequence();
                    lastBeat = System.nanoTime();
                } else if (System.nanoTime() - lastBeat >= heartbeat.toNanos()) {
                    emitter.send(SseEmitter.event().comment("keep-alive"));
                    lastBeat = System.nanoTime();
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the stream timed out: nothing to tell anyone.
            subscription.close();
        } catch (InterruptedException e) {
            subscription.close();
            emitter.complete();
        }
    }

    private static void send(SseEmitter emitter, ConsoleEntry entry) throws IOException {
        emitter.send(SseEmitter.event().id(Long.toString(entry.sequence())).name("line")
                .data(LineView.of(entry), MediaType.APPLICATION_JSON));
    }

    private void known(String name) {
        ScriptNames.check(name);
        if (catalog.get(name).isEmpty()) {
            throw new ScriptStoreException.NotFound(name);
        }
    }
}
