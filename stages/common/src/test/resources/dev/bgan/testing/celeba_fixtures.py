"""CelebA-layout folders for tests, made of real photos, and what Python's OpenCV makes of them.

Commands (each prints "key value" lines):
  folder DIR COUNT SEED     DIR/img_align_celeba/000001.jpg ... (178x218 JPEGs, quality 95),
                            DIR/Anno/list_attr_celeba.txt (40 attributes of +-1 drawn from SEED)
                            and DIR/Eval/list_eval_partition.txt (about 60% train, 20% val, 20% test).
                            COUNT - 2 photos hold one face: scikit-image's astronaut (colour) at
                            several scales, shifts and mirrored, and faces of its LFW subset (gray,
                            upscaled); one holds no face (scikit-image's coffee, rocket or cat photo)
                            and one two faces pasted side by side. Each photo is checked with the
                            cascade, after the JPEG round trip, to hold what it is meant to.
                            Prints "kind NAME one|none|two" per photo.
  crop DIR SIZE OUT         the reference crop of every DIR/img_align_celeba/*.jpg: cv2.imread,
                            grayscale, detectMultiScale(1.1, 5, minSize 30x30); with exactly one
                            face, img[y:y+w, x:x+w] resized to SIZExSIZE (INTER_AREA), as RGB bytes
                            in OUT/NAME.rgb. Prints "faces NAME N" and "box NAME x y w h" per face.
  decoded DIR OUT           cv2.imread of every DIR/img_align_celeba/*.jpg as RGB bytes in
                            OUT/NAME.rgb, and "shape NAME h w".
"""
import os
import sys

import cv2
import numpy as np
import skimage.data

CASCADE = cv2.CascadeClassifier(os.path.join(
    '/usr/share/opencv4/haarcascades', 'haarcascade_frontalface_default.xml'))
assert not CASCADE.empty(), 'Debian package opencv-data provides the cascade'
WIDTH, HEIGHT = 178, 218
ATTRIBUTES = ('5_o_Clock_Shadow Arched_Eyebrows Attractive Bags_Under_Eyes Bald Bangs Big_Lips Big_Nose '
              'Black_Hair Blond_Hair Blurry Brown_Hair Bushy_Eyebrows Chubby Double_Chin Eyeglasses Goatee '
              'Gray_Hair Heavy_Makeup High_Cheekbones Male Mouth_Slightly_Open Mustache Narrow_Eyes No_Beard '
              'Oval_Face Pale_Skin Pointy_Nose Receding_Hairline Rosy_Cheeks Sideburns Smiling Straight_Hair '
              'Wavy_Hair Wearing_Earrings Wearing_Hat Wearing_Lipstick Wearing_Necklace Wearing_Necktie '
              'Young').split()
assert len(ATTRIBUTES) == 40


def faces(bgr):
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    return CASCADE.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(30, 30))


