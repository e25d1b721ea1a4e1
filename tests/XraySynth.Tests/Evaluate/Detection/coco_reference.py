"""Regenerates CocoReferenceCases.cs: random detection cases and their COCO AP and FROC reference values.

    /usr/bin/python3 tests/XraySynth.Tests/Evaluate/Detection/coco_reference.py > tests/XraySynth.Tests/Evaluate/Detection/CocoReferenceCases.cs

Needs only numpy (pycocotools itself is not required). AP is a line-by-line port of pycocotools' COCOeval
(cocodataset/cocoapi, PythonAPI/pycocotools/cocoeval.py: evaluateImg + accumulate + summarize) for one category,
iouType 'bbox', areaRng 'all', maxDets 100 and no crowd boxes, with maskApi.c's bbIou (xywh boxes, no +1). FROC is
computed independently of the library's cumulative sweep: for every distinct score threshold the detections at or
above it are matched again from scratch, and each rate reads the best sensitivity among the thresholds whose false
positives per image stay within it.

Cases are drawn from random.Random (stable across Python versions): a few images each, 0-5 ground-truth boxes and
0-10 detections per image, boxes on an integer grid so that IoUs land exactly on the thresholds (k/10, k/20), scores
from a small set so that they tie within and across images, plus larger cases (100, 50, 20 or 10 boxes, so recall
lands exactly on levels such as 0.57 and 0.7), an image with more than 100 detections (ties at the cut) and boxes whose
IoU computes to 0.8999999999999999, COCO's own 0.90 threshold.
"""
import random

import numpy as np

MAX_DETS = 100
IOU_THRS = np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)
REC_THRS = np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)
AREA_ALL = [0 ** 2, 1e5 ** 2]
FROC_RATES = [0.125, 0.25, 0.5, 1, 2, 4, 8]


def score32(text):
    """The detection score as the library holds it (a float32), widened to a double."""
    return float(np.float32(float(text)))


# ---------------------------------------------------------------------------------------------- pycocotools port

def bb_iou(dt, gt):
    """maskApi.c bbIou: IoU matrix [len(dt), len(gt)] of xywh boxes, no crowd."""
    o = np.zeros((len(dt), len(gt)))
    for g, G in enumerate(gt):
        ga = G[2] * G[3]
        for d, D in enumerate(dt):
            da = D[2] * D[3]
            w = min(D[2] + D[0], G[2] + G[0]) - max(D[0], G[0])
            if w <= 0:
                continue
            h = min(D[3] + D[1], G[3] + G[1]) - max(D[1], G[1])
            if h <= 0:
                continue
            i = w * h
            u = da + ga - i
            o[d, g] = i / u
    return o


def compute_iou(gts, dts):
    """COCOeval.computeIoU for one image and category."""
    if len(gts) == 0 and len(dts) == 0:
        return []
    inds = np.argsort([-d['score'] for d in dts], kind='mergesort')
    dts = [dts[i] for i in inds]
    if len(dts) > MAX_DETS:
        dts = dts[0:MAX_DETS]
    if len(gts) == 0 or len(dts) == 0:
        return []  # maskUtils.iou returns [] when either side is empty
    return bb_iou([d['bbox'] for d in dts], [g['bbox'] for g in gts])


def evaluate_img(gt, dt, ious, aRng=AREA_ALL, maxDet=MAX_DETS):
    """COCOeval.evaluateImg (useCats, no crowd, no 'ignore' flags)."""
    if len(gt) == 0 and len(dt) == 0:
        return None
    for g in gt:
        g['_ignore'] = 1 if (g['area'] < aRng[0] or g['area'] > aRng[1]) else 0
    gtind = np.argsort([g['_ignore'] for g in gt], kind='mergesort')
    gt = [gt[i] for i in gtind]
    dtind = np.argsort([-d['score'] for d in dt], kind='mergesort')
    dt = [dt[i] for i in dtind[0:maxDet]]
    iscrowd = [0 for _ in gt]
    ious = ious[:, gtind] if len(ious) > 0 else ious
    T = len(IOU_THRS)
    G = len(gt)
    D = len(dt)
    gtm = np.zeros((T, G))
    dtm = np.zeros((T, D))
    gtIg = np.array([g['_ignore'] for g in gt])
    dtIg = np.zeros((T, D))
    if not len(ious) == 0:
        for tind, t in enumerate(IOU_THRS):
            for dind, d in enumerate(dt):
                iou = min([t, 1 - 1e-10])
                m = -1
                for gind, g in enumerate(gt):
                    if gtm[tind, gind] > 0 and not iscrowd[gind]:
                        continue
                    if m > -1 and gtIg[m] == 0 and gtIg[gind] == 1:
                        break
                    if ious[dind, gind] < iou:
                        continue
                    iou = ious[dind, gind]
                    m = gind
                if m == -1:
                    continue
                dtIg[tind, dind] = gtIg[m]
                dtm[tind, dind] = gt[m]['id']
                gtm[tind, m] = d['id']
    a = np.array([d['area'] < aRng[0] or d['area'] > aRng[1] for d in dt]).reshape((1, len(dt)))
    dtIg = np.logical_or(dtIg, np.logical_and(dtm == 0, np.repeat(a, T, 0)))
    return {'dtMatches': dtm, 'dtScores': [d['score'] for d in dt], 'gtIgnore': gtIg, 'dtIgnore': dtIg}


