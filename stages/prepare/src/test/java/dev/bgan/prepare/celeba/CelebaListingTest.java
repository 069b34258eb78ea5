package dev.bgan.prepare.celeba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits and labels of a CelebA listing, before any photo is read. */
class CelebaListingTest {
  @TempDir Path dir;

  @Test
  void withoutAPartitionFileTheOfficialBoundariesByNumberApply() throws IOException {
    // Blond_Hair is attribute 9, Male 20: the first photo has both, the second Male only.
    CelebaFiles files = folder(List.of("162770.jpg", "162771.jpg", "182637.jpg", "182638.jpg", "202599.jpg"),
        List.of(List.of(9, 20), List.of(20), List.of(), List.of(9), List.of(9, 20)));
    CelebaAttributes table = CelebaAttributes.read(files.attributes());
    CelebaListing listing = CelebaListing.of(files, table, CelebaLabels.parse("blond,male", table.names()));
    assertEquals(Map.of("train", List.of("162770.jpg"), "val", List.of("162771.jpg", "182637.jpg"),
        "test", List.of("182638.jpg", "202599.jpg")), listing.images());
    assertArrayEquals(new byte[] {3}, listing.labels().get("train"));
    assertArrayEquals(new byte[] {2, 0}, listing.labels().get("val"));
    assertArrayEquals(new byte[] {1, 3}, listing.labels().get("test"));
  }

  @Test
  void aNameWithoutANumberNeedsThePartitionFile() throws IOException {
    CelebaFiles files = folder(List.of("portrait.jpg"), List.of(List.of()));
    CelebaAttributes table = CelebaAttributes.read(files.attributes());
    BadInputException e = assertThrows(BadInputException.class,
        () -> CelebaListing.of(files, table, CelebaLabels.parse("young", table.names())));
    assertEquals(dir.resolve("Eval/list_eval_partition.txt") + ": not found, and portrait.jpg is not a CelebA file"
        + " name (NNNNNN.jpg) whose number gives its split", e.getMessage());
  }

  @Test
  void classNamesSpellTheBitsLowestFirst() {
    CelebaLabels labels = new CelebaLabels(CelebaLabels.ORIG);
    assertEquals(32, labels.classNames().size());
    assertEquals("none", labels.classNames().get(0));
    assertEquals("Blond_Hair", labels.classNames().get(1));
    assertEquals("Eyeglasses+Young", labels.classNames().get(2 + 16));
    assertEquals("Blond_Hair+Eyeglasses+Male+Pale_Skin+Young", labels.classNames().get(31));
  }

  private CelebaFiles folder(List<String> names, List<List<Integer>> set) throws IOException {
    Files.createDirectories(dir.resolve("img_align_celeba"));
    Files.createDirectories(dir.resolve("Anno"));
    List<String> header = new ArrayList<>();
    for (int a = 0; a < 40; a++) {
      header.add(a == 9 ? "Blond_Hair" : a == 20 ? "Male" : a == 39 ? "Young" : "Attribute_" + a);
    }
    List<String> lines = new ArrayList<>(List.of(Integer.toString(names.size()), String.join(" ", header)));
    for (int i = 0; i < names.size(); i++) {
      List<String> values = new ArrayList<>(Collections.nCopies(40, "-1"));
      set.get(i).forEach(a -> values.set(a, " 1"));
      lines.add(names.get(i) + " " + String.join(" ", values));
    }
    Files.write(dir.resolve("Anno/list_attr_celeba.txt"), lines);
    return CelebaFiles.locate(dir);
  }
}
