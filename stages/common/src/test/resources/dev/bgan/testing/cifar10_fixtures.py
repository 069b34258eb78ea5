"""CIFAR-10 python batches for tests, in the layout of the real files, and what numpy makes of them.

Commands (each prints "key value" lines):
  batches DIR STYLE SIZES SEED   the seven files in DIR; SIZES: six batch sizes, comma-separated
                                 (data_batch_1..5, test_batch); STYLE:
                                   python2   pickles as Python 2's cPickle wrote the official files
                                             (protocol 2, str keys, BINSTRING data), written opcode by
                                             opcode since no Python 2 is at hand
                                   python3   pickle.dump(protocol=2) of the same dicts with bytes keys,
                                             as Python 3 re-pickles what it loads with encoding='bytes'
                                             (bytes become _codecs.encode calls); test labels are
                                             numpy int64 scalars
                                   protocol5 pickle.dump(protocol=5), str keys, labels an int64 array
  archive DIR TARGZ [ENTRY]      DIR as cifar-10-batches-py/ in a .tar.gz, and a file named ENTRY
                                 (such as ../escaped) if given; prints its MD5
  defects DIR                    for each KIND of DEFECTS, DIR/KIND: a python3-style batch of 10
                                 images with that defect (or a batches.meta, for nine_names)
  pickle DIR PROTOCOLS EXPR      the value of the Python expression EXPR (np is numpy) pickled with
                                 each of PROTOCOLS (comma-separated) as DIR/protocol-N.pkl
  hostile DIR MARKERS            pickles that run a command when Python loads them; each would
                                 create MARKERS/<name>. Python loading a twin of each (creating
                                 MARKERS/python-<name>) proves they do.
"""
import hashlib
import io
import os
import pickle
import struct
import sys
import tarfile

import numpy as np

LABEL_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
BATCH_NAMES = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']
ROW = 3072


def out(key, value):
    print(key, value)


# ---- Python 2 pickles, opcode by opcode (protocol 2 as cPickle writes it) ----

class Py2Pickle:
    def __init__(self):
        self.parts = [b'\x80\x02']
        self.memo = 0

    def put(self):
        # cPickle memoizes every container, string and global with BINPUT.
        self.memo += 1
        self.parts.append(b'q' + bytes([self.memo]) if self.memo < 256 else b'r' + struct.pack('<i', self.memo))

    def str(self, b):
        self.parts.append(b'U' + bytes([len(b)]) + b if len(b) < 256 else b'T' + struct.pack('<i', len(b)) + b)
        self.put()

    def int(self, v):
        if 0 <= v < 256:
            self.parts.append(b'K' + bytes([v]))
        elif 0 <= v < 65536:
            self.parts.append(b'M' + struct.pack('<H', v))
        else:
            self.parts.append(b'J' + struct.pack('<i', v))

    def glob(self, module, name):
        self.parts.append(b'c' + module + b'\n' + name + b'\n')
        self.put()

    def ndarray_uint8(self, array):
        # numpy 1.x's ndarray.__reduce__: _reconstruct(ndarray, (0,), 'b'), then BUILD with
        # (1, shape, dtype('u1'), False, raw bytes); dtype('u1', 0, 1) BUILD (3, '|', ...).
        self.glob(b'numpy.core.multiarray', b'_reconstruct')
        self.glob(b'numpy', b'ndarray')
        self.parts.append(b'K\x00\x85')
        self.put()
        self.str(b'b')
        self.parts.append(b'\x87R')
        self.put()
        self.parts.append(b'(K\x01')
        for d in array.shape:
            self.int(d)
        self.parts.append({1: b'\x85', 2: b'\x86', 3: b'\x87'}[array.ndim])
        self.put()
        self.glob(b'numpy', b'dtype')
        self.str(b'u1')
        self.parts.append(b'K\x00K\x01\x87R')
        self.put()
        self.parts.append(b'(K\x03')
        self.str(b'|')
        self.parts.append(b'NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89')
        self.str(array.tobytes())
        self.parts.append(b'tb')

    def list(self, items, write):
        # cPickle appends in chunks of 1000.
        self.parts.append(b']')
        self.put()
        for start in range(0, len(items), 1000):
            self.parts.append(b'(')
            for item in items[start:start + 1000]:
                write(item)
            self.parts.append(b'e')

    def value(self, v):
        if isinstance(v, np.ndarray):
            self.ndarray_uint8(v)
        elif isinstance(v, bytes):
            self.str(v)
        elif isinstance(v, int):
            self.int(v)
        else:
            self.list(v, self.value)

    def dict(self, d):
        self.parts.append(b'}')
        self.put()
        self.parts.append(b'(')
        for k, v in d.items():
            self.str(k)
            self.value(v)
        self.parts.append(b'u.')
        return b''.join(self.parts)


