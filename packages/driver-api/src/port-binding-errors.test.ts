import {
  ActivePortBindingNotDeletable,
  BadRequest,
  Conflict,
  Ml2Error,
  NotFound,
  PortBindingAlreadyActive,
  PortBindingAlreadyExists,
  PortBindingError,
  PortBindingNotFound,
  PortBindingsNotSupported,
} from './index';

type Family = abstract new (...args: never[]) => Ml2Error;

/** [the error, Neutron's type name, HTTP status, its family, its message]. */
const cases: Array<[Ml2Error, string, number, Family, string]> = [
  [
    new PortBindingsNotSupported('p1'),
    'BadRequest',
    400,
    BadRequest,
    'Bad port request: Invalid port p1. Operation only valid on compute ports.',
  ],
  [
    new PortBindingNotFound('p1', 'h1'),
    'PortBindingNotFound',
    404,
    NotFound,
    'Binding for port p1 for host h1 could not be found.',
  ],
  [
    new PortBindingAlreadyExists('p1', 'h1'),
    'PortBindingAlreadyExists',
    409,
    Conflict,
    'Binding for port p1 on host h1 already exists.',
  ],
  [
    new PortBindingAlreadyActive('p1', 'h1'),
    'PortBindingAlreadyActive',
    409,
    Conflict,
    'Binding for port p1 on host h1 is already active.',
  ],
  [
    new PortBindingError('p1', 'h1'),
    'PortBindingError',
    500,
    Ml2Error,
    'Binding for port p1 on host h1 could not be created or updated.',
  ],
];

describe('the host binding errors', () => {
  it.each(cases)('%p is %s %d with Neutron message', (error, type, status, family, message) => {
    expect(error).toBeInstanceOf(family);
    expect(error).toMatchObject({ type, httpStatus: status, message });
  });

  it('PortBindingError keeps the reasons; the ACTIVE binding refusal says what to do', () => {
    expect(new PortBindingError('p1', 'h1', ['no_agent_on_host']).reasons).toEqual([
      'no_agent_on_host',
    ]);
    const refusal = new ActivePortBindingNotDeletable('p1', 'h1');
    expect(refusal).toBeInstanceOf(Conflict);
    expect(refusal.httpStatus).toBe(409);
    expect(refusal.message).toContain('activate another of its bindings first');
  });
});
