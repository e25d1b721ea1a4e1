"""Regenerates SyntheticReferenceCases.cs: random feature sets and their FID, KID, precision/recall and density/coverage
reference values.

    /usr/bin/python3 tests/XraySynth.Tests/Evaluate/Synthetic/synthetic_reference.py > tests/XraySynth.Tests/Evaluate/Synthetic/SyntheticReferenceCases.cs

Needs numpy, scipy (scipy.linalg.sqrtm, as pytorch-fid calls it) and mpmath (Debian: python3-scipy python3-mpmath).
Each metric is a line-by-line numpy port of the implementation the C# doc comment names:

  FID        pytorch-fid (mseitzer/pytorch-fid, src/pytorch_fid/fid_score.py): np.mean, np.cov (n - 1) and
             calculate_frechet_distance (scipy.linalg.sqrtm of sigma1 . sigma2, eps fallback, real part). Also recorded:
             the same distance in 40-digit arithmetic (mpmath), since with d >= n the covariances are singular and
             every float64 method, scipy's included, is off by ~sqrt(machine epsilon) relative.
  KID        torch-fidelity (toshas/torch-fidelity, torch_fidelity/metric_kid.py: kernel_poly, mmd2 'unbiased',
             kid_features_to_metric: np.mean and np.std (ddof 0) over subsets drawn by np.random.RandomState.choice
             without replacement). The per-subset value is checked against StyleGAN2-ADA's
             metrics/kernel_inception_distance.py formula too. The subsets are recorded, so the C# recomputes exactly them.
  P / R      Kynkaanniemi et al. 2019 as StyleGAN2-ADA (metrics/precision_recall.py) and torch-fidelity
             (metric_prc.py, calculate_precision_recall_full) compute it: radius = kthvalue(k + 1) of the distances to
             the own set (the point itself is the first), a probe is inside when distance <= radius.
  D / C      prdc (clovaai/generative-evaluation-prdc, prdc/prdc.py compute_prdc): radius = get_kth_value(k + 1)
             (argpartition, self included), inside when distance < radius (strict), density / k, coverage from the
             nearest fake point.

Feature values are integers / 4 (the fixture stores the integers): every coordinate, squared distance and dot product
is then exact in float32 and float64, so the C# float32 distances and dot products see the same exact ties as the
float64 reference (sklearn's pairwise_distances, which prdc calls, is replaced by the exact float64 distance: equal on
these values). The k-NN sets are drawn on coarse grids, so they hold duplicate points and exactly tied distances,
including points whose k-NN radius is 0 and fake points exactly on a real point's radius.

Sets and subsets are drawn from random.Random and np.random.RandomState (both stream-stable across versions).
"""
import random
import sys
import warnings

import mpmath
import numpy as np
from scipy import linalg

SCALE = 4  # feature value = stored integer / SCALE


def features(ints):
    return np.asarray(ints, dtype=np.float64) / SCALE


# ---------------------------------------------------------------------------------------------- pytorch-fid port

def calculate_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid's calculate_frechet_distance, unchanged but for the print."""
    mu1 = np.atleast_1d(mu1)
    mu2 = np.atleast_1d(mu2)
    sigma1 = np.atleast_2d(sigma1)
    sigma2 = np.atleast_2d(sigma2)
    assert mu1.shape == mu2.shape
    assert sigma1.shape == sigma2.shape
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            m = np.max(np.abs(covmean.imag))
            raise ValueError("Imaginary component {}".format(m))
        covmean = covmean.real
    tr_covmean = np.trace(covmean)
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * tr_covmean


