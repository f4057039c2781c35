package dev.headroom.model.spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * What went wrong reading or writing a file, in words a user acts on: "no such file", "not UTF-8
 * text", never {@code NoSuchFileException} or {@code MalformedInputException: Input length = 1}.
 */
public final class FileErrors {
    private FileErrors() {}

    /** The reason alone, such as "no such file" or "it is a directory". */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text (a binary file?)";
        }
        String message = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (message == null || message.isBlank()) {
            return "it cannot be read";
        }
        String m = message.strip();
        if (m.toLowerCase(Locale.ROOT).contains("is a directory")) {
            return "it is a directory, not a file";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }
}
