// XraySynth viewer: plain JavaScript, no libraries, no network beyond this server.
"use strict";

const $ = (id) => document.getElementById(id);
const HEADERS = { "X-XraySynth": "1" };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function showError(message) {
  const box = $("error");
  box.textContent = message; box.hidden = !message;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const type = response.headers.get("content-type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) throw new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
  return body;
}

function query(params) {
  return Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
}

const percent = (p) => (100 * p).toFixed(1) + " %";

// ---------------------------------------------------------------- routing
const views = ["browse", "gan", "diagnose", "history"];
function route() {
  const [path, search] = (location.hash.slice(1) || "/browse").split("?");
  const name = views.includes(path.slice(1)) ? path.slice(1) : "browse";
  for (const v of views) { $("view-" + v).hidden = v !== name; $("nav-" + v).classList.toggle("active", v === name); }
  showError("");
  const params = new URLSearchParams(search || "");
  ({ browse: openBrowse, gan: openGan, diagnose: openDiagnose, history: openHistory })[name](params).catch((e) => showError(e.message));
}
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);

// ---------------------------------------------------------------- dataset browser
let datasets = null;
let shown = 0;
const PAGE = 48;

async function openBrowse() {
  if (datasets === null) {
    datasets = await api("/api/datasets");
    const select = $("f-dataset");
    select.replaceChildren(...datasets.map((d) => el("option", { value: d.id }, `${d.name} (${d.images} images)`)));
    for (const id of ["f-dataset", "f-label", "f-split", "f-source"]) $(id).addEventListener("change", () => { if (id === "f-dataset") fillLabels(); loadImages(true); });
    $("more").addEventListener("click", () => loadImages(false));
    $("detail-close").addEventListener("click", () => $("detail").close());
    fillLabels();
  }
  if (datasets.length === 0) { $("browse-summary").textContent = "No datasets are served: start the server with --dataset DIR."; return; }
  await loadImages(true);
}

function current() { return datasets.find((d) => String(d.id) === $("f-dataset").value) || datasets[0]; }

function fillLabels() {
  const d = current();
  if (!d) return;
  const chosen = $("f-label").value;
  $("f-label").replaceChildren(el("option", { value: "all" }, "any label"), ...d.labels.map((l) => el("option", { value: l }, l)), el("option", { value: "No Finding" }, "No Finding"));
  if ([...$("f-label").options].some((o) => o.value === chosen)) $("f-label").value = chosen;
  const labels = [...d.labels, "No Finding"];
  const head = el("tr", {}, el("th", {}, "label"), ...d.counts.map((c) => el("th", {}, c.split)));
  const rows = labels.map((l) => el("tr", {}, el("td", {}, l), ...d.counts.map((c) => el("td", { class: "num" }, c.labels[l] ?? 0))));
  const total = el("tr", {}, el("th", {}, "images (synthetic)"), ...d.counts.map((c) => el("td", { class: "num" }, `${c.images} (${c.synthetic})`)));
  $("counts").replaceChildren(el("table", { id: "counts-table" }, head, ...rows, total));
}

async function loadImages(reset) {
  const d = current();
  if (reset) { shown = 0; $("grid-real").replaceChildren(); $("grid-synthetic").replaceChildren(); }
  const source = $("f-source").value;
  const page = await api("/api/images?" + query({ dataset: d.id, label: $("f-label").value, split: $("f-split").value, source, offset: shown, limit: PAGE }));
  for (const image of page.images) $(image.source === "synthetic" ? "grid-synthetic" : "grid-real").append(thumb(d, image));
  shown += page.images.length;
  $("count-real").textContent = `(${page.real})`;
  $("count-synthetic").textContent = `(${page.synthetic})`;
  $("col-real").hidden = source === "synthetic";
  $("col-synthetic").hidden = source === "real";
  $("browse-summary").textContent = `${page.total} images match; showing ${shown}.`;
  $("more").hidden = shown >= page.total;
}

