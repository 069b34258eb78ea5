package dev.bgan.prepare.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.artifact.Artifact;
import dev.bgan.artifact.ArtifactStore;
import dev.bgan.common.BadInputException;
import dev.bgan.dataset.DatasetArtifacts;
import dev.bgan.dataset.ImageSplit;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.proto.ExcludedImage;
import dev.bgan.proto.SourceFile;
import dev.bgan.testing.CelebaTestFolder.ReferenceCrop;
import dev.bgan.testing.CelebaTestFolder;
import dev.bgan.testing.StoreAssertions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare celeba} end to end on a CelebA-layout folder of real photos: the shards hold,
 * split by split, exactly the crops Debian's Python OpenCV makes of the photos with one face,
 * labeled as the reference labels them; the photo without a face and the one with two are listed
 * as excluded; Flink writes the same bytes; bad files are one-line errors and publish nothing.
 */
@Tag("real-data")
class PrepareCelebaTest {
  private static final int COUNT = 20;
  /** Blond_Hair, Eyeglasses, Male, Pale_Skin, Young: the reference's salient_features, bit i = 2^i. */
  private static final int[] REFERENCE_FEATURES = {9, 15, 20, 26, 39};
  /** Three photos per chunk, so that the crop runs as several elements and a chunk holds an excluded photo. */
  private static final PrepareCeleba CELEBA = PrepareCeleba.defaults().withChunkSize(3);

  @TempDir static Path tmp;
  private static Path folder;
  private static Map<String, String> kinds;
  private static ArtifactStore store;
  private static ArtifactStore.Produced prepared;

  @BeforeAll
  static void prepareOnce() throws IOException {
    folder = tmp.resolve("celeba");
    kinds = CelebaTestFolder.write(folder, COUNT, 7);
    store = ArtifactStore.open(tmp.resolve("store"));
    prepared = CELEBA.run(store, request(folder).withNumShards(2));
  }

  private static PrepareRequest request(Path source) {
    return PrepareRequest.defaults().withSourceDir(source);
  }

  @Test
  void shardsHoldPythonsCropsOfTheOneFacePhotosWithTheReferenceLabels() throws IOException {
    assertFalse(prepared.cached());
    Artifact artifact = prepared.artifact();
    assertTrue(store.verify(artifact.id()).ok(), store.verify(artifact.id()).summary());
    assertEquals("prepare/celeba", artifact.manifest().getStage());
    assertEquals(Map.of("dataset", "celeba", "num_shards", "2", "size", "50",
        "attributes", "Blond_Hair,Eyeglasses,Male,Pale_Skin,Young"), artifact.manifest().getParamsMap());
    Map<String, ReferenceCrop> python = CelebaTestFolder.crops(folder, 50, Files.createDirectories(tmp.resolve("ref")));
    Map<String, List<String>> expected = expectedSplits();
    Map<String, Integer> labels = referenceLabels();
    DatasetSummary summary = DatasetArtifacts.summary(artifact);
    assertEquals(List.of(50, 50, 3), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(32, summary.getNumClasses());
    assertEquals("none", summary.getClassNames(0));
    assertEquals("Blond_Hair+Male", summary.getClassNames(5));
    assertEquals(List.of("Blond_Hair", "Eyeglasses", "Male", "Pale_Skin", "Young"), summary.getLabelAttributesList());
    int kept = 0;
    for (String split : List.of("train", "val", "test")) {
      ImageSplit images = DatasetArtifacts.loadSplit(artifact, split);
      List<String> names = expected.get(split).stream().filter(n -> kinds.get(n).equals("one")).toList();
      assertEquals(names.size(), images.size(), split);
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        assertArrayEquals(python.get(name).rgb(), image(images, i), split + " " + i + " = " + name);
        assertEquals((int) labels.get(name), images.labels()[i], split + " " + i + " = " + name);
      }
      kept += names.size();
    }
    assertEquals(COUNT - 2, kept);
  }

  @Test
  void theNoFaceAndTwoFacePhotosAreListedAsExcluded() {
    List<ExcludedImage> excluded = DatasetArtifacts.summary(prepared.artifact()).getExcludedList();
    List<String> expected = new ArrayList<>();
    kinds.forEach((name, kind) -> {
      if (!kind.equals("one")) {
        String reason = kind.equals("none") ? "no face found" : "2 faces found";
        expected.add("img_align_celeba/" + name + " train " + reason);
      }
    });
    assertEquals(2, expected.size());
    assertEquals(expected, excluded.stream().map(e -> e.getFile() + " " + e.getSplit() + " " + e.getReason()).toList());
  }

