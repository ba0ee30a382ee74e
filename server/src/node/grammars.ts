/** Reads the tree-sitter wasm files from beside the bundle (dist/wasm) or, when running from source, node_modules. */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { grammarFiles, loadGrammars, type Grammars } from '../engine/grammars';

let loaded: Promise<Grammars> | undefined;

export function nodeGrammars(): Promise<Grammars> {
  loaded ??= loadGrammars({
    runtime: readWasm(grammarFiles.runtime),
    bash: readWasm(grammarFiles.bash),
    python: readWasm(grammarFiles.python),
    typescript: readWasm(grammarFiles.typescript),
  });
  return loaded;
}

function readWasm(file: string): Uint8Array {
  for (const dir of wasmDirs()) {
    const path = join(dir, file);
    if (existsSync(path)) return readFileSync(path);
  }
  throw new Error(`Deploy Doctor: cannot find ${file}; run "npm run build" or reinstall the extension.`);
}

function wasmDirs(): string[] {
  const dirs = [join(__dirname, 'wasm')];
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    dirs.push(join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm'));
    dir = dirname(dir);
  }
  return dirs;
}
