# The iteration `bgan bench train` times, in plain PyTorch, for `--compare-torch`: ORIG DCGAN
# (5x5 kernels, stride 2, widths gf/df x 1, 2, 4, 8, transposed convolutions in the generator),
# semi-supervised K = 10 with the fake class at output 0, batch 64, J generators against one
# discriminator, Adam(beta1 0.5) with the reference's prior and noise terms, and a supervised-only
# baseline. The discriminator's weights take no gradient in the generators' step, as in bgan.
# The transposed convolutions crop symmetrically (PyTorch cannot crop TensorFlow's asymmetric
# "SAME" edge); their arithmetic is the same. Prints one line: torch_version=... ms_per_iter=...
# sgemm_peak_gflops=... (the best of 2048 x 2048 float32 products in this PyTorch, same threads, as
# bgan's own peak is measured: a bound on what any implementation of the step on this BLAS can reach).
import argparse, math, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
for name, default in (("size", 28), ("channels", 1), ("gf", 64), ("df", 64), ("gens", 1), ("warmup", 3),
                      ("iters", 20), ("threads", 2)):
    p.add_argument("--" + name, type=int, default=default)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
B, K, Z, N_OBS, GEN_OBS, PRIOR, ALPHA, ETA = 64, 10, 100, 60000, 1000, 1.0, 0.01, 2e-4
sides = [math.ceil(a.size / 2 ** l) for l in range(5)]

def disc(outputs):
    layers, cin = [], a.channels
    for l in range(4):
        out = a.df << l
        layers.append(nn.Conv2d(cin, out, 5, 2, 2))
        if l > 0:
            layers.append(nn.BatchNorm2d(out))
        layers.append(nn.LeakyReLU(0.2))
        cin = out
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(cin * sides[4] ** 2, outputs))

class Gen(nn.Module):
    def __init__(self):
        super().__init__()
        self.top = a.gf * 8
        self.fc = nn.Linear(Z, self.top * sides[4] ** 2)
        layers, cin = [nn.BatchNorm2d(self.top), nn.ReLU()], self.top
        for level in (3, 2, 1, 0):
            out = a.channels if level == 0 else a.gf << (level - 1)
            extra = sides[level] - ((sides[level + 1] - 1) * 2 - 4 + 5)
            layers.append(nn.ConvTranspose2d(cin, out, 5, 2, 2, output_padding=extra))
            layers += [nn.Tanh()] if level == 0 else [nn.BatchNorm2d(out), nn.ReLU()]
            cin = out
        self.body = nn.Sequential(*layers)

    def forward(self, z):
        return self.body(self.fc(z).view(-1, self.top, sides[4], sides[4]))

def sampler(net):
    return torch.optim.Adam(net.parameters(), lr=2e-4, betas=(0.5, 0.999))

def prior_and_noise(net, n_obs):
    std = math.sqrt(2 * ALPHA * ETA)
    with torch.no_grad():
        for w in net.parameters():
            w.grad += (2 * w / (PRIOR ** 2 * w.numel()) + torch.randn_like(w) * std) / n_obs

def fake_prob_loss(logits):
    return -torch.log(1 - F.softmax(logits, 1)[:, 0] + 1e-8).mean()

D, S = disc(K + 1), disc(K + 1)
G = [Gen() for _ in range(a.gens)]
opt_d, opt_s, opt_g = sampler(D), sampler(S), [sampler(g) for g in G]
x_all = torch.rand(1000, a.channels, a.size, a.size) * 2 - 1
y_all = torch.arange(1000) % K

def iteration():
    xu = x_all[torch.randint(0, 1000, (B,))]
    idx = torch.randint(0, 100, (B,))
    xl, yl = x_all[idx], y_all[idx]
    z = [torch.rand(B, Z) * 2 - 1 for _ in G]
    with torch.no_grad():
        fakes = [g(zi) for g, zi in zip(G, z)]
    opt_d.zero_grad()
    loss = F.cross_entropy(D(xl), yl + 1) + fake_prob_loss(D(xu))
    loss = loss + sum(F.cross_entropy(D(f), torch.zeros(B, dtype=torch.long)) for f in fakes) / len(fakes)
    loss.backward()
    prior_and_noise(D, N_OBS)
    opt_d.step()
    for w in D.parameters():
        w.requires_grad_(False)
    for g, o, zi in zip(G, opt_g, z):
        o.zero_grad()
        fake_prob_loss(D(g(zi))).backward()
        prior_and_noise(g, GEN_OBS)
        o.step()
    for w in D.parameters():
        w.requires_grad_(True)
    opt_s.zero_grad()
    F.cross_entropy(S(xl), yl + 1).backward()
    opt_s.step()

times = []
for t in range(a.warmup + a.iters):
    start = time.perf_counter()
    iteration()
    if t >= a.warmup:
        times.append((time.perf_counter() - start) * 1000)
def sgemm_peak(n=2048, repeats=5):
    x, y = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
    best = math.inf
    for r in range(-2, repeats):
        start = time.perf_counter()
        torch.mm(x, y)
        if r >= 0:
            best = min(best, time.perf_counter() - start)
    return 2 * n ** 3 / best / 1e9

print(f"torch_version={torch.__version__} ms_per_iter={statistics.median(times):.1f}"
      f" sgemm_peak_gflops={sgemm_peak():.1f}")
