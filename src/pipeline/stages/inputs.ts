/**
 * Reading a stage's inputs from the run directory: problems (with the test generator's updates),
 * tests grouped by problem, the kept tests, each validated by its schema. Reads only; grouping helpers.
 */
import { existsSync } from 'node:fs';
import { ConfigError } from '../../errors.js';
import { readJsonl, readJsonlAll } from '../../io/jsonl.js';
import type { RunPaths } from '../../io/run-dir.js';
import { FilterDecision, Problem, TestCase } from '../../records.js';

/** Fail clearly when an upstream artifact is missing. */
export function requireFile(file: string, stage: string): string {
  if (!existsSync(file)) throw new ConfigError(`${file} is missing; run \`plum ${stage}\` (or \`plum run\`) first`);
  return file;
}

/** The run's problems: 01-problems.jsonl with the test generator's updates (02-problem-updates.jsonl) laid over. */
export async function readProblems(paths: RunPaths): Promise<Problem[]> {
  const problems = await readJsonlAll(requireFile(paths.problems, 'problems'), Problem);
  if (!existsSync(paths.problemUpdates)) return problems;
  const updates = new Map((await readJsonlAll(paths.problemUpdates, Problem)).map((p) => [p.id, p]));
  return problems.map((p) => updates.get(p.id) ?? p);
}

/** Tests grouped by problem id, in file order. */
export async function readTestsByProblem(file: string): Promise<Map<string, TestCase[]>> {
  const out = new Map<string, TestCase[]>();
  for await (const { value } of readJsonl(requireFile(file, 'testgen'), TestCase)) {
    const list = out.get(value.problemId) ?? [];
    list.push(value);
    out.set(value.problemId, list);
  }
  return out;
}

/** Ids of the tests the filter kept. */
export async function readKeptTestIds(file: string): Promise<Set<string>> {
  const kept = new Set<string>();
  for await (const { value } of readJsonl(requireFile(file, 'filter'), FilterDecision)) if (value.kept) kept.add(value.testId);
  return kept;
}

/** Ids of the kept tests grouped by problem id (from the filter decisions alone). */
export async function readKeptTestIdsByProblem(filterFile: string): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for await (const { value } of readJsonl(requireFile(filterFile, 'filter'), FilterDecision)) {
    let set = out.get(value.problemId);
    if (!set) out.set(value.problemId, (set = new Set()));
    if (value.kept) set.add(value.testId);
  }
  return out;
}

/** Kept tests grouped by problem id. */
export async function readKeptTestsByProblem(testsFile: string, filterFile: string): Promise<Map<string, TestCase[]>> {
  const kept = await readKeptTestIds(filterFile);
  const byProblem = await readTestsByProblem(testsFile);
  const out = new Map<string, TestCase[]>();
  for (const [problemId, tests] of byProblem) {
    const list = tests.filter((t) => kept.has(t.id));
    if (list.length) out.set(problemId, list);
  }
  return out;
}

/** Group records by a key. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
