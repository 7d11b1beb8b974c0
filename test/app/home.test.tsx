// The home screen: progress, the menu (only what exists), the key help, and the way out.
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EMPTY_PROGRESS, recordAttempt, setLast } from '../../source/progress/progress.js';
import { KEY, NOW, type Session, start } from './helpers.js';

let s: Session | undefined;
afterEach(() => s?.unmount());

describe('home screen', () => {
	test('first run: no progress yet, "Start the course", lessons and quit, and the keys', async () => {
		s = await start();
		const f = await s.see('Start the course');
		expect(f).toContain('cors-tutor — Cross-Origin Resource Sharing, by doing');
		expect(f).toContain('Lessons 0/2 complete · 0/4 exercises');
		expect(f).toContain('❯ Start the course: Fixture basics');
		expect(f).toContain('All lessons (0/2 complete)');
		expect(f).toContain('Quit');
		expect(f).toContain('↑↓ choose  ·  Enter open  ·  q/Esc quit');
		expect(f).not.toMatch(/coming soon|not yet/i);
		expect(s.saved).toEqual([]);
	});

	test('with progress: the counts, and "Continue" at the last lesson opened', async () => {
		const progress = setLast(recordAttempt(recordAttempt(EMPTY_PROGRESS, 'caching-count', true, NOW), 'basics-choose', true, NOW), 'caching', 1);
		s = await start({ progress });
		const f = await s.see('Continue');
		expect(f).toContain('Lessons 1/2 complete · 2/4 exercises');
		expect(f).toContain('❯ Continue: Fixture caching');
		expect(f).toContain('All lessons (1/2 complete)');
	});

	test('every exercise solved: "Review the course"', async () => {
		let progress = EMPTY_PROGRESS;
		for (const id of ['basics-choose', 'basics-will-preflight', 'basics-fix', 'caching-count']) progress = recordAttempt(progress, id, true, NOW);
		s = await start({ progress });
		expect(await s.see('Review')).toContain('Lessons 2/2 complete · 4/4 exercises');
	});

	test('a notice (e.g. a corrupt progress file set aside) is shown', async () => {
		s = await start({ notice: 'your progress file was unreadable; it was kept as /x/progress.json.corrupt-1' });
		expect(await s.see('unreadable')).toContain('kept as /x/progress.json.corrupt-1');
	});

	test('q quits with 0', async () => {
		s = await start();
		s.send('q');
		expect(await s.exited()).toBe(0);
	});

	test('Esc quits with 0', async () => {
		s = await start();
		s.send(KEY.escape);
		expect(await s.exited()).toBe(0);
	});

	test('the "Quit" item (the last one: ↑ from the first) quits with 0', async () => {
		s = await start();
		await s.press(KEY.up, '❯ Quit');
		s.send(KEY.enter);
		expect(await s.exited()).toBe(0);
	});
});

test('coming back home highlights the entry that led away', async () => {
	const s = await start({ curriculumDir: join(import.meta.dirname, '../../lessons') });
	try {
		await s.see('❯ Start the course');
		for (const entry of ['All lessons', 'Sandbox', 'Policy builder', 'Debugger', 'Reference']) await s.press(KEY.down, `❯ ${entry}`);
		await s.press(KEY.enter, 'Enter read');
		const home = await s.press(KEY.escape, 'Start the course');
		expect(home).toContain('❯ Reference: headers, the preflight, errors, FAQ');
	} finally {
		s.unmount();
	}
});
