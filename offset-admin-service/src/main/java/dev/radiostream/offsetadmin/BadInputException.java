package dev.radiostream.offsetadmin;

/**
 * The operator asked for something that cannot be done as asked: an unknown consumer or topic, a partition
 * that does not exist, an impossible target. Nothing has been written when it is thrown. The command line
 * answers it with one line and exit code 2 (usage), the HTTP API with 404.
 */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
