import { describe, expect, test } from 'vitest';
import { type BrowserProfile, RECORDER_FETCH_STEP_MS, type ResponseSpec, runScenario } from '../../source/core/index.js';
import { ECHO, chromium, fetchStep, firefox, runAll, safari } from './helpers.js';

type Parsed = { cache: boolean; seconds: number };
const parsed = (p: BrowserProfile, raw: string | null): Parsed => {
	const m = p.parseMaxAge(raw);
	return { cache: m.cache, seconds: m.seconds };
};
const cached = (seconds: number): Parsed => ({ cache: true, seconds });
const NOT_CACHED: Parsed = { cache: false, seconds: 0 };

describe('cors-facts §2.6 Chromium Access-Control-Max-Age (base::StringToInt64, default 5, negative 0, cap 7200)', () => {
	test.each<[string | null, Parsed]>([
		[null, cached(5)],
		['5', cached(5)],
		['+5', cached(5)],
		['05', cached(5)],
		['1.5', cached(5)],
		['5, 10', cached(5)],
		['abc', cached(5)],
		['', cached(5)],
		['+-5', cached(5)],
		['99999999999999999999', cached(5)],
		['9223372036854775807', cached(7200)],
		['9223372036854775808', cached(5)],
		['-1', cached(0)],
		['-9223372036854775808', cached(0)],
		['-9223372036854775809', cached(5)],
		['0', cached(0)],
		['1', cached(1)],
		['7199', cached(7199)],
		['7200', cached(7200)],
		['7201', cached(7200)],
	])('%j → %j', (raw, expected) => expect(parsed(chromium, raw)).toEqual(expected));
});

describe('cors-facts §2.6 Firefox Access-Control-Max-Age (missing/empty 5; non-digit or 0 not cached; cap 86400)', () => {
	test.each<[string | null, Parsed]>([
		[null, cached(5)],
		['', cached(5)],
		['5', cached(5)],
		['007', cached(7)],
		['0', NOT_CACHED],
		['000', NOT_CACHED],
		['+5', NOT_CACHED],
		['-1', NOT_CACHED],
		['1.5', NOT_CACHED],
		['5, 10', NOT_CACHED],
		['abc', NOT_CACHED],
		['86400', cached(86400)],
		['86401', cached(86400)],
		['99999999999999999999', cached(86400)],
		['000000000000000000003', cached(3)],
	])('%j → %j', (raw, expected) => expect(parsed(firefox, raw)).toEqual(expected));
});

describe('cors-facts §2.6 Safari Access-Control-Max-Age (parse failure 5, cap 600)', () => {
	test.each<[string | null, Parsed]>([
		[null, cached(5)],
		['', cached(5)],
		['abc', cached(5)],
		['1.5', cached(5)],
		['-1', cached(5)],
		['5, 10', cached(5)],
		['0', cached(0)],
		['30', cached(30)],
		['0030', cached(30)],
		['600', cached(600)],
		['601', cached(600)],
		['7200', cached(600)],
	])('%j → %j', (raw, expected) => expect(parsed(safari, raw)).toEqual(expected));
});

// Observable effect on the virtual clock: fetch at t=0 stores the preflight; the fetch step
// takes RECORDER_FETCH_STEP_MS (200 ms); a wait of W puts the second fetch at t = 200 + W.
// Chromium and Firefox treat an entry as expired when now >= stored + max-age. (WebKit
// compares with a strict "<", so Safari rows stay off the exact boundary.)
const server = (maxAge: string | readonly string[] | null): { preflight: ResponseSpec; response: ResponseSpec } => ({
	preflight: {
		status: 204,
		headers: { 'Access-Control-Allow-Origin': '$ORIGIN', 'Access-Control-Allow-Methods': 'PUT', ...(maxAge === null ? {} : { 'Access-Control-Max-Age': maxAge }) },
	},
	response: ECHO,
});
const put = fetchStep({ method: 'PUT' });
/** Whether the second PUT, `wait` ms after the first fetch step ends, needs its own preflight. */
const secondPreflights = (p: BrowserProfile, maxAge: string | readonly string[] | null, wait: number): boolean => {
	const [first, second] = runAll(p, server(maxAge), [put, wait, put]);
	expect(first?.preflight_sent).toBe(true);
	expect(second?.outcome).toBe('ok');
	return second?.preflight_sent ?? false;
};

describe('Max-Age on the virtual clock (fetch steps take 200 ms, FORMAT.md "How a scenario is run")', () => {
	test('RECORDER_FETCH_STEP_MS is 200', () => expect(RECORDER_FETCH_STEP_MS).toBe(200));

	test.each<[string, BrowserProfile, string | readonly string[] | null, number, boolean]>([
		// profile, Max-Age, wait after the first step, second fetch preflights?
		['Chromium', chromium, null, 4799, false],
		['Chromium', chromium, null, 4800, true],
		['Chromium', chromium, '1', 799, false],
		['Chromium', chromium, '1', 800, true],
		['Chromium', chromium, '3', 2500, false],
		['Chromium', chromium, '0', 0, true],
		['Chromium', chromium, '-1', 0, true],
		['Chromium', chromium, '+5', 4799, false],
		['Chromium', chromium, '05', 4800, true],
		['Chromium', chromium, '1.5', 4799, false],
		['Chromium', chromium, ['5', '10'], 4799, false],
		['Chromium', chromium, ['5', '10'], 4800, true],
		['Chromium', chromium, '99999999999999999999', 4800, true],
		['Chromium', chromium, '7201', 7_199_799, false],
		['Chromium', chromium, '7201', 7_199_800, true],
		['Firefox', firefox, null, 4799, false],
		['Firefox', firefox, null, 4800, true],
		['Firefox', firefox, '', 4799, false],
		['Firefox', firefox, '1', 799, false],
		['Firefox', firefox, '1', 800, true],
		['Firefox', firefox, '0', 0, true],
		['Firefox', firefox, 'abc', 0, true],
		['Firefox', firefox, '+5', 0, true],
		['Firefox', firefox, '1.5', 0, true],
		['Firefox', firefox, ['5', '10'], 0, true],
		['Firefox', firefox, '002', 1799, false],
		['Firefox', firefox, '002', 1800, true],
		['Firefox', firefox, '99999', 86_399_799, false],
		['Firefox', firefox, '99999', 86_399_800, true],
		['Safari', safari, null, 4799, false],
		['Safari', safari, 'abc', 4799, false],
		['Safari', safari, 'abc', 4801, true],
		['Safari', safari, '0', 0, true],
		['Safari', safari, '7200', 599_799, false],
		['Safari', safari, '7200', 599_801, true],
	])('%s, Max-Age %j, wait %i ms → second fetch preflights: %s', (_n, p, maxAge, wait, again) =>
		expect(secondPreflights(p, maxAge, wait)).toBe(again));

	test('the clock also advances by fetchStepMs when runScenario is given one', () => {
		const run = runScenario({ id: 'x', title: 'x', page: 'http://app.test', server: server('1'), steps: [{ fetch: put }, { wait_ms: 0 }, { fetch: put }] }, chromium, { fetchStepMs: 1000 });
		expect(run.steps.map((s) => s.startedAt)).toEqual([0, 1000]);
		expect(run.observations[1]?.preflight_sent).toBe(true);
	});
});
