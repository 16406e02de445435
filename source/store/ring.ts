/** A fixed-size ring of numbers: bounded history for graphs (e.g. 300 samples = 5 min at 1 s). */
export class Ring {
	private readonly values: Float64Array;
	private start = 0;
	private size = 0;

	constructor(readonly capacity: number) {
		this.values = new Float64Array(capacity);
	}

	/** Append, dropping the oldest value when full. */
	push(value: number): void {
		const index = (this.start + this.size) % this.capacity;
		this.values[index] = value;
		if (this.size < this.capacity) this.size += 1;
		else this.start = (this.start + 1) % this.capacity;
	}

	/** Number of values held. */
	get length(): number {
		return this.size;
	}

	/** The newest `count` values, oldest first. */
	last(count = this.size): number[] {
		const n = Math.min(count, this.size);
		const out = new Array<number>(n);
		for (let i = 0; i < n; i += 1) out[i] = this.values[(this.start + this.size - n + i) % this.capacity]!;
		return out;
	}
}
