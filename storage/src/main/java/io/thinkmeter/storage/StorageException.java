package io.thinkmeter.storage;

/** A database call failed; the message says what was being done and for which id. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
