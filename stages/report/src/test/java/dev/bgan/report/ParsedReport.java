package dev.bgan.report;

import dev.bgan.artifact.Artifact;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A report page parsed into a DOM (it is well-formed XML by design), queried with XPath. */
final class ParsedReport {
  private static final String DATA_PNG = "data:image/png;base64,";

  final String html;
  private final Document document;

  private ParsedReport(String html, Document document) {
    this.html = html;
    this.document = document;
  }

  static ParsedReport of(Artifact report) throws Exception {
    String html = Files.readString(report.file(ReportStage.REPORT_FILE), StandardCharsets.UTF_8);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setExpandEntityReferences(false);
    Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
    return new ParsedReport(html, document);
  }

  List<Element> select(String xpath) throws XPathExpressionException {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  Element one(String xpath) throws XPathExpressionException {
    List<Element> found = select(xpath);
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " elements match " + xpath);
    }
    return found.get(0);
  }

  List<String> texts(String xpath) throws XPathExpressionException {
    return select(xpath).stream().map(e -> e.getTextContent()).toList();
  }

  static byte[] pngBytes(Element img) {
    String src = img.getAttribute("src");
    if (!src.startsWith(DATA_PNG)) {
      throw new AssertionError("img src is not a PNG data URI: " + src.substring(0, Math.min(60, src.length())));
    }
    return Base64.getDecoder().decode(src.substring(DATA_PNG.length()));
  }

  static BufferedImage image(Element img) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(pngBytes(img)));
    if (image == null) {
      throw new AssertionError("img src does not decode as an image");
    }
    return image;
  }
}
