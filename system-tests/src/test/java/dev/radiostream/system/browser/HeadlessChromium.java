package dev.radiostream.system.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both are found on the machine: Selenium
 * Manager, which would otherwise download a browser, cannot reach its hosts here. {@code ./pipeline test} installs
 * them as root ({@code apt-get install chromium chromium-driver}).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final List<Path> BROWSERS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVERS = List.of(Path.of("/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final List<LogEntry> consoleErrors = new ArrayList<>();

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why no browser can be driven here, or empty when one can. */
    public static Optional<String> missing() {
        if (find(BROWSERS).isEmpty() || find(DRIVERS).isEmpty()) {
            return Optional.of("no headless browser: " + (find(BROWSERS).isEmpty() ? "chromium " : "")
                    + (find(DRIVERS).isEmpty() ? "chromedriver " : "") + "not found in /usr/bin (apt-get install "
                    + "chromium chromium-driver; ./pipeline test installs them when run as root)");
        }
        return Optional.empty();
    }

    /** Starts the browser with a tall window, so that one screenshot holds the whole page. */
    public static HeadlessChromium start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(find(BROWSERS).orElseThrow().toFile());
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(find(DRIVERS).orElseThrow().toFile()).usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Every error the page's console has shown so far (collected across calls: the browser hands each out once). */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry);
            }
        }
        return consoleErrors.stream().map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(p -> Files.isExecutable(p) && new File(p.toString()).isFile()).findFirst();
    }
}
