// Runs inside the benchmark page. Both contenders start from the same Blob already in memory (as a picked File
// would be) and produce a 7:9 JPEG of at most 827 × 1063 and 2,000,000 bytes from the same centred frame.
'use strict';

const longTasks = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ type: 'longtask', buffered: true });

function longTasksBetween(t0, t1) {
  return longTasks.filter((t) => t.end > t0 && t.start < t1).length;
}

// Same maths as passregion_photo::Crop::centred.
function centredCrop(w, h) {
  let cw, ch;
  if (w * 9 <= h * 7) { cw = w; ch = Math.floor((w * 9) / 7); } else { cw = Math.floor((h * 7) / 9); ch = h; }
  return { x: Math.floor((w - cw) / 2), y: Math.floor((h - ch) / 2), width: cw, height: ch };
}

let worker = null;
let nextId = 1;
const pending = new Map();

async function startWorker() {
  if (worker) return 0;
  const t0 = performance.now();
  worker = new Worker('/passregion-photo-worker_loader.js');
  await new Promise((resolve, reject) => {
    worker.onerror = (e) => reject(new Error('worker failed: ' + e.message));
    // The envelope [message, payload] of passregion_photo::protocol: "ready", or {variant: {id, …}} with the JPEG's
    // ArrayBuffer beside "done".
    worker.onmessage = (e) => {
      const [m, payload] = e.data;
      if (m === 'ready') { resolve(); return; }
      const [kind, body] = Object.entries(m)[0];
      const p = pending.get(body.id);
      if (!p) return;
      if (kind === 'done' || kind === 'probed') { pending.delete(body.id); p.resolve({ ...body, jpeg: payload }); }
      else if (kind === 'failed') { pending.delete(body.id); p.reject(new Error('worker error: ' + body.code)); }
    };
  });
  return performance.now() - t0;
}

// request: {probe: {}} or {process: {crop, rust_decoder}}; the id is added here, the file travels beside it.
function ask(request, file) {
  const id = nextId++;
  const [kind, body] = Object.entries(request)[0];
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage([{ [kind]: { ...body, id } }, file]);
  });
}

const blobs = new Map();
async function load(url) {
  if (!blobs.has(url)) blobs.set(url, await (await fetch(url)).blob());
  return blobs.get(url);
}

async function toBase64(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

window.bench = {
  startWorker,
  async size(url) {
    const bmp = await createImageBitmap(await load(url), { imageOrientation: 'from-image' });
    const size = { width: bmp.width, height: bmp.height };
    bmp.close();
    return size;
  },

  async ours(url, path) {
    const blob = await load(url);
    const probed = await ask({ probe: {} }, blob);
    const crop = centredCrop(probed.width, probed.height);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const done = await ask({ process: { crop, rust_decoder: path === 'rust' } }, blob);
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    return {
      ms: t1 - t0, bytes: done.jpeg.byteLength, width: done.width, height: done.height, quality: done.quality,
      path: done.decoder, advice: done.advice, longTasks: longTasksBetween(t0, t1),
      jpeg: await toBase64(new Blob([done.jpeg], { type: 'image/jpeg' })),
    };
  },

  async theirs(url) {
    const blob = await load(url);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const bmp = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    const crop = centredCrop(bmp.width, bmp.height);
    const canvas = document.createElement('canvas');
    canvas.width = crop.width;
    canvas.height = crop.height;
    canvas.getContext('2d').drawImage(bmp, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
    bmp.close();
    const cropped = await imageCompression.canvasToFile(canvas, 'image/jpeg', 'crop.jpg', Date.now(), 1.0);
    const out = await imageCompression(cropped, {
      maxSizeMB: 2000000 / 1024 / 1024,
      maxWidthOrHeight: 1063,
      initialQuality: 1.0,
      fileType: 'image/jpeg',
      useWebWorker: true,
      // The library's default worker script comes from a CDN: serve our copy (no third-party requests).
      libURL: location.origin + '/__bench/bic/browser-image-compression.js',
    });
    const t1 = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    const check = await createImageBitmap(out);
    const result = {
      ms: t1 - t0, bytes: out.size, width: check.width, height: check.height,
      longTasks: longTasksBetween(t0, t1), jpeg: await toBase64(out),
    };
    check.close();
    return result;
  },
};
