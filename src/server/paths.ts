import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository / package root, found from this file whether it runs from src/ (tests) or dist/ (production). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'migrations'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('motcua: cannot find the package root (package.json + migrations/)');
    dir = parent;
  }
}

export const ROOT = findRoot();
export const MIGRATIONS_DIR = path.join(ROOT, 'migrations');
export const SEED_DIR = path.join(ROOT, 'seed');
export const WEB_DIST_DIR = path.join(ROOT, 'dist', 'web');
