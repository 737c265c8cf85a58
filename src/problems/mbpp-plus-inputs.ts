/**
 * MBPP+ inputs as EvalPlus reads them. MbppPlus.jsonl stores every input as JSON, so tuples, sets
 * and complex numbers were written as lists and strings; EvalPlus turns them back per task
 * (`mbpp_deserialize_inputs` in evalplus/data/mbpp.py, v0.2.0). This file states the same facts in
 * our own words: which tasks, and what each argument becomes. An input is rewritten from its JSON
 * text into a Python expression (`(1, 2)`, `{1, 2}`, `complex("1+2j")`) that the engine evaluates,
 * so integers beyond 2^53 keep every digit; the other tasks keep their JSON text unchanged.
 * Pure text processing; does not run Python.
 */
import { rawJsonElements, rawJsonMembers } from './raw-json.js';

/** A JSON value (its exact text) as a Python expression: true/false/null become True/False/None. */
export function pythonOfJson(text: string): string {
  const c = text[0];
  if (c === '[') return `[${rawJsonElements(text).map(pythonOfJson).join(', ')}]`;
  if (c === '{') return `{${[...rawJsonMembers(text)].map(([k, v]) => `${JSON.stringify(k)}: ${pythonOfJson(v)}`).join(', ')}}`;
  // JSON.stringify of the decoded string: the escapes it writes mean the same in a Python literal.
  if (c === '"') return JSON.stringify(JSON.parse(text) as string);
  if (text === 'true') return 'True';
  if (text === 'false') return 'False';
  if (text === 'null') return 'None';
  return text; // a number, NaN, Infinity, -Infinity (the engine knows those names)
}

function tupleOfItems(items: string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** Python's tuple(x) of a JSON value: a list's items, a string's characters, a dict's keys. */
function tupleOf(text: string): string {
  const c = text[0];
  if (c === '[') return tupleOfItems(rawJsonElements(text).map(pythonOfJson));
  if (c === '"') return tupleOfItems([...(JSON.parse(text) as string)].map((ch) => JSON.stringify(ch)));
  if (c === '{') return tupleOfItems([...rawJsonMembers(text).keys()].map((k) => JSON.stringify(k)));
  throw new Error(`tuple() of a non-sequence input value ${text.slice(0, 40)}`);
}

/** Every list (at any depth) as a tuple. */
function deepTupleOf(text: string): string {
  return text[0] === '[' ? tupleOfItems(rawJsonElements(text).map(deepTupleOf)) : pythonOfJson(text);
}

/** A list of lists with each inner list a tuple: `[tuple(x) for x in value]`. */
function listOfTuples(text: string): string {
  return `[${elementsOf(text).map(tupleOf).join(', ')}]`;
}

function elementsOf(text: string): string[] {
  if (text[0] !== '[') throw new Error(`expected a list, got ${text.slice(0, 40)}`);
  return rawJsonElements(text);
}

/** How EvalPlus rewrites one input (its argument texts) of a task; the result is the argument list. */
type Rewrite = (args: string[]) => string[];

const py = (args: string[]) => args.map(pythonOfJson);

/** The rewrite of each task EvalPlus deserialises, by MBPP task number. */
const REWRITES = new Map<number, Rewrite>();
function rule(ids: number[], rewrite: Rewrite): void {
  for (const id of ids) REWRITES.set(id, rewrite);
}
// every argument a tuple
rule([2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809], (args) => args.map(tupleOf));
// every argument a list of tuples
rule([63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780], (args) => args.map(listOfTuples));
// a list of tuples and a second argument (EvalPlus keeps exactly two)
rule([75, 413, 444, 753], (args) => [listOfTuples(args[0]), pythonOfJson(args[1])]);
// a value and a tuple (exactly two)
rule([106, 750], (args) => [pythonOfJson(args[0]), tupleOf(args[1])]);
// one argument: a list whose non-empty lists become sets and everything else an empty dict ({} as EvalPlus writes it)
rule([115], (args) => [`[${elementsOf(args[0]).map((item) => (item[0] === '[' && rawJsonElements(item).length ? `{${rawJsonElements(item).map(pythonOfJson).join(', ')}}` : '{}')).join(', ')}]`]);
// a float and a complex number, serialised as strings
rule([124], (args) => [`float(${pythonOfJson(args[0])})`, `complex(${pythonOfJson(args[1])})`]);
// a tuple and a second argument (exactly two)
rule([250, 405, 446, 617, 720, 763, 808], (args) => [tupleOf(args[0]), pythonOfJson(args[1])]);
// every argument a tuple of tuples
rule([259, 401, 445], (args) => args.map((a) => tupleOfItems(elementsOf(a).map(tupleOf))));
// one argument: a tuple whose list items are tuples
rule([278], (args) => [tupleOfItems(elementsOf(args[0]).map((item) => (item[0] === '[' ? tupleOf(item) : pythonOfJson(item))))]);
// a tuple and two more arguments (exactly three)
rule([307], (args) => [tupleOf(args[0]), pythonOfJson(args[1]), pythonOfJson(args[2])]);
// a dict whose values are tuples, then the rest
rule([722], (args) => [
  `{${[...rawJsonMembers(args[0])].map(([k, v]) => `${JSON.stringify(k)}: ${tupleOf(v)}`).join(', ')}}`,
  ...py(args.slice(1)),
]);
// a complex number serialised as a string
rule([252], (args) => [`complex(${pythonOfJson(args[0])})`]);
// every list at any depth a tuple
rule([580, 615, 791], (args) => args.map(deepTupleOf));

/** The MBPP task number of an MBPP+ task id (`Mbpp/2` -> 2). */
export function mbppTaskNumber(taskId: string): number {
  return Number(taskId.split('/').at(-1));
}

/** Whether EvalPlus rewrites this task's inputs. */
export function isDeserializedMbppTask(taskId: string): boolean {
  return REWRITES.has(mbppTaskNumber(taskId));
}

/**
 * The inputs of an MBPP+ task as the engine should read them: unchanged JSON text, or for the
 * tasks EvalPlus deserialises, a Python expression of the argument list. Throws on an input that
 * does not have the shape EvalPlus expects.
 */
export function deserializeMbppInputs(taskId: string, inputs: readonly string[]): string[] {
  const rewrite = REWRITES.get(mbppTaskNumber(taskId));
  if (!rewrite) return [...inputs];
  return inputs.map((input, i) => {
    try {
      return `[${rewrite(rawJsonElements(input)).join(', ')}]`;
    } catch (err) {
      throw new Error(`${taskId} input ${i}: ${(err as Error).message}`, { cause: err });
    }
  });
}