def dump_python2(d, path):
    blob = Py2Pickle().dict(d)
    # The way Python 3 reads the official batches; it must give back what was written.
    loaded = pickle.loads(blob, encoding='bytes')
    assert set(loaded) == set(d), (set(loaded), set(d))
    for k, v in d.items():
        assert np.array_equal(loaded[k], v) if isinstance(v, np.ndarray) else loaded[k] == v, k
    with open(path, 'wb') as f:
        f.write(blob)


def text(s, style):
    return s.encode('latin-1') if style in ('python2', 'python3') else s


def write_batch(path, style, data, labels, batch_label, test):
    t = lambda s: text(s, style)
    filenames = [t('image_%06d.png' % i) for i in range(len(labels))]
    if style == 'python2':
        dump_python2({b'data': data, b'labels': [int(l) for l in labels], b'batch_label': batch_label.encode(),
                      b'filenames': filenames}, path)
        return
    if style == 'python3':
        pickled_labels = [np.int64(l) for l in labels] if test else [int(l) for l in labels]
    else:
        pickled_labels = np.asarray(labels, dtype=np.int64)
    d = {t('data'): data, t('labels'): pickled_labels, t('batch_label'): t(batch_label), t('filenames'): filenames}
    with open(path, 'wb') as f:
        pickle.dump(d, f, protocol=2 if style == 'python3' else 5)


