package io.thinkmeter.ops;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one line the command line prints for an error ({@link ThinkmeterCli#commandLine()}). */
final class CliErrors {

    private CliErrors() {}

    /** Bad usage: what is wrong, and where the usage is. */
    static String usageLine(CommandLine command, ParameterException e) {
        String name = command.getCommandSpec().qualifiedName();
        return name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')";
    }

    /** A run that failed: what failed, in the words of the exception that says it best. */
    static String failureLine(CommandLine command, Exception e) {
        return command.getCommandSpec().qualifiedName() + ": " + oneLine(describe(e));
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (isWrapper(t) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage();
        // Java's file exceptions carry the path alone as their message.
        if (t instanceof NoSuchFileException f) {
            return "no such file or directory: " + f.getFile();
        }
        if (t instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (t instanceof NotDirectoryException f) {
            return "not a directory: " + f.getFile();
        }
        if (t instanceof FileAlreadyExistsException f) {
            return "already exists: " + f.getFile();
        }
        if (t instanceof CharacterCodingException) {
            return "a file is not valid UTF-8 text" + (message == null ? "" : " (" + message + ")");
        }
        if (message == null || message.isBlank()) {
            return "failed (" + t.getClass().getSimpleName() + "); rerun with " + ThinkmeterCli.VERBOSE
                    + " for the stack trace";
        }
        return message;
    }

    /** Exceptions that only carry another, whose message is the one worth reading. */
    private static boolean isWrapper(Throwable t) {
        return t instanceof UncheckedIOException || t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof InvocationTargetException
                || (t instanceof RuntimeException && t.getCause() != null && t.getMessage() != null
                        && t.getMessage().equals(t.getCause().toString()));
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
