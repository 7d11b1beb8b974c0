// checkCurriculum proves every exercise: reference answer passes, a wrong one fails, and the
// answer key is unambiguous.
import { describe, expect, test } from 'vitest';
import { checkCurriculum } from '../../source/content/check.js';
import { loadCurriculum } from '../../source/content/load.js';
import { parseLesson } from '../../source/content/markdown.js';
import { BROKEN, COURSE, exerciseBlock } from './helpers.js';

const FILE = '/course/01-one.md';
/** A curriculum of one lesson holding the given exercises. */
const course = (...exercises: object[]) => ({
	dir: '/course',
	lessons: [parseLesson('01-one.md', FILE, ['# One', '', '## Step', '', ...exercises.map(exerciseBlock), ''].join('\n'))],
});

const common = { question: 'q?', hints: ['h'] };
const url = 'https://api.example.com/data';
const noCors = { response: { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' } };
const steps = [{ fetch: { url } }];

describe('a sound curriculum', () => {
	test('the fixture course passes: every exercise counted, no problems', () => {
		expect(checkCurriculum(loadCurriculum(COURSE))).toEqual({ exercises: 4, problems: [] });
	});

	test('the real lesson 1 passes', () => {
		const c = loadCurriculum();
		const one = { ...c, lessons: c.lessons.filter((l) => l.id === 'origins') };
		expect(checkCurriculum(one).problems).toEqual([]);
	});
});

describe('problems it flags, naming the file and the exercise', () => {
	test('a fix-headers exercise whose solution fails', () => {
		const r = checkCurriculum(course({
			...common, id: 'bad-solution', kind: 'fix-headers', server: noCors, steps, edit: 'response',
			solution: { response: ['Access-Control-Allow-Origin: https://app.example.com/'] },
			wrong: [{ response: ['Content-Type: text/plain'] }],
		}));
		expect(r.problems).toHaveLength(1);
		expect(r.problems[0]).toMatchObject({ file: FILE, exercise: 'bad-solution' });
		expect(r.problems[0]?.problem).toMatch(/^the reference answer fails: With your headers the browser still blocks the request: Access-Control-Allow-Origin 'https:\/\/app\.example\.com\/' is not byte-for-byte/);
	});

	test('a fix-headers exercise whose solution is not header lines', () => {
		const r = checkCurriculum(course({
			...common, id: 'malformed-solution', kind: 'fix-headers', server: noCors, steps, edit: 'response',
			solution: { response: ['Access-Control-Allow-Origin *'] },
			wrong: [{ response: [] }],
		}));
		expect(r.problems.map((p) => p.problem)).toEqual([expect.stringMatching(/^the reference answer is malformed: .* misses the colon after the name/)]);
	});

	test('a fix-headers exercise whose "wrong" answers all pass', () => {
		const r = checkCurriculum(course({
			...common, id: 'no-wrong', kind: 'fix-headers', server: noCors, steps, edit: 'response',
			solution: { response: ['Access-Control-Allow-Origin: https://app.example.com'] },
			wrong: [{ response: ['Access-Control-Allow-Origin: *'] }],
		}));
		expect(r.problems.map((p) => p.problem)).toEqual(['no plausible wrong answer fails: the exercise cannot be failed']);
	});

	test('a choose-fix with two working options (the broken fixture)', () => {
		const r = checkCurriculum(loadCurriculum(BROKEN));
		expect(r.exercises).toBe(1);
		expect(r.problems.map((p) => p.exercise)).toContain('broken-two-fixes');
		expect(r.problems.map((p) => p.problem)).toContain('more than one option fixes it: exactly one must');
		expect(r.problems.every((p) => p.file.endsWith('broken/01-two-fixes.md'))).toBe(true);
	});

	test('a choose-fix where no option works', () => {
		const r = checkCurriculum(course({
			...common, id: 'none-works', kind: 'choose-fix', server: noCors, steps,
			options: [{ label: 'a', response: { 'X-A': '1' } }, { label: 'b', response: { 'X-B': '1' } }],
		}));
		expect(r.problems.map((p) => p.problem)).toContain('none of the options is right according to the core');
	});

	test('a predict-console whose variants print the same message as the exercise', () => {
		const r = checkCurriculum(course({
			...common, id: 'same-message', kind: 'predict-console', server: noCors, steps,
			variants: [
				{ response: { status: 200, headers: { 'Access-Control-Allow-Origin': 'https://other.example.com' } } },
				{ response: { status: 404, headers: {} } },
			],
		}));
		expect(r.problems).toEqual([{ file: FILE, exercise: 'same-message', problem: 'two scenarios print the same console message (or none): every variant must print its own' }]);
	});

	test('a predict-outcome whose core reason is not among "why"', () => {
		const r = checkCurriculum(course({
			...common, id: 'reason-missing', kind: 'predict-outcome', server: noCors, steps,
			why: ['method-not-allowed', 'wildcard-with-credentials'],
		}));
		expect(r.problems.map((p) => p.problem)).toEqual(['the core blocks it for a reason that is not among "why"']);
		expect(r.problems[0]?.exercise).toBe('reason-missing');
	});

	test('the same predict-outcome with the core reason offered is fine', () => {
		const r = checkCurriculum(course({
			...common, id: 'reason-present', kind: 'predict-outcome', server: noCors, steps,
			why: ['method-not-allowed', 'missing-allow-origin'],
		}));
		expect(r.problems).toEqual([]);
	});

	test('every exercise is checked, problems listed per exercise', () => {
		const r = checkCurriculum(course(
			{ ...common, id: 'fine', kind: 'will-preflight', request: { url, method: 'PUT' } },
			{ ...common, id: 'bad', kind: 'predict-outcome', server: noCors, steps, why: ['method-not-allowed', 'header-not-allowed'] },
		));
		expect(r.exercises).toBe(2);
		expect(r.problems.map((p) => p.exercise)).toEqual(['bad']);
	});
});
