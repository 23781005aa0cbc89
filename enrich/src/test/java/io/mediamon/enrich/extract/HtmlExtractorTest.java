package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
  private static final String PROSE = "The council met on Tuesday to discuss the budget for the coming year. "
      + "Members agreed on most points after a long debate. The mayor said the plan was fair to every district. "
      + "Opponents asked for more money for schools and roads. A final vote is expected next month. ";
  private static final String OTHER_PROSE = "Rain is expected across the region for the rest of the week. Farmers "
      + "welcomed the news after a dry summer. Rivers had fallen to their lowest level in years. Forecasters warned of "
      + "local flooding in the valleys. Schools will stay open unless roads are closed. ";
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
  void shouldKeepAShortPostWhoseWidgetNamesItsBody() {
    StringBuilder related = new StringBuilder("<div class='related'>");
    for (int i = 0; i < 12; i++) {
      related.append("<a href='/r").append(i).append("'>Related story about the town number ").append(i)
          .append("</a> ");
    }
    String shortPost = "The council met on Tuesday to discuss the budget. Members agreed after a long debate. "
        + "The mayor said the plan was fair to every district, and a vote is expected next month. "
        + "Opponents asked for more money for schools.";
    String html = "<html><body><div class='widget Blog' id='Blog1'><div class='blog-post'>"
        + "<div class='post-body post-content'><div><span>" + shortPost + "</span></div></div>" + related
        + "</div></div></div></body></html>";
    assertThat(extractor.extract(html, null, null).text()).contains("The council met on Tuesday");
  }

  @Test
  void shouldKeepADataTableOfTheArticleAsLinesAndDropATableOfLinks() {
    StringBuilder standings = new StringBuilder("<table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>");
    StringBuilder menu = new StringBuilder("<table class='links'>");
    for (int i = 1; i <= 30; i++) {
      standings.append("<tr><td>").append(i).append("</td><td>Driver ").append((char) ('A' + i % 26))
          .append("</td><td>").append(5000 - i * 37).append("</td></tr>");
      menu.append("<tr><td><a href='/s").append(i).append("'>Section ").append(i).append("</a></td><td><a href='/t")
          .append(i).append("'>Topic ").append(i).append("</a></td></tr>");
    }
    String html = "<html><body><div class='articleBody'><h1>Standings</h1><p>The standings after the last race of "
        + "the season are final.</p><p>" + PROSE + "</p>" + standings + "</table><p>" + PROSE + "</p></div>" + menu
        + "</table></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).contains("The standings after").contains("1 Driver B 4963").contains("30 Driver E 3890")
        .doesNotContain("Section 3");
  }

  @Test
  void shouldKeepParagraphsInsideCustomElementsApart() {
    String html = "<html><body><div class='body-container'><article-header><h1>Budget agreed</h1></article-header>"
        + "<div class='byline'>By A. Writer</div><article-body-container><div><p>" + PROSE + "</p><p>"
        + OTHER_PROSE + "</p></div></article-body-container><footer>Footer</footer></div></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text.split("\n\n")).contains(PROSE.strip(), OTHER_PROSE.strip())
        .allSatisfy(paragraph -> assertThat(paragraph.length()).isLessThanOrEqualTo(PROSE.length()));
  }

  @Test
  void shouldKeepOneCopyOfAnArticleThePageShipsTwice() {
    String copy = PROSE + "<br><br>" + OTHER_PROSE + "<br><br>" + PROSE.replace("council", "board");
    String html = "<html><body><div class='content'><div class='print'>" + copy + "</div><div class='app'>"
        + "<b>Budget</b> " + copy + "</div></div></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).contains("Rain is expected");
    assertThat(text.split("The board met", -1)).hasSize(2);
  }

  @Test
  void shouldReadLooseTextBetweenParagraphsInItsPlace() {
    String html = "<html><body><div class='entry-content'>Today we talk about the <a href='/e5'>fifth episode</a> of "
        + "the series and what it means.<p>" + PROSE + "</p>Then the weather, which nobody expected at all.<p>"
        + OTHER_PROSE + "</p></div></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text.split("\n\n")).containsExactly("Today we talk about the fifth episode of the series and what it means.",
        PROSE.strip(), "Then the weather, which nobody expected at all.", OTHER_PROSE.strip());
  }

  @Test
  void shouldGiveTheSameTextEveryTimeWhenContainersTie() {
    // the paragraph and its wrapper score the same; which one wins decides whether the sibling part joins
    StringBuilder links = new StringBuilder("<ul>");
    for (int i = 0; i < 12; i++) {
      links.append("<li><a href='/l").append(i).append("'>Another story worth a click, number ").append(i)
          .append("</a></li>");
    }
    String html = "<html><body><div class='wrap'><div class='part'><p>" + PROSE + PROSE + "</p></div>"
        + "<div class='part'><p>" + OTHER_PROSE + "</p></div>" + links + "</ul></div></body></html>";
    java.util.Set<String> texts = new java.util.HashSet<>();
    for (int i = 0; i < 40; i++) {
      texts.add(extractor.extract(html, null, null).text());
    }
    assertThat(texts).hasSize(1);
    assertThat(texts.iterator().next()).contains("Rain is expected").doesNotContain("Another story");
  }

  @Test
  void shouldKeepTheArticlesBulletPointsEvenWithoutFullStops() {
    String html = "<html><body><article><p>" + PROSE + "</p><ul><li>More money for schools in the north</li>"
        + "<li>New roads between the two valleys</li></ul><p>" + OTHER_PROSE + "</p></article></body></html>";
    assertThat(extractor.extract(html, null, null).text()).contains("More money for schools in the north")
        .contains("New roads between the two valleys");
  }

  @Test
  void shouldPutTheLeadFromTheHeaderBeforeTheBody() {
    String html = "<html><body><div class='teaser-list'><a href='/x'>Other story one about the weather today</a> "
        + "<a href='/y'>Other story two about the weather tomorrow</a></div><div class='page'><header><h1>Budget "
        + "agreed</h1><p class='intro'>The town has a budget at last, after a long night of talks.</p></header>"
        + "<div class='article-body'><p>" + PROSE + "</p><p>" + OTHER_PROSE + "</p></div></div></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).startsWith("The town has a budget at last").contains("Rain is expected")
        .doesNotContain("Other story");
  }

  @Test
  void shouldNotTakeAnotherStorysTeaserForTheLead() {
    String html = "<html><body><div class='page'><div class='summary'><p>Another story's summary, which is a whole "
        + "sentence of its own.</p></div><div class='about'><p>" + OTHER_PROSE + "</p><p>"
        + OTHER_PROSE.replace("Rain", "Snow") + "</p></div><main><section><div class='article-body'><p>" + PROSE
        + "</p><p>" + PROSE.replace("council", "board") + "</p><p>" + PROSE.replace("council", "committee")
        + "</p><p>" + PROSE.replace("council", "assembly") + "</p></div></section></main></div></body></html>";
    assertThat(extractor.extract(html, null, null).text()).startsWith("The council met")
        .doesNotContain("Another story");
  }

  @Test
  void shouldFallBackOnALongJsonLdDescriptionWhenTheMarkupHasNoText() {
    String description = ("<p>" + PROSE + "</p><p>" + OTHER_PROSE + "</p>").replace("\"", "\\\"");
    String html = "<html><head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
        + "\"@type\": \"HowTo\", \"name\": \"Budget\", \"description\": \"" + description + "\"}</script></head>"
        + "<body><div id='app'></div></body></html>";
    assertThat(extractor.extract(html, null, null).text().split("\n\n"))
        .containsExactly(PROSE.strip(), OTHER_PROSE.strip());
  }

  @Test
  void shouldDropTheAuthorsBioBoxButKeepTheByline() {
    String html = "<html><body><article><div class='byline'>By Jane Doe</div><p>" + PROSE + "</p><p>" + OTHER_PROSE
        + "</p><div class='author-bio'><p>Jane Doe writes about towns and budgets. She has worked for the paper "
        + "since 2008.</p></div></article></body></html>";
    Extraction x = extractor.extract(html, null, null);
    assertThat(x.text()).doesNotContain("since 2008");
    assertThat(x.authors()).containsExactly("Jane Doe");
  }

  @Test
  void shouldLeavePictureCaptionsOut() {
    String html = "<html><body><article><p>" + PROSE + "</p><figure><img src='a.jpg'><figcaption><p>The mayor at "
        + "the town hall on Tuesday, after the vote was announced to the press.</p><span>Photo: J. Doe</span>"
        + "</figcaption></figure><p>" + OTHER_PROSE + "</p></article></body></html>";
    assertThat(extractor.extract(html, null, null).text()).contains("Rain is expected").doesNotContain("town hall")
        .doesNotContain("Photo:");
  }

  @Test
  void shouldJoinTextWidgetsOfAPageBuilder() {
    String widget = "<div class='elementor-widget elementor-widget-text-editor'><div class='elementor-widget-container'>"
        + "<div class='elementor-text-editor'>%s</div></div></div>";
    String html = "<html><body><div class='elementor-section'><div class='elementor-column'>"
        + widget.formatted("<p>" + PROSE + "</p><p>The river festival returns in June after a break of two years. "
            + "Organisers expect ten thousand visitors over the weekend. Boats will be decorated by local schools, "
            + "and food stalls will line the old harbour.</p>")
        + "<div class='elementor-widget'><div class='elementor-widget-container'><img src='a.jpg'></div></div>"
        + widget.formatted("<p>" + OTHER_PROSE + "</p>") + "</div></div>"
        + "<footer><p>Copyright and contact details of the example town newspaper, its owners and staff.</p></footer>"
        + "</body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).contains("river festival").contains("Rain is expected").doesNotContain("Copyright");
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

  @Test
  void shouldDropAConsentBoxEvenWhenItIsWrittenInProse() {
    String consent = "Wenn Sie unter 16 Jahre alt sind und Ihre Zustimmung zu freiwilligen Diensten geben möchten, "
        + "müssen Sie Ihre Erziehungsberechtigten um Erlaubnis bitten. Wir verwenden Cookies und andere Technologien. "
        + "Einige von ihnen sind essenziell, während andere uns helfen, diese Website zu verbessern. ";
    String html = "<html><body><div id='BorlabsCookieBoxWrap'><div class='BorlabsCookie'><p>" + consent + consent
        + "</p><p>" + consent + "</p></div></div><div class='content'><p>" + PROSE + "</p></div></body></html>";
    assertThat(extractor.extract(html, null, null).text()).startsWith("The council met").doesNotContain("Cookies");
  }

  @Test
  void shouldKeepAnArticleThatACmsWrapsInAnAside() {
    String html = "<html><body><main><aside class='pa-direct-content'><section><article><div class='text-detail'>"
        + "<p>" + PROSE + "</p><p>" + PROSE + "</p></div></article></section></aside>"
        + "<aside class='sidebar-box'><p>Other news of the day in short.</p></aside></main></body></html>";
    String text = extractor.extract(html, null, null).text();
    assertThat(text).startsWith("The council met").doesNotContain("Other news");
  }

  @Test
  void shouldReadACustomElementsNameAsAHint() {
    StringBuilder menu = new StringBuilder("<pp-navigation-mobile><ul>");
    for (int i = 0; i < 30; i++) {
      menu.append("<li>Overview of the ministry's work on employment support and training, section ").append(i)
          .append(".</li>");
    }
    String html = "<html><body><pp-header>" + menu + "</ul></pp-navigation-mobile></pp-header>"
        + "<article><p>" + PROSE + "</p></article></body></html>";
    assertThat(extractor.extract(html, null, null).text()).startsWith("The council met").doesNotContain("Overview");
  }

  @Test
  void shouldReadTheModifiedTimeAndTheLeadImageFromTheMetadata() {
    String html = "<html><head><meta property='og:image' content='/img/lead.jpg'>"
        + "<meta property='article:modified_time' content='2024-03-02T10:00:00Z'></head><body>"
        + "<time itemprop='dateModified' datetime='2024-03-05T08:00:00Z'>5 March</time>"
        + "<time datetime='2024-03-01T09:30:00Z'>1 March</time><article><p>" + PROSE + "</p></article></body></html>";
    Extraction x = extractor.extract(html, "https://news.example/2024/story", null);
    assertThat(x.leadImage()).isEqualTo("https://news.example/img/lead.jpg");
    assertThat(x.modifiedAt()).hasToString("2024-03-02T10:00:00Z");
    assertThat(x.publishedAt()).as("a dateModified <time> is not the publication").hasToString("2024-03-01T09:30:00Z");
  }

  @Test
  void shouldReadTheModifiedTimeAndTheLeadImageFromJsonLdAndTimes() {
    String html = "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Budget\","
        + " \"image\": [{\"@type\": \"ImageObject\", \"url\": \"https://cdn.example/a.jpg\"}]}</script></head><body>"
        + "<time itemprop='dateModified' datetime='2024-03-05T08:00:00Z'>5 March</time>"
        + "<article><p>" + PROSE + "</p></article></body></html>";
    Extraction x = extractor.extract(html, "https://news.example/story", null);
    assertThat(x.leadImage()).isEqualTo("https://cdn.example/a.jpg");
    assertThat(x.modifiedAt()).hasToString("2024-03-05T08:00:00Z");
  }

  @Test
  void shouldReadAnOldStyleImageLinkAndNoImageWhenThePageNamesNone() {
    String body = "<body><article><p>" + PROSE + "</p><img src='/inline.jpg'></article></body></html>";
    assertThat(extractor.extract("<html><head><link rel='image_src' href='/old.jpg'></head>" + body,
        "https://news.example/a/b", null).leadImage()).isEqualTo("https://news.example/old.jpg");
    assertThat(extractor.extract("<html><head></head>" + body, "https://news.example/a/b", null).leadImage())
        .as("images in the body are not guessed at").isNull();
  }
}
