import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging';

describe('log redaction of personal fields', () => {
  it('redacts e-mails, names and comments at the top of a log object and one level down', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions({ LOG_LEVEL: 'info' }), stream } });
    app.log.info(
      { comment: 'Merci Mme Lebrun', user: { email: 'c.lebrun@exemple.fr', displayName: 'Claire Lebrun' } },
      'account changed',
    );
    await app.close();
    const log = lines.join('');
    expect(log).toContain('account changed');
    expect(log).not.toMatch(/Lebrun|lebrun/);
  });
});
