// Files that import each other, directly or around a loop, among the workspace's source files
// (tests aside). Type-only imports count: `import type` is erased at run time, but a loop of types
// still ties the files together — a DTO that imports its service's type to check the answer, while
// the service imports the DTO, is the usual case (docs/architecture.md §8). ESLint's import
// cycle rules (eslint-plugin-import-x `no-cycle`) skip type-only imports by design; every loop
// this check was written against ran through at least one.
//
// Imports are resolved as the compiler resolves them: TypeScript's module resolution over each
// program's tsconfig (its `paths` included), so `@quartier/<lib>` leads to the library's index.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The workspace's programs: the portal's files resolve as the Angular build resolves them (its own
 * tsconfig, bundler resolution), every other file through tsconfig.base.json. First match wins.
 */
export const WORKSPACE_PROGRAMS = [
  { tsconfig: 'apps/portal/tsconfig.app.json', folders: ['apps/portal', 'libs/portal'] },
  { tsconfig: 'tsconfig.base.json', folders: ['apps', 'libs', 'tools'] },
];

const SOURCE = /\.(ts|mts|cts)$/;
const NOT_SOURCE = /\.d\.[mc]?ts$|\.(spec|int-spec|e2e)\.ts$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.angular', '.nx']);

function sourceFiles(folder, out) {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) sourceFiles(path, out);
    } else if (SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name)) out.push(path);
  }
  return out;
}

function compilerOptions(root, tsconfig) {
  const path = join(root, tsconfig);
  const read = ts.readConfigFile(path, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(path), undefined, path).options;
}

/** Every import of a file, type-only ones, re-exports, `import()` and `require()` included. */
function importsOf(file) {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((i) => i.fileName);
}

/** The graph of imports among the programs' source files: absolute path → paths it imports. */
function importGraph(root, programs) {
  const graph = new Map();
  for (const { tsconfig, folders } of programs) {
    const options = compilerOptions(root, tsconfig);
    const cache = ts.createModuleResolutionCache(root, (name) => name, options);
    for (const folder of folders)
      for (const file of sourceFiles(join(root, folder), [])) {
        if (graph.has(file)) continue;
        const targets = new Set();
        for (const name of importsOf(file)) {
          const found = ts.resolveModuleName(name, file, options, ts.sys, cache).resolvedModule;
          if (found && !found.isExternalLibraryImport) targets.add(resolve(found.resolvedFileName));
        }
        graph.set(file, targets);
      }
  }
  for (const targets of graph.values())
    for (const target of targets) if (!graph.has(target)) targets.delete(target);
  return graph;
}

/** The groups of files that reach one another (Tarjan), each with more than one file or a self-import. */
function tangledGroups(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file)) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || graph.get(file).has(file)) groups.push(group);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return groups;
}

/** The shortest loop from `start` back to it through the group's files (breadth first). */
function shortestLoop(graph, group, start) {
  const inGroup = new Set(group);
  const cameFrom = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const target of [...graph.get(file)].sort()) {
      if (!inGroup.has(target)) continue;
      if (target === start) {
        const loop = [start];
        for (let at = file; at !== start; at = cameFrom.get(at)) loop.splice(1, 0, at);
        return [...loop, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

/**
 * The import cycles among the source files under `root`: one per group of files that reach one
 * another, as the group's files and the shortest loop through the first of them (workspace-relative
 * paths with `/`, the loop closing on its first file).
 * @param {string} root
 * @param {readonly { tsconfig: string; folders: readonly string[] }[]} [programs]
 * @returns {{ files: string[]; loop: string[] }[]}
 */
export function findImportCycles(root, programs = WORKSPACE_PROGRAMS) {
  const absoluteRoot = resolve(root);
  const graph = importGraph(absoluteRoot, programs);
  const name = (file) => relative(absoluteRoot, file).split(sep).join('/');
  return tangledGroups(graph)
    .map((group) => {
      const files = [...group].sort();
      return { files: files.map(name), loop: shortestLoop(graph, group, files[0]).map(name) };
    })
    .sort((a, b) => (a.files[0] < b.files[0] ? -1 : 1));
}
