/**
 * What a document view shows (inspect, diff, history, disk usage details…): lines built from a
 * variant and the reveal switch, so toggling summary/JSON or revealing secrets rebuilds from the
 * same data, and a file name for saving. Declared here, not in ui/, because kinds (resources/) build
 * documents too.
 */

/** One line of a document. */
export interface DocLine {
	text: string;
	/** A theme colour (ui/theme.ts); kinds leave it out or use `bold` for headings. */
	color?: string;
	bold?: boolean;
}

/** What a document shows. */
export interface DocSource {
	title: string;
	/** Variants Tab cycles through (e.g. summary, JSON); one is fine. */
	variants: string[];
	/** Whether this document has secrets to reveal. */
	hasSecrets: boolean;
	build: (variant: number, reveal: boolean) => DocLine[];
	/** Default file name when saving. */
	fileName: (variant: number) => string;
}

/** The name the kinds' declarations use for a document. */
export type DocumentSource = DocSource;
