export declare const PATCHED_WORKER: string;
export declare function keepParseState(source: string): { source: string; fixed: number };
export declare function writePatchedWorker(target?: string): { version: string; fixed: number };
