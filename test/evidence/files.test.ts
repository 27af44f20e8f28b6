import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileEvidenceStore, strayTempFiles } from '../../src/evidence/files/index.js';
import { createEvidenceStore } from '../../src/evidence/index.js';
import { page, runEvidenceContract } from './contract.js';

runEvidenceContract('files', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-evidence-'));
  return {
    store: createFileEvidenceStore({ dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('files evidence store extras', () => {
  it('is what createEvidenceStore picks without Elasticsearch; bodies are gzip files named by digest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-evidence-'));
    try {
      const store = createEvidenceStore({ dataDir });
      expect(store.name).toBe('files');
      await store.init();
      const record = await store.putCapture(page());
      const hex = record.digest.slice('sha256:'.length);
      expect(existsSync(join(dataDir, 'captures', 'bodies', hex.slice(0, 2), `${hex}.gz`))).toBe(true);
      expect(existsSync(join(dataDir, 'captures', 'captures.db'))).toBe(true);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('leaves no half-written body after a crash: temporary files are cleared at start and never read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kuzet-evidence-'));
    try {
      const tmp = join(dataDir, 'captures', 'tmp');
      mkdirSync(tmp, { recursive: true });
      writeFileSync(join(tmp, 'deadbeef.partial'), Buffer.from([0x1f, 0x8b, 0x08]));
      const store = createFileEvidenceStore({ dataDir });
      await store.init();
      expect(strayTempFiles(dataDir)).toEqual([]);
      const record = await store.putCapture(page());
      expect(readdirSync(tmp)).toEqual([]);
      expect((await store.captureBody(record.digest))?.toString()).toContain('Мигранты');
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
