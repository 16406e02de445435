/** Reading porthole's container table off a screen (plain text from the pty harness). */

/** The table row (selection mark, mark dot, cells) whose NAMES cell — the last column — is `name`. */
export function rowOf(screen: string, name: string): string | undefined {
	return screen.split('\n').find((line) => /^[› ][● ] ?\S/.test(line) && line.trimEnd().split(/\s+/).pop() === name);
}

/** NAMES of the selected row; undefined unless exactly one row is drawn selected (a frame can arrive in parts). */
export function selectedName(screen: string): string | undefined {
	const selected = screen.split('\n').filter((line) => line.startsWith('›'));
	return selected.length === 1 ? selected[0]!.trimEnd().split(/\s+/).pop() : undefined;
}