def write_meta(path, style):
    t = lambda s: text(s, style)
    d = {t('num_cases_per_batch'): 10000, t('label_names'): [t(n) for n in LABEL_NAMES], t('num_vis'): ROW}
    if style == 'python2':
        dump_python2(d, path)
    else:
        with open(path, 'wb') as f:
            pickle.dump(d, f, protocol=2 if style == 'python3' else 5)


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def batches(directory, style, sizes, seed):
    rng = np.random.default_rng(seed)
    os.makedirs(directory, exist_ok=True)
    splits = {'train': ([], []), 'test': ([], [])}
    for i, (name, n) in enumerate(zip(BATCH_NAMES, sizes)):
        test = name == 'test_batch'
        # Values 3..252, so that the pixel range is not merely 0..255.
        data = rng.integers(3, 253, size=(n, ROW), dtype=np.uint8)
        labels = rng.integers(0, 10, size=n)
        batch_label = 'testing batch 1 of 1' if test else 'training batch %d of 5' % (i + 1)
        write_batch(os.path.join(directory, name), style, data, labels, batch_label, test)
        splits['test' if test else 'train'][0].append(data)
        splits['test' if test else 'train'][1].append(labels)
    write_meta(os.path.join(directory, 'batches.meta'), style)
    lo, hi = 255, 0
    for split, (datas, labelss) in splits.items():
        rows = np.concatenate(datas)
        labels = np.concatenate(labelss).astype(np.uint8)
        hwc = rows.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        lo, hi = min(lo, int(rows.min())), max(hi, int(rows.max()))
        out(split + '.count', len(rows))
        out(split + '.hwc_sha256', sha256(np.ascontiguousarray(hwc).tobytes()))
        out(split + '.labels_sha256', sha256(labels.tobytes()))
        out(split + '.histogram', ','.join(str(int(c)) for c in np.bincount(labels, minlength=10)))
        # Spot values read straight from the planes, not through the transpose above.
        last = len(rows) - 1
        spots = [(0, 0, 0, 0), (0, 31, 31, 2), (1, 5, 7, 1), (last, 16, 3, 2), (last // 2, 30, 1, 0)]
        out(split + '.spots', ';'.join('%d,%d,%d,%d,%d' % (i, y, x, c, rows[i, c * 1024 + y * 32 + x])
                                       for i, y, x, c in spots))
    out('pixel_min', lo)
    out('pixel_max', hi)
    out('label_names', ','.join(LABEL_NAMES))
    for name in BATCH_NAMES + ['batches.meta']:
        with open(os.path.join(directory, name), 'rb') as f:
            out('sha256.' + name, sha256(f.read()))


def archive(directory, target, extra=None):
    with tarfile.open(target, 'w:gz') as tar:
        for name in BATCH_NAMES + ['batches.meta']:
            tar.add(os.path.join(directory, name), arcname='cifar-10-batches-py/' + name)
        if extra:
            info = tarfile.TarInfo(extra)
            info.size = 5
            tar.addfile(info, io.BytesIO(b'extra'))
    with open(target, 'rb') as f:
        out('md5', hashlib.md5(f.read()).hexdigest())


DEFECTS = {
    'shape': lambda d, l: ({b'data': d[:, :3071].copy(), b'labels': l}),
    'dtype': lambda d, l: ({b'data': d.astype(np.int64), b'labels': l}),
    'float': lambda d, l: ({b'data': d.astype(np.float32), b'labels': l}),
    'fortran': lambda d, l: ({b'data': np.asfortranarray(d), b'labels': l}),
    'label_range': lambda d, l: ({b'data': d, b'labels': l[:7] + [10] + l[8:]}),
    'label_count': lambda d, l: ({b'data': d, b'labels': l[:9]}),
    'no_labels': lambda d, l: ({b'data': d, b'fine_labels': l}),
    'not_dict': lambda d, l: [d, l],
    'nine_names': lambda d, l: ({b'label_names': [n.encode() for n in LABEL_NAMES[:9]]}),
}


def defects(directory):
    os.makedirs(directory, exist_ok=True)
    rng = np.random.default_rng(7)
    data = rng.integers(0, 256, size=(10, ROW), dtype=np.uint8)
    labels = [int(v) for v in rng.integers(0, 10, size=10)]
    for kind, make in DEFECTS.items():
        with open(os.path.join(directory, kind), 'wb') as f:
            pickle.dump(make(data, labels), f, protocol=2)


class Call:
    """An object whose unpickling calls fn(*args): what any pickle may do."""
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def hostile_pickles(markers, prefix):
    import subprocess
    m = lambda name: os.path.join(markers, prefix + name)
    touch_inst = (b'(S\'touch ' + m('inst').encode() + b'\'\nios\nsystem\n.')
    build = b'\x80\x02}q\x00}q\x01b.'
    good = np.zeros((2, ROW), dtype=np.uint8)
    return {
        # os.system pickles as posix.system on Linux; protocol 2 names it with GLOBAL.
        'os_system': pickle.dumps(Call(os.system, 'touch ' + m('os_system')), protocol=2),
        # Protocol 4 names globals with STACK_GLOBAL.
        'builtins_eval': pickle.dumps(Call(eval, "open(%r, 'w').close()" % m('builtins_eval')), protocol=4),
        # Protocol 3, which names it subprocess.call (protocols 0 to 2 use Python 2's name, commands.call).
        'subprocess': pickle.dumps(Call(subprocess.call, ['touch', m('subprocess')]), protocol=3),
        # Protocol 0's INST opcode names the callable and calls it in one.
        'inst': touch_inst,
        # A well-formed batch with one hostile value after the data.
        'inside_batch': pickle.dumps({b'data': good, b'labels': [0, 1],
                                      b'z': Call(os.system, 'touch ' + m('inside_batch'))}, protocol=2),
        # BUILD on a dict: Python calls dict.__setstate__ (and fails); nothing to create, but refused.
        'build': build,
    }


def hostile(directory, markers):
    os.makedirs(directory, exist_ok=True)
    for name, blob in hostile_pickles(markers, '').items():
        with open(os.path.join(directory, name), 'wb') as f:
            f.write(blob)
        out('hostile', name)
    for name, blob in hostile_pickles(markers, 'python-').items():
        if name == 'build':
            continue
        try:
            pickle.loads(blob, encoding='bytes')
        except Exception:
            pass  # the command has run by then (os.system returns; INST's result is simply discarded)
        proof = os.path.join(markers, 'python-' + name)
        assert os.path.exists(proof), 'python did not run the command of ' + name
        os.remove(proof)


if __name__ == '__main__':
    command, args = sys.argv[1], sys.argv[2:]
    if command == 'batches':
        batches(args[0], args[1], [int(s) for s in args[2].split(',')], int(args[3]))
    elif command == 'archive':
        archive(args[0], args[1], args[2] if len(args) > 2 else None)
    elif command == 'defects':
        defects(args[0])
    elif command == 'pickle':
        value = eval(args[2])
        for protocol in args[1].split(','):
            with open(os.path.join(args[0], 'protocol-%s.pkl' % protocol), 'wb') as f:
                pickle.dump(value, f, protocol=int(protocol))
    elif command == 'hostile':
        hostile(args[0], args[1])
    else:
        raise SystemExit('unknown command ' + command)
