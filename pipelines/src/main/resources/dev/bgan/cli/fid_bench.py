"""numpy's FID of two .npy feature sets, for `bgan bench fid`: the eigh form, timed per part.

  fid_bench.py A.npy B.npy

Statistics as pytorch-fid (np.mean, np.cov in float64); Tr sqrt(S1 S2) as the sum of the square
roots of the eigenvalues of the symmetric sqrt(S1) S2 sqrt(S1), with sqrt(S1) from np.linalg.eigh.
Prints one line of key=value pairs, or "numpy_missing" when numpy cannot be imported. The thread
count is the caller's (OPENBLAS_NUM_THREADS in the environment).
"""
import sys
import time

start = time.perf_counter()
try:
    import numpy as np
except ImportError:
    print("numpy_missing")
    sys.exit(0)
import_s = time.perf_counter() - start

t0 = time.perf_counter()
a = np.load(sys.argv[1]).astype(np.float64)
b = np.load(sys.argv[2]).astype(np.float64)
t1 = time.perf_counter()
c1 = time.process_time()
mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
t2 = time.perf_counter()
w, v = np.linalg.eigh(s1)
root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
e = np.linalg.eigvalsh(root @ s2 @ root)
trace_sqrt = np.sqrt(np.clip(e, 0, None)).sum()
diff = mu1 - mu2
fid = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * trace_sqrt
t3 = time.perf_counter()
c3 = time.process_time()
print("numpy=%s import_s=%.3f npy_read_s=%.3f statistics_s=%.3f sqrt_trace_s=%.3f compute_s=%.3f compute_cpu_s=%.3f"
      " fid=%r" % (np.__version__, import_s, t1 - t0, t2 - t1, t3 - t2, t3 - t1, c3 - c1, float(fid)))
