/**
 * Tree-sitter grammars (bash for start commands, Python for app sources). Loading WebAssembly is asynchronous
 * and needs the bytes of the .wasm files, which the host (server, CLI, tests) reads and hands over: the engine
 * itself never touches the file system.
 */

import { Language, Parser } from '@vscode/tree-sitter-wasm';

export interface GrammarBytes {
  readonly runtime: Uint8Array;
  readonly bash: Uint8Array;
  readonly python: Uint8Array;
}

export interface Grammars {
  readonly bash: Parser;
  readonly python: Parser;
}

let runtimeReady: Promise<void> | undefined;

export async function loadGrammars(bytes: GrammarBytes): Promise<Grammars> {
  // Emscripten accepts the module bytes directly, so no file lookup happens inside the runtime.
  runtimeReady ??= Parser.init({ wasmBinary: bytes.runtime } as unknown as Parameters<typeof Parser.init>[0]);
  await runtimeReady;
  const [bash, python] = await Promise.all([Language.load(bytes.bash), Language.load(bytes.python)]);
  const bashParser = new Parser();
  bashParser.setLanguage(bash);
  const pythonParser = new Parser();
  pythonParser.setLanguage(python);
  return { bash: bashParser, python: pythonParser };
}

/** The wasm file names inside `@vscode/tree-sitter-wasm/wasm/`, which the build copies next to the bundles. */
export const grammarFiles = {
  runtime: 'tree-sitter.wasm',
  bash: 'tree-sitter-bash.wasm',
  python: 'tree-sitter-python.wasm',
} as const;
