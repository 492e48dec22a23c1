package dev.radiostream.stack;

/**
 * A failure the user can act on. Its message is printed as is (one line where possible), without a stack trace.
 */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
