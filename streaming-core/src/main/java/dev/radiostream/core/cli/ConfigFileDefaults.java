package dev.radiostream.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults that live in a configuration file rather than in a {@code @WithDefault}, for --help: a command
 * declares {@code defaultValueProvider = ConfigFileDefaults.class} and an option's description shows
 * {@code ${DEFAULT-VALUE}}. For an option whose descriptionKey is a configuration key, the default is that key's
 * value in the service's application.properties, else in a META-INF/microprofile-config.properties of the class
 * path (the shared modules'), as MicroProfile Config orders them.
 * <p>
 * Picocli also puts the default in the option's field; that configures nothing: only the options given on the
 * command line become configuration ({@link ServiceLauncher}).
 */
public class ConfigFileDefaults implements IDefaultValueProvider {

    static final List<String> FILES = List.of("application.properties", "META-INF/microprofile-config.properties");

    @Override
    public String defaultValue(ArgSpec argument) throws IOException {
        if (!(argument instanceof OptionSpec option) || option.descriptionKey() == null || option.descriptionKey().isBlank()) {
            return null;
        }
        ClassLoader loader = ConfigFileDefaults.class.getClassLoader();
        for (String file : FILES) {
            for (URL url : Collections.list(loader.getResources(file))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                String value = properties.getProperty(option.descriptionKey());
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}
