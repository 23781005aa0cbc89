package io.mediamon.sink.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamon.common.Settings;
import io.mediamon.common.TopicAdmin;
import io.mediamon.schemas.Topics;
import io.mediamon.sink.alert.AlertsApp;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import io.mediamon.testsupport.KafkaBrokerExtension;

/**
 * The web app in a real headless Chromium, against the web app and the alerts service on a real broker: the story
 * shows two outlets and the copy's lag, search finds country:NE and not country:NO, a rule created in the page fires
 * and its match appears live, the operator page shows the dead letter of a poison record, and a hostile title renders as text. Screenshots
 * of each page go to {@code target/web-screenshots/}. Skips with one line when Debian's chromium or chromedriver is
 * missing ({@code .ci/run} installs them).
 */
class WebBrowserIT {
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "web-screenshots");
  private static WebFixture fixture;
  private static WebApp web;
  private static AlertsApp alerts;
  private static Thread alertsThread;
  private static WebDriver browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "SKIPPED: no chromium and chromedriver in /usr/bin (apt-get install chromium chromium-driver)");
    TopicAdmin.ensureTopics(KAFKA.bootstrap(), Topics.ALL);
    fixture = new WebFixture();
    fixture.publish(KAFKA.bootstrap());
    Path dir = Files.createTempDirectory("web-browser-it");
    Path rules = Files.writeString(dir.resolve("rules.yaml"), "[]\n");
    Settings settings = Settings.defaults(Map.of("kafka.bootstrap", KAFKA.bootstrap(), "web.port", "0",
        "web.status.interval", "1s", "sink.alerts.application.id", "alerts-browser-" + fixture.run,
        "sink.alerts.webhook.group.id", "webhooks-browser-" + fixture.run, "sink.metrics.window", "1h"));
    alerts = new AlertsApp(settings, rules, dir.resolve("alerts"));
    alertsThread = new Thread(alerts::run, "alerts-browser-it");
    alertsThread.start();
    web = new WebApp(settings, dir);
    web.start();
    base = "http://127.0.0.1:" + web.port() + "/";
    Instant deadline = Instant.now().plusSeconds(60);
    while (!web.caughtUp()) {
      assertThat(Instant.now()).as("the web app reads the topics").isBefore(deadline);
      Thread.sleep(100);
    }
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--window-size=1280,1000");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (web != null) {
      web.close();
    }
    if (alerts != null) {
      alerts.close();
      alertsThread.join(30_000);
    }
  }

  @Test
  void storiesShowTheirOutletsAndTheCopysLagAndAHostileTitleAsText() throws Exception {
    browser.get(base + "#/stories");
    WebElement row = waitFor(By.cssSelector("[data-testid=story-row][data-story-id='" + fixture.seedId + "']"));
    assertThat(row.findElement(By.cssSelector("[data-testid=story-outlets]")).getText()).contains("2 outlets");
    WebElement hostile = waitFor(By.cssSelector("[data-testid=story-row][data-story-id='" + fixture.hostileId + "']"));
    assertThat(hostile.findElement(By.cssSelector("[data-testid=story-title]")).getText())
        .contains("<script>alert('title')</script><img src=x onerror=alert(1)>");
    assertThat(browser.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("[data-testid=story-list] script, [data-testid=story-list] img")))
        .isEmpty();
    assertNoAlert();
    shot("stories");

    browser.get(base + "#/story/" + fixture.seedId);
    waitFor(By.cssSelector("[data-testid=story-page]"));
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("[data-testid=copy-row]")).size() == 2);
    assertThat(browser.findElements(By.cssSelector("[data-testid=copy-lag]")).stream().map(WebElement::getText))
        .anySatisfy(lag -> assertThat(lag).contains("3 min"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=evidence]"))).isNotEmpty();
    shot("story");
  }

  @Test
  void searchFindsCountryNeAndNotCountryNo() throws Exception {
    search("country:NE AND " + fixture.word);
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.findElements(By.cssSelector("[data-testid=search-hit]")).size() == 1);
    assertThat(browser.findElement(By.cssSelector("[data-testid=search-hit]")).getAttribute("data-event-id"))
        .isEqualTo(fixture.seedId);
    shot("search");
    search("country:NO AND " + fixture.word);
    waitFor(By.cssSelector("[data-testid=search-no-hits]"));
    assertThat(browser.findElements(By.cssSelector("[data-testid=search-hit]"))).isEmpty();
    search("country:NE AND (topic:16000000");
    assertThat(waitFor(By.cssSelector("[data-testid=query-error]")).getText()).contains("never closed", "^");
  }

  @Test
  void aRuleCreatedInThePageFiresAndItsMatchAppearsLive() throws Exception {
    String rule = "niger-" + fixture.run;
    browser.get(base + "#/rules");
    waitFor(By.cssSelector("[data-testid=rules-page]"));
    browser.findElement(By.id("rule-id")).sendKeys(rule);
    browser.findElement(By.id("rule-query")).sendKeys("country:NE AND live" + fixture.run);
    browser.findElement(By.id("rule-save")).click();
    waitFor(By.cssSelector("[data-testid=rule-row][data-rule-id='" + rule + "']"));
    shot("rules");

    browser.get(base + "#/rules/" + rule);
    waitFor(By.cssSelector("[data-testid=rule-watch]"));
    Thread.sleep(3_000); // the alerts service reads the new rule from media.alert-rules
    for (int i = 0; i < 10 && browser.findElements(By.cssSelector("[data-testid=match-row]")).isEmpty(); i++) {
      fixture.publishStory(KAFKA.bootstrap(), "live-" + fixture.run + "-" + i,
          "Niger : live" + fixture.run + " " + i);
      Thread.sleep(2_000);
    }
    assertThat(waitFor(By.cssSelector("[data-testid=match-row]")).getText()).contains("live" + fixture.run);
    shot("rule-watch");
  }

  @Test
  void theOperatorPageShowsTheDeadLetterOfAPoisonRecord() throws Exception {
    // a record no service can read, on media.alerts: the alerts service's webhook delivery dead-letters it
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.ALERTS.name(), "poison-" + fixture.run,
          ("not an alert " + fixture.run).getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
    }
    browser.get(base + "#/operators");
    waitFor(By.cssSelector("[data-testid=operators-page]"));
    new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("[data-testid=dlq-stage]"))
        .stream().anyMatch(e -> e.getText().contains("alerts.decode") && e.getText().contains("poison-" + fixture.run)));
    assertThat(browser.findElements(By.cssSelector("[data-testid=topic-row]"))).isNotEmpty();
    shot("operators");
  }

  private static void search(String query) {
    browser.get(base + "#/search");
    WebElement box = waitFor(By.id("search-q"));
    box.clear();
    box.sendKeys(query);
    browser.findElement(By.id("search-go")).click();
  }

  private static WebElement waitFor(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  private static void assertNoAlert() {
    try {
      browser.switchTo().alert();
      throw new AssertionError("a script from the data ran: an alert is open");
    } catch (NoAlertPresentException expected) {
      // the hostile title stayed text
    }
  }

  private static void shot(String name) throws Exception {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
