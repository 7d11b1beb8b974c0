// A scenario run as JSON: the observation file shape of ../shared/oracle/FORMAT.md.

import type { ScenarioRun } from '../core/run-scenario.js';
import type { Observation } from '../core/scenario.js';
import type { TraceEvent } from '../core/trace.js';

export interface ObservationFile {
	readonly id: string;
	readonly browser: string;
	readonly browser_version: string;
	readonly observations: Observation[];
	readonly trace?: TraceEvent[];
}

export function observationFile(run: ScenarioRun, withTrace = false): ObservationFile {
	return {
		id: run.id,
		browser: run.browser.id,
		browser_version: run.browser.version,
		observations: run.observations,
		...(withTrace ? { trace: run.trace } : {}),
	};
}
