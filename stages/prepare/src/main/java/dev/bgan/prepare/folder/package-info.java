/**
 * Custom datasets from a folder of PNG and JPEG images, one sub-folder per class under
 * {@code train/} and {@code test/} (torchvision's ImageFolder layout), decoded with the JDK's ImageIO.
 */
package dev.bgan.prepare.folder;
