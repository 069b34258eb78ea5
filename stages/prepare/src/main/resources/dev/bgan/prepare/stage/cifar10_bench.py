"""CIFAR-10-sized input for `bgan bench prepare`, and Python's own load of it.

  write DIR IMAGES SEED [LAYOUT]
                          data_batch_1..5 and test_batch (IMAGES/6 each, random uint8 pixels and
                          labels) and batches.meta in DIR, as the official python batches: dicts
                          with data (uint8, N x 3072, planes R, G, B) and labels (a list of int),
                          pickled with protocol 2. LAYOUT py2 (default) writes bytes as Python 2
                          wrote str, as the official files hold them (BINSTRING: the pixels
                          verbatim); py3 as Python 3 writes bytes under protocol 2
                          (_codecs.encode of latin-1 text: the pixels as UTF-8, 1.5 times the size)
  load DIR                loads every batch with pickle + numpy into (N, 32, 32, 3) uint8 arrays
                          as training code does, and prints "seconds S images N"
"""
import os
import pickle
import struct
import sys
import time

import numpy as np

BATCHES = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']
LABEL_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']


class Python2Pickler(pickle._Pickler):
    """Protocol 2 as Python 2's pickle wrote it: a byte string is a (SHORT_)BINSTRING."""

    def save_bytes(self, obj):
        if len(obj) < 256:
            self.write(pickle.SHORT_BINSTRING + bytes([len(obj)]) + obj)
        else:
            self.write(pickle.BINSTRING + struct.pack('<i', len(obj)) + obj)
        self.memoize(obj)

    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[bytes] = save_bytes


def dump(obj, f, layout):
    if layout == 'py2':
        # Python 2's str keys and names were byte strings too.
        if isinstance(obj, dict):
            obj = {k.encode('ascii'): (v.encode('ascii') if isinstance(v, str) else
                                       [x.encode('ascii') for x in v] if isinstance(v, list) and v and isinstance(v[0], str)
                                       else v)
                   for k, v in obj.items()}
        Python2Pickler(f, protocol=2).dump(obj)
    else:
        pickle.dump(obj, f, protocol=2)


def write(directory, images, seed, layout='py2'):
    rng = np.random.RandomState(seed)
    per_batch = images // len(BATCHES)
    os.makedirs(directory, exist_ok=True)
    for name in BATCHES:
        batch = {
            'batch_label': 'bench batch ' + name,
            'labels': [int(v) for v in rng.randint(0, 10, size=per_batch)],
            'data': rng.randint(0, 256, size=(per_batch, 3072)).astype(np.uint8),
            'filenames': ['%s_%d.png' % (name, i) for i in range(per_batch)],
        }
        with open(os.path.join(directory, name), 'wb') as f:
            dump(batch, f, layout)
    with open(os.path.join(directory, 'batches.meta'), 'wb') as f:
        dump({'label_names': LABEL_NAMES, 'num_cases_per_batch': per_batch, 'num_vis': 3072}, f, layout)


def load(directory):
    start = time.perf_counter()
    count = 0
    for name in BATCHES:
        with open(os.path.join(directory, name), 'rb') as f:
            batch = pickle.load(f, encoding='bytes')
        data = batch[b'data' if b'data' in batch else 'data']
        labels = np.asarray(batch[b'labels' if b'labels' in batch else 'labels'], dtype=np.int64)
        images = np.ascontiguousarray(data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
        assert labels.shape[0] == images.shape[0]
        count += images.shape[0]
    print('seconds %.6f images %d' % (time.perf_counter() - start, count))


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), *sys.argv[5:6])
    else:
        load(sys.argv[2])
