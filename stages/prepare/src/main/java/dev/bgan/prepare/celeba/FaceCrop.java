package dev.bgan.prepare.celeba;

import java.util.List;

/**
 * What the face crop made of one photo: every face found and, when there was exactly one, its
 * square as {@code side x side x 3} RGB bytes (HWC); otherwise no pixels, and the photo is excluded.
 */
public record FaceCrop(List<FaceBox> faces, byte[] rgb) {
  public FaceCrop {
    faces = List.copyOf(faces);
    if ((rgb != null) != (faces.size() == 1)) {
      throw new IllegalArgumentException("pixels come with exactly one face, got " + faces.size() + " faces and "
          + (rgb == null ? "no pixels" : "pixels"));
    }
  }

  public boolean kept() {
    return rgb != null;
  }

  /** Why the photo is left out: "no face found" or "N faces found". */
  public String exclusionReason() {
    if (kept()) {
      throw new IllegalStateException("the photo is kept");
    }
    return exclusionReason(faces.size());
  }

  public static String exclusionReason(int faces) {
    return faces == 0 ? "no face found" : faces + " faces found";
  }
}
