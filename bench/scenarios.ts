// Every API scenario by its name, for the benchmark and for the memory child processes.
import type { Scenario } from './scenario';
import { tencentScenario } from './tencent-scenario';
import { vodScenario } from './vod-scenario';

export const SCENARIOS = { tencent: tencentScenario, vod: vodScenario } as const satisfies Record<string, (maxSize: number) => Scenario>;
export type ApiName = keyof typeof SCENARIOS;
export const API_NAMES = Object.keys(SCENARIOS) as ApiName[];
