/**
 * Networks as they cross the engine boundary: plain types and the API the rest of porthole calls
 * (`engine.networks`). No dockerode here; the real implementation is ./networks.ts, the fake ./fake/networks.ts.
 */

/** One IPAM pool of a network. */
export interface NetworkPool {
	/** CIDR, e.g. "172.18.0.0/16" or "fd00::/64". */
	subnet: string;
	/** Empty when the daemon picked none (e.g. host, none). */
	gateway: string;
}

/**
 * A row of `/networks`, the source of `docker network ls`. Since API 1.28 the list leaves out the
 * attached containers: take them from the containers' `networks` or from `inspect`.
 */
export interface NetworkSummary {
	/** Full 64-hex id. */
	id: string;
	name: string;
	/** 'bridge' | 'host' | 'null' | 'overlay' | 'macvlan' | a plugin */
	driver: string;
	/** 'local' | 'swarm' | 'global' */
	scope: string;
	internal: boolean;
	attachable: boolean;
	ingress: boolean;
	enableIPv6: boolean;
	/** IPAM configuration, in the daemon's order. */
	ipam: NetworkPool[];
	labels: Record<string, string>;
	/** ISO time as the daemon gives it; empty when absent. */
	created: string;
}

/**
 * Filters with `docker network ls --filter` semantics, sent to the daemon as they are: `driver`,
 * `id`, `label`, `name`, `scope`, `type` (custom|builtin), `dangling` (true|false).
 */
export type NetworkFilters = Record<string, string[]>;

/** What `docker network create` takes (one IPAM pool at most). */
export interface NetworkCreateOptions {
	name: string;
	/** Default 'bridge'. */
	driver?: string;
	/** CIDR; check it with parseSubnet first. */
	subnet?: string;
	/** Must lie in `subnet`. */
	gateway?: string;
	/** No route out of the network (`--internal`). */
	internal?: boolean;
	labels?: Record<string, string>;
}

/** What porthole asks of the engine about networks. */
export interface NetworksApi {
	/** `docker network ls` (filters applied by the daemon); answered within the answer timeout. */
	list(options?: {filters?: NetworkFilters; signal?: AbortSignal}): Promise<NetworkSummary[]>;
	/** `docker network inspect`: the daemon's JSON, with `Containers` (untrusted text inside). */
	inspect(id: string): Promise<Record<string, unknown>>;
	/** `docker network create`; resolves with the new network's id. */
	create(options: NetworkCreateOptions): Promise<string>;
	/**
	 * `docker network rm`. Refused by the daemon while containers are attached (EngineError
	 * 'conflict', the daemon's words) and for the predefined networks (bridge, host, none).
	 */
	remove(id: string): Promise<void>;
	/** `docker network connect [--alias …]`. */
	connect(network: string, container: string, options?: {aliases?: string[]}): Promise<void>;
	/** `docker network disconnect [-f]`. */
	disconnect(network: string, container: string, options?: {force?: boolean}): Promise<void>;
}