  @Test
  void sourcesAreTheAnnotationsTheCascadeAndTheImagesListing() throws IOException {
    List<SourceFile> sources = prepared.artifact().manifest().getSourcesList();
    assertEquals(List.of("Anno/list_attr_celeba.txt", "Eval/list_eval_partition.txt",
        "haarcascade_frontalface_default.xml", "img_align_celeba/ (20 images; SHA-256 of their sha256sum listing)"),
        sources.stream().map(SourceFile::getName).toList());
    StringBuilder listing = new StringBuilder();
    for (String name : kinds.keySet()) {
      listing.append(dev.bgan.common.Sha256.ofFile(folder.resolve("img_align_celeba").resolve(name)))
          .append("  ").append(name).append('\n');
    }
    assertEquals(dev.bgan.common.Sha256.of(listing.toString()), sources.get(3).getSha256());
  }

  @Test
  void aSecondRunIsACacheHitAndFlinkWritesTheSameBytes() throws IOException {
    assertTrue(CELEBA.run(store, request(folder).withNumShards(2)).cached());
    ArtifactStore flinkStore = ArtifactStore.open(tmp.resolve("flink-store"));
    Artifact flink = CELEBA.withChunkSize(4)
        .run(flinkStore, request(folder).withNumShards(2).withRunner(BeamRunner.flink("[local]", 2))).artifact();
    assertEquals(prepared.artifact().id(), flink.id());
    assertEquals(prepared.artifact().manifest().getFilesList(), flink.manifest().getFilesList());
    assertEquals(prepared.artifact().manifest().getDataset(), flink.manifest().getDataset());
  }

  @Test
  void size32AndOtherAttributesAreAnotherArtifact() throws IOException {
    Artifact head = CELEBA.withSize(32).withAttributes("blond,MALE")
        .run(store, request(folder).withNumShards(1)).artifact();
    assertNotEquals(prepared.artifact().id(), head.id());
    DatasetSummary summary = DatasetArtifacts.summary(head);
    assertEquals(List.of("Blond_Hair", "Male"), summary.getLabelAttributesList());
    assertEquals(List.of("none", "Blond_Hair", "Male", "Blond_Hair+Male"), summary.getClassNamesList());
    Map<String, ReferenceCrop> python =
        CelebaTestFolder.crops(folder, 32, Files.createDirectories(tmp.resolve("ref32")));
    ImageSplit train = DatasetArtifacts.loadSplit(head, "train");
    List<String> names = expectedSplits().get("train").stream().filter(n -> kinds.get(n).equals("one")).toList();
    for (int i = 0; i < names.size(); i++) {
      assertArrayEquals(python.get(names.get(i)).rgb(), image(train, i), names.get(i));
    }
  }

  @Test
  void badFilesAreOneLineErrorsAndPublishNothing() throws IOException {
    Path truncated = copyOfFolder("truncated");
    Path victim = truncated.resolve("img_align_celeba/000005.jpg");
    byte[] jpeg = Files.readAllBytes(victim);
    Files.write(victim, Arrays.copyOf(jpeg, jpeg.length - 300));
    assertFails(truncated, victim + ": truncated JPEG image (no end-of-image marker FF D9 at its end)");

    Path garbage = copyOfFolder("garbage");
    Files.writeString(garbage.resolve("img_align_celeba/000012.jpg"), "<html>not a photo</html>");
    assertFails(garbage,
        garbage.resolve("img_align_celeba/000012.jpg") + ": not a JPEG image (no start-of-image marker FF D8)");

    Path absent = copyOfFolder("absent");
    Files.delete(absent.resolve("img_align_celeba/000003.jpg"));
    assertFails(absent, absent.resolve("img_align_celeba/000003.jpg")
        + ": image not found (listed in Anno/list_attr_celeba.txt)");

    Path columns = copyOfFolder("columns");
    Path attributes = columns.resolve("Anno/list_attr_celeba.txt");
    List<String> lines = new ArrayList<>(Files.readAllLines(attributes));
    lines.set(4, lines.get(4) + "  1");
    Files.write(attributes, lines);
    assertFails(columns, attributes + ": line 5: expected an image name and 40 values, got 42 columns");

    Path missingLines = copyOfFolder("missing-lines");
    Path shortFile = missingLines.resolve("Anno/list_attr_celeba.txt");
    List<String> fewer = new ArrayList<>(Files.readAllLines(shortFile));
    fewer.remove(fewer.size() - 1);
    Files.write(shortFile, fewer);
    assertFails(missingLines, shortFile + ": line 1 declares 20 images, but attribute lines follow for 19");

    Path badValue = copyOfFolder("bad-value");
    Path valueFile = badValue.resolve("Anno/list_attr_celeba.txt");
    List<String> values = new ArrayList<>(Files.readAllLines(valueFile));
    values.set(2, values.get(2).replaceFirst("(\\S+\\.jpg\\s+)-?1", "$10"));
    Files.write(valueFile, values);
    assertFails(badValue, valueFile + ": line 3: 5_o_Clock_Shadow of 000001.jpg is '0', expected 1 or -1");

    Path partition = copyOfFolder("partition");
    Path partitionFile = partition.resolve("Eval/list_eval_partition.txt");
    List<String> rows = new ArrayList<>(Files.readAllLines(partitionFile));
    rows.remove(6);
    Files.write(partitionFile, rows);
    assertFails(partition, partitionFile + ": 000007.jpg is in Anno/list_attr_celeba.txt but not here");

    Path noAnno = copyOfFolder("no-anno");
    Files.delete(noAnno.resolve("Anno/list_attr_celeba.txt"));
    assertFails(noAnno, noAnno.resolve("Anno/list_attr_celeba.txt") + ": not found (the CelebA attribute file)");

    Path cascade = tmp.resolve("no-such-cascade.xml");
    ArtifactStore clean = ArtifactStore.open(Files.createTempDirectory(tmp, "store-"));
    BadInputException noCascade = assertThrows(BadInputException.class,
        () -> CELEBA.withCascade(cascade).run(clean, request(folder)));
    assertTrue(noCascade.getMessage().startsWith(cascade + ": face cascade not found (install Debian's opencv-data"),
        noCascade.getMessage());
    BadInputException badAttribute = assertThrows(BadInputException.class,
        () -> CELEBA.withAttributes("blond,bald,wings").run(clean, request(folder)));
    assertTrue(badAttribute.getMessage().startsWith("parameter attributes: 'wings' is no CelebA attribute"),
        badAttribute.getMessage());
    StoreAssertions.assertNothingPublished(clean);
  }

