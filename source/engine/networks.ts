/**
 * Networks on the Docker Engine API. Every answer is read through the shape guards (./shapes.ts) and
 * every failure is an EngineError.
 */
import {answered, mapped, type EngineContext} from './context.js';
import {EngineError, toEngineError} from './errors.js';
import type {NetworkCreateOptions, NetworkFilters, NetworkSummary, NetworksApi} from './networks-api.js';
import {listOf, recordOf, stringMapOf, textOf} from './shapes.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- dockerode's option types lag the API; the answers are mapped here */

/** Map one entry of `/networks` (or a network inspect) into a NetworkSummary. */
export function toNetworkSummary(input: unknown): NetworkSummary {
	const raw = recordOf(input);
	return {
		id: textOf(raw.Id),
		name: textOf(raw.Name),
		driver: textOf(raw.Driver),
		scope: textOf(raw.Scope),
		internal: raw.Internal === true,
		attachable: raw.Attachable === true,
		ingress: raw.Ingress === true,
		enableIPv6: raw.EnableIPv6 === true,
		ipam: listOf(recordOf(raw.IPAM).Config).map((entry) => {
			const pool = recordOf(entry);
			return {subnet: textOf(pool.Subnet), gateway: textOf(pool.Gateway)};
		}),
		labels: stringMapOf(raw.Labels),
		created: textOf(raw.Created),
	};
}

/** Map `/networks`: a list whatever came back, rows without an id dropped. */
export function toNetworkSummaries(answer: unknown): NetworkSummary[] {
	return listOf(answer)
		.map(toNetworkSummary)
		.filter((network) => network.id !== '');
}

/**
 * The daemon refuses to remove a network with endpoints as 403 Forbidden ("error while removing
 * network: network x id … has active endpoints"), and a predefined one likewise: for porthole both
 * are conflicts with the object's state, as a volume in use is.
 */
export function networkError(error: unknown, url: string): EngineError {
	const mapped = toEngineError(error, url);
	if (mapped.statusCode === 403) return new EngineError('conflict', mapped.message, 403);
	return mapped;
}

/** `engine.networks` of the real engine. */
export class DockerNetworks implements NetworksApi {
	constructor(private readonly context: EngineContext) {}

	async list(options: {filters?: NetworkFilters; signal?: AbortSignal} = {}): Promise<NetworkSummary[]> {
		const query = options.filters && Object.keys(options.filters).length > 0 ? {filters: JSON.stringify(options.filters)} : {};
		try {
			const answer = await answered(this.context, options.signal, (deadline) => (this.context.docker as any).listNetworks({...query, abortSignal: deadline}) as Promise<unknown>);
			return toNetworkSummaries(answer);
		} catch (error) {
			throw toEngineError(error, this.context.url);
		}
	}

	inspect(id: string): Promise<Record<string, unknown>> {
		return mapped(this.context, async () => recordOf(await this.context.docker.getNetwork(id).inspect()));
	}

	async create(options: NetworkCreateOptions): Promise<string> {
		const pool: Record<string, string> = {};
		if (options.subnet) pool['Subnet'] = options.subnet;
		if (options.gateway) pool['Gateway'] = options.gateway;
		const body = {
			Name: options.name,
			Driver: options.driver || 'bridge',
			Internal: Boolean(options.internal),
			Labels: options.labels ?? {},
			// CheckDuplicate: the CLI sends it, so a second create of a name is refused as docker refuses it.
			CheckDuplicate: true,
			...(Object.keys(pool).length > 0 ? {IPAM: {Driver: 'default', Config: [pool]}} : {}),
		};
		try {
			const network = (await this.context.docker.createNetwork(body as any)) as unknown;
			// dockerode answers with a Network handle carrying the answer's `Id`.
			return textOf(recordOf(network).id);
		} catch (error) {
			throw toEngineError(error, this.context.url);
		}
	}

	async remove(id: string): Promise<void> {
		try {
			await this.context.docker.getNetwork(id).remove();
		} catch (error) {
			throw networkError(error, this.context.url);
		}
	}

	async connect(network: string, container: string, options: {aliases?: string[]} = {}): Promise<void> {
		const aliases = options.aliases?.filter((alias) => alias !== '') ?? [];
		try {
			await this.context.docker.getNetwork(network).connect({Container: container, ...(aliases.length > 0 ? {EndpointConfig: {Aliases: aliases}} : {})} as any);
		} catch (error) {
			throw networkError(error, this.context.url);
		}
	}

	async disconnect(network: string, container: string, options: {force?: boolean} = {}): Promise<void> {
		try {
			await this.context.docker.getNetwork(network).disconnect({Container: container, Force: Boolean(options.force)} as any);
		} catch (error) {
			throw networkError(error, this.context.url);
		}
	}
}