function thumb(d, image) {
  const card = el("div", { class: "thumb", "data-id": image.id, title: image.id },
    el("img", { src: "/api/image?" + query({ dataset: d.id, id: image.id, size: "thumb" }), alt: image.labels.join(", "), loading: "lazy" }),
    el("div", { class: "labels" }, image.labels.join(", ")),
    el("div", { class: "muted" }, image.split + (image.generator ? " · " + image.generator : "")));
  card.addEventListener("click", () => openDetail(d, image.id).catch((e) => showError(e.message)));
  return card;
}

async function openDetail(d, id) {
  const meta = await api("/api/image/meta?" + query({ dataset: d.id, id }));
  $("detail-image").src = "/api/image?" + query({ dataset: d.id, id });
  $("detail-title").textContent = id;
  const rows = [["dataset", meta.datasetName], ["labels", meta.summary.labels.join(", ")], ["split", meta.summary.split], ["source", meta.summary.source],
    ["patient", meta.patient], ["view", meta.view], ["age", meta.age ?? ""], ["sex", meta.sex], ["size", `${meta.width} × ${meta.height}`]];
  if (meta.provenance) rows.push(["generator (checkpoint SHA-256)", meta.provenance.generatorHash ?? ""], ["generator seed", meta.provenance.generatorSeed ?? ""],
    ["truncation", meta.provenance.truncation ?? ""], ["file", meta.provenance.file], ["sampled", meta.provenance.origin ?? "(no dataset.json beside the file)"]);
  for (const b of meta.boxes) rows.push(["box", `${b.label}: x ${b.x.toFixed(0)}, y ${b.y.toFixed(0)}, ${b.w.toFixed(0)} × ${b.h.toFixed(0)}`]);
  $("detail-meta").replaceChildren(...rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v))));
  $("detail-diagnose").onclick = () => { $("detail").close(); location.hash = "#/diagnose?" + query({ dataset: d.id, id }); };
  $("detail").showModal();
}

// ---------------------------------------------------------------- GAN runs
let ganTimer = null;
let ganRun = null;

async function openGan() {
  const list = await api("/api/gan-runs");
  const select = $("g-run");
  const chosen = select.value;
  select.replaceChildren(...list.runs.map((r) => el("option", { value: r.name }, `${r.name} (${r.grids} grids, ${r.kimg.toFixed(1)} kimg)`)));
  if (list.runs.length === 0) { $("g-info").textContent = list.root ? `No GAN runs under ${list.root} yet.` : "No runs folder: start the server with --runs DIR."; return; }
  if (list.runs.some((r) => r.name === chosen)) select.value = chosen;
  select.onchange = () => loadRun().catch((e) => showError(e.message));
  $("g-slider").oninput = () => showGrid();
  $("g-watch").onchange = () => {
    clearInterval(ganTimer);
    if ($("g-watch").checked) ganTimer = setInterval(() => { if (!$("view-gan").hidden) loadRun(true).catch((e) => showError(e.message)); }, 10000);
  };
  await loadRun();
}

async function loadRun(keepPosition) {
  const atEnd = !ganRun || +$("g-slider").value === ganRun.grids.length - 1;
  ganRun = await api("/api/gan-run?" + query({ name: $("g-run").value }));
  const r = ganRun;
  $("g-info").textContent = `${r.name}: dataset ${r.dataset ?? "?"}, labels ${(r.labels || []).join(", ")}, seed ${r.seed ?? "?"}, device ${r.device ?? "?"}, created ${r.created ?? "?"}`;
  $("g-slider").max = Math.max(0, r.grids.length - 1);
  if (!keepPosition || atEnd) $("g-slider").value = Math.max(0, r.grids.length - 1);
  $("g-grid-box").hidden = r.grids.length === 0;
  showGrid();
  chart($("g-curves"), r.log, "kimg", ["loss_d", "loss_g", "gradient_penalty"]);
  chart($("g-quality"), r.quality, "kimg", ["fid", "kid"], "no quality.csv in this run (train with quality_kimg > 0 to track FID/KID)");
  $("g-config").textContent = r.config;
}

