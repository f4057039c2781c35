package dev.headroom.cli;

/** Bad input found by a command: the message is printed as it is and the process exits 2. */
final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
