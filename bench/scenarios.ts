// Every registered API's scenario, found at bench/scenarios/<descriptor id>.ts: the registry alone
// decides which APIs the benchmark and its child processes measure.
import { API_LIST } from '../src/apis';
import type { Scenario, ScenarioDefinition } from './scenario';

/** Descriptor ids of the APIs measured, in the registry's order. */
export const API_IDS: readonly string[] = API_LIST.map((api) => api.id);

/** The scenario of the API `apiId`, made for up to `maxSize` image IDs. */
export function scenarioOf(apiId: string, maxSize: number): Scenario {
  // require, not import: the file is chosen at run time by the registry's id.
  const { createScenario } = require(`./scenarios/${apiId}`) as { createScenario: (maxSize: number) => ScenarioDefinition };
  return { ...createScenario(maxSize), apiId };
}
