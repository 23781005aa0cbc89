package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
  private static final String PROSE = "The council met on Tuesday to discuss the budget for the coming year. "
      + "Members agreed on most points after a long debate. The mayor said the plan was fair to every district. "
      + "Opponents asked for more money for schools and roads. A final vote is expected next month. ";
  private final HtmlExtractor extractor = new HtmlExtractor();

  @Test
  void shouldKeepAPostWrittenAsTextBetweenLineBreaksInsideAWidget() {
    String html = "<html><body><div class='widget Blog' id='Blog1'><div class='post hentry'>"
        + "<h3 class='post-title'>Budget agreed</h3><div class='post-body'>" + PROSE + "<br/><br/>" + PROSE
        + "<br/>" + PROSE + "</div></div></div>"
        + "<div class='widget Archive'><ul><li><a href='/2016'>2016</a></li><li><a href='/2015'>2015</a></li></ul></div>"
        + "</body></html>";
    String text = extractor.extract(html, "https://blog.example/post", null).text();
    assertThat(text).contains("The council met on Tuesday").doesNotContain("2015");
  }

  @Test
  void shouldStillDropAWidgetOfLinks() {
    StringBuilder links = new StringBuilder("<div class='widget Popular'><ul>");
    for (int i = 0; i < 40; i++) {
      links.append("<li><a href='/p").append(i).append("'>Another popular post about the budget number ").append(i)
          .append(". Read it.</a></li>");
    }
    String html = "<html><body><article><p>" + PROSE + "</p><p>" + PROSE + "</p></article>" + links
        + "</ul></div></body></html>";
    assertThat(extractor.extract(html, null, null).text()).contains("The council met").doesNotContain("popular post");
  }

  @Test
  void shouldReadAPostShippedInATemplateScriptOfTheArticleBody() {
    String html = "<html><body><div class='post'><div class='post-content' itemprop='articleBody'>"
        + "<script type='text/template'><p>" + PROSE + "</p><p>" + PROSE + "</p></script>"
        + "<noscript>Enable JavaScript</noscript></div></div>"
        + "<script type='text/template'><p>A template outside the article body stays out of the text.</p></script>"
        + "</body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).startsWith("The council met on Tuesday").doesNotContain("template outside");
  }
}
