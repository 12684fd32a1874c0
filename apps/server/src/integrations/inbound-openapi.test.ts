import { Validator } from '@seriousme/openapi-schema-validator';
import pino from 'pino';
import { expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { createApp } from '../http/app';

it('the OpenAPI document with the inbound endpoints is valid 3.1', async () => {
  const app = createApp({ db: {} as Db, log: pino({ level: 'silent' }), store: 'pglite', version: 'test' });
  const doc = await (await app.request('/api/v1/openapi.json')).json();
  const result = await new Validator().validate(doc);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(Object.keys(doc.paths).filter((path) => path.includes('inbound'))).toHaveLength(4);
  expect(doc.paths['/api/v1/inbound/grafana'].put['x-firebreak-role']).toBe('integration');
});
