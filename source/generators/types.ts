// A configuration generator: a pure `policy → text` emitter for one server or platform.
// Each target is one file in this folder, registered in registry.ts.

import type { Policy } from '../policy/model.js';

export interface GenerateOptions {
	/**
	 * Emit a complete standalone configuration or app that listens on 127.0.0.1:<port> and
	 * answers every path with 200 "ok" (text/plain) behind the policy, except `/status/404`
	 * and `/status/500`, which answer with that status (so that tests can see the CORS
	 * headers on error responses), with a comment naming the command that starts it. Only
	 * for runnable targets.
	 */
	readonly demo?: { readonly port: number };
}

export interface Generated {
	/** The configuration or code, ready to save. */
	readonly text: string;
	/** What the target cannot express of this policy; also written as comments in `text`. */
	readonly warnings: string[];
}

export interface DemoRun {
	/** The file name the demo text must be saved as inside the working directory. */
	readonly file: string;
	/** argv to start it in the foreground; `{dir}` is the working directory, `{port}` the port, `{file}` the file's path. */
	readonly command: readonly string[];
	/** Extra environment variables (same placeholders). */
	readonly env?: Readonly<Record<string, string>>;
	/** Debian packages (apt) or npm packages the demo needs installed. */
	readonly needs: { readonly apt?: readonly string[]; readonly npm?: readonly string[] };
}

export interface Target {
	/** The --target name: lowercase, e.g. "nginx", "express", "s3". */
	readonly id: string;
	/** Display name, e.g. "nginx", "Express (cors)". */
	readonly name: string;
	/** One line: what the output is and where it goes. */
	readonly summary: string;
	/** A suggested file name for the generated text, e.g. "cors.conf" or "cors.js". */
	readonly fileName: string;
	/** How to run the demo on this kind of machine, or null when the target cannot run here. */
	readonly demo: DemoRun | null;
	generate(policy: Policy, options?: GenerateOptions): Generated;
}
