/**
 * OCR off the request thread. tesseract.js runs each worker in its own worker thread (WASM), so
 * a recognition never blocks the event loop; this pool keeps a few of them (1 by default: the
 * center's machine has 2 cores and a worker holds ~180 MB), creates them on first use, reuses
 * them, bounds the queue (a full queue answers OCR_BUSY, 503) and stops a recognition that takes
 * too long (OCR_TIMEOUT, 503; the stuck worker is terminated and replaced on the next job).
 *
 * Offline by construction: the Vietnamese data comes from the installed npm package
 * `@tesseract.js-data/vie` (4.0.0_best_int, gzip), the core WASM from `tesseract.js-core`, and
 * the language cache is disabled, so nothing is downloaded or written.
 *
 * Images are cleaned up with sharp first (auto-rotation from EXIF, grayscale, normalisation,
 * upscaling small images to ≥ 1500 px wide). Deskew uses tesseract's own page-layout angle
 * (`rotateAuto`), which needs no extra data; the orientation detector (OSD, for 90°/180° turns)
 * needs `osd.traineddata`, which no installed package ships, so it is not used.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createWorker, type Worker } from 'tesseract.js';
import { AppError } from '../../http/app-error.js';

const require = createRequire(import.meta.url);

/** Directory of `vie.traineddata.gz` inside the installed data package. */
export function vietnameseLangPath(): string {
  return path.dirname(require.resolve('@tesseract.js-data/vie/4.0.0_best_int/vie.traineddata.gz'));
}

export interface OcrLine {
  text: string;
  /** 0…1 */
  confidence: number;
}

export interface OcrResult {
  text: string;
  lines: OcrLine[];
  /** Mean confidence, 0…1. */
  confidence: number;
  /** Time spent in the worker (pre-processing excluded). */
  ms: number;
}

export interface OcrPoolOptions {
  /** Workers (threads); default 1. */
  size?: number;
  /** Jobs that may wait for a free worker; one more is refused with OCR_BUSY. Default 4. */
  queueLimit?: number;
  /** Per recognition, in ms. Default 30 s. */
  timeoutMs?: number;
}

interface Job {
  image: Buffer;
  resolve: (result: OcrResult) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Promise<Worker> | null;
  busy: boolean;
}

/** Largest input accepted by sharp (pixels): a 10 MB upload cannot expand into gigabytes. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Images narrower than this are upscaled before OCR. */
export const OCR_MIN_WIDTH = 1500;
/** Images wider than this are downscaled (recognition time grows with the area). */
export const OCR_MAX_WIDTH = 2500;

/**
 * The image as tesseract reads best: upright by EXIF, grayscale, contrast stretched, between
 * 1500 and 2500 px wide, PNG. Throws IMAGE_UNREADABLE if sharp cannot decode it.
 */
export async function prepareForOcr(image: Buffer): Promise<Buffer> {
  try {
    const pipeline = sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const meta = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    // EXIF orientations 5–8 swap width and height.
    const width = (meta.orientation ?? 1) >= 5 ? meta.height : meta.width;
    if (width < OCR_MIN_WIDTH) pipeline.resize({ width: OCR_MIN_WIDTH, kernel: 'lanczos3' });
    else if (width > OCR_MAX_WIDTH) pipeline.resize({ width: OCR_MAX_WIDTH });
    return await pipeline.grayscale().normalise().png({ compressionLevel: 1 }).toBuffer();
  } catch (error) {
    throw new AppError('IMAGE_UNREADABLE', { internal: `sharp: ${(error as Error).message}`, cause: error });
  }
}

export class OcrPool {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly timeoutMs: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(options: OcrPoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
    this.queueLimit = Math.max(0, options.queueLimit ?? 4);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, busy: false }));
  }

  /** Busy workers and waiting jobs (for tests and metrics). */
  stats(): { busy: number; waiting: number; workers: number } {
    return { busy: this.slots.filter((s) => s.busy).length, waiting: this.queue.length, workers: this.slots.filter((s) => s.worker !== null).length };
  }

  /** Recognises the Vietnamese text of an image already prepared by `prepareForOcr`. */
  recognize(image: Buffer): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new AppError('OCR_BUSY', { internal: 'OCR pool closed' }));
    const free = this.slots.some((s) => !s.busy);
    if (!free && this.queue.length >= this.queueLimit) {
      return Promise.reject(new AppError('OCR_BUSY', { retryAfter: 5, internal: `OCR queue full (${this.queue.length} waiting)` }));
    }
    return new Promise<OcrResult>((resolve, reject) => {
      this.queue.push({ image, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every worker; waiting jobs are refused. Called from the app's onClose hook. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new AppError('OCR_BUSY', { internal: 'OCR pool closed' }));
    await Promise.all(this.slots.map(async (slot) => this.terminate(slot)));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.busy = true;
      // The slot is free again before the caller hears back, so the next job can start at once.
      const release = () => {
        slot.busy = false;
        if (!this.closed) this.pump();
      };
      this.run(slot, job).then(
        (result) => {
          release();
          job.resolve(result);
        },
        (error: unknown) => {
          release();
          job.reject(error);
        },
      );
    }
  }

  private workerOf(slot: Slot): Promise<Worker> {
    slot.worker ??= (async () => {
      const worker = await createWorker('vie', 1, {
        langPath: vietnameseLangPath(),
        // The cache is off; tesseract.js still wants a directory (it would default to the cwd).
        cachePath: os.tmpdir(),
        cacheMethod: 'none',
        gzip: true,
      });
      // Tesseract's own diagnostics ("Detected 31 diacritics") would otherwise go to stdout.
      await worker.setParameters({ debug_file: '/dev/null' });
      return worker;
    })();
    return slot.worker;
  }

  private async terminate(slot: Slot): Promise<void> {
    const pending = slot.worker;
    slot.worker = null;
    if (!pending) return;
    try {
      await (await pending).terminate();
    } catch {
      // A worker that failed to start or already died has nothing left to stop.
    }
  }

  private async run(slot: Slot, job: Job): Promise<OcrResult> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new AppError('OCR_TIMEOUT', { internal: `OCR over ${this.timeoutMs} ms` })), this.timeoutMs);
    });
    try {
      const work = (async () => {
        const worker = await this.workerOf(slot);
        const { data } = await worker.recognize(job.image, { rotateAuto: true }, { text: true, blocks: true });
        return data;
      })();
      // If the timeout wins, the abandoned recognition may still fail later: nobody awaits it.
      work.catch(() => undefined);
      const data = await Promise.race([work, timeout]);
      const lines: OcrLine[] = [];
      for (const block of data.blocks ?? []) {
        for (const paragraph of block.paragraphs) {
          for (const line of paragraph.lines) lines.push({ text: line.text.trim(), confidence: line.confidence / 100 });
        }
      }
      return { text: data.text, lines, confidence: data.confidence / 100, ms: Math.round(performance.now() - started) };
    } catch (error) {
      // A timed-out or crashed worker may still be busy: replace it.
      await this.terminate(slot);
      if (error instanceof AppError) throw error;
      throw new AppError('IMAGE_UNREADABLE', { internal: `tesseract: ${(error as Error).message}`, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
