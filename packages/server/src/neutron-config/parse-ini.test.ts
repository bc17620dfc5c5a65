import { NeutronConfigError } from './neutron-config-error';
import { parseIni } from './parse-ini';
import { dedent } from './test-support/ini-table-of';

const values = (text: string) =>
  parseIni(dedent(text), 'f.conf').map(({ section, option, value, line }) => [
    section,
    option,
    value,
    line,
  ]);

/** The error `parseIni` throws for `text`. */
function errorOf(text: string): NeutronConfigError {
  try {
    parseIni(dedent(text), 'bad.conf');
  } catch (error) {
    if (error instanceof NeutronConfigError) return error;
    throw error;
  }
  throw new Error('parseIni did not throw');
}

describe('parseIni', () => {
  it('reads sections, options, comments and empty values, with their lines', () => {
    expect(
      values(`
        # a comment
        ; another comment
        [DEFAULT]
        bind_port = 9696
        debug=true

        [ML2]
        mechanism_drivers = openvswitch, linuxbridge
        extension_drivers =
        path_mtu: 9000
      `),
    ).toEqual([
      ['DEFAULT', 'bind_port', '9696', 5],
      ['DEFAULT', 'debug', 'true', 6],
      ['ml2', 'mechanism_drivers', 'openvswitch, linuxbridge', 9],
      ['ml2', 'extension_drivers', '', 10],
      ['ml2', 'path_mtu', '9000', 11],
    ]);
  });

  it('splits at the first separator, keeps the rest of the line and removes one pair of quotes', () => {
    expect(
      values(`
        [database]
        connection = mysql+pymysql://neutron:p=w:d@db/neutron?charset=utf8
        [x]
        a = "quoted value"
        b = 'single'
        c = "unbalanced'
        d = 1 # not a comment
      `),
    ).toEqual([
      ['database', 'connection', 'mysql+pymysql://neutron:p=w:d@db/neutron?charset=utf8', 3],
      ['x', 'a', 'quoted value', 5],
      ['x', 'b', 'single', 6],
      ['x', 'c', `"unbalanced'`, 7],
      ['x', 'd', '1 # not a comment', 8],
    ]);
  });

  it('joins indented continuation lines with newlines, until a blank line', () => {
    expect(
      values(
        '[ml2_type_vlan]\nnetwork_vlan_ranges = physnet1:100:199,\n    physnet2:200:299,\n\tphysnet3\n\nother = 1\n',
      ),
    ).toEqual([
      ['ml2_type_vlan', 'network_vlan_ranges', 'physnet1:100:199,\nphysnet2:200:299,\nphysnet3', 2],
      ['ml2_type_vlan', 'other', '1', 6],
    ]);
  });

  it('keeps repeated options, handles CRLF line ends and a byte order mark', () => {
    expect(values('\uFEFF[DEFAULT]\r\na = 1\r\na = 2\r\n')).toEqual([
      ['DEFAULT', 'a', '1', 2],
      ['DEFAULT', 'a', '2', 3],
    ]);
  });

  it('refuses malformed lines, naming the file and line', () => {
    expect(errorOf('a = 1')).toMatchObject({
      file: 'bad.conf',
      line: 1,
      option: 'a',
      message: expect.stringContaining('put it under [DEFAULT]'),
    });
    expect(errorOf('[DEFAULT]\n\n  indented = 1')).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^bad\.conf:3: this indented line continues no option/),
    });
    expect(errorOf('[ml2\na = 1').message).toContain("no closing ']'");
    expect(errorOf('[ ]').message).toContain('names no section');
    expect(errorOf('[DEFAULT]\nbind_port 9696')).toMatchObject({
      line: 2,
      message: expect.stringContaining('add "= value"'),
    });
    expect(errorOf('[DEFAULT]\n= 9696').message).toContain('without an option name');
  });
});
