package dev.bgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LabeledSubsetTest {
  private static int[] labels(int perClass, int classes) {
    int[] labels = new int[perClass * classes];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (i * 7) % classes;
    }
    return labels;
  }

  @Test
  void drawsBalancedDistinctIndicesDeterministically() {
    int[] labels = labels(50, 10);
    int[] a = LabeledSubset.draw(labels, 10, 100, 1);
    assertArrayEquals(a, LabeledSubset.draw(labels, 10, 100, 1));
    assertEquals(100, Arrays.stream(a).distinct().count());
    int[] perClass = new int[10];
    for (int i : a) {
      perClass[labels[i]]++;
    }
    assertTrue(Arrays.stream(perClass).allMatch(c -> c == 10), Arrays.toString(perClass));
    assertFalse(Arrays.equals(a, LabeledSubset.draw(labels, 10, 100, 2)));
  }

  @Test
  void unevenNGivesTheFirstClassesOneMore() {
    int[] labels = labels(50, 10);
    int[] perClass = new int[10];
    for (int i : LabeledSubset.draw(labels, 10, 13, 3)) {
      perClass[labels[i]]++;
    }
    assertArrayEquals(new int[] {2, 2, 2, 1, 1, 1, 1, 1, 1, 1}, perClass);
  }

  @Test
  void tooFewExamplesOfAClassIsAParameterError() {
    BadInputException e = assertThrows(BadInputException.class, () -> LabeledSubset.draw(labels(3, 10), 10, 100, 1));
    assertTrue(e.getMessage().startsWith("parameter N:"), e.getMessage());
  }
}
