// Start-up: the interactive app needs Ink (about 150 ms to load) and the curriculum (about
// 80 ms to read and validate, lessons and reference). Loading the curriculum on a worker
// thread while the main thread loads Ink puts the second core to use; the first frame comes
// sooner. Without the built worker (running from source) or if it fails, it loads here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../input/json.js';
import { type Curriculum, CurriculumError, defaultLessonsDir } from './curriculum.js';

/** Load on this thread: the validation (zod and the lesson parser) is imported only then. */
const loadHere = async (dir: string): Promise<Curriculum> => (await import('./load.js')).loadCurriculum(dir);

type Reply = { curriculum: Curriculum } | { errors: { file: string; problems: string[] }[] } | { failed: string };

/** Begin loading the curriculum; the promise settles as loadCurriculum() would return or throw. */
export function loadCurriculumSoon(dir = defaultLessonsDir()): Promise<Curriculum> {
	const script = fileURLToPath(new URL('./load-worker.js', import.meta.url));
	if (!existsSync(script)) return loadHere(dir);
	return new Promise<Curriculum>((resolve, reject) => {
		const worker = new Worker(script, { workerData: { dir } });
		let settled = false;
		const here = () => {
			if (settled) return;
			settled = true;
			loadHere(dir).then(resolve, reject);
		};
		worker.once('message', (m: Reply) => {
			if (settled) return;
			if ('curriculum' in m) {
				settled = true;
				resolve(m.curriculum);
			} else if ('errors' in m) {
				settled = true;
				reject(new CurriculumError(m.errors.map((x) => new InputError(x.file, x.problems))));
			} else here();
		});
		worker.once('error', here);
		worker.once('exit', here);
	});
}
