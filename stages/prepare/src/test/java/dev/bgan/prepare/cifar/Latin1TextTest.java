package dev.bgan.prepare.cifar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast paths for the pixels of Python 3's protocol-2 pickles (latin-1 text as UTF-8) and of
 * Python 2's (byte strings): the same Strings and bytes as the JDK's decoding and a char-by-char
 * conversion give, for every byte value and for malformed input.
 */
class Latin1TextTest {
  @Test
  void utf8OfCharsBelow256DecodesAsTheJdkDoes() {
    Random random = new Random(7);
    for (int length : new int[] {0, 1, 2, 3, 255, 256, 257, 4096, 100_003}) {
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        chars[i] = (char) random.nextInt(256);
      }
      String text = new String(chars);
      assertEquals(text, RestrictedUnpickler.utf8(text.getBytes(StandardCharsets.UTF_8)), "length " + length);
    }
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 256; c++) {
      every.append(c);
    }
    assertEquals(every.toString(), RestrictedUnpickler.utf8(every.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anyOtherUtf8AndMalformedInputDecodeAsTheJdkDoes() {
    List<String> hex = List.of(
        "e282ac", // the euro sign, three bytes
        "41c4a742", // U+0127, two bytes but above 255
        "f09f9880", // four bytes
        "c0af", // overlong
        "c180", // overlong
        "80", // a lone continuation byte
        "41c2", // a lead byte at the end
        "c241", // a lead byte before ASCII
        "c2c3a9", // a lead byte before a lead byte
        "41c3a9c3", // a lead byte at the end after valid text
        "ff", "fe41", "edb080"); // invalid bytes, a surrogate
    for (String h : hex) {
      byte[] bytes = HexFormat.of().parseHex(h);
      assertEquals(new String(bytes, StandardCharsets.UTF_8), RestrictedUnpickler.utf8(bytes), h);
    }
  }

  @Test
  void textOfOneByteCharsBecomesItsBytesAndAnyOtherCharIsNamed() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    assertArrayEquals(all, PickleValues.bytes(new String(all, StandardCharsets.ISO_8859_1), "data"));
    for (String text : List.of("ab\u0100cd", "a?\u20acb", "??\ud83d\ude00?", "\u00ff\u0101")) {
      PickleContentException e = assertThrows(PickleContentException.class, () -> PickleValues.bytes(text, "data"));
      int bad = text.chars().filter(c -> c > 255).findFirst().orElseThrow();
      assertTrue(e.getMessage().contains(String.format("U+%04X at position %d", bad, text.indexOf(bad))), e.getMessage());
    }
    assertArrayEquals("a?b".getBytes(StandardCharsets.ISO_8859_1), PickleValues.bytes("a?b", "data"));
  }
}
