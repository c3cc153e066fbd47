package io.rita.kmm.service;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium, driven by its own chromedriver, for the web page's browser tests.
 * Both paths are given to Selenium, so Selenium Manager never looks for (or downloads) a driver
 * or a browser; a machine without them fails the test with the command that installs them.
 *
 * <pre>{@code
 * ChromeDriver browser = Chromium.start(tempDir);
 * browser.get(pageUrl);
 * }</pre>
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The window, large enough for the whole page in the documentation's screenshot. */
    static final String WINDOW = "1280,1350";

    private Chromium() {
    }

    /**
     * Starts a browser with a fresh profile in {@code profile}, in UTC and US English, so that
     * screenshots do not depend on the machine.
     *
     * @throws AssertionError naming what to install when the browser or its driver is missing
     */
    static ChromeDriver start(Path profile) {
        List<String> missing = new ArrayList<>();
        for (Path binary : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(binary)) {
                missing.add(binary.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("the web page's browser tests need Debian's chromium and its driver, missing: "
                    + String.join(", ", missing) + "; install them with: apt-get install -y chromium chromium-driver");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", "UTC", "LANG", "en_US.UTF-8"))
                .withTimeout(Duration.ofSeconds(30))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + WINDOW,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return browser;
    }
}
