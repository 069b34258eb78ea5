package dev.bgan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapesEveryCharacterThatCanEndTextOrAnAttribute() {
    assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; \u00d7",
        Html.escape("<a href=\"x\" title='y'>&amp;</a> \u00d7"));
  }

  @Test
  void pngDataUriIsBase64OfTheBytes() {
    assertEquals("data:image/png;base64,AQID", Html.pngDataUri(new byte[] {1, 2, 3}));
  }
}
