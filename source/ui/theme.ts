/** Theme tokens: every colour porthole draws comes from here. */
import type {ContainerState} from '../engine/types.js';

/**
 * NO_COLOR (no-color.org): set and not empty, porthole writes no colour at all. Everything that
 * colour says is also said by text or a glyph (status words, `›` for the selection, the banner's
 * words), so nothing is lost; bold, dim and inverse are not colours and stay.
 */
export const noColor = Boolean(process.env['NO_COLOR']);

const colours = {
	accent: 'cyan',
	muted: 'gray',
	error: 'red',
	warning: 'yellow',
	ok: 'green',
	selectionBg: 'blue',
	headerFg: 'white',
	key: 'cyan',
} as const;

/** Colours by meaning (all undefined under NO_COLOR, which Ink then draws as plain text). */
export const theme: {readonly [K in keyof typeof colours]: string | undefined} = noColor
	? (Object.fromEntries(Object.keys(colours).map((key) => [key, undefined])) as Record<keyof typeof colours, undefined>)
	: colours;

/** The colour of a container's status text. */
export function stateColor(state: ContainerState, status: string): string | undefined {
	if (/\(unhealthy\)/.test(status)) return theme.error;
	switch (state) {
		case 'running':
			return /health: starting/.test(status) ? theme.warning : theme.ok;
		case 'paused':
			return theme.warning;
		case 'restarting':
		case 'dead':
			return theme.error;
		case 'exited':
			return /^Exited \(0\)/.test(status) ? theme.muted : theme.error;
		case 'created':
		case 'removing':
			return theme.muted;
	}
}
