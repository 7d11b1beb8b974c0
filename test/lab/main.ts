// `npm run conformance -- <command>`: the conformance lab's command line.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareDirs, formatCompare } from './compare.js';
import { record, type BrowserName } from './recorder.js';

const USAGE = `Usage:
  npm run conformance -- record --browser chromium|firefox <scenario-dir> <out-dir>
  npm run conformance -- compare <expected-dir> <actual-dir> [--json]

Examples:
  npm run conformance -- record --browser chromium ../shared/oracle/scenarios /tmp/lab/chromium
  npm run conformance -- compare ../shared/oracle/chromium /tmp/lab/chromium

record options:
  --browser chromium|firefox   which real browser (/usr/bin/chromium, /usr/bin/firefox-esr)
  --only <text>                only scenarios whose file name contains <text> (repeatable)
  --retries <n>                extra attempts for a scenario that fails or times out (default 2)
  --timeout <ms>               per-scenario timeout (default 45 s + 10 s per fetch step + waits)
  --prelaunch                  Firefox: start the next scenario's process while one runs
                               (no gain measured on a busy 2-core machine)

record writes <out-dir>/<id>.json (observations, byte-stable) and <out-dir>/_debug/<id>.json.
compare exits 0 when every scored field of every expected step agrees, 1 otherwise.
`;

function usage(message: string): never {
	process.stderr.write(`conformance: ${message}\n\n${USAGE}`);
	process.exit(2);
}

function isDir(p: string): boolean {
	return existsSync(p) && statSync(p).isDirectory();
}

async function main(argv: string[]): Promise<number> {
	const [command, ...rest] = argv;
	if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
		process.stdout.write(USAGE);
		return command === undefined ? 2 : 0;
	}
	if (command === 'record') {
		let parsed;
		try {
			parsed = parseArgs({
				args: rest,
				allowPositionals: true,
				options: { browser: { type: 'string' }, only: { type: 'string', multiple: true }, retries: { type: 'string' }, timeout: { type: 'string' }, prelaunch: { type: 'boolean' } },
			});
		} catch (e) {
			usage(e instanceof Error ? e.message : String(e));
		}
		const { values, positionals } = parsed;
		const browser = values.browser;
		if (browser !== 'chromium' && browser !== 'firefox') usage('record needs --browser chromium or --browser firefox');
		if (positionals.length !== 2) usage('record needs <scenario-dir> <out-dir>');
		const [scenarioDir, outDir] = positionals as [string, string];
		if (!isDir(scenarioDir)) usage(`${scenarioDir} is not a directory`);
		const retries = values.retries === undefined ? 2 : Number(values.retries);
		if (!Number.isInteger(retries) || retries < 0) usage('--retries must be a whole number');
		const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
		if (timeoutMs !== undefined && !(timeoutMs > 0)) usage('--timeout must be a positive number of milliseconds');
		const summary = await record({
			browser: browser as BrowserName,
			scenarioDir,
			outDir,
			only: values.only ?? [],
			retries,
			prelaunch: values.prelaunch === true,
			...(timeoutMs === undefined ? {} : { timeoutMs }),
			log: (line) => process.stderr.write(`${line}\n`),
		});
		// Wall time over scenarios: includes browser start-up and shutdown, which overlap scenarios.
		const mean = summary.total ? summary.seconds / summary.total : 0;
		process.stderr.write(`\n${browser}: recorded ${summary.recorded}/${summary.total} scenarios into ${outDir} in ${summary.seconds.toFixed(1)} s (${mean.toFixed(2)} s per scenario)\n`);
		for (const f of summary.failed) process.stderr.write(`  FAILED ${f.file}: ${f.error.split('\n')[0]}\n`);
		return summary.failed.length ? 1 : 0;
	}
	if (command === 'compare') {
		let parsed;
		try {
			parsed = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
		} catch (e) {
			usage(e instanceof Error ? e.message : String(e));
		}
		const { values, positionals } = parsed;
		if (positionals.length !== 2) usage('compare needs <expected-dir> <actual-dir>');
		const [expectedDir, actualDir] = positionals as [string, string];
		for (const d of [expectedDir, actualDir]) if (!isDir(d)) usage(`${d} is not a directory`);
		const result = compareDirs(expectedDir, actualDir);
		process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatCompare(result, expectedDir, actualDir));
		if (result.steps === 0) {
			process.stderr.write(`conformance: ${expectedDir} holds no observations\n`);
			return 1;
		}
		return result.disagreements.length === 0 ? 0 : 1;
	}
	usage(`unknown command ${JSON.stringify(command)}`);
}

const code = await main(process.argv.slice(2)).catch((e: unknown) => {
	process.stderr.write(`conformance: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	return 1;
});
// Exit explicitly once stdout has drained: a browser driver may leave handles open.
process.stdout.write('', () => process.exit(code));
