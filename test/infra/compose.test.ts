import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const { services } = compose;
const kuzetServices = { api: 'serve', worker: 'worker', scheduler: 'scheduler' };

describe('docker-compose.yml', () => {
  it('declares the distributed stack', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'elasticsearch', 'redis', 'scheduler', 'worker']);
  });

  it('runs Elasticsearch 8.19 single-node without security, and Redis', () => {
    const es = services.elasticsearch;
    expect(es.image).toMatch(/^docker\.elastic\.co\/elasticsearch\/elasticsearch:8\.19\.\d+$/);
    expect(es.environment).toMatchObject({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false' });
    expect(services.redis.image).toMatch(/^redis:/);
  });

  it.each(Object.entries(kuzetServices))(
    '%s runs `kuzet %s` from the one image with both service URLs',
    (name, command) => {
      const service = services[name];
      expect(service.command?.slice(0, 3)).toEqual(['node', 'src/cli/bin.js', command]);
      expect(service.environment).toMatchObject({
        ELASTICSEARCH_URL: 'http://elasticsearch:9200',
        REDIS_URL: 'redis://redis:6379',
      });
      expect(service.build).toEqual({ context: '.', dockerfile: 'infra/Dockerfile' });
      expect(Object.keys(service.depends_on ?? {}).sort()).toEqual(['elasticsearch', 'redis']);
    },
  );

  it('lets workers scale', () => {
    expect(services.worker.deploy?.replicas).toBeGreaterThanOrEqual(1);
  });

  it('builds from a Dockerfile that exists and installs with npm ci', () => {
    const dockerfile = join(root, services.api.build?.dockerfile ?? 'missing');
    expect(existsSync(dockerfile)).toBe(true);
    const text = readFileSync(dockerfile, 'utf8');
    expect(text).toMatch(/^FROM node:20-slim$/m);
    expect(text).toMatch(/npm ci/);
  });
});
