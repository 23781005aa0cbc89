package io.mediamon.enrich.extract;

import java.time.Instant;
import java.util.List;

/**
 * What extraction found in one document.
 *
 * @param title the headline, null when none was found
 * @param text the main text, paragraphs separated by a blank line
 * @param dateline the wire dateline at the head of the text, null when absent
 * @param publishedAt publication time from page metadata or the dateline, null when unknown
 * @param modifiedAt last modification time the page declares, null when none
 * @param authors bylines
 * @param languageHint the language the page declares (html lang, og:locale), null when none
 * @param canonicalUrl rel=canonical / og:url, null when none
 * @param siteName og:site_name or the dateline's source, null when none
 * @param leadImage absolute URL of the page's lead image from its metadata, null when none
 * @param links outbound links found in the main content and in the text
 */
public record Extraction(
    String title,
    String text,
    Dateline dateline,
    Instant publishedAt,
    Instant modifiedAt,
    List<String> authors,
    String languageHint,
    String canonicalUrl,
    String siteName,
    String leadImage,
    List<String> links) {

  /** Version of the extraction rules, recorded in every event's provenance. */
  public static final String VERSION = "1.2";
}
