package io.mediamon.ingest.feed;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mediamon.ingest.IngestException;
import io.mediamon.testsupport.Mutator;
import io.mediamon.testsupport.SharedCorpora;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz pass over the feed reading (Rome, then the lenient reading): RSS, Atom and RDF feeds, and a few real
 * ones from the shared corpus when present, with random edits and flipped bytes. The only way out is a list of
 * documents or an {@link IngestException} with its reason: no other exception, no case over a few seconds.
 */
class FeedParserFuzzTest {
  private static final long SEED = 20261207L;
  private static final int CASES = 1_500;

  @Test
  void feedReadingEndsInDocumentsOrAReasonWhateverTheBytes() throws IOException {
    FeedParser parser = new FeedParser();
    List<String> feeds = feeds();
    Mutator mutator = new Mutator(SEED);
    for (int i = 0; i < CASES; i++) {
      byte[] body = mutator.mutateBytes(feeds.get(i % feeds.size()));
      int at = i;
      try {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
          try {
            parser.parseFeed(body, "https://news.example/feed", at % 2 == 0 ? "application/rss+xml; charset=utf-8" : null,
                Instant.EPOCH);
          } catch (IngestException expected) {
            // a clear reason: what the poller dead-letters
          }
        }, () -> "feed case " + at + " of seed " + SEED + " ran over");
      } catch (RuntimeException e) {
        fail("feed case " + i + " of seed " + SEED + " threw " + e, e);
      }
    }
  }

  private static List<String> feeds() throws IOException {
    List<String> feeds = new ArrayList<>(List.of("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Lomé Actu</title>
        <link>https://lomeactu.example/</link><description>d</description><language>fr</language>
        <item><title>Niger : la Russie s’installe</title><link>https://lomeactu.example/niger</link>
        <guid>https://lomeactu.example/?p=42</guid><pubDate>Wed, 06 Dec 2023 09:30:00 GMT</pubDate>
        <description>&lt;p&gt;Court résumé &lt;a href="https://x.com/a/status/1"&gt;lien&lt;/a&gt;&lt;/p&gt;</description>
        <content:encoded><![CDATA[<p>Le texte complet.</p>]]></content:encoded></item>
        <item><title>Deuxième</title><link>https://lomeactu.example/2</link></item></channel></rss>""", """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:x</id><updated>2023-12-06T00:00:00Z</updated>
        <entry><title type="html">A &amp;lt;b&amp;gt;title&amp;lt;/b&amp;gt;</title><id>urn:e1</id>
        <link href="https://atom.example/e1"/><updated>2023-12-06T00:00:00Z</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content></entry></feed>""", """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link>
        <description>d</description></channel>
        <item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link></item></rdf:RDF>"""));
    Path corpora = SharedCorpora.find("feeds-rome");
    if (corpora != null) {
      try (Stream<Path> files = Files.walk(corpora.resolve("feeds-rome"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".xml")).sorted().limit(12).toList()) {
          feeds.add(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    return feeds;
  }
}
