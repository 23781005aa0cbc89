package io.mediamon.enrich;

import io.mediamon.enrich.extract.Extraction;
import io.mediamon.enrich.extract.Extractor;
import io.mediamon.enrich.extract.FeedEntryText;
import io.mediamon.enrich.extract.UnsupportedContentException;
import io.mediamon.schemas.OriginType;
import io.mediamon.schemas.RawDocument;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The best text a document offers, and which source it came from. A file or a page is its own body. A feed or
 * sitemap entry offers, in order: its article page (when fetched), its full content, its summary, its title; the
 * first that yields text wins, except that a page much shorter than the entry's full content (a paywall teaser) loses
 * to it. Only an entry with neither text nor title has nothing to give.
 */
public final class EntryText {
  /** The {@code text_source} values. */
  public static final String PAGE = "page";
  public static final String FEED_CONTENT = "feed_content";
  public static final String FEED_SUMMARY = "feed_summary";
  public static final String TITLE = "title";

  /** A page shorter than this share of the entry's full content is a teaser of it. */
  private static final double TEASER_SHARE = 0.5;

  private final Extractor extractor;
  private final FeedEntryText fragments = new FeedEntryText();

  /** The extraction and where its text came from. */
  public record Chosen(Extraction extraction, String source) {}

  public EntryText(Extractor extractor) {
    this.extractor = extractor;
  }

  public Chosen choose(RawDocument raw) {
    byte[] body = bytes(raw.getBody());
    String url = raw.getUrl() != null ? raw.getUrl() : raw.getOrigin().getUri();
    if (raw.getOrigin().getType() != OriginType.FEED_ENTRY) {
      if (body.length == 0) {
        throw new UnsupportedContentException("empty document: no body");
      }
      Extraction x = extractor.extract(body, raw.getContentType(), raw.getCharset(), url, raw.getTitle(),
          raw.getPublishedAt());
      if (x.text().isBlank()) {
        throw new UnsupportedContentException("no main text found in " + raw.getOrigin().getUri());
      }
      return new Chosen(x, PAGE);
    }
    String content = raw.getFeedContent();
    String summary = raw.getSummary();
    boolean pageBody = raw.getHttpStatus() != null;
    if (!pageBody && body.length > 0 && content == null) {
      // written before RawDocument v2: the body is the entry's content, or its summary
      String legacy = new String(body, java.nio.charset.StandardCharsets.UTF_8);
      if ("full".equals(String.valueOf(raw.getAttributes().get("feed.content")))) {
        content = legacy;
      } else if (summary == null) {
        summary = legacy;
      }
    }
    Extraction fromContent = content == null ? null : fromFragment(content, raw);
    if (pageBody && body.length > 0) {
      Extraction page = pageOrNull(raw, body, url);
      if (page != null && (fromContent == null || page.text().length() >= fromContent.text().length() * TEASER_SHARE)) {
        return new Chosen(page, PAGE);
      }
    }
    if (fromContent != null && !fromContent.text().isBlank()) {
      return new Chosen(fromContent, FEED_CONTENT);
    }
    Extraction fromSummary = summary == null ? null : fromFragment(summary, raw);
    if (fromSummary != null && !fromSummary.text().isBlank()) {
      return new Chosen(fromSummary, FEED_SUMMARY);
    }
    if (raw.getTitle() != null && !raw.getTitle().isBlank()) {
      return new Chosen(new Extraction(raw.getTitle().strip(), "", null, raw.getPublishedAt(), null, List.of(), null,
          null, null, null, List.of()), TITLE);
    }
    throw new UnsupportedContentException("empty entry: no title and no text in " + raw.getOrigin().getUri());
  }

  /** The page's extraction, or null when the page has no main text (the entry's own text takes over). */
  private Extraction pageOrNull(RawDocument raw, byte[] body, String url) {
    try {
      Extraction x = extractor.extract(body, raw.getContentType(), raw.getCharset(), url, raw.getTitle(),
          raw.getPublishedAt());
      return x.text().isBlank() ? null : x;
    } catch (UnsupportedContentException e) {
      return null;
    }
  }

  private Extraction fromFragment(String fragment, RawDocument raw) {
    return fragments.extract(fragment, raw.getUrl(), raw.getTitle() == null ? null : raw.getTitle().strip(),
        raw.getPublishedAt());
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
}
