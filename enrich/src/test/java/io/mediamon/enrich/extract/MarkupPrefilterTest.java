package io.mediamon.enrich.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class MarkupPrefilterTest {
  @Test
  void dropsScriptsStylesSvgAndComments() {
    String html = "<p>a</p><script>var x = '<div>not markup</div>';</script><style>p{}</style>"
        + "<svg viewBox='0 0 1 1'><path d='M0'/></svg><!-- note --><p>b</p>";
    assertEquals("<p>a</p><p>b</p>", MarkupPrefilter.strip(html));
  }

  @Test
  void keepsJsonLdAndTemplates() {
    String html = "<script type=\"application/ld+json\">{\"a\":1}</script>"
        + "<script type=\"text/template\"><p>post</p></script><script src=x.js></script>";
    assertEquals("<script type=\"application/ld+json\">{\"a\":1}</script>"
        + "<script type=\"text/template\"><p>post</p></script>", MarkupPrefilter.strip(html));
  }

  @Test
  void keptScriptsAreNotScannedInside() {
    String html = "<script type=\"application/ld+json\">{\"articleBody\": \"a <!-- b <nav>c\"}</script><p>d</p>";
    assertSame(html, MarkupPrefilter.strip(html));
  }

  @Test
  void navigationEndsAtItsMatchingEndTag() {
    assertEquals("<p>a</p><p>b</p>",
        MarkupPrefilter.strip("<p>a</p><nav><ul><li><nav>sub</nav></li><li>x</li></ul></nav><p>b</p>"));
  }

  @Test
  void unclosedNavigationIsLeftToTheParser() {
    String html = "<div><nav><a href=/>home</a></div><p>article</p>";
    assertSame(html, MarkupPrefilter.strip(html));
  }

  @Test
  @org.junit.jupiter.api.Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
  void manyUnclosedNestingElementsAreLeftToTheParserInOnePass() {
    String html = "<nav><p>x</p>".repeat(200_000) + "<svg><p>y</p>".repeat(200_000);
    assertSame(html, MarkupPrefilter.strip(html));
  }

  @Test
  void framesNoscriptAndFormControlsAreDropped() {
    assertEquals("<p>a</p><p>b</p>", MarkupPrefilter.strip("<p>a</p><noscript><img src=x></noscript>"
        + "<iframe src=y></iframe><select><option>1</option></select><textarea>t</textarea><p>b</p>"));
  }

  @Test
  void imagesSourcesInputsAndLinksAreCutWholeEvenWithMarkupInQuotedAttributes() {
    String html = "<link rel=stylesheet href=a.css><p>a<IMG data-desc=\"<p>caption</p>\" alt='x > y' src=b.jpg>b</p>"
        + "<picture><source srcset=\"c.webp 1x\"></picture><input type=text value=\">\"><p>c</p>";
    assertEquals("<p>ab</p><picture></picture><p>c</p>", MarkupPrefilter.strip(html));
  }

  @Test
  void theCanonicalLinkIsKept() {
    String html = "<link rel=\"canonical\" href=\"https://example.org/a\"><link rel=icon href=i.png>";
    assertEquals("<link rel=\"canonical\" href=\"https://example.org/a\">", MarkupPrefilter.strip(html));
  }

  @Test
  void anImageWithAnUnclosedQuoteIsLeftToTheParser() {
    String html = "<p>a<img alt=\"b>c</p>";
    assertSame(html, MarkupPrefilter.strip(html));
  }

  @Test
  void endTagsMatchInAnyCase() {
    assertEquals("<p>a</p><p>b</p>", MarkupPrefilter.strip("<p>a</p><SCRIPT>x()</Script ><p>b</p>"));
  }

  @Test
  void onlyTheseTagNamesAreDropped() {
    String html = "<section><strong>s</strong><span>t</span><scripted>u</scripted><svgx>v</svgx></section>";
    assertSame(html, MarkupPrefilter.strip(html));
  }

  @Test
  void selfClosingSvgAndEmptyComments() {
    assertEquals("<p>a</p><p>b</p><p>c</p>", MarkupPrefilter.strip("<p>a</p><svg/><p>b</p><!--><p>c</p>"));
  }

  @Test
  void unterminatedPartsRunToTheEnd() {
    assertEquals("<p>a</p>", MarkupPrefilter.strip("<p>a</p><script>never closed <p>b</p>"));
    assertEquals("<p>a</p>", MarkupPrefilter.strip("<p>a</p><!-- never closed <p>b</p>"));
  }

  @Test
  void textWithoutMarkupIsUntouched() {
    assertEquals("a < b and c > d", MarkupPrefilter.strip("a < b and c > d"));
    assertEquals("", MarkupPrefilter.strip(""));
  }
}
