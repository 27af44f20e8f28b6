import type { Service } from './services.d.mts';

export interface PreparedElasticsearch {
  dirs: { root: string; home: string; data: string; logs: string; tmp: string };
  javaHome: string;
  owner?: { uid: number; gid: number };
}
export function elasticsearchAnswers(url: string): Promise<boolean>;
export function prepareElasticsearch(runDir: string, name?: string): PreparedElasticsearch;
export function launchElasticsearch(
  node: PreparedElasticsearch,
  ports: { port: number; transportPort: number },
  services?: Service[],
): Promise<{ url: string; service: Service }>;
