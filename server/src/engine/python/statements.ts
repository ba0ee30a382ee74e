/**
 * The statement walk of a Python file: imports and when they run (module level, conditional, optional, under
 * `if __name__ == "__main__":`, deferred into functions), the names bound at module level, and the scope of
 * every block walked, so the call scan can tell where a call runs.
 */

import type { Node } from '@vscode/tree-sitter-wasm';
import type { OffsetRange } from '../types';
import { nodeRange } from './calls';
import type { ImportScope, PyBinding, PyImport } from './source';

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

export class Scanner {
  readonly imports: PyImport[] = [];
  readonly bindings = new Map<string, PyBinding>();
  openNamespace = false;
  hasMainGuard = false;
  /** Blocks walked, in document order, with their scope. */
  private readonly blocks: { readonly start: number; readonly end: number; readonly scope: ImportScope }[] = [];

  /** Walks the statements of a block; `topLevel` is true while bindings are module attributes. */
  block(node: Node, scope: ImportScope, topLevel: boolean): void {
    this.blocks.push({ start: node.startIndex, end: node.endIndex, scope });
    for (const child of node.namedChildren) if (child) this.statement(child, scope, topLevel);
  }

  /** The scope code at an offset runs in; ask for offsets in increasing order. */
  scopes(): (offset: number) => ImportScope {
    const open: { readonly end: number; readonly scope: ImportScope }[] = [];
    let next = 0;
    return (offset) => {
      while (next < this.blocks.length && this.blocks[next].start <= offset) open.push(this.blocks[next++]);
      while (open.length && open[open.length - 1].end <= offset) open.pop();
      return open[open.length - 1]?.scope ?? 'module';
    };
  }

