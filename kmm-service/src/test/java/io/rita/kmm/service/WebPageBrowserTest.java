package io.rita.kmm.service;

import io.rita.eventstore.Event;
import io.rita.eventstore.EventStore;
import io.rita.eventstore.Rita;
import io.rita.eventstore.RitaOptions;
import io.rita.kmm.domain.AccountEvent;
import io.rita.kmm.domain.BudgetSet;
import io.rita.kmm.domain.FundsDeposited;
import io.rita.kmm.domain.FundsWithdrawn;
import io.rita.kmm.domain.Period;
import io.rita.kmm.domain.PeriodWindow;
import io.rita.kmm.service.client.KmmClient;
import io.rita.kmm.service.client.NatsUrl;
import io.rita.test.nats.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (Debian's headless Chromium), against {@code kmm serve
 * --http.addr 0} in a child process as a family would run it: the forms, the refusals, the live
 * ledger fed by a deposit from another {@code kmm} process, and markup that stays text. It also
 * takes the screenshot of {@code docs/kmm.md} (see there how to refresh it).
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {

    @RegisterExtension
    static NatsServerExtension nats = new NatsServerExtension();

    /** Where {@link #takes_the_screenshot_of_the_documentation} writes; docs/kmm.md says how to copy it. */
    static final Path SCREENSHOT = Path.of("target", "kmm-page.png");
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String PAGE_LINE = "kmm: web page on ";

    @TempDir
    static Path profile;

    private static KmmProcess serve;
    private static String page;
    private static ChromeDriver browser;
    private static KmmClient kmm;

    @BeforeAll
    static void start() {
        serve = KmmProcess.serve("--nats.url", nats.url(), "--http.addr", "0");
        String line = serve.nextLine();
        assertThat(line).startsWith(PAGE_LINE).contains("(this machine only; no login)");
        page = line.substring(PAGE_LINE.length(), line.indexOf(' ', PAGE_LINE.length()));
        browser = Chromium.start(profile);
        kmm = KmmClient.connect(NatsUrl.parse(nats.url()), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (kmm != null) {
            kmm.close();
        }
        if (serve != null) {
            // what the service logged, in the test's report
            serve.stop().err().forEach(System.out::println);
        }
    }

    @Test
    void a_deposit_through_the_form_changes_the_balance() {
        open("amy");

        submit("deposit", "Amount", "20.50", "Description", "grass mowing");

        waitForText(By.id("balance"), "20.5");
        waitForText(By.cssSelector("li.card[data-account='amy'] .amount"), "20.5");
        waitForText(By.cssSelector("#ledger tbody tr:first-child td.description"), "grass mowing");
        assertThat(text(By.cssSelector("#deposit .error"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#deposit [name=Amount]")).getDomProperty("value")).isEmpty();
    }

    @Test
    void a_withdrawal_over_budget_shows_the_refusal_next_to_the_form() {
        kmm.deposit("bob", new BigDecimal("50"), "birthday money");
        open("bob");
        waitForText(By.id("balance"), "50");

        submit("set-budget", "MaxAmount", "10");   // per week: the form's default period
        waitForTextContaining(By.id("budget-text"), "0 of 10 used this week");
        submit("withdraw", "Amount", "4", "Description", "ice cream");
        waitForTextContaining(By.id("budget-text"), "4 of 10 used this week");
        submit("withdraw", "Amount", "7", "Description", "too much");

        waitForText(By.cssSelector("#withdraw .error"), "kmm: withdrawal would exceed max amount allowed in current period");
        assertThat(text(By.id("balance"))).isEqualTo("46");
        assertThat(browser.findElement(By.id("budget-meter")).getDomProperty("value")).isEqualTo("4");
        new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector("#ledger tbody tr")).size() == 2);
    }

    @Test
    void a_deposit_made_with_the_cli_appears_in_the_open_pages_ledger_within_a_second() {
        open("cli");
        // the page notes the moment the row appears: the time is the page's, not that of WebDriver's
        // polls, each a request to chromedriver that a busy machine can slow down on its own
        ((JavascriptExecutor) browser).executeScript("""
                window.kmmShownAt = null;
                new MutationObserver(function (changes, observer) {
                    var cell = document.querySelector('#ledger tbody tr:first-child td.description');
                    if (cell && cell.textContent.trim() === 'from the CLI') {
                        window.kmmShownAt = Date.now();
                        observer.disconnect();
                    }
                }).observe(document.getElementById('ledger'), {childList: true, subtree: true, characterData: true});
                """);

        KmmProcess.Result deposit = KmmProcess.run("deposit", "--nats.url", nats.url(), "cli", "7.5", "from the CLI");
        long stored = System.currentTimeMillis();
        assertThat(deposit.exitCode()).as("kmm deposit; stderr %s", deposit.err()).isZero();

        // the deposit is stored once the command has exited: from there the page has one second
        Number shownAt = new WebDriverWait(browser, PATIENCE).until(
                d -> (Number) ((JavascriptExecutor) d).executeScript("return window.kmmShownAt"));
        assertThat(shownAt.longValue() - stored).as("ms from the stored deposit to its row in the page")
                .isLessThan(1_000);
        assertThat(text(By.cssSelector("#ledger tbody tr:first-child td.description"))).isEqualTo("from the CLI");

        waitForText(By.id("balance"), "7.5");
    }

    @Test
    void markup_in_a_description_and_an_account_name_is_shown_as_text() {
        String name = "<kid&amp;co";   // '>' is not allowed in an account
        String markup = "<img src=x onerror=\"window.kmmInjected=1\"><script>window.kmmInjected=2</script><b>bold</b>";
        open(name);

        submit("deposit", "Amount", "1", "Description", markup);

        waitForText(By.cssSelector("#ledger tbody tr:first-child td.description"), markup);
        assertThat(text(By.id("account-name"))).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector("#ledger td.description *, #account-name *, .card .name *")))
                .isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.kmmInjected === undefined"))
                .isEqualTo(true);
    }

    @Test
    @Order(1)   // first, so that the picture shows the seeded family only
    void takes_the_screenshot_of_the_documentation() throws IOException {
        seedFamily();
        open("susie");
        waitForText(By.id("balance"), "55");
        new WebDriverWait(browser, PATIENCE).until(d -> d.findElements(By.cssSelector("#ledger tbody tr")).size() == 7);
        waitForText(By.id("live"), "live");
        waitForText(By.id("ledger-state"), "");

        // the whole page, not only the window: Chromium's own full-page capture
        Object height = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", 1280, "height", height, "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));

        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, png);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    /** A family with some history: deposits over the last weeks, a weekly budget, two withdrawals this week. */
    private static void seedFamily() {
        EventStore store = Rita.of(nats.connection(), RitaOptions.defaults().withTypes(KmmWire.types()))
                .eventStore(KmmSubjects.STORE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant budgetSet = now.minus(Duration.ofMinutes(50));
        PeriodWindow week = Period.WEEKLY.windowAt(budgetSet, ZoneOffset.UTC);
        List<AccountEvent> susie = List.of(
                new FundsDeposited(money("20"), "birthday money", now.minus(Duration.ofDays(27))),
                new FundsDeposited(money("10"), "allowance", now.minus(Duration.ofDays(20))),
                new FundsWithdrawn(money("12.5"), "comic books", now.minus(Duration.ofDays(16)), false),
                new FundsDeposited(money("10"), "allowance", now.minus(Duration.ofDays(13))),
                new FundsDeposited(money("25"), "grass mowing", now.minus(Duration.ofDays(6))),
                new BudgetSet(money("20"), Period.WEEKLY, budgetSet, week.start(), week.end()),
                new FundsWithdrawn(money("7.5"), "baseball cards", now.minus(Duration.ofMinutes(40)), true),
                new FundsDeposited(money("10"), "allowance", now.minus(Duration.ofMinutes(10))));
        for (AccountEvent event : susie) {
            // one append per event: the ledger shows single-event messages, as KMM writes them
            store.append(KmmSubjects.account("susie"), List.of(Event.of(event)));
        }
        store.append(KmmSubjects.account("bobby"), List.of(Event.of(
                new FundsDeposited(money("50"), "birthday money", now.minus(Duration.ofDays(9))))));
    }

    /** Opens the page on an account, freshly loaded, once its ledger is ready. */
    private static void open(String account) {
        browser.get("about:blank");
        browser.get(page + "#" + URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20"));
        waitForText(By.id("account-name"), account);
        waitForText(By.id("ledger-state"), "");
    }

    /** Fills a form's fields (name, value, name, value, ...) and submits it. */
    private static void submit(String form, String... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            WebElement input = browser.findElement(By.cssSelector("#" + form + " [name=" + fields[i] + "]"));
            input.clear();
            input.sendKeys(fields[i + 1]);
        }
        browser.findElement(By.cssSelector("#" + form + " button[type=submit]")).click();
    }

    private static void waitForText(By element, String expected) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBe(element, expected));
    }

    private static void waitForTextContaining(By element, String expected) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(element, expected));
    }

    private static String text(By element) {
        return browser.findElement(element).getText();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
