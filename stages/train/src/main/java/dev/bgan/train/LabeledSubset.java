package dev.bgan.train;

import dev.bgan.common.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The N labeled training examples: N / K per class (the first N mod K classes get one more),
 * drawn once with the run's seed. The reference draws them unbalanced or takes the first N;
 * balanced draws make runs with few labels comparable across seeds.
 */
public final class LabeledSubset {
  private LabeledSubset() {}

  public static int[] draw(int[] labels, int numClasses, int n, long seed) {
    List<List<Integer>> byClass = new ArrayList<>();
    for (int k = 0; k < numClasses; k++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    SplittableRandom random = new SplittableRandom(seed);
    int[] chosen = new int[n];
    int filled = 0;
    for (int k = 0; k < numClasses; k++) {
      int want = n / numClasses + (k < n % numClasses ? 1 : 0);
      List<Integer> pool = byClass.get(k);
      if (pool.size() < want) {
        throw BadInputException.inParameter("N", n, "class " + k + " has only " + pool.size() + " training examples");
      }
      // Partial Fisher-Yates: the first `want` positions become a uniform sample without replacement.
      for (int i = 0; i < want; i++) {
        int j = i + random.nextInt(pool.size() - i);
        Integer swap = pool.get(i);
        pool.set(i, pool.get(j));
        pool.set(j, swap);
        chosen[filled++] = pool.get(i);
      }
    }
    Arrays.sort(chosen);
    return chosen;
  }
}