function showGrid() {
  if (!ganRun || ganRun.grids.length === 0) return;
  const grid = ganRun.grids[+$("g-slider").value];
  $("g-kimg").textContent = grid.kimg.toFixed(1);
  const image = $("g-grid");
  // Small grids (low resolutions) are shown enlarged, pixels kept sharp.
  image.onload = () => { image.style.width = image.naturalWidth < 500 ? Math.min(2 * image.naturalWidth, 1000) + "px" : ""; };
  image.src = "/api/gan-run/grid?" + query({ name: ganRun.name, index: grid.index });
}

// A small line chart in SVG: one panel per series (their scales differ), x = the given column.
function chart(box, table, xName, names, emptyText) {
  box.replaceChildren();
  if (!table || table.rows.length === 0) { box.append(el("p", { class: "muted" }, emptyText || "no rows yet")); return; }
  const xi = table.columns.indexOf(xName);
  for (const name of names) {
    const yi = table.columns.indexOf(name);
    if (yi < 0 || xi < 0) continue;
    const points = table.rows.filter((r) => r[xi] !== null && r[yi] !== null).map((r) => [r[xi], r[yi]]);
    if (points.length === 0 || points.every((p) => p[1] === 0)) continue;   // absent, or never logged (e.g. no gradient penalty)
    const W = 420, H = 180, L = 56, B = 26, T = 18, R = 10;
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const sx = (x) => L + (x1 === x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - L - R);
    const sy = (y) => H - B - (y1 === y0 ? 0.5 : (y - y0) / (y1 - y0)) * (H - B - T);
    const plot = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "series", "data-series": name });
    plot.append(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }), svg("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }));
    plot.append(svg("polyline", { points: points.map((p) => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" "), fill: "none", stroke: "#0b5cad", "stroke-width": 1.5 }));
    plot.append(svg("text", { x: L, y: 12 }, `${name} (last ${ys[ys.length - 1].toPrecision(4)})`));
    plot.append(svg("text", { x: 2, y: T + 8 }, y1.toPrecision(3)), svg("text", { x: 2, y: H - B }, y0.toPrecision(3)));
    plot.append(svg("text", { x: L, y: H - 6 }, `${x0.toFixed(1)} ${xName}`), svg("text", { x: W - R - 60, y: H - 6 }, `${x1.toFixed(1)} ${xName}`));
    box.append(plot);
  }
}

// ---------------------------------------------------------------- diagnose
let status = null;
let diagnosis = null;

async function openDiagnose(params) {
  status = await api("/api/diagnose/status");
  $("d-models").textContent = status.enabled
    ? `Classifier run ${status.classifier}; ` + (status.detector ? `boxes from detector run ${status.detector}.` : "no detector run: the box marks the Grad-CAM region of the top finding (where the classifier looked), not a detection.")
    : "Diagnosing is off: start the server with --classifier RUN (and optionally --detector RUN).";
  $("d-form").hidden = !status.enabled;
  $("d-form").onsubmit = (e) => { e.preventDefault(); diagnose().catch((x) => showError(x.message)); };
  $("d-all").onchange = () => showFindings();
  $("d-cam").onclick = () => showCam();
  $("d-cam-label").replaceChildren(...status.labels.map((l) => el("option", { value: l }, l)));
  if (status.enabled && params.get("id") !== null) await diagnose(params.get("dataset"), params.get("id"));
  else if (status.enabled && params.get("history") !== null) show(await api("/api/history/item?" + query({ id: params.get("history") })));
}

async function diagnose(dataset, id) {
  const form = new FormData();
  if (id !== undefined) { form.append("dataset", dataset ?? "0"); form.append("id", id); }
  else {
    const file = $("d-file").files[0];
    if (!file) throw new Error("choose a PNG or JPEG file first");
    if (file.size > status.maxUploadBytes) throw new Error(`${file.name}: ${file.size} bytes is more than the ${status.maxUploadBytes}-byte upload limit`);
    form.append("image", file, file.name);
  }
  $("d-submit").disabled = true;
  try { show(await api("/api/diagnose", { method: "POST", body: form, headers: HEADERS })); }
  finally { $("d-submit").disabled = false; }
}