def accumulate(E, maxDet=MAX_DETS):
    """COCOeval.accumulate for one category, area range and maxDets: precision [T, R], -1 when there is no gt."""
    T, R = len(IOU_THRS), len(REC_THRS)
    precision = -np.ones((T, R))
    E = [e for e in E if e is not None]
    if len(E) == 0:
        return precision
    dtScores = np.concatenate([e['dtScores'][0:maxDet] for e in E])
    inds = np.argsort(-dtScores, kind='mergesort')
    dtm = np.concatenate([e['dtMatches'][:, 0:maxDet] for e in E], axis=1)[:, inds]
    dtIg = np.concatenate([e['dtIgnore'][:, 0:maxDet] for e in E], axis=1)[:, inds]
    gtIg = np.concatenate([e['gtIgnore'] for e in E])
    npig = np.count_nonzero(gtIg == 0)
    if npig == 0:
        return precision
    tps = np.logical_and(dtm, np.logical_not(dtIg))
    fps = np.logical_and(np.logical_not(dtm), np.logical_not(dtIg))
    tp_sum = np.cumsum(tps, axis=1).astype(dtype=float)
    fp_sum = np.cumsum(fps, axis=1).astype(dtype=float)
    for t, (tp, fp) in enumerate(zip(tp_sum, fp_sum)):
        tp = np.array(tp)
        fp = np.array(fp)
        nd = len(tp)
        rc = tp / npig
        pr = tp / (fp + tp + np.spacing(1))
        q = np.zeros((R,))
        pr = pr.tolist()
        q = q.tolist()
        for i in range(nd - 1, 0, -1):
            if pr[i] > pr[i - 1]:
                pr[i - 1] = pr[i]
        inds = np.searchsorted(rc, REC_THRS, side='left')
        try:
            for ri, pi in enumerate(inds):
                q[ri] = pr[pi]
        except IndexError:
            pass
        precision[t, :] = np.array(q)
    return precision


def summarize(s):
    """COCOeval.summarize's mean over the valid entries (NaN for COCO's -1)."""
    s = np.asarray(s)
    return float('nan') if len(s[s > -1]) == 0 else float(np.mean(s[s > -1]))


def coco_ap(images):
    """Per-threshold AP (10) and AP@[.5:.95] of a case: images = [(gts [xywh], dts [(xywh, score)])]."""
    ann = 0
    E = []
    for gts, dts in images:
        g = []
        for box in gts:
            ann += 1
            g.append({'id': ann, 'bbox': box, 'area': box[2] * box[3]})
        d = []
        for box, score in dts:
            ann += 1
            d.append({'id': ann, 'bbox': box, 'area': box[2] * box[3], 'score': score})
        E.append(evaluate_img(g, d, compute_iou(g, d)))
    precision = accumulate(E)
    return [summarize(precision[t]) for t in range(len(IOU_THRS))], summarize(precision)


# ---------------------------------------------------------------------------------------------- independent FROC

def greedy_matches(gts, dts, threshold):
    """Matched ground truth count in one image: detections by descending score (stable) take the unmatched box they
    overlap most (the last such box on an IoU tie, as in COCO) when that IoU reaches the threshold."""
    order = sorted(range(len(dts)), key=lambda i: -dts[i][1])
    taken = [False] * len(gts)
    for i in order:
        best, best_iou = -1, threshold
        for g, box in enumerate(gts):
            if taken[g]:
                continue
            v = bb_iou([dts[i][0]], [box])[0, 0]
            if v >= best_iou:
                best, best_iou = g, v
        if best >= 0:
            taken[best] = True
    return sum(taken)


