/** A program: the tsconfig its files resolve their imports through, and the folders holding them. */
export interface CycleProgram {
  tsconfig: string;
  folders: readonly string[];
}

/** Files that reach one another through imports, and the shortest loop through the first of them. */
export interface ImportCycle {
  files: string[];
  loop: string[];
}

export declare const WORKSPACE_PROGRAMS: readonly CycleProgram[];

export declare function findImportCycles(root: string, programs?: readonly CycleProgram[]): ImportCycle[];