def pytorch_fid(x, y):
    """calculate_activation_statistics (np.mean, np.cov rowvar=False) then the distance."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # sqrtm warns on singular products
        return calculate_frechet_distance(np.mean(x, axis=0), np.cov(x, rowvar=False), np.mean(y, axis=0), np.cov(y, rowvar=False))


def exact_fid(x_ints, y_ints, digits=40):
    """The same distance in mpmath: exact rational moments, tr sqrt(Sa Sb) = tr sqrt(sqrt(Sa) Sb sqrt(Sa))."""
    mpmath.mp.dps = digits

    def moments(ints):
        n, d = len(ints), len(ints[0])
        a = [[mpmath.mpf(v) / SCALE for v in row] for row in ints]
        mu = [mpmath.fsum(a[i][j] for i in range(n)) / n for j in range(d)]
        c = mpmath.matrix(d, d)
        for p in range(d):
            for q in range(p, d):
                c[p, q] = c[q, p] = mpmath.fsum((a[i][p] - mu[p]) * (a[i][q] - mu[q]) for i in range(n)) / (n - 1)
        return mu, c

    mu1, c1 = moments(x_ints)
    mu2, c2 = moments(y_ints)
    d = len(mu1)
    e, q = mpmath.eigsy(c1)
    root = q * mpmath.diag([mpmath.sqrt(max(v, 0)) for v in e]) * q.T
    m = root * c2 * root
    m = (m + m.T) / 2
    cross = mpmath.fsum(mpmath.sqrt(max(v, 0)) for v in mpmath.eigsy(m, eigvals_only=True))
    value = mpmath.fsum((mu1[j] - mu2[j]) ** 2 for j in range(d)) + mpmath.fsum(c1[j, j] for j in range(d)) \
        + mpmath.fsum(c2[j, j] for j in range(d)) - 2 * cross
    return float(value)


# ---------------------------------------------------------------------------------------------- torch-fidelity KID port

def mmd2(K_XX, K_XY, K_YY):
    """torch-fidelity mmd2, mmd_est='unbiased', unit_diagonal=False."""
    m = K_XX.shape[0]
    diag_X = np.diagonal(K_XX)
    diag_Y = np.diagonal(K_YY)
    Kt_XX_sums = K_XX.sum(axis=1) - diag_X
    Kt_YY_sums = K_YY.sum(axis=1) - diag_Y
    K_XY_sums_0 = K_XY.sum(axis=0)
    Kt_XX_sum = Kt_XX_sums.sum()
    Kt_YY_sum = Kt_YY_sums.sum()
    K_XY_sum = K_XY_sums_0.sum()
    value = (Kt_XX_sum + Kt_YY_sum) / (m * (m - 1))
    value -= 2 * K_XY_sum / (m * m)
    return value


def kernel_poly(X, Y, degree=3, gamma=None, coef0=1):
    if gamma is None:
        gamma = 1.0 / X.shape[1]
    return (np.matmul(X, Y.T) * gamma + coef0) ** degree


def kernel_mmd(f1, f2):
    return mmd2(kernel_poly(f1, f1), kernel_poly(f1, f2), kernel_poly(f2, f2))


def stylegan_subset(x, y):
    """StyleGAN2-ADA's per-subset term t / m (x generated, y real)."""
    n, m = x.shape[1], x.shape[0]
    a = (x @ x.T / n + 1) ** 3 + (y @ y.T / n + 1) ** 3
    b = (x @ y.T / n + 1) ** 3
    return ((a.sum() - np.diag(a).sum()) / (m - 1) - b.sum() * 2 / m) / m


def kid(f1, f2, subsets):
    """kid_features_to_metric on given index subsets: mean and np.std (ddof 0) of the per-subset unbiased MMD^2."""
    mmds = np.zeros(len(subsets))
    for i, (s1, s2) in enumerate(subsets):
        mmds[i] = kernel_mmd(f1[s1], f2[s2])
        check = stylegan_subset(f1[s1], f2[s2])
        assert abs(check - mmds[i]) <= 1e-12 * max(1.0, abs(check)), (check, mmds[i])
    return float(np.mean(mmds)), float(np.std(mmds))


# ---------------------------------------------------------------------------------------------- k-NN metrics

def compute_pairwise_distance(data_x, data_y=None):
    """prdc's sklearn pairwise_distances(metric='euclidean'), exactly (the values are exact in float64)."""
    if data_y is None:
        data_y = data_x
    return np.sqrt(((data_x[:, None, :] - data_y[None, :, :]) ** 2).sum(-1))


