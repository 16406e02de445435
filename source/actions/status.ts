/**
 * The status line's model: what is running now ("Pulling busybox…") and the last outcome, shown
 * for a while. One helper, runWithStatus, writes the busy → done / failed sequence every action
 * follows (lazydocker's WithWaitingStatus, k9s's flash), so no action spells it out again.
 */
import {Store} from '../store/emitter.js';

/** How long an outcome stays on the status line. */
export const MESSAGE_MS = 8000;

/** The status line: a busy text while something runs, else the last message. */
export interface StatusState {
	busy?: string;
	message?: {text: string; error: boolean};
}

/** The status line, shared by every action. */
export class StatusStore extends Store<StatusState> {
	private timer?: NodeJS.Timeout;

	constructor(private readonly messageMs = MESSAGE_MS) {
		super({});
	}

	/** Say what is running (undefined: nothing). */
	busy(text: string | undefined): void {
		this.update({busy: text});
	}

	/** Show an outcome for a while. */
	flash(text: string, error = false): void {
		clearTimeout(this.timer);
		this.update({message: {text, error}});
		this.timer = setTimeout(() => this.update({message: undefined}), this.messageMs);
		this.timer.unref?.();
	}

	/** Drop the timer (at exit). */
	stop(): void {
		clearTimeout(this.timer);
	}
}

/** The texts of one action's run: while busy, on success (from the result), on failure (from the daemon's words). */
export interface StatusTexts<T> {
	busy: string;
	done: (result: T) => string | undefined;
	failed: (message: string) => string;
}

/**
 * Run `step` with the status line saying what runs, then what came of it. Returns the result, or
 * undefined when it failed (the failure is on the status line, in the daemon's words).
 */
export async function runWithStatus<T>(status: StatusStore, texts: StatusTexts<T>, step: () => Promise<T>): Promise<T | undefined> {
	status.busy(texts.busy);
	try {
		const result = await step();
		const done = texts.done(result);
		if (done) status.flash(done);
		return result;
	} catch (error) {
		status.flash(texts.failed(error instanceof Error ? error.message : String(error)), true);
		return undefined;
	} finally {
		// Another action may have said it is busy meanwhile: its text stays.
		if (status.getSnapshot().busy === texts.busy) status.busy(undefined);
	}
}