  @Test
  void aCorruptPhotoFailsOnFlinkToo() throws IOException {
    Path truncated = copyOfFolder("truncated-flink");
    Path victim = truncated.resolve("img_align_celeba/000016.jpg");
    byte[] jpeg = Files.readAllBytes(victim);
    Files.write(victim, Arrays.copyOf(jpeg, jpeg.length / 2));
    ArtifactStore clean = ArtifactStore.open(Files.createTempDirectory(tmp, "store-"));
    BadInputException e = assertThrows(BadInputException.class, () -> CELEBA.run(clean,
        request(truncated).withRunner(BeamRunner.flink("[local]", 2))));
    assertEquals(victim + ": truncated JPEG image (no end-of-image marker FF D9 at its end)", e.getMessage());
    StoreAssertions.assertNothingPublished(clean);
  }

  private static byte[] image(ImageSplit split, int i) {
    return Arrays.copyOfRange(split.pixels(), i * split.imageBytes(), (i + 1) * split.imageBytes());
  }

  private static void assertFails(Path source, String message) throws IOException {
    ArtifactStore clean = ArtifactStore.open(Files.createTempDirectory(tmp, "store-"));
    BadInputException e = assertThrows(BadInputException.class, () -> CELEBA.run(clean, request(source)));
    assertEquals(message, e.getMessage());
    StoreAssertions.assertNothingPublished(clean);
  }

  private static Path copyOfFolder(String name) throws IOException {
    Path copy = tmp.resolve(name);
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(folder.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return copy;
  }

  /** Every photo by split, in file order, as the fixture's partition file says. */
  private static Map<String, List<String>> expectedSplits() throws IOException {
    Map<String, List<String>> splits = new LinkedHashMap<>();
    List.of("train", "val", "test").forEach(s -> splits.put(s, new ArrayList<>()));
    for (String line : Files.readAllLines(folder.resolve("Eval/list_eval_partition.txt"))) {
      String[] f = line.split(" ");
      splits.get(List.of("train", "val", "test").get(Integer.parseInt(f[1]))).add(f[0]);
    }
    return splits;
  }

  /** The reference's get_class_id: the sum of 2^i over the salient features that are 1. */
  private static Map<String, Integer> referenceLabels() throws IOException {
    Map<String, Integer> labels = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(folder.resolve("Anno/list_attr_celeba.txt"));
    for (String line : lines.subList(2, lines.size())) {
      String[] f = line.trim().split("\\s+");
      int label = 0;
      for (int i = 0; i < REFERENCE_FEATURES.length; i++) {
        if (f[1 + REFERENCE_FEATURES[i]].equals("1")) {
          label += 1 << i;
        }
      }
      labels.put(f[0], label);
    }
    return labels;
  }
}
