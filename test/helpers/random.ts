/** Seeded randomness for tests that type or act at random: a failure can be replayed from its seed. */
import {type ChildProcess, spawn} from 'node:child_process';

/** A deterministic generator of numbers in [0, 1) (a linear congruential generator). */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state / 2 ** 32;
	};
}

/** `length` characters drawn from `alphabet`. */
export function randomText(next: () => number, length: number, alphabet: string): string {
	let text = '';
	for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)]!;
	return text;
}

/**
 * One busy loop per core, to type into porthole on a loaded machine. Each ends by itself after
 * `maxMs`, or as soon as the test process that started it is gone, so a killed test run never
 * leaves them spinning.
 */
export function busyCores(cores = 2, maxMs = 600_000): {stop: () => void} {
	const loop = `const end = Date.now() + ${maxMs}; const parent = ${process.pid};
		for (let n = 0; Date.now() < end; n++) if (n % 5e6 === 0) { try { process.kill(parent, 0); } catch { break; } }`;
	const burners: ChildProcess[] = Array.from({length: cores}, () => spawn(process.execPath, ['-e', loop], {stdio: 'ignore'}));
	return {stop: () => burners.forEach((burner) => burner.kill('SIGKILL'))};
}
