// How Go's encoding/json decodes daemon.json into dockerd's Config, over jsonc-parser's tree: which values
// fit which field types (a failure is fatal to dockerd: "cannot unmarshal string into Go struct field
// Config.debug of type bool"), repeated keys, and case-insensitive field names.
import { isIP } from 'node:net';
import type { Node } from 'jsonc-parser';
import type { Shape } from './dockerd-keys.js';

/** The value of each property of an object, every occurrence, in order. */
export function members(node: Node | undefined): Array<[string, Node]> {
  if (node?.type !== 'object') return [];
  return (node.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    return typeof key?.value === 'string' && value ? [[key.value, value] as [string, Node]] : [];
  });
}

/** Go's map decoding: the last occurrence of a key wins. */
export const lastWins = (node: Node | undefined) => new Map(members(node));

const JSON_KIND: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  boolean: 'true/false',
};

function describe(shape: Shape): string {
  if (shape === 'bool') return 'true or false';
  if (shape === 'string') return 'a string';
  if (shape === 'int') return 'a whole number';
  if (shape === 'uint32') return 'a whole number from 0 to 4294967295';
  if (shape === 'ip') return 'an IP address in quotes';
  if (shape === 'mem-bytes') return 'a size in quotes such as "64M"';
  if (shape === 'any') return 'any value';
  if ('list' in shape) return `a list of ${describe(shape.list)}`;
  if ('map' in shape) return `an object whose values are ${describe(shape.map)}`;
  return 'an object';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** go-units RAMInBytes. */
const SIZE = /^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/;

/** Go's field lookup: an exact name first, else one equal ignoring case. */
export function field<T>(fields: Map<string, T> | Record<string, T>, key: string): T | undefined {
  const entries = fields instanceof Map ? [...fields] : Object.entries(fields);
  return (
    entries.find(([name]) => name === key)?.[1] ??
    entries.find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1]
  );
}

/** Where `value` does not decode into `shape`, as encoding/json would fail (one message per place). */
export function typeErrors(
  text: string,
  path: string,
  value: Node,
  shape: Shape,
  unchecked: string[],
): string[] {
  const wrong = () => [`${path}: dockerd expects ${describe(shape)}, not ${JSON_KIND[value.type] ?? 'null'}`];
  if (shape === 'any') {
    unchecked.push(`the contents of ${path}`);
    return [];
  }
  if (shape === 'mem-bytes') {
    // opts.MemBytes.UnmarshalJSON is called for null too, and wants a quoted size.
    if (value.type !== 'string') return wrong();
    return SIZE.test(value.value as string) ? [] : [`${path}: "${value.value}" is not a size such as "64M"`];
  }
  if (value.type === 'null') return [];
  if (shape === 'bool') return value.type === 'boolean' ? [] : wrong();
  if (shape === 'string') return value.type === 'string' ? [] : wrong();
  if (shape === 'ip') {
    if (value.type !== 'string') return wrong();
    const address = value.value as string;
    return address === '' || (isIP(address) && !address.includes('%'))
      ? []
      : [`${path}: "${address}" is not an IP address`];
  }
  if (shape === 'int' || shape === 'uint32') {
    if (value.type !== 'number') return wrong();
    const literal = text.slice(value.offset, value.offset + value.length);
    const integer = shape === 'int' ? /^-?\d+$/ : /^\d+$/;
    const max = shape === 'int' ? INT64_MAX : 4294967295n;
    const min = shape === 'int' ? INT64_MIN : 0n;
    if (!integer.test(literal) || BigInt(literal) > max || BigInt(literal) < min)
      return [`${path}: dockerd expects ${describe(shape)}, not ${literal}`];
    return [];
  }
  if ('list' in shape) {
    if (value.type !== 'array') return wrong();
    return (value.children ?? []).flatMap((item, index) =>
      typeErrors(text, `${path}[${index}]`, item, shape.list, unchecked),
    );
  }
  if (value.type !== 'object') return wrong();
  if ('map' in shape)
    return members(value).flatMap(([key, item]) =>
      typeErrors(text, `${path}.${key}`, item, shape.map, unchecked),
    );
  return members(value).flatMap(([key, item]) => {
    const inner = field(shape.struct, key);
    return inner ? typeErrors(text, `${path}.${key}`, item, inner, unchecked) : [];
  });
}