def froc(images, threshold=0.5):
    """Sensitivity at each FROC rate: the best over score thresholds whose false positives per image are within it."""
    truth = sum(len(g) for g, _ in images)
    if truth == 0 or len(images) == 0:
        return [float('nan')] * len(FROC_RATES)
    # The library keeps each image's 100 highest-scoring detections (stable on ties), as COCO does.
    kept = [(g, [dts[i] for i in sorted(range(len(dts)), key=lambda i: -dts[i][1])[:MAX_DETS]]) for g, dts in images]
    points = [(0.0, 0.0)]
    for s in sorted({score for _, dts in kept for _, score in dts}, reverse=True):
        tp = fp = 0
        for gts, dts in kept:
            above = [d for d in dts if d[1] >= s]
            m = greedy_matches(gts, above, threshold)
            tp += m
            fp += len(above) - m
        points.append((fp / len(images), tp / truth))
    return [max(sens for fpi, sens in points if fpi <= rate) for rate in FROC_RATES]


# ---------------------------------------------------------------------------------------------- cases

SIZES = [4, 5, 8, 10, 20]


def random_case(r, images, max_truth, max_dets, score_levels):
    scores = ['%.2f' % (k / 100) for k in sorted(r.sample(range(5, 100, 5), score_levels))]
    case = []
    for _ in range(images):
        gts = [[r.randint(0, 40), r.randint(0, 40), r.choice(SIZES), r.choice(SIZES)] for _ in range(r.randint(0, max_truth))]
        dts = []
        for _ in range(r.randint(0, max_dets)):
            if gts and r.random() < 0.75:
                x, y, w, h = r.choice(gts)
                kind = r.randrange(4)
                if kind == 0:  # the same box
                    box = [x, y, w, h]
                elif kind == 1:  # one side cut by k: IoU (w-k)/w, often exactly on a threshold
                    k = r.randint(1, max(1, w // 2))
                    box = [x + r.choice([0, k]), y, w - k, h] if r.random() < 0.5 else [x, y + r.choice([0, k]), w, max(1, h - k)]
                elif kind == 2:  # one side grown by k: IoU w/(w+k)
                    k = r.randint(1, max(1, w // 2))
                    box = [x - r.choice([0, k]), y, w + k, h]
                else:  # shifted
                    box = [x + r.randint(-3, 3), y + r.randint(-3, 3), w, h]
            else:
                box = [r.randint(0, 40), r.randint(0, 40), r.choice(SIZES), r.choice(SIZES)]
            dts.append((box, r.choice(scores)))
        case.append((gts, dts))
    return case


def targeted_cases():
    yield 'recall_0.70_ten_boxes', [([[20 * i, 0, 10, 10] for i in range(5)], [([20 * i, 0, 10, 10], '0.90') for i in range(5)]),
                                    ([[20 * i, 0, 10, 10] for i in range(5)], [([20 * i, 0, 10, 10], '0.80') for i in range(2)])]
    yield 'recall_0.35_twenty_boxes', [([[20 * i, 0, 10, 10] for i in range(5)], [([20 * i, 0, 10, 10], '0.50') for i in range(5)] if j == 0 else
                                        [([20 * i, 0, 10, 10], '0.40') for i in range(2)] if j == 1 else [([200, 200, 10, 10], '0.30')]) for j in range(4)]
    yield 'iou_coco_0.90_threshold', [([[1, 1, 1, 1]], [([1, 1, 1, 0.9], '0.90')]), ([[0.25, 0.25, 1, 1]], [([0.25, 0.25, 1, 0.9], '0.80')])]
    # The first detection overlaps both boxes at 100/110; pycocotools gives it the later one (B), so the second,
    # identical to A, matches A at IoU 1 (with A taken it would match B at 90/110 and miss from 0.85 up).
    yield 'iou_tie_between_truth_boxes', [([[0, 0, 10, 10], [0, 1, 10, 10]], [([0, 0, 10, 11], '0.90'), ([0, 0, 10, 10], '0.80')])]
    yield 'tie_across_images', [([[0, 0, 10, 10]], [([50, 50, 10, 10], '0.50')]), ([[0, 0, 10, 10]], [([0, 0, 10, 10], '0.50')])]
    yield 'no_truth', [([], [([0, 0, 10, 10], '0.50')]), ([], [])]
    yield 'no_detections', [([[0, 0, 10, 10]], []), ([], [])]
    # One image with 110 detections: ranks 96-105 tie at 0.20; the stable sort keeps the first four (TPs or not) and drops the rest.
    many = [[20 * (i % 10), 20 * (i // 10), 10, 10] for i in range(5)]
    dets = [([300 + i, 300, 10, 10], '%.2f' % (0.95 - 0.0075 * i)) for i in range(96)]
    dets += [([20 * (i % 5), 20 * (i // 5 % 2), 10, 10] if i % 3 == 0 else [400, 400, 10, 10], '0.20') for i in range(10)]
    dets += [(many[i], '0.10') for i in range(4)]
    yield 'max_100_detections_tie_at_cut', [(many, dets), ([[0, 0, 10, 10]], [([0, 0, 10, 10], '0.20')])]


def cases():
    yield from targeted_cases()
    r = random.Random(20240611)
    for k in range(140):
        yield f'random_{k}', random_case(r, r.randint(1, 6), 5, 10, r.choice([2, 3, 5, 19]))
    # Many boxes (20 images x 5 = 100, 10 x 5 = 50, ...): recall lands exactly on levels like 0.57, 0.41, 0.94.
    for k, (images, truth) in enumerate([(20, 5), (20, 5), (20, 5), (10, 5), (10, 5), (4, 5), (4, 5), (2, 5), (20, 5), (10, 5)]):
        case = []
        for _ in range(images):
            gts = [[20 * i, 0, 10, 10] for i in range(truth)]
            dts = [([20 * i, 0, 10, 10] if r.random() < 0.7 else [20 * i + 6, 0, 10, 10], '%.2f' % (r.randint(1, 6) / 10))
                   for i in range(truth) if r.random() < 0.8]
            dts += [([300, 300, 10, 10], '%.2f' % (r.randint(1, 6) / 10)) for _ in range(r.randint(0, 2))]
            case.append((gts, dts))
        yield f'many_boxes_{k}', case


def num(v):
    """Shortest round-trip text of a double (C#'s double.Parse reads it back exactly)."""
    if isinstance(v, float) and v != v:
        return 'NaN'
    text = repr(float(v))
    return text[:-2] if text.endswith('.0') else text


def encode(images):
    """img;img;... with img = 'x,y,w,h x,y,w,h/x,y,w,h,score ...' (truth before the slash, detections after)."""
    return ';'.join(' '.join(','.join(num(c) for c in box) for box in gts) + '/' +
                    ' '.join(','.join(num(c) for c in box) + ',' + score for box, score in dts) for gts, dts in images)


def main():
    lines = []
    for name, images in cases():
        numeric = [(gts, [(box, score32(s)) for box, s in dts]) for gts, dts in images]
        per_threshold, ap_range = coco_ap(numeric)
        sens = froc(numeric)
        lines.append('|'.join([name, ' '.join(num(a) for a in per_threshold), num(ap_range), ' '.join(num(s) for s in sens), encode(images)]))
    print('namespace XraySynth.Tests.Evaluate.Detection;')
    print()
    print('/// <summary>')
    print('/// Generated by coco_reference.py (do not edit): one case a line, <c>name|AP at the ten COCO IoU thresholds|AP@[.5:.95]|')
    print('/// FROC sensitivity at 1/8 … 8 FP/image|images</c>, each image <c>truth boxes/detections</c> (x,y,w,h and x,y,w,h,score).')
    print('/// AP from a numpy port of pycocotools\' COCOeval; FROC recomputed per score threshold.')
    print('/// </summary>')
    print('static class CocoReferenceCases')
    print('{')
    print('    /// <summary>COCO IoU thresholds as pycocotools builds them (np.linspace(.5, .95, 10)).</summary>')
    print('    public static readonly double[] IouThresholds = [' + ', '.join(num(t) for t in IOU_THRS) + '];')
    print()
    print('    /// <summary>COCO recall levels as pycocotools builds them (np.linspace(0, 1, 101)).</summary>')
    print('    public static readonly double[] RecallLevels = [' + ', '.join(num(t) for t in REC_THRS) + '];')
    print()
    print('    /// <summary>The cases.</summary>')
    print('    public const string Text = """')
    for line in lines:
        print('        ' + line)
    print('        """;')
    print('}')


if __name__ == '__main__':
    main()
