import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

describe('the installed ml2ts command', () => {
  const packageDir = join(__dirname, '..');
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
    files: string[];
  };

  it('points at a committed shim, so npm can link it before the build has run', () => {
    const target = manifest.bin.ml2ts;
    expect(target).not.toMatch(/dist\//);
    const shim = join(packageDir, target);
    expect(existsSync(shim)).toBe(true);
    expect(statSync(shim).mode & 0o111).not.toBe(0);
    const text = readFileSync(shim, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node')).toBe(true);
    expect(text).toContain("require('../dist/main.js')");
    expect(manifest.files).toContain('bin');
  });
});