def get_kth_value(unsorted, k, axis=-1):
    """prdc get_kth_value."""
    indices = np.argpartition(unsorted, k, axis=axis)[..., :k]
    k_smallests = np.take_along_axis(unsorted, indices, axis=axis)
    return k_smallests.max(axis=axis)


def compute_nearest_neighbour_distances(input_features, nearest_k):
    return get_kth_value(compute_pairwise_distance(input_features), k=nearest_k + 1, axis=-1)


def compute_prdc(real_features, fake_features, nearest_k):
    """prdc compute_prdc (strict <)."""
    real_nearest_neighbour_distances = compute_nearest_neighbour_distances(real_features, nearest_k)
    fake_nearest_neighbour_distances = compute_nearest_neighbour_distances(fake_features, nearest_k)
    distance_real_fake = compute_pairwise_distance(real_features, fake_features)
    precision = (distance_real_fake < np.expand_dims(real_nearest_neighbour_distances, axis=1)).any(axis=0).mean()
    recall = (distance_real_fake < np.expand_dims(fake_nearest_neighbour_distances, axis=0)).any(axis=1).mean()
    density = (1. / float(nearest_k)) * (distance_real_fake < np.expand_dims(real_nearest_neighbour_distances, axis=1)).sum(axis=0).mean()
    coverage = (distance_real_fake.min(axis=1) < real_nearest_neighbour_distances).mean()
    return dict(precision=precision, recall=recall, density=density, coverage=coverage)


def kthvalue(dist, k):
    """torch.Tensor.kthvalue(k) along the last axis (1-based)."""
    return np.sort(dist, axis=-1)[..., k - 1]


def precision_recall_full(features_1, features_2, neighborhood):
    """torch-fidelity calculate_precision_recall_full (features_1 generated, features_2 real; <=)."""
    dist_nn_1 = kthvalue(compute_pairwise_distance(features_1, features_1), neighborhood + 1)
    dist_nn_2 = kthvalue(compute_pairwise_distance(features_2, features_2), neighborhood + 1)
    dist_2_1 = compute_pairwise_distance(features_2, features_1)
    dist_1_2 = dist_2_1.T
    recall = (dist_2_1 <= dist_nn_1).any(axis=1).mean()
    precision = (dist_1_2 <= dist_nn_2).any(axis=1).mean()
    return float(precision), float(recall)


def stylegan_pr(real, gen, nhood_size):
    """StyleGAN2-ADA compute_pr without batching and float16 (<=)."""
    results = {}
    for name, manifold, probes in [('precision', real, gen), ('recall', gen, real)]:
        kth = kthvalue(compute_pairwise_distance(manifold, manifold), nhood_size + 1)
        dist = compute_pairwise_distance(probes, manifold)
        results[name] = float((dist <= kth).any(axis=1).mean())
    return results['precision'], results['recall']


def knn_values(real, fake, k):
    p, r = precision_recall_full(fake, real, k)
    assert (p, r) == stylegan_pr(real, fake, k)
    prdc = compute_prdc(real, fake, k)
    return [p, r, float(prdc['density']), float(prdc['coverage'])], (float(prdc['precision']), float(prdc['recall']))


# ---------------------------------------------------------------------------------------------- case generation

rnd = random.Random(20240613)


def gauss_set(n, d, sigma=3.0, shift=0.0):
    return [[int(round(rnd.gauss(shift, sigma))) for _ in range(d)] for _ in range(n)]


def grid_set(n, d, top, shift=0):
    return [[rnd.randint(0, top) + shift for _ in range(d)] for _ in range(n)]


def encode(ints):
    return ";".join(" ".join(str(v) for v in row) for row in ints)


def num(v):
    if isinstance(v, float) and np.isnan(v):
        return "NaN"
    return repr(float(v))


lines_fid, lines_kid, lines_knn, lines_quality = [], [], [], []
notes = []


def fid_case(name, x, y):
    value = pytorch_fid(features(x), features(y))
    exact = exact_fid(x, y)
    lines_fid.append(f"{name}|{num(exact)}|{num(value)}|{encode(x)}|{encode(y)}")
    notes.append(f"fid {name}: {len(x)}x{len(y)}, d={len(x[0])}: exact {exact!r}, pytorch-fid {value!r} (rel {abs(value - exact) / max(abs(exact), 1e-300):.1e})")


