package dev.radiostream.core.health;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import dev.radiostream.core.secrets.Redaction;

/** Turns an exception into the one line an operator needs, instead of a stack trace, with no secret in it. */
public final class Messages {

    private Messages() {
    }

    /** The deepest message in the cause chain (usually the real reason), on one line. */
    public static String oneLine(Throwable error) {
        Throwable deepest = error;
        String message = describe(error);
        for (Throwable cause = error.getCause(); cause != null && cause != deepest; cause = cause.getCause()) {
            deepest = cause;
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = describe(cause);
            }
        }
        String line = Redaction.redact(message).replaceAll("\\s+", " ").trim();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        // The JDK says only "NotAfter: <date>" for an expired certificate: the deepest message alone would not tell.
        if (error instanceof CertificateExpiredException) {
            return "certificate expired (" + message + ")";
        }
        if (error instanceof CertificateNotYetValidException) {
            return "certificate not yet valid (" + message + ")";
        }
        return message;
    }
}
