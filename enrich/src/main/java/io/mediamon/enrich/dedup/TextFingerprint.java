package io.mediamon.enrich.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Hash of the normalised main text: case, accents, punctuation and spacing are folded so that the same text
 * re-encoded or re-typeset by another outlet hashes the same.
 */
public final class TextFingerprint {
  /** Texts shorter than this (after folding) are not fingerprinted: too many distinct articles share them. */
  static final int MIN_CHARS = 80;

  private TextFingerprint() {}

  /** SHA-256 (64 bits kept) of the folded text, or null when the text is too short to identify anything. */
  public static byte[] of(String text) {
    String folded = fold(text);
    return folded.length() < MIN_CHARS ? null : sha256Prefix(folded);
  }

  /**
   * The first 64 bits of SHA-256 over the UTF-8 bytes. With ten million keys in the window, a new document matches
   * a stranger's key with probability 10^7 / 2^64, about 5 in 10^13: at a million and a half documents a day, one
   * false exact match in some three thousand years, for half the key bytes of every exact-dedup entry.
   */
  static byte[] sha256Prefix(String s) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 8);
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
