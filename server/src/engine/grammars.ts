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
  /** For `.railway/railway.ts`; without it that file is not read. */
  readonly typescript?: Uint8Array;
}

export interface Grammars {
  readonly bash: Parser;
  readonly python: Parser;
  readonly typescript?: Parser;
}

let runtimeReady: Promise<void> | undefined;

export async function loadGrammars(bytes: GrammarBytes): Promise<Grammars> {
  // Emscripten accepts the module bytes directly, so no file lookup happens inside the runtime.
  runtimeReady ??= Parser.init({ wasmBinary: bytes.runtime } as unknown as Parameters<typeof Parser.init>[0]);
  await runtimeReady;
  const [bash, python, typescript] = await Promise.all([
    Language.load(bytes.bash),
    Language.load(bytes.python),
    bytes.typescript ? Language.load(bytes.typescript) : Promise.resolve(undefined),
  ]);
  const parser = (language: Language): Parser => {
    const p = new Parser();
    p.setLanguage(language);
    return p;
  };
  return { bash: parser(bash), python: parser(python), ...(typescript ? { typescript: parser(typescript) } : {}) };
}

/** The wasm file names inside `@vscode/tree-sitter-wasm/wasm/`, which the build copies next to the bundles. */
export const grammarFiles = {
  runtime: 'tree-sitter.wasm',
  bash: 'tree-sitter-bash.wasm',
  python: 'tree-sitter-python.wasm',
  typescript: 'tree-sitter-typescript.wasm',
} as const;
