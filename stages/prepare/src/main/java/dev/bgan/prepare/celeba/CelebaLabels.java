package dev.bgan.prepare.celeba;

import dev.bgan.common.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Labels made of attributes, as the reference makes them: with attributes a_0 .. a_{k-1}, an
 * image's label is the sum of 2^i over the a_i it has, so k attributes give 2^k classes. The
 * reference's five (ORIG: Blond_Hair, Eyeglasses, Male, Pale_Skin, Young, 32 classes) are the
 * default; HEAD leaves out Pale_Skin (16 classes).
 */
public record CelebaLabels(List<String> attributes) {
  /** At most 8 attributes: labels fit a byte, as dataset summaries count them. */
  public static final int MAX_ATTRIBUTES = 8;
  public static final List<String> ORIG = List.of("Blond_Hair", "Eyeglasses", "Male", "Pale_Skin", "Young");
  /** The reference's short names. */
  private static final Map<String, String> ALIASES = Map.of(
      "blond", "Blond_Hair", "eyeglasses", "Eyeglasses", "glasses", "Eyeglasses", "male", "Male",
      "pale", "Pale_Skin", "young", "Young");

  public CelebaLabels {
    attributes = List.copyOf(attributes);
    if (attributes.isEmpty() || attributes.size() > MAX_ATTRIBUTES) {
      throw BadInputException.inParameter("attributes", String.join(",", attributes),
          "must name 1.." + MAX_ATTRIBUTES + " attributes");
    }
    if (attributes.stream().distinct().count() != attributes.size()) {
      throw BadInputException.inParameter("attributes", String.join(",", attributes), "names an attribute twice");
    }
  }

  /**
   * The attributes of a comma-separated list of short names (blond, eyeglasses, male, pale, young)
   * or CelebA attribute names (any case), checked against {@code known}, the attribute file's header.
   */
  public static CelebaLabels parse(String list, List<String> known) {
    List<String> attributes = new ArrayList<>();
    for (String given : list.split(",")) {
      String name = given.strip();
      String resolved = ALIASES.getOrDefault(name.toLowerCase(Locale.ROOT), name);
      String match = known.stream().filter(k -> k.equalsIgnoreCase(resolved)).findFirst()
          .orElseThrow(() -> BadInputException.inParameter("attributes", list, "'" + name
              + "' is no CelebA attribute (short names: blond, eyeglasses, male, pale, young; or any of "
              + String.join(" ", known) + ")"));
      attributes.add(match);
    }
    return new CelebaLabels(attributes);
  }

  public int numClasses() {
    return 1 << attributes.size();
  }

  /** Class c is named by the attributes its bits set, e.g. "Blond_Hair+Male", or "none". */
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < numClasses(); c++) {
      List<String> set = new ArrayList<>();
      for (int i = 0; i < attributes.size(); i++) {
        if ((c >> i & 1) == 1) {
          set.add(attributes.get(i));
        }
      }
      names.add(set.isEmpty() ? "none" : String.join("+", set));
    }
    return names;
  }

  /** The label of image {@code image} of {@code table}. */
  public int label(CelebaAttributes table, int image) {
    int label = 0;
    for (int i = 0; i < attributes.size(); i++) {
      if (table.has(image, table.names().indexOf(attributes.get(i)))) {
        label |= 1 << i;
      }
    }
    return label;
  }
}