fid_case("full_rank", gauss_set(40, 6), gauss_set(40, 6, shift=1))
fid_case("full_rank_unequal_sizes", gauss_set(25, 8), gauss_set(45, 8, sigma=2))
fid_case("d_above_n_both_singular", gauss_set(12, 20), gauss_set(15, 20, shift=0.5))
fid_case("d_far_above_n", gauss_set(8, 30), gauss_set(8, 30, sigma=4))
fid_case("d_equals_n", gauss_set(16, 16), gauss_set(16, 16, shift=0.5))
fid_case("one_side_singular", gauss_set(8, 12), gauss_set(40, 12, sigma=2))
fid_case("five_points_d48", gauss_set(5, 48), gauss_set(5, 48, shift=1))
fid_case("two_points_each", gauss_set(2, 6), gauss_set(2, 6))
same = gauss_set(20, 6)
fid_case("identical_sets", same, same)
fid_case("shifted_copy", same, [[v + (2 if j % 2 == 0 else -1) for j, v in enumerate(row)] for row in same])


def kid_case(name, a, b, m, count, seed):
    fa, fb = features(a), features(b)
    state = np.random.RandomState(seed)
    subsets = [(state.choice(len(a), m, replace=False), state.choice(len(b), m, replace=False)) for _ in range(count)]
    mean, std = kid(fa, fb, subsets)
    every = num(kernel_mmd(fa, fb)) if len(a) == len(b) else "NaN"
    text = ";".join(" ".join(str(i) for i in s1) + "/" + " ".join(str(i) for i in s2) for s1, s2 in subsets)
    lines_kid.append(f"{name}|{num(mean)}|{num(std)}|{every}|{encode(a)}|{encode(b)}|{text}")
    notes.append(f"kid {name}: mean {mean!r} std {std!r} every-point {every}")


kid_case("one_distribution", gauss_set(30, 8), gauss_set(30, 8), 30, 1, 1)
kid_case("shifted", gauss_set(30, 8), gauss_set(30, 8, shift=1), 30, 1, 2)
kid_case("subsets_unequal_sizes", gauss_set(40, 6), gauss_set(25, 6, shift=0.5, sigma=2), 20, 10, 3)
kid_case("subsets_one_distribution", gauss_set(36, 12), gauss_set(36, 12), 12, 8, 4)
kid_case("high_dimension", gauss_set(16, 40), gauss_set(16, 40, sigma=4), 16, 1, 5)
kid_case("two_points", gauss_set(6, 4), gauss_set(5, 4, shift=2), 2, 6, 6)
kid_case("nonnegative_features", [[abs(v) for v in r] for r in gauss_set(24, 16)], [[abs(v) for v in r] for r in gauss_set(24, 16, shift=1)], 24, 1, 7)

KS = [1, 2, 3, 5, 10]


def knn_case(name, real, fake, ks=KS):
    fr, ff = features(real), features(fake)
    parts = []
    for k in ks:
        if len(real) < k + 2 or len(fake) < k + 2:  # prdc's argpartition(k + 1) needs k + 2 points
            continue
        values, prdc_pr = knn_values(fr, ff, k)
        parts.append(f"{k}:" + ",".join(num(v) for v in values))
        if prdc_pr != (values[0], values[1]):
            notes.append(f"knn {name} k={k}: P/R with <= {values[0]!r}, {values[1]!r}; prdc's strict < gives {prdc_pr[0]!r}, {prdc_pr[1]!r}")
    lines_knn.append(f"{name}|{' '.join(parts)}|{encode(real)}|{encode(fake)}")


