/**
 * Railway's config schema (schemas/railway.schema.json, written from research/platforms.md §1.3) applied to the
 * config tree with ajv; every error is mapped back to the exact key or value it concerns, the way taplo maps
 * instance paths to its DOM: an unknown key points at the key, anything else at the value.
 */

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/railway.schema.json';
import { getPath, toValue, type ConfigEntry, type ConfigNode, type ConfigObject } from '../config/tree';

const railwaySchema = schema as unknown as RailwaySchema;

export interface SchemaProperty {
  readonly type?: string | readonly string[];
  readonly enum?: readonly (string | null)[];
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly default?: unknown;
  readonly deprecationMessage?: string;
  readonly properties?: Readonly<Record<string, SchemaProperty>>;
  readonly $ref?: string;
  readonly additionalProperties?: boolean | SchemaProperty;
}

interface RailwaySchema extends SchemaProperty {
  readonly definitions: Readonly<Record<string, SchemaProperty>>;
}

export type SchemaProblem =
  | { readonly kind: 'unknown-key'; readonly entry: ConfigEntry; readonly parentPath: readonly string[]; readonly allowed: readonly string[] }
  | { readonly kind: 'enum'; readonly node: ConfigNode; readonly path: readonly string[]; readonly allowed: readonly string[] }
  | { readonly kind: 'type'; readonly node: ConfigNode; readonly path: readonly string[]; readonly expected: readonly string[] }
  | { readonly kind: 'other'; readonly node: ConfigNode; readonly path: readonly string[]; readonly message: string };

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    // Editor-only annotations VS Code's JSON service understands.
    ajv.addKeyword('markdownDescription');
    ajv.addKeyword('deprecationMessage');
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Schema problems of a config tree, each tied to the node it concerns. */
export function schemaProblems(root: ConfigObject): SchemaProblem[] {
  const check = validate();
  if (check(toValue(root))) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of check.errors ?? []) {
    const path = pointer(error.instancePath);
    const node = getPath(root, ...path);
    if (!node) continue;
    const key = `${error.keyword}:${error.instancePath}:${JSON.stringify(error.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(...toProblems(error, node, path));
  }
  // A type error on a value that is also out of its enum says the same thing twice: keep the enum one.
  return problems.filter((p) => !(p.kind === 'type' && problems.some((q) => q.kind === 'enum' && q.node === p.node)));
}

function toProblems(error: ErrorObject, node: ConfigNode, path: string[]): SchemaProblem[] {
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      const entry = node.kind === 'object' ? node.entries.get(name) : undefined;
      return entry ? [{ kind: 'unknown-key', entry, parentPath: path, allowed: allowedKeys(path) }] : [];
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).filter((v): v is string => typeof v === 'string');
      return [{ kind: 'enum', node, path, allowed }];
    }
    case 'type': {
      const t = (error.params as { type?: string | string[] }).type;
      return [{ kind: 'type', node, path, expected: (Array.isArray(t) ? t : [t ?? '']).filter((x) => x !== 'null') }];
    }
    default:
      return [{ kind: 'other', node, path, message: error.message ?? 'is not valid' }];
  }
}

/** The schema entry for a key path (`deploy.startCommand`, `environments.x.deploy.startCommand`). */
export function propertyAt(path: readonly string[]): SchemaProperty | undefined {
  let current: SchemaProperty | undefined = railwaySchema;
  for (let i = 0; i < path.length; i++) {
    current = resolve(current);
    if (!current) return undefined;
    const next: SchemaProperty | undefined = current.properties?.[path[i]] ?? (typeof current.additionalProperties === 'object' ? current.additionalProperties : undefined);
    current = next;
  }
  return resolve(current);
}

/** Keys the schema allows in the object at `path`. */
export function allowedKeys(path: readonly string[]): string[] {
  const object = propertyAt(path);
  return Object.keys(object?.properties ?? {});
}

function resolve(property: SchemaProperty | undefined): SchemaProperty | undefined {
  if (!property?.$ref) return property;
  const name = property.$ref.replace('#/definitions/', '');
  return railwaySchema.definitions[name];
}

function pointer(instancePath: string): string[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
