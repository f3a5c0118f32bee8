// Writes a copy of a YUV4MPEG2 (4:2:0) clip enlarged by a whole factor (pixel repetition), for Chromium's fake
// camera: `--use-file-for-fake-video-capture` serves the clip at its own size, and a 640 × 480 camera cannot give the
// 413 × 531 source pixels the photo rules ask for once cropped to 7:9 (the step then refuses the capture, as it
// would with a real VGA webcam). Used by the webcam spec; by hand: node tests/e2e/y4m.js in.y4m out.y4m [factor=2]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Writes `output`, the clip `input` enlarged `factor` times; returns its size. */
export function upscaleY4m(input, output, factor = 2) {
  const data = readFileSync(input);
  const headerEnd = data.indexOf(0x0a);
  const header = data.subarray(0, headerEnd).toString();
  if (!/ C420/.test(header) && / C/.test(header)) throw new Error(`only 4:2:0 clips: ${header}`);
  const w = Number(/ W(\d+)/.exec(header)[1]);
  const h = Number(/ H(\d+)/.exec(header)[1]);
  const planes = [[w, h], [w / 2, h / 2], [w / 2, h / 2]];
  const frameBytes = planes.reduce((n, [pw, ph]) => n + pw * ph, 0);

  const out = [Buffer.from(header.replace(/ W\d+/, ` W${w * factor}`).replace(/ H\d+/, ` H${h * factor}`) + '\n')];
  let at = headerEnd + 1;
  while (at < data.length) {
    const lineEnd = data.indexOf(0x0a, at);
    out.push(data.subarray(at, lineEnd + 1)); // "FRAME…\n"
    at = lineEnd + 1;
    for (const [pw, ph] of planes) {
      const plane = data.subarray(at, at + pw * ph);
      const big = Buffer.alloc(pw * factor * ph * factor);
      for (let y = 0; y < ph * factor; y++) {
        const row = Math.floor(y / factor) * pw;
        for (let x = 0; x < pw * factor; x++) big[y * pw * factor + x] = plane[row + Math.floor(x / factor)];
      }
      out.push(big);
      at += pw * ph;
    }
    if (frameBytes <= 0) break;
}
writeFileSync(output, Buffer.concat(out));
return { width: w * factor, height: h * factor };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, f = '2'] = process.argv.slice(2);
  const { width, height } = upscaleY4m(input, output, Number(f));
  console.log(`${output}: ${width}×${height}`);
}
