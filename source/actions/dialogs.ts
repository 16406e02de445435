/**
 * Dialogs as promises: an action asks (`await dialogs.confirm(…)`, `await dialogs.input(…)`) and
 * reads on with the answer, so its steps read top to bottom. The dialog on screen is this store's
 * snapshot; the UI renders it and routes keys to it, nothing more. One dialog at a time: asking
 * while one is open answers the open one with "cancelled" first.
 */
import {Store} from '../store/emitter.js';

/** A switch in a confirmation ("f force", "v also volumes"). */
export interface DialogToggle {
	/** 'force' is toggled by the dialog's f key, 'volumes' by v (keymap: dialogForce, dialogVolumes). */
	id: 'force' | 'volumes';
	label: string;
	on: boolean;
}

/** A yes/no question that says what will happen. */
export interface ConfirmDialog {
	type: 'confirm';
	title: string;
	lines: readonly string[];
	/** Destructive: drawn in the warning colour. */
	danger?: boolean;
	toggles: readonly DialogToggle[];
}

/** A one-line text input, checked before it is accepted. */
export interface InputDialog {
	type: 'input';
	title: string;
	label: string;
	text: string;
	/** Shown under the input in the error colour; the dialog stays open. */
	error?: string;
	/** Shown under the input while there is no error (format, examples). */
	hint?: string;
}

/** A choice among a few options (j/k, Enter). */
export interface ChoiceDialog {
	type: 'choice';
	title: string;
	choices: readonly string[];
	choice: number;
}

/** Something long running with live lines (a pull), cancelled with Esc. */
export interface TaskDialog {
	type: 'task';
	title: string;
	lines: readonly string[];
	/** Seconds since it started, for the title. */
	startedAt: number;
}

/** The dialog on screen. */
export type Dialog = ConfirmDialog | InputDialog | ChoiceDialog | TaskDialog;

/** What the dialog store holds. */
export interface DialogState {
	dialog?: Dialog;
}

type Answer = {type: 'confirm'; yes: boolean; toggles: readonly DialogToggle[]} | {type: 'input'; text?: string} | {type: 'choice'; index?: number} | {type: 'task'; cancelled: boolean};

/** The open dialog and the answers to it. */
export class DialogStore extends Store<DialogState> {
	private answer?: (answer: Answer | undefined) => void;
	private validate?: (text: string) => string | undefined;
	private taskAbort?: AbortController;

	constructor() {
		super({});
	}

	/** Ask a yes/no question; resolves with the answer and the toggles as they were left. */
	confirm(question: {title: string; lines: readonly string[]; danger?: boolean; toggles?: readonly DialogToggle[]}): Promise<{yes: boolean; toggles: Record<string, boolean>}> {
		return this.open({type: 'confirm', toggles: [], ...question}).then((answer) => {
			const toggles = answer?.type === 'confirm' ? answer.toggles : [];
			return {yes: answer?.type === 'confirm' && answer.yes, toggles: Object.fromEntries(toggles.map((toggle) => [toggle.id, toggle.on]))};
		});
	}

	/**
	 * Ask for a line of text; `validate` says what is wrong with it (the dialog stays open, the
	 * daemon is not asked) or undefined when it may go. Resolves undefined when cancelled.
	 */
	input(question: {title: string; label: string; text?: string; hint?: string; validate?: (text: string) => string | undefined}): Promise<string | undefined> {
		const {validate, ...shown} = question;
		const answer = this.open({type: 'input', text: '', ...shown});
		this.validate = validate;
		return answer.then((result) => (result?.type === 'input' ? result.text : undefined));
	}

	/** Ask to pick one of a few choices; resolves with its index, or undefined when cancelled. */
	choose(question: {title: string; choices: readonly string[]}): Promise<number | undefined> {
		return this.open({type: 'choice', choice: 0, ...question}).then((answer) => (answer?.type === 'choice' ? answer.index : undefined));
	}

	/**
	 * Run a long task with a live dialog: `work` gets a way to replace the lines and a signal that
	 * aborts when the user cancels (Esc). The dialog closes when the work ends.
	 */
	async task<T>(title: string, work: (show: (lines: readonly string[]) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
		const abort = new AbortController();
		void this.open({type: 'task', title, lines: [], startedAt: Date.now()});
		this.taskAbort = abort;
		const show = (lines: readonly string[]) => {
			const dialog = this.state.dialog;
			if (dialog?.type === 'task' && this.taskAbort === abort) this.update({dialog: {...dialog, lines}});
		};
		try {
			return await work(show, abort.signal);
		} finally {
			if (this.taskAbort === abort) this.close(undefined);
		}
	}

	/** Enter / y: accept the dialog (an input is checked first). */
	accept(): void {
		const dialog = this.state.dialog;
		if (!dialog) return;
		switch (dialog.type) {
			case 'confirm':
				return this.close({type: 'confirm', yes: true, toggles: dialog.toggles});
			case 'input': {
				const text = dialog.text.trim();
				const problem = this.validate?.(text);
				if (problem) return this.update({dialog: {...dialog, error: problem}});
				return this.close({type: 'input', text});
			}
			case 'choice':
				return this.close({type: 'choice', index: dialog.choice});
			case 'task':
				return;
		}
	}

	/** Esc / n / q: cancel (a task is aborted). */
	cancel(): void {
		if (!this.state.dialog) return;
		if (this.state.dialog.type === 'task') {
			this.taskAbort?.abort();
			this.taskAbort = undefined;
		}
		this.close(undefined);
	}

	/** j/k in a choice. */
	move(delta: 1 | -1): void {
		const dialog = this.state.dialog;
		if (dialog?.type !== 'choice') return;
		this.update({dialog: {...dialog, choice: Math.max(0, Math.min(dialog.choices.length - 1, dialog.choice + delta))}});
	}

	/** f / v in a confirmation with that switch. */
	toggle(id: DialogToggle['id']): void {
		const dialog = this.state.dialog;
		if (dialog?.type !== 'confirm' || !dialog.toggles.some((toggle) => toggle.id === id)) return;
		this.update({dialog: {...dialog, toggles: dialog.toggles.map((toggle) => (toggle.id === id ? {...toggle, on: !toggle.on} : toggle))}});
	}

	/** Typing into an input. */
	edit(change: (text: string) => string): void {
		const dialog = this.state.dialog;
		if (dialog?.type !== 'input') return;
		this.update({dialog: {...dialog, text: change(dialog.text), error: undefined}});
	}

	/** Whether typed characters go to an input now. */
	get takesText(): boolean {
		return this.state.dialog?.type === 'input';
	}

	private open(dialog: Dialog): Promise<Answer | undefined> {
		if (this.state.dialog) this.cancel();
		return new Promise((resolve) => {
			this.answer = resolve;
			this.validate = undefined;
			this.update({dialog});
		});
	}

	private close(answer: Answer | undefined): void {
		const resolve = this.answer;
		this.answer = undefined;
		this.validate = undefined;
		this.update({dialog: undefined});
		resolve?.(answer);
	}
}
