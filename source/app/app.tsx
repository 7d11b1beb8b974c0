// The app: one screen at a time, shared services, Ctrl+C to leave from anywhere (exit 130).
import { useInput } from 'ink';
import { Suspense, useEffect, useRef, useState } from 'react';
import { ServicesContext, type Services } from './context.js';
import type { Screen } from './navigation.js';
import { Home } from './screens/home/home.js';
import { Builder, Debugger, Player, Reference, Sandbox, preloadScreens } from './screens/lazy.js';
import { Lessons } from './screens/lessons/lessons.js';

export function App({ services, initial }: { services: Omit<Services, 'progress' | 'setProgress'> & { progress: Services['progress']; save: (p: Services['progress']) => void }; initial: Screen }) {
	const [screen, show] = useState<Screen>(initial);
	// The screen left last, so that home can highlight the entry that leads back to it.
	const [left, setLeft] = useState<Screen['name'] | null>(null);
	const setScreen = (to: Screen) => {
		setLeft(screen.name);
		show(to);
	};
	const [progress, setProgressState] = useState(services.progress);
	const latest = useRef(services.progress);
	useInput((input, key) => {
		if (key.ctrl && input === 'c') services.exit(130);
	});
	useEffect(() => {
		const t = setTimeout(preloadScreens, 0);
		return () => clearTimeout(t);
	}, []);
	const value: Services = {
		...services,
		progress,
		setProgress: (update) => {
			const p = typeof update === 'function' ? update(latest.current) : update;
			latest.current = p;
			setProgressState(p);
			services.save(p);
		},
	};
	return (
		<ServicesContext.Provider value={value}>
			<Suspense fallback={null}>
				{screen.name === 'home' ? <Home navigate={setScreen} {...(left ? { from: left } : {})} /> : null}
				{screen.name === 'lessons' ? <Lessons navigate={setScreen} focus={screen.focus} /> : null}
				{screen.name === 'player' ? <Player key={`${screen.lesson}:${screen.page ?? 0}`} navigate={setScreen} lesson={screen.lesson} page={screen.page} {...(screen.back ? { back: screen.back } : {})} /> : null}
				{screen.name === 'sandbox' ? <Sandbox navigate={setScreen} {...(screen.file ? { file: screen.file } : {})} /> : null}
				{screen.name === 'debugger' ? <Debugger navigate={setScreen} {...(screen.state ? { initial: screen.state } : {})} /> : null}
				{screen.name === 'reference' ? <Reference navigate={setScreen} {...(screen.topic ? { topic: screen.topic } : {})} {...(screen.back ? { back: screen.back } : {})} /> : null}
				{screen.name === 'builder' ? <Builder navigate={setScreen} {...(screen.file ? { file: screen.file } : {})} {...(screen.policy ? { policy: screen.policy } : {})} /> : null}
			</Suspense>
		</ServicesContext.Provider>
	);
}
