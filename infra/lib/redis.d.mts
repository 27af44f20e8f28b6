import type { Service } from './services.d.mts';

export function redisAnswers(url: string): Promise<boolean>;
export function launchRedis(
  runDir: string,
  port: number,
  services?: Service[],
): Promise<{ url: string; service: Service }>;
