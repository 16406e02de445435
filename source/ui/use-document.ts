/**
 * A scrollable, searchable text view for inspect (summary and full JSON), diff and crash
 * forensics. The content is built by a function of (variant, reveal) so toggling JSON/summary or
 * revealing secrets rebuilds it from the same data; secrets stay masked until revealed, in the
 * view and in any file saved from it.
 */
import {writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {useMemo, useState} from 'react';
import type {Command} from '../keymap/keymap.js';
import type {DocSource} from '../present/document.js';
import {compileSearch, hasMatch, nextMatchIndex} from '../present/logs.js';

export type {DocLine, DocSource} from '../present/document.js';

/** Commands this hook handles. */
export type DocCommand = Extract<Command, `doc.${string}`>;

/** State and handlers of the document view. */
export function useDocument({height, onClose}: {height: number; onClose: () => void}) {
	const [source, setSource] = useState<DocSource | undefined>();
	const [variant, setVariant] = useState(0);
	const [reveal, setReveal] = useState(false);
	const [top, setTop] = useState(0);
	const [query, setQuery] = useState('');
	const [prompt, setPrompt] = useState<{kind: 'search' | 'save'; text: string} | undefined>();
	const [message, setMessage] = useState<{text: string; error: boolean} | undefined>();
	const lines = useMemo(() => (source ? source.build(variant, reveal) : []), [source, variant, reveal]);
	const maxTop = Math.max(0, lines.length - height);
	const scrollTo = (next: number) => setTop(Math.max(0, Math.min(maxTop, next)));
	// A hit goes a third of the way down the view, so the lines around it show too.
	const [hit, setHit] = useState(-1);
	const showHit = (index: number) => {
		setHit(index);
		scrollTo(index - Math.floor(height / 3));
	};
	const search = compileSearch({query, regex: false, caseSensitive: false});
	const pattern = search.ok ? search.pattern : undefined;
	const find = (direction: 1 | -1) => {
		if (!pattern) return setPrompt({kind: 'search', text: ''});
		const index = nextMatchIndex(lines.length, hit >= 0 ? hit : top - 1, direction, (i) => hasMatch(lines[i]!.text, pattern));
		if (index >= 0) return showHit(index);
		setMessage({text: `No match for "${query}".`, error: true});
	};

	const handlers: Record<DocCommand, () => void> = {
		'doc.close': () => {
			setSource(undefined);
			onClose();
		},
		'doc.down': () => scrollTo(top + 1),
		'doc.up': () => scrollTo(top - 1),
		'doc.pageDown': () => scrollTo(top + height - 1),
		'doc.pageUp': () => scrollTo(top - height + 1),
		'doc.top': () => scrollTo(0),
		'doc.bottom': () => scrollTo(maxTop),
		'doc.search': () => setPrompt({kind: 'search', text: query}),
		'doc.next': () => find(1),
		'doc.prev': () => find(-1),
		'doc.toggle': () => {
			if (!source || source.variants.length < 2) return;
			setVariant((v) => (v + 1) % source.variants.length);
			setTop(0);
		},
		'doc.reveal': () => {
			if (!source?.hasSecrets) return setMessage({text: 'Nothing is masked here.', error: false});
			setReveal((r) => !r);
			setMessage({text: reveal ? 'Secrets masked again.' : 'Secrets revealed: press $ to mask them again.', error: !reveal});
		},
		'doc.save': () => source && setPrompt({kind: 'save', text: source.fileName(variant)}),
	};

	/** Enter or Escape in the prompt, and typing into it. */
	const promptKey = async (key: 'enter' | 'escape') => {
		const current = prompt;
		setPrompt(undefined);
		if (!current || key === 'escape') return;
		if (current.kind === 'search') {
			setQuery(current.text);
			const compiled = compileSearch({query: current.text, regex: false, caseSensitive: false});
			if (compiled.ok && compiled.pattern) {
				const index = lines.findIndex((line, i) => i >= top && hasMatch(line.text, compiled.pattern!));
				const any = index >= 0 ? index : lines.findIndex((line) => hasMatch(line.text, compiled.pattern!));
				if (any >= 0) showHit(any);
				else setMessage({text: `No match for "${current.text}".`, error: true});
			}
			return;
		}
		const path = resolve(current.text.trim());
		try {
			await writeFile(path, lines.map((line) => line.text).join('\n') + '\n', {flag: 'wx', mode: 0o600});
			setMessage({text: `Saved ${lines.length} lines to ${path}${source?.hasSecrets && !reveal ? ' (secrets masked)' : ''}`, error: false});
		} catch (error) {
			const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
			setMessage({text: exists ? `${path} exists: not overwritten. Choose another name.` : `Could not save: ${(error as Error).message}`, error: true});
		}
	};

	return {
		open: (next: DocSource) => {
			setSource(next);
			setVariant(0);
			setReveal(false);
			setTop(0);
			setQuery('');
			setHit(-1);
			setMessage(undefined);
		},
		isOpen: Boolean(source),
		/** Keys that do nothing in this document (one variant, no secrets): left out of the footer. */
		inactive: inactiveCommands(source),
		source,
		variant,
		reveal,
		lines,
		top: Math.min(top, maxTop),
		pattern,
		prompt,
		message,
		handlers,
		promptKey,
		editPrompt: (edit: (text: string) => string) => setPrompt((p) => (p ? {...p, text: edit(p.text)} : p)),
	};
}

/** Commands that do nothing for this document: Tab with one variant, $ with nothing masked. */
export function inactiveCommands(source: DocSource | undefined): DocCommand[] {
	if (!source) return [];
	return [...(source.variants.length < 2 ? (['doc.toggle'] as const) : []), ...(source.hasSecrets ? [] : (['doc.reveal'] as const))];
}
