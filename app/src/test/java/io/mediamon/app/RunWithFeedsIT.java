package io.mediamon.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --once --feeds}: the feed entries go through the whole pipeline; a second run finds nothing new. */
class RunWithFeedsIT {
  @TempDir Path dataDir;
  @TempDir Path inputs;

  @Test
  void shouldRunFeedEntriesThroughThePipelineOnce() throws Exception {
    String seed = Files.readString(RunOnceIT.seeds().resolve("000_1d40934e40241a50.txt"));
    String body = seed.substring(seed.indexOf("Niamey, 06"), seed.indexOf("https://x.com"));
    String feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
        + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Sahel Hebdo</title>"
        + "<link>http://example.org/</link><description>d</description>"
        + item("a1", "La Russie s’installe au Niger", body)
        + item("a2", "Marché de Niamey : les prix du mil en hausse", "Les prix du mil ont augmenté de 12 % en un mois "
            + "sur le grand marché de Niamey, selon les commerçants interrogés mardi. La sécheresse et la hausse du "
            + "coût du transport expliquent en partie cette flambée, qui pèse sur les ménages les plus modestes.")
        + "</channel></rss>";
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/feed.xml", exchange -> {
      byte[] bytes = feed.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    try {
      Path list = inputs.resolve("feeds.yaml");
      Files.writeString(list, "- url: http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml\n"
          + "  outlet: Sahel Hebdo\n  articles: never\n");
      Path empty = Files.createDirectory(inputs.resolve("no-files"));
      String port = String.valueOf(RunOnceIT.freePort());
      String[] args = {"run", "--once", "--data-dir", dataDir.toString(), "--broker-port", port, "-D", "kafka.bootstrap=",
          "-D", "ingest.allow.private.addresses=true", "-D", "ingest.feeds.host.delay=100ms", "--feeds", list.toString(),
          empty.toString()};

      RunOnceIT.Result first = RunOnceIT.run(args);
      assertThat(first.exitCode()).as(first.stderr()).isZero();
      assertThat(first.stderr()).contains("2 documents in, 2 events, 0 duplicates");
      assertThat(first.events()).extracting(e -> e.get("title").asText())
          .containsExactlyInAnyOrder("La Russie s’installe au Niger", "Marché de Niamey : les prix du mil en hausse");
      JsonNode niger = first.events().stream().filter(e -> e.get("title").asText().contains("Russie")).findFirst().orElseThrow();
      assertThat(niger.at("/source/site_name").asText()).isEqualTo("Sahel Hebdo");
      assertThat(niger.at("/tags/countries").toString()).contains("NE", "RU");

      RunOnceIT.Result second = RunOnceIT.run(args);
      assertThat(second.exitCode()).as(second.stderr()).isZero();
      assertThat(second.stderr()).contains("0 documents in, 0 events");
    } finally {
      server.stop(0);
    }
  }

  private static String item(String guid, String title, String text) {
    return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title>"
        + "<content:encoded><![CDATA[<p>" + text.replace("\n\n", "</p><p>") + "</p>]]></content:encoded>"
        + "<pubDate>Wed, 06 Dec 2023 08:00:00 GMT</pubDate></item>";
  }
}
