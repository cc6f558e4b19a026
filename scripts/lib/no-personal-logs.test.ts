import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPersonalLogs, findPersonalLogs, identifierWords } from './no-personal-logs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the Worker logs nothing personal', () => {
  it('no console call in functions/ refers to a header, body, token, address or event', async () => {
    const { files, offenders } = await checkPersonalLogs(ROOT);
    expect(files).toBeGreaterThan(50);
    expect(offenders, `console calls that may log request data:\n${offenders.join('\n')}`).toEqual([]);
  });
});

describe('the checker', () => {
  const lines = (source: string) =>
    findPersonalLogs('fixture.ts', source).map((log) => `${log.line}: ${log.words.join(',')}`);

  it('splits identifiers into words, so a substring is not a match', () => {
    expect(identifierWords('userAgent')).toEqual(['user', 'agent']);
    expect(identifierWords('CF_CONNECTING_IP')).toEqual(['cf', 'connecting', 'ip']);
    expect(identifierWords('IPAddress')).toEqual(['ip', 'address']);
    expect(identifierWords('zipCode')).toEqual(['zip', 'code']);
  });

  it('finds request data in any argument, however the call is written', () => {
    // A fixture, not code: the backslashes keep `${…}` as text for the parser to read.
    const source = `console.log('request', c.req.header('authorization'));
console.error(\`bad token \${token}\`);
console.warn(JSON.stringify({ ua: userAgent }));
console.info(
  "events",
  event.props,
);
console['debug'](headers['x-forwarded-for']);
globalThis.console.log(body);
console.error(error.message);
const log = console.log;
const { error: fail } = console;
console.log(visitorHash, cfConnectingIp);`;
    expect(lines(source)).toEqual([
      '1: c,req,header',
      '2: token',
      '3: ua,agent',
      '4: event,props',
      '8: headers',
      '9: body',
      '10: message',
      '11: console used other than as a direct call',
      '12: console used other than as a direct call',
      '13: visitor,hash,cf,ip',
    ]);
  });

  it('lets through our own lines and error objects', () => {
    const source = `console.error('unhandled error', error);
console.error(\`could not queue \${batch.length} events\`, error);
console.log(\`retention (\${cron}): deleted \${JSON.stringify({ ...deleted, ingest_batches: n })}\`);`;
    expect(lines(source)).toEqual([]);
  });

  it('names each offender with its file and line', () => {
    const [log] = findPersonalLogs('functions/metrics/x.ts', '\n\nconsole.log(request.headers);');
    expect(log).toMatchObject({ file: 'functions/metrics/x.ts', line: 3, call: 'console.log(request.headers)' });
  });
});
