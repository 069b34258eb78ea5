package dev.bgan.prepare.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bgan.common.BadInputException;
import dev.bgan.dataset.ImageRecord;
import dev.bgan.dataset.NpyArray;
import dev.bgan.prepare.DatasetWarnings;
import dev.bgan.proto.DatasetSummary;
import dev.bgan.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image folders written by Debian's python3 with PIL: scikit-learn's digits as grayscale PNG, crops
 * of scikit-image's astronaut photo as RGB PNG and JPEG; decoded pixels compared with PIL's decoding
 * of the same files, which the script saves as .npy (one array per split, in the dataset's order).
 */
@Tag("real-data")
class ImageFolderDatasetTest {
  private static final String WRITE = """
      import os, sys, numpy as np
      from PIL import Image
      from sklearn.datasets import load_digits
      from skimage import data
      d = sys.argv[1]
      def save(root, split, cls, name, array, fmt, **kw):
          os.makedirs('%s/%s/%s/%s' % (d, root, split, cls), exist_ok=True)
          Image.fromarray(array).save('%s/%s/%s/%s/%s' % (d, root, split, cls, name), fmt, **kw)
      def expect(root, ext):
          for split in ('train', 'test'):
              arrays = []
              for cls in sorted(os.listdir('%s/%s/%s' % (d, root, split))):
                  for f in sorted(os.listdir('%s/%s/%s/%s' % (d, root, split, cls))):
                      a = np.asarray(Image.open('%s/%s/%s/%s/%s' % (d, root, split, cls, f)))
                      arrays.append(a if a.ndim == 3 else a[..., None])
              np.save('%s/%s.%s.npy' % (d, root, split), np.stack(arrays))
      digits = load_digits()
      for i in range(60):
          img = np.rint(digits.images[i] * 255 / 16).astype(np.uint8)
          save('digits', 'test' if i % 6 == 0 else 'train', 'digit%d' % digits.target[i], '%03d.png' % i, img, 'PNG')
      expect('digits', 'png')
      astronaut = data.astronaut()
      for i in range(12):
          y, x = 24 * i, 16 * i
          crop = np.ascontiguousarray(astronaut[y:y + 20, x:x + 24])
          cls = 'upper' if i < 6 else 'lower'
          save('photos_png', 'test' if i % 3 == 0 else 'train', cls, 'a%02d.png' % i, crop, 'PNG')
          save('photos_jpeg', 'test' if i % 3 == 0 else 'train', cls, 'a%02d.jpg' % i, crop, 'JPEG', quality=90)
      expect('photos_png', 'png')
      expect('photos_jpeg', 'jpg')
      """;

  @TempDir static Path dir;

  @BeforeAll
  static void writeFolders() {
    Python.run(List.of("numpy", "PIL", "sklearn", "skimage"), WRITE, dir.toString());
  }

  /** The records of both splits, in order, as one uint8 array. */
  private static byte[] pixels(ImageFolderDataset dataset, String split) {
    long count = dataset.summary().getSplitsList().stream().filter(s -> s.getName().equals(split)).findFirst()
        .orElseThrow().getCount();
    List<ImageRecord> records = dataset.reader(split).read(0, count);
    byte[] out = new byte[records.stream().mapToInt(r -> r.pixels().length).sum()];
    int at = 0;
    for (ImageRecord r : records) {
      System.arraycopy(r.pixels(), 0, out, at, r.pixels().length);
      at += r.pixels().length;
    }
    return out;
  }

  @Test
  void grayscalePngDigitsEqualPilsDecoding() {
    ImageFolderDataset digits = ImageFolderDataset.load(dir.resolve("digits"), "digits");
    DatasetSummary summary = digits.summary();
    assertEquals(List.of(8, 8, 1), List.of(summary.getHeight(), summary.getWidth(), summary.getChannels()));
    assertEquals(List.of("digit0", "digit1", "digit2", "digit3", "digit4", "digit5", "digit6", "digit7", "digit8",
        "digit9"), summary.getClassNamesList());
    assertEquals(50, summary.getSplits(0).getCount());
    assertEquals(10, summary.getSplits(1).getCount());
    for (String split : ImageFolderDataset.SPLITS) {
      assertArrayEquals(NpyArray.read(dir.resolve("digits." + split + ".npy")).toUint8(), pixels(digits, split), split);
    }
    assertEquals(60, digits.sourceFiles().size(), "every image is a source file");
    assertEquals("train/digit0/010.png", digits.sourceFiles().get(0).getName());
  }

  @Test
  void rgbPngEqualsPilsDecodingAndJpegIsClose() {
    ImageFolderDataset png = ImageFolderDataset.load(dir.resolve("photos_png"), "photos");
    assertEquals(List.of(20, 24, 3), List.of(png.summary().getHeight(), png.summary().getWidth(),
        png.summary().getChannels()));
    assertEquals(List.of("lower", "upper"), png.summary().getClassNamesList());
    for (String split : ImageFolderDataset.SPLITS) {
      assertArrayEquals(NpyArray.read(dir.resolve("photos_png." + split + ".npy")).toUint8(), pixels(png, split), split);
    }
    // JPEG decoders may round the inverse DCT and the colour conversion differently: ImageIO and
    // libjpeg (PIL) agree to within a few levels, and on most samples exactly.
    ImageFolderDataset jpeg = ImageFolderDataset.load(dir.resolve("photos_jpeg"), "photos");
    for (String split : ImageFolderDataset.SPLITS) {
      byte[] pil = NpyArray.read(dir.resolve("photos_jpeg." + split + ".npy")).toUint8();
      byte[] java = pixels(jpeg, split);
      assertEquals(pil.length, java.length);
      int max = 0;
      long sum = 0;
      for (int i = 0; i < pil.length; i++) {
        int diff = Math.abs((pil[i] & 0xff) - (java[i] & 0xff));
        max = Math.max(max, diff);
        sum += diff;
      }
      assertTrue(max <= 4 && sum / (double) pil.length < 0.5, split + ": max diff " + max + ", mean "
          + sum / (double) pil.length);
    }
  }

  private static final String BAD = """
      import os, shutil, sys, numpy as np
      from PIL import Image
      src, d, case = sys.argv[1:4]
      shutil.copytree(src, d)
      f = d + '/train/digit1/001.png'
      if case == 'size':
          Image.fromarray(np.zeros((9, 8), np.uint8)).save(f)
      elif case == 'rgba':
          Image.fromarray(np.zeros((8, 8, 4), np.uint8)).save(f)
      elif case == 'rgb':
          Image.fromarray(np.zeros((8, 8, 3), np.uint8)).save(f)
      elif case == 'text':
          open(d + '/train/digit1/notes.txt', 'w').write('hello')
      elif case == 'corrupt':
          data = open(f, 'rb').read()
          open(f, 'wb').write(data[:40])
      elif case == 'no_test':
          shutil.rmtree(d + '/test')
      elif case == 'test_class':
          os.makedirs(d + '/test/cat')
      elif case == 'huge':
          import struct, zlib
          def chunk(kind, data):
              return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
          open(f, 'wb').write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 30000, 8, 0, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(b'\\x00' * 30001)) + chunk(b'IEND', b''))
      elif case == 'outside_link':
          shutil.copy(f, d + '/../outside.png')
          os.remove(f)
          os.symlink(os.path.abspath(d + '/../outside.png'), f)
      """;

  private static void assertRefused(String badCase, String file, String problem) {
    Path target = dir.resolve("bad_" + badCase);
    Python.run(List.of("numpy", "PIL"), BAD, dir.resolve("digits").toString(), target.toString(), badCase);
    BadInputException e = assertThrows(BadInputException.class, () -> ImageFolderDataset.load(target, "digits"));
    assertTrue(e.getMessage().startsWith(target.resolve(file) + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage() + " should say " + problem);
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void badFoldersAreRefusedNamingTheFile() throws IOException {
    assertRefused("size", "train/digit1/001.png", "is 9x8x1, but");
    assertRefused("rgba", "train/digit1/001.png", "has an alpha channel");
    assertRefused("rgb", "train/digit1/001.png", "is 8x8x3, but");
    assertRefused("text", "train/digit1/notes.txt", "is not a .png, .jpg or .jpeg file");
    assertRefused("corrupt", "train/digit1/001.png", "decode");
    assertRefused("no_test", "test", "not found: an image folder is laid out as DIR/train/<class>/");
    assertRefused("test_class", "test/cat", "is a class the train split does not have");
    assertRefused("huge", "train/digit1/001.png", "is 30000x30000 pixels; images up to 4096 pixels a side are read");
    assertRefused("outside_link", "train/digit1/001.png", "outside " + dir.resolve("bad_outside_link"));
    Path flat = Files.createDirectories(dir.resolve("flat"));
    Files.copy(dir.resolve("digits/train/digit1/001.png"), flat.resolve("001.png"));
    BadInputException e = assertThrows(BadInputException.class, () -> ImageFolderDataset.load(flat, "flat"));
    assertTrue(e.getMessage().contains("DIR/train/<class>/<image>.png|.jpg and DIR/test/<class>/"), e.getMessage());
  }

  /** A folder of copies of one digits PNG: {@code layout} names split/class/file paths; an empty name makes a folder. */
  private static ImageFolderDataset folder(String name, String... layout) throws IOException {
    Path root = dir.resolve(name);
    for (String entry : layout) {
      Path target = root.resolve(entry);
      if (entry.endsWith(".png")) {
        Files.createDirectories(target.getParent());
        Files.copy(dir.resolve("digits/train/digit1/001.png"), target);
      } else {
        Files.createDirectories(target);
      }
    }
    return ImageFolderDataset.load(root, "digits");
  }

  @Test
  void classesOnlyInTheTestSplitAndASingleTrainClassAreWarnedAboutNamingTheSplitFolder() throws IOException {
    ImageFolderDataset testOnly = folder("test_only", "train/ant/0.png", "train/cat/1.png", "train/dog", "test/cat/2.png",
        "test/dog/3.png");
    assertEquals(List.of(dir.resolve("test_only/test") + ": test label 2 (dog) never occurs in train: no model can"
        + " learn it; the dataset publishes 3 classes"), DatasetWarnings.of(testOnly));
    ImageFolderDataset oneClass = folder("one_class", "train/cat/1.png", "train/cat/2.png", "test/cat/3.png");
    assertEquals(List.of(dir.resolve("one_class/train") + ": every train label is 0 (cat): one class is fine for"
        + " unsupervised training, but semi-supervised training needs at least 2 and will refuse it"),
        DatasetWarnings.of(oneClass));
    assertEquals(List.of(), DatasetWarnings.of(ImageFolderDataset.load(dir.resolve("digits"), "digits")));
  }

  @Test
  void aLinkedClassFolderLeadingOutsideIsRefusedAsALinkedImageIs() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("elsewhere/dog"));
    Files.copy(dir.resolve("digits/train/digit1/001.png"), outside.resolve("3.png"));
    Path root = dir.resolve("linked_class");
    for (String file : List.of("train/cat/1.png", "test/cat/2.png")) {
      Files.createDirectories(root.resolve(file).getParent());
      Files.copy(dir.resolve("digits/train/digit1/001.png"), root.resolve(file));
    }
    Files.createSymbolicLink(root.resolve("train/dog"), outside);
    BadInputException e = assertThrows(BadInputException.class, () -> ImageFolderDataset.load(root, "digits"));
    assertEquals(root.resolve("train/dog/3.png") + ": is, through a linked folder, " + outside.toRealPath()
        .resolve("3.png") + ", outside " + root + "; copy the image into the folder", e.getMessage());
    // A link within the folder is read as before.
    Files.delete(root.resolve("train/dog"));
    Files.createSymbolicLink(root.resolve("train/dog"), root.resolve("train/cat"));
    assertEquals(2, ImageFolderDataset.load(root, "digits").summary().getNumClasses());
  }
}
