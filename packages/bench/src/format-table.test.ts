import { formatTable } from './format-table';

describe('formatTable', () => {
  it('pads columns to their widest cell, the first left-aligned, the rest right-aligned', () => {
    expect(
      formatTable(
        ['case', 'N'],
        [
          ['create-bind', '1000'],
          ['x', '5'],
        ],
      ),
    ).toBe(
      ['case            N', '-----------  ----', 'create-bind  1000', 'x               5'].join(
        '\n',
      ),
    );
  });
});
