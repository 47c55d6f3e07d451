import type { N8nRuntime } from '../../test/e2e/n8n';

/** One line of the results table: measured figures only; `goal` is the target shown beside the measured ratio. */
export interface Row {
	scenario: string;
	measure: string;
	ours: string;
	theirs: string;
	/** ours ÷ theirs (or ÷ the limit's minimum), measured. */
	ratio?: number;
	goal?: string;
	met?: boolean;
}

export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** What a scenario needs imported into n8n before it runs, and how it runs. */
export interface Scenario {
	name: string;
	credentials: Credential[];
	workflows: object[];
	run(ctx: BenchContext): Promise<Row[]>;
	close(): Promise<void>;
}

export interface BenchContext {
	runtime: N8nRuntime;
	reps: number;
	log(message: string): void;
}