function show(stored) {
  diagnosis = stored;
  showError("");
  $("d-result").hidden = false;
  $("d-image").src = "/api/history/image?" + query({ id: stored.id });
  const boxes = $("d-boxes");
  boxes.setAttribute("viewBox", `0 0 ${stored.width} ${stored.height}`);
  boxes.setAttribute("preserveAspectRatio", "none");
  boxes.replaceChildren();
  // The SVG's units are image pixels: size text relative to the image so it reads the same at any resolution.
  const size = stored.height / 32;
  for (const b of stored.result.boxes) {
    const camRegion = b.source === "grad-cam region";
    boxes.append(svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, class: "box" + (camRegion ? " grad-cam" : ""), "data-label": b.label }));
    const right = b.x + b.w / 2 > stored.width / 2;   // labels of boxes on the right end at the box's right edge
    boxes.append(svg("text", { x: right ? b.x + b.w : b.x, y: Math.max(size, b.y - size / 3), "text-anchor": right ? "end" : "start", "font-size": size, "stroke-width": size / 6 }, `${b.label} ${b.score.toFixed(2)}${camRegion ? " (Grad-CAM region)" : ""}`));
  }
  $("d-box-note").textContent = stored.result.boxes.length === 0
    ? (stored.result.detector ? "The detector found no box above the threshold." : "The Grad-CAM map is flat: no region to mark.")
    : (stored.result.detector ? `Boxes: detector ${stored.result.detector}.` : "Box: Grad-CAM region of the top finding (where the classifier looked), not a detection.");
  $("d-cam-label").value = stored.result.findings[0].label;
  $("d-cam-image").hidden = true;
  showFindings();
}

function showFindings() {
  if (!diagnosis) return;
  const findings = $("d-all").checked ? diagnosis.result.findings : diagnosis.result.findings.slice(0, 3);
  $("findings").replaceChildren(...findings.map((f) => el("li", { class: "finding", "data-label": f.label },
    el("span", { class: "label" }, f.label), " ", el("span", { class: "probability" }, percent(f.probability)),
    bar(f.probability))));
}

// Width set through the CSSOM: the page's CSP forbids inline style attributes.
function bar(p) {
  const node = el("span", { class: "bar" });
  node.style.width = Math.round(120 * p) + "px";
  return node;
}

function showCam() {
  if (!diagnosis) return;
  const image = $("d-cam-image");
  image.onerror = () => showError("the Grad-CAM overlay could not be made (see the server's console)");
  image.src = "/api/history/gradcam?" + query({ id: diagnosis.id, label: $("d-cam-label").value });
  image.hidden = false;
}

// ---------------------------------------------------------------- history
async function openHistory() {
  const rows = await api("/api/history");
  $("h-file").textContent = "the server's history database";
  const body = $("history").tBodies[0];
  body.replaceChildren(...rows.map((d) => {
    const top = d.result.findings[0];
    return el("tr", { "data-id": d.id },
      el("td", {}, d.id), el("td", {}, d.timeUtc), el("td", {}, el("a", { href: "#/diagnose?" + query({ history: d.id }) }, d.imageName), el("div", { class: "muted" }, d.imageSha256.slice(0, 12))),
      el("td", {}, top ? `${top.label} ${percent(top.probability)}` : ""),
      el("td", {}, d.result.classifier + (d.result.detector ? " + " + d.result.detector : "")),
      el("td", {}, el("button", { type: "button", class: "delete", onclick: () => remove(d.id) }, "Delete")));
  }));
  if (rows.length === 0) body.append(el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No diagnoses yet.")));
}

async function remove(id) {
  try { await api("/api/history?" + query({ id }), { method: "DELETE", headers: HEADERS }); await openHistory(); }
  catch (e) { showError(e.message); }
}