knn_case("grid_2d_duplicates", grid_set(30, 2, 4), grid_set(25, 2, 4))
knn_case("grid_2d_shifted", grid_set(40, 2, 5), grid_set(40, 2, 5, shift=2))
knn_case("grid_3d_ties", grid_set(60, 3, 3), grid_set(45, 3, 3))
knn_case("grid_4d_sparse", grid_set(50, 4, 2), grid_set(30, 4, 3))
real = gauss_set(40, 4)
knn_case("memorized_copy", real, [row[:] for row in real])
knn_case("half_memorized", real, [row[:] for row in real[:20]] + gauss_set(20, 4))
stack = [[1, 1, 1]] * 12 + grid_set(20, 3, 6)
knn_case("radius_zero_stack", stack, [[1, 1, 1]] * 3 + grid_set(15, 3, 6))
knn_case("gauss_8d", gauss_set(50, 8), gauss_set(40, 8, shift=0.5))
knn_case("gauss_12d_unequal", gauss_set(36, 12), gauss_set(24, 12, sigma=4))
knn_case("far_apart", gauss_set(20, 3), gauss_set(20, 3, shift=100))
knn_case("smallest_sets", grid_set(7, 2, 3), grid_set(7, 2, 3), ks=[1, 2, 5])
small = [[0, 0]] * 7 + grid_set(8, 2, 6, shift=40)  # an isolated radius-0 stack in a set of <= 25 points, probed by a set of > 25
knn_case("radius_zero_small_real", small, [[0, 0]] + grid_set(29, 2, 6, shift=40), ks=[1, 2, 3, 5])
line = [[i, 0] for i in range(12)]
knn_case("evenly_spaced_line", line, [[2 * i + 1, 0] for i in range(6)] + [[i, 0] for i in range(0, 12, 3)], ks=[1, 2, 3, 5])


def quality_case(name, reference, synthetic, held_out, k=5):
    """SyntheticQuality.Compare with K = k and subsets holding every point (equal sizes)."""
    fr = features(reference)
    row = []
    for other in (synthetic, held_out):
        fo = features(other)
        assert len(other) == len(reference)
        values, _ = knn_values(fr, fo, k)
        row.append([pytorch_fid(fo, fr), kernel_mmd(fo, fr)] + values)
    lines_quality.append(f"{name}|{k}|{' '.join(num(v) for v in row[0])}|{' '.join(num(v) for v in row[1])}|"
                         f"{encode(reference)}|{encode(synthetic)}|{encode(held_out)}")


quality_case("train_synthetic_heldout", gauss_set(30, 4), gauss_set(30, 4, shift=1, sigma=2), gauss_set(30, 4))
quality_case("grid_with_copies", grid_set(24, 3, 3), grid_set(24, 3, 4), grid_set(24, 3, 3))


def block(name, summary, lines):
    body = "\n".join("        " + l for l in lines)
    return f'    /// <summary>{summary}</summary>\n    public const string {name} = """\n{body}\n        """;\n'


print(f"""namespace XraySynth.Tests.Evaluate.Synthetic;

/// <summary>
/// Generated by synthetic_reference.py (do not edit). Feature values are the stored integers / {SCALE}; a set is rows
/// separated by ';', values by ' '. Lines: <c>Fid</c> <c>name|40-digit value|pytorch-fid value|a|b</c>;
/// <c>Kid</c> <c>name|mean|std (ddof 0)|MMD² of all points (NaN unless equal sizes)|a|b|subsets</c>, a subset
/// <c>indices into a/indices into b</c>; <c>Knn</c> <c>name|k:precision,recall,density,coverage …|real|fake</c>;
/// <c>Quality</c> <c>name|k|synthetic row|held-out row|reference|synthetic|held-out</c>, a row
/// <c>FID KID precision recall density coverage</c>.
/// </summary>
static class SyntheticReferenceCases
{{
    /// <summary>Feature value = stored integer / Scale.</summary>
    public const float Scale = {SCALE};

{block("Fid", "FID cases.", lines_fid)}
{block("Kid", "KID cases.", lines_kid)}
{block("Knn", "k-NN precision/recall (Kynkäänniemi, ≤) and density/coverage (prdc, strict &lt;) cases.", lines_knn)}
{block("Quality", "SyntheticQuality.Compare rows.", lines_quality)}}}""")

for n in notes:
    print(n, file=sys.stderr)
