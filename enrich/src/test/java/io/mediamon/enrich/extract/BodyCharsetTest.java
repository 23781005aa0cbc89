package io.mediamon.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyCharsetTest {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private final Extractor extractor = new Extractor(1L << 20);

  @Test
  void shouldReadAnHttpEquivDeclarationAndDecodeTheUmlautsIt() {
    byte[] page = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\" />"
        + "<title>Wohnungssuche</title></head><body><article><p>Gesine aus Tübingen läuft die Zeit davon. Die "
        + "18-Jährige hat sich an der Uni Freiburg für ein Jurastudium eingeschrieben und sucht ein Zimmer.</p>"
        + "</article></body></html>").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(BodyCharset.of(page)).isEqualTo(WINDOWS_1252);
    assertThat(extractor.extract(page, "text/html", null, null, null, null).text())
        .startsWith("Gesine aus Tübingen läuft die Zeit davon.");
  }

  @Test
  void shouldPreferTheTransportCharsetToTheDeclaration() {
    byte[] page = "<meta charset=\"windows-1251\"><p>Grüße</p>".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyCharset.of(page)).isEqualTo(Charset.forName("windows-1251"));
    assertThat(extractor.extract(page, "text/html", "UTF-8", null, null, null).title()).isNull();
  }

  @Test
  void shouldTakeAByteOrderMarkOverEverything() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '<', 'm', 'e', 't', 'a', ' ', 'c', 'h', 'a', 'r', 's', 'e', 't',
        '=', 'k', 'o', 'i', '8', '-', 'r', '>'};
    assertThat(BodyCharset.of(bom)).isEqualTo(StandardCharsets.UTF_8);
  }

  @Test
  void shouldFallBackToWindows1252ForUndeclaredBytesThatAreNotUtf8() {
    assertThat(BodyCharset.of("<p>café crème</p>".getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
    assertThat(BodyCharset.of("<p>café crème</p>".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(WINDOWS_1252);
    assertThat(BodyCharset.of("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><p/>".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Charset.forName("ISO-8859-15"));
  }

  @Test
  void shouldJudgeUtf8ByItsRules() {
    assertThat(BodyCharset.isUtf8("Привет, 世界, 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    byte[] cut = "Niamey – ".getBytes(StandardCharsets.UTF_8);
    assertThat(BodyCharset.isUtf8(java.util.Arrays.copyOf(cut, cut.length - 3))).as("cut inside the dash").isTrue();
    assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xc0, (byte) 0xaf})).as("overlong '/'").isFalse();
    assertThat(BodyCharset.isUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, 'x'})).as("surrogate").isFalse();
    assertThat(BodyCharset.isUtf8(new byte[] {'a', (byte) 0xe9, 'b'})).as("Latin-1 é").isFalse();
  }

  @Test
  void shouldKeepAUtf8TextWithOneBadByteUtf8() {
    byte[] good = "L’armée a « quitté » le pays — c’est officiel, dit l’état-major.".getBytes(StandardCharsets.UTF_8);
    byte[] damaged = new byte[good.length + 1];
    System.arraycopy(good, 0, damaged, 0, 10);
    damaged[10] = (byte) 0xff; // a stray byte no UTF-8 text has
    System.arraycopy(good, 10, damaged, 11, good.length - 10);
    assertThat(BodyCharset.isUtf8(damaged)).isFalse();
    assertThat(BodyCharset.of(damaged)).isEqualTo(StandardCharsets.UTF_8);
    String text = extractor.extract(damaged, "text/plain", null, null, null, null).text();
    assertThat(text).contains("quitté", "c’est", "—").contains("\uFFFD").doesNotContain("â€");
    // a real windows-1252 text stays windows-1252
    byte[] legacy = "L'armée a quitté le pays, c'est officiel.".getBytes(WINDOWS_1252);
    assertThat(BodyCharset.of(legacy)).isEqualTo(WINDOWS_1252);
  }
}
