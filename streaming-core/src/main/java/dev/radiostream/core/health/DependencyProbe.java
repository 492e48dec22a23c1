package dev.radiostream.core.health;

/**
 * A server the service depends on. Readiness asks every probe bean; a probe throws, with a one-line
 * message, when its server cannot be used.
 */
public interface DependencyProbe {

    /** Short name shown in the readiness response, e.g. "kafka". */
    String name();

    /** Where the server is, shown in the readiness response. */
    String address();

    /** Returns normally when the server answered a real request. */
    void check() throws Exception;
}
