"""CIFAR-10-sized input for `bgan bench prepare`, and Python's own load of it.

  write DIR IMAGES SEED   data_batch_1..5 and test_batch (IMAGES/6 each, random uint8 pixels and
                          labels) and batches.meta in DIR, as the official python batches: dicts
                          with data (uint8, N x 3072, planes R, G, B) and labels (a list of int),
                          pickled with protocol 2
  load DIR                loads every batch with pickle + numpy into (N, 32, 32, 3) uint8 arrays
                          as training code does, and prints "seconds S images N"
"""
import os
import pickle
import sys
import time

import numpy as np

BATCHES = ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']
LABEL_NAMES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']


def write(directory, images, seed):
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
            pickle.dump(batch, f, protocol=2)
    with open(os.path.join(directory, 'batches.meta'), 'wb') as f:
        pickle.dump({'label_names': LABEL_NAMES, 'num_cases_per_batch': per_batch, 'num_vis': 3072}, f, protocol=2)


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
        write(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        load(sys.argv[2])
