package io.mediamon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plain-text documents for the dedup benchmarks, built from the Scrapinghub articles' paragraphs: a random mix per
 * document with a third of each paragraph's words shuffled, and one in ten a copy of an earlier one with other
 * chrome. Seeded, so every run sees the same documents.
 */
final class SyndicatedDocuments {
  /** Receives each document in order. */
  interface Sink {
    void accept(int index, String id, String text) throws Exception;
  }

  private SyndicatedDocuments() {}

  /** Paragraphs of twelve words or more from the Scrapinghub ground truth. */
  static List<String> paragraphs() throws Exception {
    List<String> paragraphs = new ArrayList<>();
    JsonNode truth = new ObjectMapper().readTree(
        Corpora.root().resolve("article-extraction-scrapinghub/ground-truth.json").toFile());
    truth.forEach(page -> {
      for (String p : page.get("articleBody").asText().split("\n+")) {
        if (p.split(" ").length >= 12) {
          paragraphs.add(p.strip());
        }
      }
    });
    return paragraphs;
  }

  /**
   * The id of document {@code i}: 16 hex digits, as ingest makes ids ({@code DocumentIds}), so stores keep what
   * they keep in production.
   */
  static String id(int i) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("bench-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A canonical URL of the length news URLs have (about 80 characters): outlet, date path and slug. */
  static String url(int i) {
    return "https://www.outlet" + (i % 997) + ".example/world/2026/11/24/story-about-the-news-of-the-day-" + i;
  }

  /** Generates {@code n} documents with ids {@link #id(int)}; returns each copy's id with the id of the one it copies. */
  static Map<String, String> generate(int n, List<String> paragraphs, Random random, Sink sink) throws Exception {
    Map<String, String> copies = new HashMap<>();
    List<String> texts = new ArrayList<>();
    List<String> textIds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String text;
      if (i > 100 && random.nextInt(10) == 0) {
        int original = random.nextInt(texts.size());
        text = "Home | World | Politics\n\n" + texts.get(original) + "\n\nShare this article\n\n© 2024 Another Outlet";
        copies.put(id(i), textIds.get(original));
      } else {
        StringBuilder sb = new StringBuilder("Story number " + i + "\n\n");
        int paras = 4 + random.nextInt(5);
        for (int p = 0; p < paras; p++) {
          sb.append(mutate(paragraphs.get(random.nextInt(paragraphs.size())), random)).append("\n\n");
        }
        text = sb.toString();
        if (texts.size() < 20_000) {
          texts.add(text);
          textIds.add(id(i));
        } else {
          int slot = random.nextInt(texts.size());
          texts.set(slot, text);
          textIds.set(slot, id(i));
        }
      }
      sink.accept(i, id(i), text);
    }
    return copies;
  }

  /**
   * A pool paragraph with about a third of its words swapped for other words of it: the pool is a few thousand
   * paragraphs, and without this, tens of thousands of documents drawn from it would overlap far more than
   * distinct articles do (and fill LSH buckets with partial copies).
   */
  private static String mutate(String paragraph, Random random) {
    String[] words = paragraph.split(" ");
    for (int i = 0; i < words.length; i++) {
      if (random.nextInt(3) == 0) {
        words[i] = words[random.nextInt(words.length)];
      }
    }
    return String.join(" ", words);
  }
}
