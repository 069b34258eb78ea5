# Independent reference for TransposedConv2dTest: a stride-2 transposed convolution with TensorFlow's
# "SAME" geometry, written out from its definition as the adjoint of a stride-2 "SAME" convolution
# (TF's rule: total padding max((in - 1) * 2 + k - out, 0), the smaller half before), in float64.
# argv: a folder of cases; each case i has x, w, b, dy as <i>.<name>.f32 and <i>.shape.json.
# Writes y, dx, dw, db as <i>.<name>.f64 and checks the adjoint identity <T x, v> = <x, conv(v)>.
import json, pathlib, sys
import numpy as np

def same_pad(n_in, n_out, k):
    return max((n_in - 1) * 2 + k - n_out, 0) // 2

def taps(n_in, n_out, k):
    """(input index, tap, output index) triples of one axis: o = 2 i + s - P."""
    p = same_pad(n_in, n_out, k)
    return [(i, s, 2 * i + s - p) for i in range(n_in) for s in range(k) if 0 <= 2 * i + s - p < n_out]

def conv_transpose(x, w, b, out_h, out_w):
    n, ci, h, wd = x.shape
    k = w.shape[2]
    y = np.zeros((n, w.shape[1], out_h, out_w))
    for i, s, o in taps(h, out_h, k):
        for j, t, q in taps(wd, out_w, k):
            y[:, :, o, q] += x[:, :, i, j] @ w[:, :, s, t]
    return y + b[None, :, None, None]

def conv_same(v, w, h, wd):
    """TF's stride-2 SAME convolution of v (N, Co, out_h, out_w) with w (Ci, Co, k, k) to (N, Ci, h, wd)."""
    k = w.shape[2]
    out_h, out_w = v.shape[2:]
    ph, pw = same_pad(h, out_h, k), same_pad(wd, out_w, k)
    padded = np.zeros((v.shape[0], v.shape[1], out_h + 2 * k, out_w + 2 * k))
    padded[:, :, ph:ph + out_h, pw:pw + out_w] = v
    x = np.zeros((v.shape[0], w.shape[0], h, wd))
    for i in range(h):
        for j in range(wd):
            window = padded[:, :, 2 * i:2 * i + k, 2 * j:2 * j + k]
            x[:, :, i, j] = np.einsum('nchw,dchw->nd', window, w)
    return x

def gradients(x, w, dy):
    n, ci, h, wd = x.shape
    k = w.shape[2]
    dx = np.zeros_like(x)
    dw = np.zeros_like(w)
    for i, s, o in taps(h, dy.shape[2], k):
        for j, t, q in taps(wd, dy.shape[3], k):
            dx[:, :, i, j] += dy[:, :, o, q] @ w[:, :, s, t].T
            dw[:, :, s, t] += x[:, :, i, j].T @ dy[:, :, o, q]
    return dx, dw, dy.sum(axis=(0, 2, 3))

folder = pathlib.Path(sys.argv[1])
for shape_file in sorted(folder.glob('*.shape.json')):
    case = shape_file.name.split('.')[0]
    shape = json.loads(shape_file.read_text())
    load = lambda name, dims: np.fromfile(folder / f'{case}.{name}.f32', '<f4').astype(np.float64).reshape(dims)
    x = load('x', shape['x'])
    w = load('w', shape['w'])
    b = load('b', [shape['w'][1]])
    dy = load('dy', shape['y'])
    y = conv_transpose(x, w, b, *shape['y'][2:])
    assert np.isclose(np.sum((y - b[None, :, None, None]) * dy), np.sum(x * conv_same(dy, w, *shape['x'][2:]))), case
    for name, value in zip(('y', 'dx', 'dw', 'db'), (y,) + gradients(x, w, dy)):
        value.astype('<f8').tofile(folder / f'{case}.{name}.f64')
print('ok')
