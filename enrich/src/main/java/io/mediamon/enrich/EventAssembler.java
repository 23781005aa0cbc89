package io.mediamon.enrich;

import io.mediamon.common.Redaction;
import io.mediamon.enrich.dedup.UrlCanonicalizer;
import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one raw document into an event record: the best text available ({@link EntryText}), language, tags, linked
 * posts, canonical URL, provenance.
 * Pure and Kafka-free; the dedup verdict is decided later by the topology, so the event leaves here as FIRST of
 * its own story.
 */
public final class EventAssembler {
  private final LanguageIdentifier languages;
  private final Tagger tagger;
  private final LinkedPostParser posts = new LinkedPostParser();
  private final EntryText entryText;
  private final UrlCanonicalizer urls = new UrlCanonicalizer();
  private final Clock clock;
  private final String enrichVersion;

  public EventAssembler(Extractor extractor, LanguageIdentifier languages, Tagger tagger, Clock clock,
      String enrichVersion) {
    this.entryText = new EntryText(extractor);
    this.languages = languages;
    this.tagger = tagger;
    this.clock = clock;
    this.enrichVersion = enrichVersion;
  }

  /** The language identifier events are labelled with. */
  public LanguageIdentifier languages() {
    return languages;
  }

  /**
   * Builds the event; throws {@link io.mediamon.enrich.extract.UnsupportedContentException} when the document has no readable text (a feed or
   * sitemap entry: neither text nor a title).
   */
  public EventRecord assemble(RawDocument raw) {
    EntryText.Chosen chosen = entryText.choose(raw);
    Extraction x = chosen.extraction();
    String sample = (x.title() == null ? "" : x.title() + "\n") + x.text();
    String language = languages.identify(sample, firstNonNull(declaredLanguage(raw), x.languageHint()));
    if (language == null) {
      language = x.languageHint();
    }
    String canonical = urls.canonicalize(firstNonNull(raw.getCanonicalUrl(), x.canonicalUrl(), raw.getUrl(),
        permalinkGuid(raw)));

    Map<String, String> components = new LinkedHashMap<>();
    components.put("enrich", enrichVersion);
    components.put("extractor", Extraction.VERSION);
    components.put("language", languages.version());
    components.put("tagger", Tagger.VERSION);

    return EventRecord.newBuilder()
        .setId(raw.getId())
        .setStoryId(raw.getId())
        .setKind(raw.getKind().name())
        .setUrl(Redaction.url(raw.getUrl()))
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
        .setTextSource(chosen.source())
        .setFetchError(raw.getFetchError())
        .setTags(tagger.tag(x.title(), x.text(), language))
        .setLinkedPosts(linkedPosts(links(x, raw)))
        .setDedup(Dedup.newBuilder().setStatus(DedupStatus.FIRST).build())
        .setProvenance(Provenance.newBuilder()
            .setIngestedAt(raw.getFetchedAt())
            .setEnrichedAt(clock.instant())
            .setComponents(components)
            .build())
        .build();
  }

  /**
   * The language the source declares: the feed list's {@code language} tag, else the feed's own. Sitemaps give
   * theirs per entry ({@code news:language}), kept under the same attribute.
   */
  private static String declaredLanguage(RawDocument raw) {
    Object tagged = raw.getAttributes().get("feed.tag.language");
    Object declared = raw.getAttributes().get("feed.language");
    return tagged != null ? tagged.toString() : declared != null ? declared.toString() : null;
  }

  /** A feed entry's GUID when it is a permalink URL: the entry's identity on the web when it has no link. */
  private static String permalinkGuid(RawDocument raw) {
    String guid = raw.getOrigin().getGuid();
    return guid != null && (guid.startsWith("http://") || guid.startsWith("https://")) ? guid : null;
  }

  /** The text's links, and the entry's own link: a feed of posts links each entry to its post. */
  private static List<String> links(Extraction x, RawDocument raw) {
    if (raw.getOrigin().getType() != io.mediamon.schemas.OriginType.FEED_ENTRY || raw.getUrl() == null) {
      return x.links();
    }
    List<String> all = new ArrayList<>(x.links());
    all.add(raw.getUrl());
    return all;
  }

  private List<LinkedPost> linkedPosts(List<String> links) {
    Map<String, LinkedPost> unique = new LinkedHashMap<>();
    for (String link : links) {
      posts.parse(link).ifPresent(p -> unique.putIfAbsent(p.getPlatform() + ":" + p.getPostId(), p));
    }
    return new ArrayList<>(unique.values());
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
