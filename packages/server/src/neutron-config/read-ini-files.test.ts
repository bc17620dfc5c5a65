import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CONFIGURATION_FILE_BYTES } from '@ml2ts/core';
import { NeutronConfigError } from './neutron-config-error';
import { readIniFiles } from './read-ini-files';
import { fixturePath } from './test-support/fixture-path';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'ml2ts-neutron-config-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('readIniFiles', () => {
  it('reads files in order: later files and later lines override earlier ones', () => {
    const first = join(folder, 'first.conf');
    const second = join(folder, 'second.conf');
    writeFileSync(first, '[DEFAULT]\nbind_port = 1\nbind_port = 2\ndebug = true\n');
    writeFileSync(second, '[DEFAULT]\nbind_port = 3\n');
    const table = readIniFiles([first, second]);
    expect(table.files).toEqual([first, second]);
    expect(table.last('DEFAULT', 'bind_port')).toMatchObject({ file: second, line: 2, value: '3' });
    expect(table.last('DEFAULT', 'debug')).toMatchObject({ file: first, line: 4 });
    expect(table.all('DEFAULT', 'bind_port').map((entry) => entry.value)).toEqual(['1', '2', '3']);
    expect(table.last('DEFAULT', 'nothing')).toBeUndefined();
    expect(table.all('nothing', 'x')).toEqual([]);
  });

  it("reads the sample server's two files", () => {
    const table = readIniFiles([fixturePath('neutron.conf'), fixturePath('ml2_conf.ini')]);
    expect(table.last('ml2', 'mechanism_drivers')?.value).toBe(
      'openvswitch,linuxbridge,sriovnicswitch',
    );
    expect(table.last('DEFAULT', 'auth_strategy')?.value).toBe('noauth');
  });

  it('names the file it cannot read, and refuses a folder and a file that is too large', () => {
    const missing = join(folder, 'missing.conf');
    expect(() => readIniFiles([missing])).toThrow(
      expect.objectContaining({
        name: 'NeutronConfigError',
        file: missing,
        message: expect.stringMatching(
          /cannot be read \(ENOENT.*check the path given to --config-file/,
        ),
      }),
    );
    expect(() => readIniFiles([folder])).toThrow('is not a regular file');
    const large = join(folder, 'large.conf');
    writeFileSync(large, `[DEFAULT]\n#${'x'.repeat(MAX_CONFIGURATION_FILE_BYTES)}\n`);
    expect(() => readIniFiles([large])).toThrow(NeutronConfigError);
    expect(() => readIniFiles([large])).toThrow('is larger than 1048576 bytes');
  });
});
