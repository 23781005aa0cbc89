package io.mediamon.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Hash of the normalised main text: case, accents, punctuation and spacing are folded so that the same text
 * re-encoded or re-typeset by another outlet hashes the same.
 */
public final class TextFingerprint {
  /** Texts shorter than this (after folding) are not fingerprinted: too many distinct articles share them. */
  static final int MIN_CHARS = 80;

  private TextFingerprint() {}

  /** Hex SHA-256 (128 bits kept) of the folded text, or null when the text is too short to identify anything. */
  public static String of(String text) {
    String folded = fold(text);
    if (folded.length() < MIN_CHARS) {
      return null;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(folded.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String fold(String text) {
    if (text == null) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    return decomposed.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
