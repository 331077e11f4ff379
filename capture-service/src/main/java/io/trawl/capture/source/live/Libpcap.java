package io.trawl.capture.source.live;

import com.sun.jna.NativeLibrary;
import io.trawl.capture.source.CaptureException;

/**
 * Finds the native libpcap before pcap4j does, so that a missing library is a clear message instead of an
 * {@link UnsatisfiedLinkError} from a static initializer.
 */
public final class Libpcap {

    /** The system property pcap4j reads for the library name; Trawl honours the same one. */
    public static final String LIBRARY_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";

    private Libpcap() {
    }

    public static String libraryName() {
        return System.getProperty(LIBRARY_NAME_PROPERTY, "pcap");
    }

    /** Throws when libpcap cannot be loaded, naming the library and how to install it. */
    public static void require() throws CaptureException {
        String name = libraryName();
        try {
            NativeLibrary.getInstance(name);
        } catch (UnsatisfiedLinkError e) {
            throw new CaptureException("live capture needs libpcap, and library '" + name + "' could not be loaded"
                    + " (on Debian or Ubuntu: apt-get install libpcap0.8; on Fedora: dnf install libpcap). "
                    + "Capture files need no libpcap.", e);
        }
    }
}
