import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, isDistributed, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('defaults to the embedded mode on port 8080 with ./data and crawlers/', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, dataDir: './data', sourcesDir: 'crawlers' });
    expect(isDistributed(config)).toBe(false);
  });

  it('reads env vars and lets overrides win', () => {
    const config = loadConfig({ PORT: '9000', KUZET_DATA_DIR: '/tmp/k' }, { port: '9100' });
    expect(config.port).toBe(9100);
    expect(config.dataDir).toBe('/tmp/k');
  });

  it('reads the public URL without its trailing slash, and webhook settings', () => {
    const config = loadConfig({
      KUZET_PUBLIC_URL: 'https://kuzet.example.org/',
      KUZET_WEBHOOKS_FILE: 'webhooks.yaml',
      KUZET_WEBHOOK_ALLOW_PRIVATE: '1',
    });
    expect(config).toMatchObject({
      publicUrl: 'https://kuzet.example.org',
      webhooksFile: 'webhooks.yaml',
      webhookAllowPrivate: true,
    });
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ KUZET_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/KUZET_WEBHOOK_ALLOW_PRIVATE/);
  });

  it('is distributed only with both Elasticsearch and Redis', () => {
    expect(isDistributed(loadConfig({ ELASTICSEARCH_URL: 'http://127.0.0.1:9200' }))).toBe(false);
    expect(
      isDistributed(loadConfig({ ELASTICSEARCH_URL: 'http://127.0.0.1:9200', REDIS_URL: 'redis://127.0.0.1:6379' })),
    ).toBe(true);
  });

  it('names the env var of every bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '-1', KUZET_INDEX_PREFIX: 'Bad Prefix' });
    } catch (error) {
      expect(String(error)).toContain('PORT');
      expect(String(error)).toContain('KUZET_INDEX_PREFIX');
    }
  });

  it('describes every field with its env var for the docs', () => {
    const rows = describeConfig();
    expect(rows.find((r) => r.field === 'port')).toEqual({ field: 'port', env: 'PORT', default: 8080 });
    expect(rows.every((r) => /^[A-Z_]+$/.test(r.env))).toBe(true);
  });
});
