package dev.bgan.common;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a misspelt name: the closest accepted name, if any is close. */
public final class NearMisses {
  private NearMisses() {}

  /**
   * The accepted name closest to {@code given}: equal once case and '-'/'_' are ignored, or within
   * an edit distance of 1 (names up to 4 characters) or 2 (longer ones).
   */
  public static Optional<String> closest(String given, Collection<String> accepted) {
    String g = normal(given);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : accepted) {
      int d = distance(g, normal(name));
      if (d < bestDistance || (d == bestDistance && best != null && name.compareTo(best) < 0)) {
        best = name;
        bestDistance = d;
      }
    }
    int limit = given.length() <= 4 ? 1 : 2;
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" or "". */
  public static String hint(String given, Collection<String> accepted) {
    return closest(given, accepted).map(n -> " (did you mean '" + n + "'?)").orElse("");
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** Levenshtein distance, with a swap of two neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
