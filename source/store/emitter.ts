/** The smallest store base: an immutable snapshot plus subscribe, for React's useSyncExternalStore. */
export class Store<T> {
	private listeners = new Set<() => void>();
	constructor(protected state: T) {}

	/** Current immutable snapshot. */
	getSnapshot = (): T => this.state;

	/** Subscribe to changes; returns the unsubscribe function. */
	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** Replace part of the state and notify once. */
	protected update(patch: Partial<T>): void {
		this.state = {...this.state, ...patch};
		for (const listener of this.listeners) listener();
	}
}
