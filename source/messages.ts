/** User-facing text that is not derived from data: one place to read and change it. */
export const messages = {
	tooSmall: (cols: number, rows: number, minCols: number, minRows: number) =>
		`Terminal too small (${cols}×${rows}). porthole needs at least ${minCols}×${minRows}.`,
	/** The banner for a lost connection, with the daemon's or the network's own reason. */
	disconnected: (endpoint: string, seconds: number, reason?: string) =>
		`disconnected from ${endpoint} — retrying in ${seconds} s${reason ? `: ${reason.replace(/\.$/, '')}` : ''}. The list below is from before the connection was lost.`,
	/** The banner for a daemon that takes requests and does not answer; `reason` says for how long. */
	notResponding: (reason: string) => `${reason.replace(/\.$/, '')} — retrying. The list below is from before it stopped answering.`,
	connecting: (endpoint: string) => `connecting to ${endpoint}…`,
	logsLoading: 'Loading logs…',
	logsNoMatch: 'No line matches.',
	logsEmpty: 'No log lines.',
	logsNoAnswer: (seconds: number) => `No answer from the daemon yet (${seconds} s) — still waiting. Esc goes back.`,
	noContainers: 'No containers.',
	noRunning: 'No running containers. Press a to show all.',
	noMatch: 'No container matches the filter. Esc clears it.',
	noMatchOf: (singular: string) => `No ${singular} matches the filter. Esc clears it.`,
	filterPrompt: 'filter› ',
	/** After a refused token: which filter the rows are for, then why the token was refused. */
	filterNotApplied: (applied: string, error: string) => `— rows for: ${applied || 'no filter (all shown)'} · ${error}`,
	filterHelp: 'words match name/image/id/command · key=value like docker ps --filter (status, name, id, ancestor, label, health, exited…)',
	commandHelp: 'containers · images · volumes · networks · df · events (Tab completes, Enter goes, Esc closes)',
	helpTitle: 'porthole — keys',
	readOnlyRefused: (key: string, title: string) => `${key} (${title.replace(/ \(.*\)$/, '')}) is refused: porthole is read-only (--read-only or the config's readOnly) and changes nothing on the daemon.`,
	commandEnded: (exitCode: number | undefined) =>
		`${exitCode === undefined ? 'the command ended' : `exit code ${exitCode}`} · press any key to return to porthole`,
	/**
	 * The line printed when handing the terminal to a session. Without -i the daemon connects no
	 * input (keys reach nothing), so porthole itself watches for the keys that go back.
	 */
	sessionBanner: (what: string, {tty, stdinOpen, detachable}: {tty: boolean; stdinOpen: boolean; detachable: boolean}) =>
		!stdinOpen
			? `porthole: ${what} — input not connected (no -i): output only; Ctrl-C or Ctrl-P Ctrl-Q goes back`
			: `porthole: ${what}${detachable ? ' (Ctrl-P Ctrl-Q detaches)' : ''}${!tty ? ' — no TTY: lines are sent on Enter; Ctrl-C detaches too and is not sent' : ''}`,
} as const;
