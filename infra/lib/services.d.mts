// Types for the service helpers the fault tests import from TypeScript.
export interface Service {
  name: string;
  hasExited(): boolean;
  stop(graceMs?: number): Promise<void>;
}
