/** Theme tokens: every colour porthole draws comes from here. */
import type {ContainerState} from '../engine/types.js';

/** Colours by meaning. */
export const theme = {
	accent: 'cyan',
	muted: 'gray',
	error: 'red',
	warning: 'yellow',
	ok: 'green',
	selectionBg: 'blue',
	headerFg: 'white',
	key: 'cyan',
} as const;

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
