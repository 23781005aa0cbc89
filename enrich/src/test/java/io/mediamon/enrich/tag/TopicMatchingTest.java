package io.mediamon.enrich.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How lexicon terms meet words: compound heads in German, characters in Chinese and Japanese. */
class TopicMatchingTest {
  private static TopicClassifier topics;

  @BeforeAll
  static void load() {
    topics = TopicClassifier.load();
  }

  private static List<String> codes(String text, String language) {
    return topics.classify(Tokenizer.tokenize(text), language).stream().map(TopicClassifier.Scored::code).toList();
  }

  @Test
  void shouldSplitChineseAndJapaneseIntoCharactersAndKeepOtherWordsWhole() {
    List<Token> tokens = Tokenizer.characters(Tokenizer.tokenize("GDP增长 in 東京"));
    assertThat(tokens).extracting(Token::text).containsExactly("GDP", "增", "长", "in", "東", "京");
    assertThat(tokens).extracting(Token::start).containsExactly(0, 3, 4, 6, 9, 10);
    assertThat(Tokenizer.spaced("世界杯 2026")).isEqualTo("世 界 杯 2026");
  }

  @Test
  void shouldFindChineseTermsInsideRunsOfCharacters() {
    // no spaces between words: 足球 (football), 比赛 (match), 联赛 (league) stand inside longer runs
    assertThat(codes("昨晚的足球比赛中，主队在联赛第十轮以二比一获胜，球迷们在体育场外庆祝这场足球胜利。", "zh"))
        .contains("15000000");
    assertThat(codes("今天天气很好，我们去公园散步，然后回家吃饭。", "zh")).doesNotContain("15000000");
  }

  @Test
  void shouldCountACompoundByItsHeadInGerman() {
    List<Token> tokens = Tokenizer.tokenize(
        "Vor der Kreistagswahl und der Bezirkstagswahl werben die Parteien um Stimmen.");
    assertThat(topics.classify(tokens, "de")).extracting(TopicClassifier.Scored::code).contains("11000000");
    // election (20000574) from both compounds' heads; politics counts each word once, whichever term found it
    assertThat(topics.candidates(tokens, "de")).contains("20000574 2 [*tagswahl×2]");
  }

  @Test
  void shouldCountAWordOncePerTopicWhenItsStartAndItsHeadBothMatch() {
    // landtagswahl* and *tagswahl both name elections: one hit, not two
    assertThat(topics.candidates(Tokenizer.tokenize("Die Landtagswahl, die Landtagswahl, die Landtagswahl."), "de"))
        .contains("20000574 3 [landtagswahl*×3]").doesNotContain("*tagswahl");
  }

  @Test
  void shouldReadAPossessiveAsItsWordInTheTextAndInTheLexicon() {
    String found = topics.candidates(Tokenizer.tokenize(
        "The march for women's rights drew thousands; NASA's director spoke."), "en");
    assertThat(found).contains("women's rights×1");
  }

  @Test
  void shouldKeepKanaVoicingMarks() {
    // バス (bus) is not ハス (lotus): the voicing mark is part of the character's key
    List<Token> bus = Tokenizer.characters(Tokenizer.tokenize("バス"));
    assertThat(bus).extracting(Token::folded).containsExactly("バ", "ス");
    assertThat(Tokenizer.key(Tokenizer.spaced("バス"))).isEqualTo("バ ス");
  }

  @Test
  void shouldSplitCharactersOutsideTheBasicPlaneWhole() {
    // 𠮷 is one code point in two chars: one token, offsets in chars
    List<Token> tokens = Tokenizer.characters(Tokenizer.tokenize("𠮷野家"));
    assertThat(tokens).extracting(Token::text).containsExactly("𠮷", "野", "家");
    assertThat(tokens).extracting(Token::start).containsExactly(0, 2, 3);
  }
}
