package dev.radiostream.spark.query;

import java.util.Set;

import dev.radiostream.core.cli.ServiceLauncher;

/** The {@code main} of every Spark service: {@link ServiceLauncher}, once the JVM can run Spark. */
public final class SparkServiceLauncher {

    private SparkServiceLauncher() {
    }

    /** See {@link ServiceLauncher#launch}. */
    public static void launch(Class<?> topCommand, Set<String> commandsWithoutHttp, String... args) {
        requireSparkModuleOptions();
        ServiceLauncher.launch(topCommand, commandsWithoutHttp, args);
    }

    /**
     * Spark needs JDK internals opened on Java 17 (jvm.options at the repository root). Without them it fails
     * deep inside a query; say so at once, with the fix.
     */
    private static void requireSparkModuleOptions() {
        if (!Object.class.getModule().isOpen("sun.nio.ch", SparkServiceLauncher.class.getModule())) {
            System.err.println("error: Spark needs the JVM options in jvm.options (e.g. --add-opens=java.base/sun.nio.ch=ALL-UNNAMED). "
                    + "Start the service with ./service NAME ..., or export JDK_JAVA_OPTIONS=\"$(grep -v '^#' jvm.options | tr '\\n' ' ')\"");
            System.exit(1);
        }
    }
}
