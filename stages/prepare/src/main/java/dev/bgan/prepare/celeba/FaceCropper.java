package dev.bgan.prepare.celeba;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.bgan.common.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The reference's CelebA face crop, with its bugs fixed: decode the JPEG (colour, as OpenCV's BGR),
 * find faces on its grayscale with a Haar cascade ({@code detectMultiScale}, scale factor 1.1,
 * 5 neighbours, faces of at least 30x30), and keep the photo only if there is exactly one face;
 * then cut the square {@code x..x+w, y..y+w} (clipped to the photo, as numpy slicing does), resize
 * it to {@code side x side} with area interpolation (the antialiased downscale, as the reference's
 * PIL bicubic resize was) and return it as RGB.
 *
 * <p>Holds a loaded cascade, which is not safe to share between threads: one per worker thread.
 * Crop and close exclude each other, because a runner may tear a worker's instance down from
 * another thread while it is still cropping (the DirectRunner does when another element failed),
 * and native memory freed under a running detection crashes the JVM.
 */
public final class FaceCropper implements AutoCloseable {
  /** Debian's package {@code opencv-data} installs the cascade here. */
  public static final Path DEFAULT_CASCADE =
      Path.of("/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml");
  public static final double SCALE_FACTOR = 1.1;
  public static final int MIN_NEIGHBORS = 5;
  public static final int MIN_FACE_SIDE = 30;
  public static final int CHANNELS = 3;

  private final CascadeClassifier cascade;
  private final int side;
  private boolean closed;

  /** Loads {@code cascadeFile}; a missing or unreadable cascade is the user's error, named. */
  public FaceCropper(Path cascadeFile, int side) {
    if (side < 1) {
      throw new IllegalArgumentException("crop side must be >= 1, got " + side);
    }
    checkCascadeExists(cascadeFile);
    this.cascade = load(cascadeFile);
    this.side = side;
  }

  /** Fails, naming the file and the package that provides it, when the cascade is not there. */
  public static void checkCascadeExists(Path cascadeFile) {
    if (!Files.isRegularFile(cascadeFile)) {
      throw BadInputException.inFile(cascadeFile, "face cascade not found (install Debian's opencv-data package,"
          + " which puts haarcascade_frontalface_default.xml in " + DEFAULT_CASCADE.getParent()
          + ", or give --cascade FILE)");
    }
  }

  private static CascadeClassifier load(Path cascadeFile) {
    CascadeClassifier loaded;
    try {
      loaded = new CascadeClassifier(cascadeFile.toString());
    } catch (RuntimeException e) {
      // OpenCV's parse error: "OpenCV(4.x) <source>:<line>: error: (-212:Parsing error) ... <reason>".
      String message = String.valueOf(e.getMessage()).strip();
      String reason = message.substring(message.lastIndexOf(": ") + 2).lines().findFirst().orElse(message);
      throw BadInputException.inFile(cascadeFile, "is not an OpenCV cascade classifier (" + reason + ")");
    }
    if (loaded.empty()) {
      loaded.close();
      throw BadInputException.inFile(cascadeFile,
          "is not an OpenCV cascade classifier (OpenCV loaded nothing from it)");
    }
    return loaded;
  }

  public int side() {
    return side;
  }

  /** The faces of the JPEG photo {@code file} and, when there is exactly one, its crop. */
  public synchronized FaceCrop crop(Path file) {
    if (closed) {
      throw new IllegalStateException("the face cropper is closed");
    }
    byte[] jpeg = readJpeg(file);
    // Every Mat made below belongs to this scope and is freed when it closes.
    PointerScope scope = new PointerScope();
    try {
      Mat bgr = imdecode(new Mat(jpeg), IMREAD_COLOR);
      if (bgr.empty()) {
        throw BadInputException.inFile(file, "cannot be decoded as a JPEG image");
      }
      Mat gray = new Mat();
      cvtColor(bgr, gray, COLOR_BGR2GRAY);
      RectVector found = new RectVector();
      cascade.detectMultiScale(gray, found, SCALE_FACTOR, MIN_NEIGHBORS, 0,
          new Size(MIN_FACE_SIDE, MIN_FACE_SIDE), new Size());
      List<FaceBox> faces = new ArrayList<>();
      for (long i = 0; i < found.size(); i++) {
        Rect r = found.get(i);
        faces.add(new FaceBox(r.x(), r.y(), r.width(), r.height()));
      }
      if (faces.size() != 1) {
        return new FaceCrop(faces, null);
      }
      return new FaceCrop(faces, squareCrop(bgr, faces.get(0)));
    } finally {
      scope.close();
    }
  }

  /** The square of side w at (x, y): the reference cut x..x+h by mistake, which only square boxes hide. */
  private byte[] squareCrop(Mat bgr, FaceBox face) {
    int width = Math.min(face.width(), bgr.cols() - face.x());
    int height = Math.min(face.width(), bgr.rows() - face.y());
    Mat square = bgr.apply(new Rect(face.x(), face.y(), width, height));
    Mat resized = new Mat();
    resize(square, resized, new Size(side, side), 0, 0, INTER_AREA);
    Mat rgb = new Mat();
    cvtColor(resized, rgb, COLOR_BGR2RGB);
    byte[] pixels = new byte[side * side * CHANNELS];
    rgb.data().get(pixels);
    return pixels;
  }

  /**
   * The file's bytes, which must be a whole JPEG: decoders fill a truncated one with gray and go
   * on, so a missing end-of-image marker is caught here.
   */
  private static byte[] readJpeg(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw BadInputException.inFile(file, "image not found");
    } catch (IOException e) {
      throw BadInputException.inFile(file, "cannot read (" + e.getMessage() + ")");
    }
    int n = bytes.length;
    if (n < 4 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
      throw BadInputException.inFile(file, "not a JPEG image (no start-of-image marker FF D8)");
    }
    if ((bytes[n - 2] & 0xff) != 0xff || (bytes[n - 1] & 0xff) != 0xd9) {
      throw BadInputException.inFile(file, "truncated JPEG image (no end-of-image marker FF D9 at its end)");
    }
    return bytes;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      cascade.close();
    }
  }
}
