package io.trawl.integrations.api;

import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.snapshot.SnapshotManifest;
import io.trawl.integrations.snapshot.StoredSnapshots;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Map;

/**
 * {@code /api/v1/snapshots}: the stored PCAP snapshots (newest first), each one's manifest and capture file, and
 * new snapshots of a time window. Errors are RFC 9457 problem details ({@link SnapshotApiExceptionHandler}).
 */
@RestController
@RequestMapping("/api/v1/snapshots")
public class SnapshotController {

    private static final int MAX_PAGE_SIZE = 200;

    private final StoredSnapshots snapshots;
    private final ApiSnapshots requests;

    public SnapshotController(StoredSnapshots snapshots, ApiSnapshots requests) {
        this.snapshots = snapshots;
        this.requests = requests;
    }

    @GetMapping
    public StoredSnapshots.Page list(@RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size) throws IOException {
        if (page < 0) {
            throw new IllegalArgumentException("page: is " + page + "; pages count from 0");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size: is " + size + "; give 1 to " + MAX_PAGE_SIZE);
        }
        return snapshots.list(page, size);
    }

    @GetMapping("/{id}")
    public SnapshotManifest manifest(@PathVariable String id) throws IOException {
        return stored(id);
    }

    @GetMapping("/{id}/pcap")
    public ResponseEntity<?> pcap(@PathVariable String id,
                                  @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch)
            throws IOException {
        SnapshotManifest manifest = stored(id);
        String etag = "\"" + manifest.sha256() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        boolean pcapng = "pcapng".equals(manifest.format());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(StoredSnapshots.contentType(manifest.format())))
                .contentLength(manifest.size())
                .eTag(etag)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(id + (pcapng ? ".pcapng" : ".pcap")).build().toString())
                .body(new InputStreamResource(snapshots.openPcap(id)));
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> create(@RequestBody JsonNode body, Principal caller)
            throws InvalidActionException {
        ApiSnapshots.Accepted accepted = requests.submit(body, caller == null ? "an anonymous caller"
                : caller.getName());
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(accepted.id()).toUri();
        return ResponseEntity.accepted().location(location)
                .body(Map.of("id", accepted.id(), "readyAt", accepted.readyAt().toString()));
    }

    private SnapshotManifest stored(String id) throws IOException {
        return snapshots.manifest(id).orElseThrow(() -> new SnapshotNotFoundException(
                requests.notStoredBecause(id).orElse("no snapshot " + id + " is stored")));
    }
}
