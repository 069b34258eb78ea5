package dev.bgan.prepare.celeba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.testing.CelebaTestFolder;
import dev.bgan.testing.CelebaTestFolder.ReferenceCrop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java crop (OpenCV 4.13 through JavaCPP) against Debian's Python OpenCV (4.6) running the same
 * cascade with the same parameters, crop and resize on real photos: the same JPEG decoding, the same
 * face boxes and the same crop bytes, exactly.
 */
class FaceCropperTest {
  @TempDir static Path tmp;
  private static Path folder;
  private static Map<String, String> kinds;

  @BeforeAll
  static void writeFolder() {
    folder = tmp.resolve("celeba");
    kinds = CelebaTestFolder.write(folder, 20, 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {50, 32})
  void facesAndCropsMatchPythonOpenCvExactly(int side) throws IOException {
    Map<String, ReferenceCrop> reference =
        CelebaTestFolder.crops(folder, side, Files.createDirectories(tmp.resolve("reference-" + side)));
    assertEquals(kinds.keySet(), reference.keySet());
    int kept = 0;
    try (FaceCropper cropper = new FaceCropper(FaceCropper.DEFAULT_CASCADE, side)) {
      for (String name : kinds.keySet()) {
        FaceCrop crop = cropper.crop(image(name));
        ReferenceCrop expected = reference.get(name);
        assertEquals(boxes(expected.boxes()), boxes(crop.faces()), name);
        int wantedFaces = switch (kinds.get(name)) {
          case "one" -> 1;
          case "none" -> 0;
          default -> 2;
        };
        assertEquals(wantedFaces, crop.faces().size(), name + " was made to hold " + kinds.get(name));
        if (crop.kept()) {
          assertEquals(side * side * 3, crop.rgb().length);
          assertArrayEquals(expected.rgb(), crop.rgb(), name);
          kept++;
        } else {
          assertEquals(wantedFaces == 0 ? "no face found" : "2 faces found", crop.exclusionReason());
        }
      }
    }
    assertEquals(18, kept);
  }

  @Test
  void cropIsTheSquareOfTheBoxInRgbOrder() throws IOException {
    // Resized to 1x1 by area, the crop is the mean colour of its square: computed by hand from
    // Python's decoding over x..x+w, y..y+w, it checks the square and the channel order (the
    // astronaut's colour photo has R and B means far apart) without OpenCV's resize.
    Map<String, byte[]> decoded = CelebaTestFolder.decoded(folder, Files.createDirectories(tmp.resolve("decoded")));
    try (FaceCropper cropper = new FaceCropper(FaceCropper.DEFAULT_CASCADE, 1)) {
      String name = "000001.jpg";
      FaceBox box = cropper.crop(image(name)).faces().get(0);
      byte[] rgb = decoded.get(name);
      long[] sum = new long[3];
      for (int y = box.y(); y < box.y() + box.width(); y++) {
        for (int x = box.x(); x < box.x() + box.width(); x++) {
          for (int c = 0; c < 3; c++) {
            sum[c] += rgb[(y * 178 + x) * 3 + c] & 0xff;
          }
        }
      }
      byte[] mean = cropper.crop(image(name)).rgb();
      for (int c = 0; c < 3; c++) {
        double expected = (double) sum[c] / ((long) box.width() * box.width());
        assertEquals(expected, mean[c] & 0xff, 0.5 + 1e-9, "channel " + c + " of the 1x1 area resize is the mean");
      }
    }
  }

  @Test
  void truncatedGarbageAndMissingImagesAreNamedErrors() throws IOException {
    byte[] jpeg = Files.readAllBytes(image("000001.jpg"));
    Path truncated = Files.write(tmp.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    Path garbage = Files.write(tmp.resolve("garbage.jpg"), "not an image at all".getBytes());
    byte[] scrambled = jpeg.clone();
    Arrays.fill(scrambled, 2, scrambled.length - 2, (byte) 0x55);
    Path scrambledFile = Files.write(tmp.resolve("scrambled.jpg"), scrambled);
    Path skimageTruncated = Path.of("/usr/lib/python3/dist-packages/skimage/data/truncated.jpg");
    try (FaceCropper cropper = new FaceCropper(FaceCropper.DEFAULT_CASCADE, 50)) {
      assertEquals(truncated + ": truncated JPEG image (no end-of-image marker FF D9 at its end)",
          assertThrows(BadInputException.class, () -> cropper.crop(truncated)).getMessage());
      assertEquals(skimageTruncated + ": truncated JPEG image (no end-of-image marker FF D9 at its end)",
          assertThrows(BadInputException.class, () -> cropper.crop(skimageTruncated)).getMessage());
      assertEquals(garbage + ": not a JPEG image (no start-of-image marker FF D8)",
          assertThrows(BadInputException.class, () -> cropper.crop(garbage)).getMessage());
      assertEquals(scrambledFile + ": cannot be decoded as a JPEG image",
          assertThrows(BadInputException.class, () -> cropper.crop(scrambledFile)).getMessage());
      Path missing = tmp.resolve("missing.jpg");
      assertEquals(missing + ": image not found",
          assertThrows(BadInputException.class, () -> cropper.crop(missing)).getMessage());
    }
  }

  @Test
  void missingOrInvalidCascadeIsANamedError() throws IOException {
    Path missing = tmp.resolve("no-such-cascade.xml");
    BadInputException absent = assertThrows(BadInputException.class, () -> new FaceCropper(missing, 50));
    assertEquals(missing + ": face cascade not found (install Debian's opencv-data package, which puts"
        + " haarcascade_frontalface_default.xml in /usr/share/opencv4/haarcascades, or give --cascade FILE)",
        absent.getMessage());
    Path notXml = Files.writeString(tmp.resolve("not-xml.xml"), "a cascade this is not");
    Path noCascade = Files.writeString(tmp.resolve("no-cascade.xml"),
        "<?xml version=\"1.0\"?>\n<opencv_storage>\n<model><size>3</size></model>\n</opencv_storage>\n");
    for (Path broken : List.of(notXml, noCascade)) {
      String message = assertThrows(BadInputException.class, () -> new FaceCropper(broken, 50)).getMessage();
      // OpenCV's own reason follows, e.g. "(-5:Bad argument) Input file is invalid in function 'open'".
      assertTrue(message.startsWith(broken + ": is not an OpenCV cascade classifier ("), message);
      assertEquals(1, message.lines().count(), message);
    }
  }

  private static Path image(String name) {
    return folder.resolve("img_align_celeba").resolve(name);
  }

  private static List<String> boxes(List<?> boxes) {
    return boxes.stream().map(b -> b instanceof int[] a ? new FaceBox(a[0], a[1], a[2], a[3]) : (FaceBox) b)
        .sorted(Comparator.comparingInt(FaceBox::x).thenComparingInt(FaceBox::y))
        .map(FaceBox::toString).toList();
  }
}
