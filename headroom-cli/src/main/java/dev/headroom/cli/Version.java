package dev.headroom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Headroom's version, from the build. */
final class Version {
    private Version() {}

    static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("headroom.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"headroom " + get(), "Java " + System.getProperty("java.version")};
        }
    }
}
