/**
 * The containers' actions in the UI: the flow (actions/container-flow.ts) made once, given the
 * terminal for exec and attach (Ink's suspend and the handover), and its state read for rendering.
 */
import {useApp, useStdin, useStdout} from 'ink';
import {useRef, useState, useSyncExternalStore} from 'react';
import type {FlowTerminal} from '../actions/container-flow.js';
import type {HostActions} from '../actions/host-actions.js';
import {handOver} from './handover.js';

/** What the flow needs from the app (read at the moment a key is handled), and the host it acts on. */
type FlowDeps = Omit<Parameters<HostActions['containerFlow']>[0], 'terminal'> & {host: HostActions};

/** State and handlers of the containers' actions. */
export function useActions(deps: FlowDeps) {
	const {suspendTerminal} = useApp();
	const {stdin, setRawMode} = useStdin();
	const stdout = useStdout().stdout as NodeJS.WriteStream;
	const terminal = useRef<FlowTerminal | undefined>(undefined);
	terminal.current = {
		size: () => ({columns: stdout.columns ?? 80, rows: stdout.rows ?? 24}),
		handOver: async (session, options) => {
			let result: {exitCode?: number} = {};
			await suspendTerminal(async () => {
				result = await handOver(session, {stdin: stdin as NodeJS.ReadStream, stdout, setRawMode, ...options});
			});
			return result;
		},
	};
	const current = useRef(deps);
	current.current = deps;
	const [flow] = useState(() =>
		deps.host.containerFlow({
			...(deps.shell ? {shell: deps.shell} : {}),
			targets: () => current.current.targets(),
			selected: () => current.current.selected(),
			stateOf: (c) => current.current.stateOf(c),
			onDone: () => current.current.onDone(),
			terminal: () => terminal.current!,
		}),
	);
	const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot);
	return {dialog: state.dialog, suspended: state.suspended, handlers: flow.handlers, editText: flow.editText, editSignal: flow.editSignal, flash: flow.flash, textInput: state.dialog?.kind === 'text'};
}
