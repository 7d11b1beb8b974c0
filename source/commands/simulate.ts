// `cors-tutor simulate <scenario.json | dir>...`: run scenario files through a modelled
// browser and print a readable trace, or observation JSON in the oracle's format.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_IDS, PROFILES, isBrowserId } from '../core/profiles/index.js';
import { RECORDER_FETCH_STEP_MS, runScenario } from '../core/run-scenario.js';
import type { Scenario } from '../core/scenario.js';
import { parseCommand } from '../cli/parse.js';
import { type FlagSpec, UsageError, flagHelp } from '../cli/usage.js';
import { ANSI, PLAIN, colorEnabled } from '../render/color.js';
import { observationFile } from '../render/json.js';
import { renderRunText } from '../render/text.js';
import { InputError, expandPaths, loadScenarioFile } from '../scenario/load.js';

const FLAGS = {
	browser: { type: 'string', default: 'chromium', choices: BROWSER_IDS, description: 'Which browser to model (default chromium)' },
	json: { type: 'boolean', description: 'Print observations as JSON (the oracle FORMAT.md shape)' },
	out: { type: 'string', description: 'Write DIR/<id>.json for every scenario' },
	trace: { type: 'boolean', description: 'With --json or --out: include the full structured trace' },
	allHeaders: { type: 'boolean', description: 'Show every request header, not only the CORS-relevant ones' },
	fetchStepMs: { type: 'number', default: RECORDER_FETCH_STEP_MS, description: `Virtual ms one fetch step takes (default ${RECORDER_FETCH_STEP_MS}, as the recorders)` },
	color: { type: 'boolean', description: 'Use --no-color for plain output (NO_COLOR is honoured too)' },
} satisfies Record<string, FlagSpec>;

export const HELP = `
  Run CORS scenarios through a modelled browser and watch every step.

  Examples
    $ cors-tutor simulate scenario.json
    $ cors-tutor simulate scenario.json --browser firefox
    $ cors-tutor simulate scenarios/ --json --out results/
    $ cors-tutor simulate scenario.json --json | jq '.observations[0].console'

  Usage
    $ cors-tutor simulate <scenario.json | dir>... [options]

  Options
${flagHelp(FLAGS)}

  Scenario files use the format of the recorded-browser oracle: a page origin, a modelled
  server (preflight, response, routes, $ORIGIN) and steps ({"fetch": {...}} or
  {"wait_ms": N}). Exit codes: 0 done, 1 invalid input, 2 usage error.
`;

export async function simulate(argv: readonly string[], version: string): Promise<number> {
	const cli = parseCommand('simulate', HELP, FLAGS, argv, version);
	const flags = cli.flags as { browser: string; json?: boolean; out?: string; trace?: boolean; allHeaders?: boolean; fetchStepMs: number; color?: boolean };
	if (!isBrowserId(flags.browser)) throw new UsageError(`--browser must be one of ${BROWSER_IDS.join(', ')}, not "${flags.browser}"`);
	if (!Number.isFinite(flags.fetchStepMs) || flags.fetchStepMs < 0) throw new UsageError('--fetch-step-ms must be a number of milliseconds, 0 or more');
	if (cli.input.length === 0) throw new UsageError('name at least one scenario file or directory', 'example: cors-tutor simulate scenario.json');
	if (flags.out === '') throw new UsageError('--out needs a directory');
	const profile = PROFILES[flags.browser];

	// Validate everything before printing anything: one bad file fails the whole run.
	const loaded: { file: string; scenario: Scenario }[] = [];
	const errors: InputError[] = [];
	for (const file of expandPaths(cli.input)) {
		try {
			loaded.push({ file, scenario: loadScenarioFile(file) });
		} catch (e) {
			if (e instanceof InputError) errors.push(e);
			else throw e;
		}
	}
	const seen = new Map<string, string>();
	for (const { file, scenario } of loaded) {
		const other = seen.get(scenario.id);
		if (other) errors.push(new InputError(file, [`id: "${scenario.id}" is also the id of ${other}; ids must be unique`]));
		seen.set(scenario.id, file);
	}
	if (errors.length) {
		for (const e of errors) for (const p of e.problems) process.stderr.write(`error: ${e.file}: ${p}\n`);
		return 1;
	}

	const runs = loaded.map(({ scenario }) => ({ scenario, run: runScenario(scenario, profile, { fetchStepMs: flags.fetchStepMs }) }));
	if (flags.out) {
		mkdirSync(flags.out, { recursive: true });
		for (const { run } of runs) writeFileSync(join(flags.out, `${run.id}.json`), `${JSON.stringify(observationFile(run, flags.trace), null, 2)}\n`);
		process.stderr.write(`wrote ${runs.length} observation file${runs.length === 1 ? '' : 's'} (${profile.name}) to ${flags.out}\n`);
		if (flags.json) return 0;
	}
	if (flags.json) {
		const files = runs.map(({ run }) => observationFile(run, flags.trace));
		process.stdout.write(`${JSON.stringify(files.length === 1 ? files[0] : files, null, 2)}\n`);
		return 0;
	}
	const style = colorEnabled({ flag: flags.color, isTTY: process.stdout.isTTY === true, env: process.env }) ? ANSI : PLAIN;
	const width = process.stdout.isTTY && process.stdout.columns ? Math.max(60, process.stdout.columns) : undefined;
	process.stdout.write(`${runs.map(({ scenario, run }) => renderRunText(scenario, run, { style, allHeaders: flags.allHeaders, width })).join('\n\n')}\n`);
	return 0;
}
