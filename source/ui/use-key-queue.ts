/**
 * The one keyboard input of the app: every key press, in order, each handled against the state the
 * previous one left. Typing "/web" fast, "/" opens the filter bar and "w" must go into it, not to
 * the list; "jj" moves twice; nothing is lost however the bytes are split across reads (issue 11).
 */
import {type Key, useInput} from 'ink';
import {useLayoutEffect, useRef, useState} from 'react';

/** Commits in one chain of synchronous renders before the rest of the keys wait for a fresh task. */
const MAX_CHAINED_COMMITS = 24;

/**
 * Feed Ink's input to `handleKey`, one key at a time. A key is handled in Ink's input callback only
 * when nothing is pending; every other key waits in a queue that a layout effect drains, one key
 * per commit, inside a committed render with that render's handlers. State updates made in a
 * layout effect are synchronous: they render and commit before the event loop moves on, and the
 * next layout effect takes the next key. Each queued key also bumps `keyTurn`, so a key that
 * changes nothing still leads to the commit that takes the next. No timer decides when a render
 * "should" have happened: an earlier version waited 50 ms, and on a busy machine React's render came
 * later, so the next key edited stale text and a typed character was lost.
 *
 * While `suspended` (a shell or attach has the terminal), keys that reached porthole just before it
 * wait: a q typed then must not quit porthole under the session.
 */
export function useKeyQueue(handleKey: (input: string, key: Key) => void, suspended: boolean): void {
	const handleKeyRef = useRef(handleKey);
	handleKeyRef.current = handleKey;
	const keyQueue = useRef<Array<[string, Key]>>([]);
	const [, setKeyTurn] = useState(0);
	// React stops a chain of more than 50 synchronous commits from layout effects as an endless
	// loop, and a key can take a few commits (its own, and effects that follow it): after
	// MAX_CHAINED_COMMITS the rest of a long paste continues from a fresh task.
	const chainedCommits = useRef(0);
	const deferred = useRef(false);
	// Up from a key handled in Ink's input callback until the next commit.
	const keyRenderPending = useRef(false);
	useLayoutEffect(() => {
		keyRenderPending.current = false;
		chainedCommits.current++;
		if (keyQueue.current.length === 0 || deferred.current || suspended) return;
		if (chainedCommits.current > MAX_CHAINED_COMMITS) {
			deferred.current = true;
			setImmediate(() => {
				deferred.current = false;
				chainedCommits.current = 0;
				setKeyTurn((turn) => turn + 1);
			});
			return;
		}
		const next = keyQueue.current.shift()!;
		setKeyTurn((turn) => turn + 1);
		handleKeyRef.current(next[0], next[1]);
	});
	useInput((input, key) => {
		const keys = splitKeys(input, key);
		if (!deferred.current) chainedCommits.current = 0; // a new task: a new chain
		// Nothing waiting and the last key's changes committed: this render's handlers are current,
		// so the first key is handled at once, saving a render per key press. Ink can deliver two
		// inputs in one task ("/" then Backspace), before the first one's render: then the flag is
		// still up and the key takes the queue. The rest of a burst follows one commit each.
		if (keyQueue.current.length === 0 && !deferred.current && !suspended && !keyRenderPending.current) {
			const first = keys.shift()!;
			keyRenderPending.current = true;
			handleKeyRef.current(first[0], first[1]);
		}
		if (keys.length === 0) return;
		keyQueue.current.push(...keys);
		setKeyTurn((turn) => turn + 1);
	});
}

/** How a key edits a one-line text input: Backspace, Ctrl-U (clear), Ctrl-W (last word), or typing. */
export function textEdit(name: string, input: string, key: Key): ((text: string) => string) | undefined {
	if (name === 'backspace' || name === 'delete') return (text) => text.slice(0, -1);
	if (name === 'ctrl+u') return () => '';
	if (name === 'ctrl+w') return (text) => text.replace(/\S*\s*$/, '');
	if (!key.ctrl && !key.meta && input && !/[\x00-\x1f\x7f]/.test(input)) return (text) => text + input;
	return undefined;
}

/**
 * The key presses in one input from Ink. Keys typed fast (or over SSH, or pasted) arrive as one
 * chunk ("jjj", "/web"): each character is a key press of its own. Escape followed at once by a
 * character reaches Ink as Alt+character; porthole binds no Alt key, so it is Escape, then that
 * key (typing Esc then "/" quickly must close one thing and open the filter).
 */
export function splitKeys(input: string, key: Key): Array<[string, Key]> {
	if (input.length > 1 && !key.ctrl && !key.meta && !input.includes('\u001B')) return [...input].map((char) => keyOf(char, key));
	if (key.meta && !key.ctrl && input.length === 1 && !key.escape && input >= ' ') {
		const plain = {...key, meta: false};
		return [['', {...plain, escape: true}], keyOf(input, plain)];
	}
	return [[input, key]];
}

/** One character of a chunk as the key Ink would have reported alone (Enter, Tab, Backspace, Ctrl-x). */
function keyOf(char: string, chunk: Key): [string, Key] {
	const plain = {...chunk, return: false, tab: false, backspace: false, delete: false, ctrl: false, shift: false, escape: false};
	if (char === '\r' || char === '\n') return ['', {...plain, return: true}];
	if (char === '\t') return ['', {...plain, tab: true}];
	if (char === '\u007F' || char === '\b') return ['', {...plain, backspace: true}];
	const code = char.charCodeAt(0);
	if (code < 0x20) return [String.fromCharCode(code + 0x60), {...plain, ctrl: true}];
	return [char, {...plain, shift: char !== char.toLowerCase()}];
}
