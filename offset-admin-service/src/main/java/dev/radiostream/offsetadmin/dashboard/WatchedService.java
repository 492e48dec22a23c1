package dev.radiostream.offsetadmin.dashboard;

import java.net.URI;

import org.eclipse.microprofile.config.spi.Converter;

/** A service the dashboard watches: its name on the page and the base URL of its HTTP endpoints. */
public record WatchedService(String name, URI baseUrl) {

    public URI resolve(String path) {
        return URI.create(baseUrl.toString().replaceFirst("/+$", "") + path);
    }

    /** {@code name=http://host:port}. */
    public static WatchedService parse(String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || equals == entry.length() - 1) {
            throw new IllegalArgumentException("dashboard.services: '" + entry + "' is not name=http://host:port");
        }
        URI url = URI.create(entry.substring(equals + 1).trim());
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("dashboard.services: '" + entry + "' has no http://host:port URL");
        }
        return new WatchedService(entry.substring(0, equals).trim(), url);
    }

    /** Registered in META-INF/services/org.eclipse.microprofile.config.spi.Converter for dashboard.services. */
    public static final class Parser implements Converter<WatchedService> {
        @Override
        public WatchedService convert(String value) {
            return parse(value);
        }
    }
}
