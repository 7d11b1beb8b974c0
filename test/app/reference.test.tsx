// The reference screens: home → Reference → a topic → scroll → Esc back to the list → Esc home.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { reducer, initial, rowsOf } from '../../source/app/screens/reference/state.js';
import { loadReference } from '../../source/reference/load.js';
import { KEY, type Session, flat, start } from './helpers.js';

const LESSONS = join(import.meta.dirname, '../../lessons');
let s: Session | undefined;
afterEach(() => s?.unmount());

describe('reference screens', () => {
	test('home → Reference: the topics grouped, the keys, Esc back home', async () => {
		s = await start({ curriculumDir: LESSONS });
		await s.see('Start the course');
		await s.press(KEY.up, '❯ Quit');
		await s.press(KEY.up, '❯ Reference: headers, the preflight, errors, FAQ');
		const list = await s.press(KEY.enter, 'Enter read');
		expect(list).toMatch(/^Reference\s+\d+ topics · cors-tutor ref/);
		expect(list).toContain('Headers\n❯ Origin');
		expect(list).toContain('  Access-Control-Allow-Origin');
		expect(list).toContain('↑↓ choose  ·  Enter read  ·  Esc back');
		expect(list.split('\n').length).toBeLessThan(24);
		await s.press(KEY.escape, 'Start the course');
		expect(s.exits).toEqual([]);
	});

	test('a header topic: summary, direction, sections; scroll; Esc to the list where it was', async () => {
		s = await start({ curriculumDir: LESSONS, initial: { name: 'reference' } });
		await s.see('❯ Origin');
		let f = '';
		for (let i = 0; i < 20 && !f.includes('❯ Access-Control-Allow-Origin'); i++) f = await s.press(KEY.down, (x) => x !== f);
		const topic = await s.press(KEY.enter, 'Esc topics');
		expect(topic).toMatch(/^Access-Control-Allow-Origin\s+Headers/);
		expect(topic).toContain('The one header every CORS response needs');
		expect(topic).toContain('Direction: server → browser');
		expect(topic).toContain('↓ more below (PgUp/PgDn)');
		expect(topic.split('\n').length).toBeLessThan(24);
		const down = await s.press(KEY.pageDown, '↑ more above');
		expect(down).toContain('Rules that bite');
		const back = await s.press(KEY.escape, 'Enter read');
		expect(back).toContain('❯ Access-Control-Allow-Origin');
		await s.press('q', 'Start the course');
	});

	test('opened at a topic (as a lesson link would): an error topic from the explain advice', async () => {
		s = await start({ curriculumDir: LESSONS, initial: { name: 'reference', topic: 'preflight-bad-status' } });
		const f = await s.see('Esc topics');
		expect(f).toMatch(/^The preflight answer is not 2xx\s+Common errors and their fixes/);
		expect(flat(f)).toContain('A preflight must get a 2xx answer');
	});

	test('the fixture course has no reference folder: the generated error topics still show', async () => {
		s = await start({ initial: { name: 'reference' } });
		const f = await s.see('Enter read');
		expect(f).toContain('Common errors and their fixes\n❯ No Access-Control-Allow-Origin header');
	});
});

describe('reference state', () => {
	const topics = loadReference(join(LESSONS, 'reference')).topics;
	test('rows: a title per group, then its topics', () => {
		const rows = rowsOf(topics);
		expect(rows[0]).toEqual({ type: 'group', title: 'Headers' });
		expect(rows.filter((r) => r.type === 'group').map((r) => (r.type === 'group' ? r.title : ''))).toEqual(['Headers', 'The preflight flow', 'Common errors and their fixes', 'CORS vs CSP', 'FAQ']);
	});
	test('the cursor stays in the list; scrolling stays in the topic', () => {
		let st = initial(topics);
		st = reducer(st, { type: 'move', by: -5, count: topics.length });
		expect(st.cursor).toBe(0);
		st = reducer(st, { type: 'move', by: 1000, count: topics.length });
		expect(st.cursor).toBe(topics.length - 1);
		st = reducer(st, { type: 'open', id: 'vary' });
		st = reducer(st, { type: 'scroll', by: 50, max: 12 });
		expect(st).toMatchObject({ open: 'vary', scroll: 12 });
		expect(reducer(st, { type: 'close' })).toMatchObject({ open: null, scroll: 0, cursor: topics.length - 1 });
		expect(initial(topics, 'nope')).toMatchObject({ open: null, cursor: 0 });
	});
});

describe('from a lesson', () => {
	test('r on a page that embeds a reference section opens that topic; Esc returns to the page', async () => {
		s = await start({ curriculumDir: LESSONS, initial: { name: 'player', lesson: 3, page: 1 } });
		let f = await s.see('04 · Access-Control-Allow-Origin');
		for (let i = 0; i < 6 && !f.includes('r reference'); i++) f = await s.press(KEY.right, (x) => x !== f);
		expect(f).toContain('From the reference: cors-tutor ref access-control-allow-origin');
		const where = /(\d+\/\d+)\n/.exec(f)?.[1];
		const topic = await s.press('r', 'Esc back to the lesson');
		expect(topic).toMatch(/^Access-Control-Allow-Origin\s+Headers/);
		const back = await s.press(KEY.escape, 'r reference');
		expect(back).toContain('04 · Access-Control-Allow-Origin');
		expect(back.split('\n')[0]).toContain(where as string);
	});

	test('pages without an embedded section do not offer r', async () => {
		s = await start({ curriculumDir: LESSONS, initial: { name: 'player', lesson: 0, page: 1 } });
		const f = await s.see('01 · Origins');
		expect(f).not.toContain('r reference');
		await s.press('r', (x) => x === f);
	});
});
