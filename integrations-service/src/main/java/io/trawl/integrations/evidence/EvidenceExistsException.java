package io.trawl.integrations.evidence;

/** A write refused because an object of that name is already stored: evidence is never overwritten. */
public class EvidenceExistsException extends Exception {

    private final String location;

    public EvidenceExistsException(String location) {
        super(location + " already exists; evidence is written once and never replaced");
        this.location = location;
    }

    public String location() {
        return location;
    }
}
