// The curriculum loaded on a worker thread (see load-soon.ts): the result, or the problems of
// every file, posted back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { CurriculumError, loadCurriculum } from './load.js';

try {
	parentPort?.postMessage({ curriculum: loadCurriculum((workerData as { dir: string }).dir) });
} catch (e) {
	parentPort?.postMessage(e instanceof CurriculumError ? { errors: e.errors.map((x) => ({ file: x.file, problems: x.problems })) } : { failed: String(e) });
}
