package io.mediamon.enrich;

import io.mediamon.enrich.dedup.UrlCanonicalizer;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.extract.UnsupportedContentException;
import io.mediamon.enrich.tag.LanguageIdentifier;
import io.mediamon.enrich.tag.LinkedPostParser;
import io.mediamon.enrich.tag.Tagger;
import io.mediamon.schemas.Dedup;
import io.mediamon.schemas.DedupStatus;
import io.mediamon.schemas.EventRecord;
import io.mediamon.schemas.LinkedPost;
import io.mediamon.schemas.Provenance;
import io.mediamon.schemas.RawDocument;
import io.mediamon.schemas.Source;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one raw document into an event record: extraction, language, tags, linked posts, canonical URL,
 * provenance.
 * Pure and Kafka-free; the dedup verdict is decided later by the topology, so the event leaves here as FIRST of
 * its own story.
 */
public final class EventAssembler {
  private final Extractor extractor;
  private final LanguageIdentifier languages;
  private final Tagger tagger;
  private final LinkedPostParser posts = new LinkedPostParser();
  private final UrlCanonicalizer urls = new UrlCanonicalizer();
  private final Clock clock;
  private final String enrichVersion;

  public EventAssembler(Extractor extractor, LanguageIdentifier languages, Tagger tagger, Clock clock,
      String enrichVersion) {
    this.extractor = extractor;
    this.languages = languages;
    this.tagger = tagger;
    this.clock = clock;
    this.enrichVersion = enrichVersion;
  }

  /** The language identifier events are labelled with. */
  public LanguageIdentifier languages() {
    return languages;
  }

  /** Builds the event; throws {@link UnsupportedContentException} when the document has no readable text. */
  public EventRecord assemble(RawDocument raw) {
    byte[] body = bytes(raw.getBody());
    if (body.length == 0 && raw.getSummary() != null) {
      body = raw.getSummary().getBytes(StandardCharsets.UTF_8);
    }
    if (body.length == 0) {
      throw new UnsupportedContentException("empty document: no body and no summary");
    }
    Extraction x = extractor.extract(body, raw.getContentType(), raw.getCharset(),
        raw.getUrl() != null ? raw.getUrl() : raw.getOrigin().getUri(), raw.getTitle(), raw.getPublishedAt());
    if (x.text().isBlank()) {
      throw new UnsupportedContentException("no main text found in " + raw.getOrigin().getUri());
    }
    String language = languages.identify((x.title() == null ? "" : x.title() + "\n") + x.text());
    if (language == null) {
      language = x.languageHint();
    }
    String canonical = urls.canonicalize(firstNonNull(raw.getCanonicalUrl(), x.canonicalUrl(), raw.getUrl()));

    Map<String, String> components = new LinkedHashMap<>();
    components.put("enrich", enrichVersion);
    components.put("extractor", Extraction.VERSION);
    components.put("language", languages.version());
    components.put("tagger", Tagger.VERSION);

    return EventRecord.newBuilder()
        .setId(raw.getId())
        .setStoryId(raw.getId())
        .setKind(raw.getKind().name())
        .setUrl(raw.getUrl())
        .setCanonicalUrl(canonical)
        .setLeadImage(x.leadImage())
        .setSource(Source.newBuilder()
            .setSiteName(firstNonNull(raw.getOrigin().getSiteName(), x.siteName()))
            .setFeed(raw.getOrigin().getFeedUrl())
            .setOrigin(raw.getOrigin().getUri())
            .build())
        .setTitle(x.title())
        .setAuthors(raw.getAuthors().isEmpty() ? x.authors() : raw.getAuthors())
        .setPublishedAt(firstNonNull(raw.getPublishedAt(), x.publishedAt()))
        .setModifiedAt(x.modifiedAt())
        .setDateline(x.dateline() == null ? null : io.mediamon.schemas.Dateline.newBuilder()
            .setPlace(x.dateline().place())
            .setDate(x.dateline().date())
            .setSource(x.dateline().source())
            .build())
        .setLanguage(language)
        .setText(x.text())
        .setTags(tagger.tag(x.title(), x.text(), language))
        .setLinkedPosts(linkedPosts(x.links()))
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder()
            .setIngestedAt(raw.getFetchedAt())
            .setEnrichedAt(clock.instant())
            .setComponents(components)
            .build())
        .build();
  }

  private List<LinkedPost> linkedPosts(List<String> links) {
    Map<String, LinkedPost> unique = new LinkedHashMap<>();
    for (String link : links) {
      posts.parse(link).ifPresent(p -> unique.putIfAbsent(p.getPlatform() + ":" + p.getPostId(), p));
    }
    return new ArrayList<>(unique.values());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return new byte[0];
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
