import { RecordingLogger } from './recording-logger';

describe('RecordingLogger', () => {
  it('keeps every line with its level and fields', () => {
    const logger = new RecordingLogger();
    logger.debug('a');
    logger.info('b', { x: 1 });
    logger.warn('c');
    logger.error('d');
    expect(logger.entries.map((entry) => entry.level)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(logger.at('info')).toEqual([{ level: 'info', message: 'b', fields: { x: 1 } }]);
  });
});
