// Exercises as lessons write them: a fenced ```exercise block of JSON inside a lesson's
// Markdown. Strict: unknown fields are errors. Answer keys are never written here: the
// grader computes them by running the core on the exercise's scenario.

import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { FAILURE_CODES } from '../core/failure.js';
import { fetchStep, pageOrigin, responseHeaders, serverSchema, step } from '../scenario/schema.js';

z.config(en());

const id = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an exercise id is kebab-case: lowercase letters and digits joined by single dashes'));
const text = (what: string) => z.string().check(z.minLength(1, `${what} cannot be empty`));

const common = {
	id,
	question: text('question'),
	hints: z.array(text('a hint')).check(z.minLength(1, 'give at least one hint')),
	/** Shown once answered correctly: the lesson to take away. */
	explain: z.optional(text('explain')),
	browser: z._default(z.enum(['chromium', 'firefox', 'safari']), 'chromium'),
	page: z._default(pageOrigin, 'https://app.example.com'),
};

const steps = z.array(step).check(z.minLength(1, 'give at least one step'));
const failureCode = z.enum(FAILURE_CODES);
const headerLines = z.array(z.string());

/** Headers the learner (or a reference answer) writes for a response, as "Name: value" lines. */
const headerAnswer = z.strictObject({ preflight: z.optional(headerLines), response: z.optional(headerLines) });

export const exerciseSchema = z.discriminatedUnion('kind', [
	z.strictObject({ ...common, kind: z.literal('will-preflight'), request: fetchStep }),
	z.strictObject({ ...common, kind: z.literal('predict-outcome'), server: serverSchema, steps, why: z.optional(z.array(failureCode).check(z.minLength(2, 'offer at least two reasons to choose from'))) }),
	z.strictObject({ ...common, kind: z.literal('count-preflights'), server: serverSchema, steps }),
	z.strictObject({ ...common, kind: z.literal('visible-headers'), server: serverSchema, steps }),
	z.strictObject({
		...common, kind: z.literal('fix-headers'), server: serverSchema, steps,
		/** Which answers the learner writes. */
		edit: z.enum(['preflight', 'response', 'both']),
		/** Pages that must stay blocked with the learner's headers (the fix must not open the server to everyone). */
		mustBlock: z._default(z.array(pageOrigin), []),
		solution: headerAnswer,
		wrong: z.array(headerAnswer).check(z.minLength(1, 'give at least one plausible wrong answer')),
	}),
	z.strictObject({
		...common, kind: z.literal('predict-console'), server: serverSchema, steps,
		/** Other servers whose console messages are offered as the wrong options. */
		variants: z.array(serverSchema).check(z.minLength(2, 'give at least two variants')),
	}),
	z.strictObject({
		...common, kind: z.literal('choose-fix'), server: serverSchema, steps,
		options: z.array(z.strictObject({ label: text('an option label'), preflight: z.optional(responseHeaders), response: z.optional(responseHeaders) })).check(z.minLength(2, 'offer at least two options')),
	}),
	z.strictObject({ ...common, kind: z.literal('order-steps'), server: serverSchema, request: fetchStep }),
]);

export type ExerciseJson = z.infer<typeof exerciseSchema>;
export const EXERCISE_KINDS = ['will-preflight', 'predict-outcome', 'count-preflights', 'visible-headers', 'fix-headers', 'predict-console', 'choose-fix', 'order-steps'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];