def photo(name):
    rgb = getattr(skimage.data, name)()
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def jpeg_round_trip(bgr):
    ok, encoded = cv2.imencode('.jpg', bgr, [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    return encoded.tobytes(), cv2.imdecode(encoded, cv2.IMREAD_COLOR)


def window(bgr, cx, cy):
    """The 178x218 window centred on (cx, cy), shifted to lie inside the photo."""
    h, w = bgr.shape[:2]
    x0 = int(min(max(cx - WIDTH // 2, 0), w - WIDTH))
    y0 = int(min(max(cy - HEIGHT // 2, 0), h - HEIGHT))
    return np.ascontiguousarray(bgr[y0:y0 + HEIGHT, x0:x0 + WIDTH])


def astronauts():
    """The astronaut's face (about 95 px wide at scale 1) framed as CelebA frames faces."""
    base = photo('astronaut')
    fx, fy = 177 + 47, 66 + 47
    for scale in (1.0, 1.15, 1.3, 1.45, 0.85):
        scaled = cv2.resize(base, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        for dx, dy in ((0, 0), (-12, 8), (10, -6)):
            for mirror in (False, True):
                img = window(scaled, int(fx * scale) + dx, int(fy * scale) + dy)
                yield np.ascontiguousarray(img[:, ::-1]) if mirror else img


def lfw_faces():
    """The 100 faces of the LFW subset, 25x25 gray, upscaled to 178x178 and padded to 178x218."""
    lfw = np.load(os.path.join(os.path.dirname(skimage.data.__file__), 'lfw_subset.npy'))
    for i in range(100):
        gray = (lfw[i] * 255).round().astype(np.uint8)
        big = cv2.resize(gray, (WIDTH, WIDTH), interpolation=cv2.INTER_CUBIC)
        pad = (HEIGHT - WIDTH) // 2
        big = cv2.copyMakeBorder(big, pad, HEIGHT - WIDTH - pad, 0, 0, cv2.BORDER_REPLICATE)
        yield cv2.cvtColor(big, cv2.COLOR_GRAY2BGR)


def no_faces():
    for name in ('coffee', 'rocket', 'chelsea'):
        img = photo(name)
        yield cv2.resize(img, (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA)


def two_faces():
    """Two faces side by side, each 89 px wide, over a real background (the coffee photo)."""
    background = cv2.resize(photo('coffee'), (WIDTH, HEIGHT), interpolation=cv2.INTER_AREA)
    astronaut = photo('astronaut')[40:200, 145:305]
    half = WIDTH // 2
    for left, right in ((astronaut, next(lfw_faces())[20:198]), (astronaut, astronaut[:, ::-1])):
        img = background.copy()
        img[60:60 + half, 0:half] = cv2.resize(left, (half, half), interpolation=cv2.INTER_AREA)
        img[60:60 + half, half:2 * half] = cv2.resize(right, (half, half), interpolation=cv2.INTER_AREA)
        yield img


def first(candidates, wanted, used):
    for img in candidates:
        encoded, decoded = jpeg_round_trip(img)
        if encoded not in used and len(faces(decoded)) == wanted:
            used.add(encoded)
            return encoded
    raise AssertionError('no candidate photo has %d faces' % wanted)


def folder(root, count, seed):
    count, seed = int(count), int(seed)
    assert count >= 4
    images = os.path.join(root, 'img_align_celeba')
    os.makedirs(images)
    os.makedirs(os.path.join(root, 'Anno'))
    os.makedirs(os.path.join(root, 'Eval'))
    used = set()
    one_face = [img for pair in zip(astronauts(), lfw_faces()) for img in pair]
    kinds = ['one'] * (count - 2)
    # The photos without exactly one face sit in the middle (train), so that kept indices shift.
    kinds.insert(count // 3, 'none')
    kinds.insert(count // 3 + 2, 'two')
    candidates = iter(one_face)
    names = []
    for n, kind in enumerate(kinds):
        name = '%06d.jpg' % (n + 1)
        if kind == 'one':
            encoded = first(candidates, 1, used)
        elif kind == 'none':
            encoded = first(no_faces(), 0, used)
        else:
            encoded = first(two_faces(), 2, used)
        with open(os.path.join(images, name), 'wb') as f:
            f.write(encoded)
        names.append(name)
        print('kind', name, kind)
    rng = np.random.default_rng(seed)
    values = np.where(rng.random((count, 40)) < 0.5, -1, 1)
    with open(os.path.join(root, 'Anno', 'list_attr_celeba.txt'), 'w') as f:
        f.write('%d\n' % count)
        f.write(' '.join(ATTRIBUTES) + ' \n')
        for name, row in zip(names, values):
            f.write(name + ' ' + ' '.join('%2d' % v for v in row) + '\n')
    with open(os.path.join(root, 'Eval', 'list_eval_partition.txt'), 'w') as f:
        for n, name in enumerate(names):
            f.write('%s %d\n' % (name, 0 if n < 0.6 * count else 1 if n < 0.8 * count else 2))


def jpegs(root):
    images = os.path.join(root, 'img_align_celeba')
    return [(name, os.path.join(images, name)) for name in sorted(os.listdir(images)) if name.endswith('.jpg')]


def crop(root, size, out):
    size = int(size)
    os.makedirs(out, exist_ok=True)
    for name, path in jpegs(root):
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        found = faces(img)
        print('faces', name, len(found))
        for x, y, w, h in found:
            print('box', name, x, y, w, h)
        if len(found) == 1:
            x, y, w, h = found[0]
            square = img[y:y + w, x:x + w]
            small = cv2.resize(square, (size, size), interpolation=cv2.INTER_AREA)
            with open(os.path.join(out, name + '.rgb'), 'wb') as f:
                f.write(cv2.cvtColor(small, cv2.COLOR_BGR2RGB).tobytes())


def decoded(root, out):
    os.makedirs(out, exist_ok=True)
    for name, path in jpegs(root):
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        print('shape', name, img.shape[0], img.shape[1])
        with open(os.path.join(out, name + '.rgb'), 'wb') as f:
            f.write(cv2.cvtColor(img, cv2.COLOR_BGR2RGB).tobytes())


{'folder': folder, 'crop': crop, 'decoded': decoded}[sys.argv[1]](*sys.argv[2:])