  private statement(node: Node, scope: ImportScope, topLevel: boolean): void {
    const conditional = scope !== 'module';
    /** Blocks under `if`, `try`, loops and `with` run on import only maybe. */
    const nested: ImportScope = conditional ? scope : 'conditional';
    switch (node.type) {
      case 'import_statement':
        this.importStatement(node, scope, topLevel, conditional);
        return;
      case 'import_from_statement':
        this.importFrom(node, scope, topLevel, conditional);
        return;
      case 'future_import_statement':
        return;
      case 'expression_statement':
        this.expressionStatement(node, topLevel, conditional);
        return;
      case 'function_definition':
        if (topLevel) this.functionDef(node, conditional);
        this.inner(node.childForFieldName('body'), 'deferred');
        return;
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (topLevel && name) this.bind({ name: name.text, range: nodeRange(name), kind: 'class', conditional });
        // A class body runs on import, but its names are class attributes.
        const body = node.childForFieldName('body');
        if (body) this.block(body, scope, false);
        return;
      }
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        if (def) this.statement(def, scope, topLevel);
        return;
      }
      case 'if_statement': {
        const condition = node.childForFieldName('condition');
        if (condition && isMainGuard(condition)) {
          this.hasMainGuard = true;
          this.inner(node.childForFieldName('consequence'), 'main', topLevel);
          for (const alt of node.childrenForFieldName('alternative')) if (alt) this.innerBlocks(alt, nested, topLevel);
          return;
        }
        this.innerBlocks(node, nested, topLevel);
        return;
      }
      case 'try_statement': {
        const handled = node.namedChildren.some((c) => c?.type === 'except_clause' && catchesImportError(c));
        const body = node.childForFieldName('body');
        if (body) this.block(body, handled ? 'optional' : nested, topLevel);
        for (const c of node.namedChildren) {
          if (!c || (body && c.equals(body))) continue;
          if (c.type === 'except_clause' || c.type === 'else_clause' || c.type === 'finally_clause') this.innerBlocks(c, nested, topLevel);
        }
        return;
      }
      case 'with_statement':
      case 'for_statement':
      case 'while_statement':
      case 'match_statement':
        this.innerBlocks(node, nested, topLevel);
        return;
      case 'case_clause':
        // Inside a match body, whose scope is already conditional.
        this.innerBlocks(node, scope, topLevel);
    }
  }

  private inner(node: Node | null, scope: ImportScope, topLevel = false): void {
    if (node) this.block(node, scope, topLevel);
  }

  private innerBlocks(node: Node, scope: ImportScope, topLevel: boolean): void {
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'block') this.block(c, scope, topLevel);
      else if (c.type.endsWith('_clause')) this.innerBlocks(c, scope, topLevel);
    }
  }

  private importStatement(node: Node, scope: ImportScope, topLevel: boolean, conditional: boolean): void {
    for (const name of node.childrenForFieldName('name')) {
      if (!name) continue;
      const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      const alias = name.type === 'aliased_import' ? name.childForFieldName('alias') : null;
      if (!dotted) continue;
      this.imports.push({ module: dotted.text, level: 0, names: [], moduleRange: nodeRange(dotted), statementRange: nodeRange(node), scope });
      if (topLevel) {
        const bound = alias ?? dotted.namedChild(0);
        if (bound) this.bind({ name: bound.text, range: nodeRange(bound), kind: 'import', conditional });
      }
    }
  }

  private importFrom(node: Node, scope: ImportScope, topLevel: boolean, conditional: boolean): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    let level = 0;
    let dotted: Node | null = moduleNode;
    if (moduleNode.type === 'relative_import') {
      const prefix = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix');
      level = prefix ? prefix.text.length : 0;
      dotted = moduleNode.namedChildren.find((c) => c?.type === 'dotted_name') ?? null;
    }
    const names: { name: string; range: OffsetRange }[] = [];
    const star = node.namedChildren.some((c) => c?.type === 'wildcard_import');
    for (const n of node.childrenForFieldName('name')) {
      if (!n) continue;
      const dn = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
      const alias = n.type === 'aliased_import' ? n.childForFieldName('alias') : null;
      if (!dn) continue;
      names.push({ name: dn.text, range: nodeRange(dn) });
      if (topLevel) this.bind({ name: (alias ?? dn).text, range: nodeRange(alias ?? dn), kind: 'import', conditional });
    }
    if (star && topLevel) this.openNamespace = true;
    this.imports.push({
      module: dotted?.text ?? '',
      level,
      names,
      moduleRange: nodeRange(dotted ?? moduleNode),
      statementRange: nodeRange(node),
      scope,
    });
  }

  private expressionStatement(node: Node, topLevel: boolean, conditional: boolean): void {
    if (!topLevel) return;
    for (const expr of node.namedChildren) {
      if (expr?.type === 'assignment' || expr?.type === 'augmented_assignment') {
        const right = expr.childForFieldName('right');
        const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
        for (const target of assignmentTargets(expr.childForFieldName('left'))) this.bind({ name: target.text, range: nodeRange(target), kind: 'assign', callee, conditional });
        // Chained `a = b = Flask()` nests assignments on the right.
        let r = right;
        while (r?.type === 'assignment') {
          for (const target of assignmentTargets(r.childForFieldName('left'))) this.bind({ name: target.text, range: nodeRange(target), kind: 'assign', callee, conditional });
          r = r.childForFieldName('right');
        }
      }
    }
  }

  private functionDef(node: Node, conditional: boolean): void {
    const name = node.childForFieldName('name');
    if (!name) return;
    const params = node.childForFieldName('parameters');
    let required = 0;
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'identifier' || p.type === 'typed_parameter') required++;
      if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern' || p.type === 'keyword_separator') break;
    }
    const returns: string[] = [];
    const body = node.childForFieldName('body');
    for (const stmt of body?.namedChildren ?? []) {
      if (stmt?.type !== 'return_statement') continue;
      const value = stmt.namedChild(0);
      if (!value) continue;
      if (value.type === 'identifier') returns.push(value.text);
      else if (value.type === 'call') {
        const fn = value.childForFieldName('function');
        if (fn) returns.push(`${fn.text}()`);
      }
    }
    if (name.text === '__getattr__') this.openNamespace = true;
    this.bind({ name: name.text, range: nodeRange(name), kind: 'def', requiredParams: required, returns, conditional });
  }

  private bind(binding: PyBinding): void {
    const previous = this.bindings.get(binding.name);
    // An unconditional binding beats a conditional one; among equals the later wins, as at run time.
    if (previous && !previous.conditional && binding.conditional) return;
    this.bindings.set(binding.name, binding);
  }
}

function assignmentTargets(left: Node | null): Node[] {
  if (!left) return [];
  if (left.type === 'identifier') return [left];
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
    return left.namedChildren.filter((c): c is Node => c?.type === 'identifier');
  }
  return [];
}

function isMainGuard(condition: Node): boolean {
  const text = condition.text.replace(/\s+/g, '');
  return text === '__name__=="__main__"' || text === "__name__=='__main__'" || text === '"__main__"==__name__' || text === "'__main__'==__name__";
}

function catchesImportError(clause: Node): boolean {
  const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  if (!value) return true;
  const names = value.text
    .replace(/\s+as\s+\w+\s*$/, '')
    .replace(/[()\s]/g, '')
    .split(',')
    .map((n) => n.split('.').pop() ?? n);
  return names.some((n) => IMPORT_ERRORS.has(n));
}
