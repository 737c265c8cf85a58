/**
 * Engine jobs for `leetcode` (DeepSeek-Coder's LeetCode contest set), judged as DeepSeek-Coder's
 * Evaluation/LeetCode judges it: the program is its import helper lines (human_eval/evaluation.py
 * IMPORT_HELPER["python"]), the sample's code (a `solution`, or the prompt + `completion`), then the
 * test, all executed in one namespace; pass iff every assert holds within its 10 s limit
 * (evaluate_functional_correctness's default `timeout`, for the whole program; the process is
 * joined 1 s later). Here the test's setup (`my_solution = Solution()`, helpers) ends the program
 * and each case runs as its own test in the same namespace and order, so a failing case is reported
 * with its input, expected and actual value; the whole job keeps the 10 s (+1 s) limit. Pure.
 */
import type { Job } from '../execution/types.js';
import type { LeetCodeContestTask } from '../problems/leetcode-contest.js';
import type { TestSpec } from '../records.js';
import type { EvalSample } from './samples.js';

/** Time limits of the leetcode jobs; defaults in `DEFAULT_LEETCODE_JOB_OPTIONS`. */
export interface LeetCodeJobOptions {
  /** DeepSeek's `timeout` (ms): loading the program and each case; default 10000. */
  timeoutMs: number;
  /** Wall-clock limit of the whole job (ms): DeepSeek joins its process after timeout + 1 s. Default 11000. */
  jobTimeoutMs: number;
}

export const DEFAULT_LEETCODE_JOB_OPTIONS: Readonly<LeetCodeJobOptions> = Object.freeze({ timeoutMs: 10_000, jobTimeoutMs: 11_000 });

/** The lines DeepSeek-Coder puts before every Python program (IMPORT_HELPER["python"]). */
export const DEEPSEEK_PYTHON_IMPORTS = [
  'import math',
  'import re',
  'import sys',
  'import copy',
  'import datetime',
  'import itertools',
  'import collections',
  'import heapq',
  'import functools',
  'import hashlib',
  'import numpy',
  'import numpy as np',
  'import string',
  'from typing import *',
  'from collections import *',
  'from functools import *',
].join('\n');

/** The sample's code as DeepSeek's `generation`: a full solution, or the prompt followed by the completion. */
export function leetCodeGeneration(task: LeetCodeContestTask, sample: Pick<EvalSample, 'solution' | 'completion'>): string {
  return sample.solution ?? task.prompt + (sample.completion ?? '');
}

/** The job judging a sample: cases as tests `case/<i>`, or the whole test as `test` when it could not be split. */
export function leetCodeJob(id: string, task: LeetCodeContestTask, generation: string, options: Partial<LeetCodeJobOptions> = {}): Job {
  const opts = { ...DEFAULT_LEETCODE_JOB_OPTIONS, ...options };
  const head = `${DEEPSEEK_PYTHON_IMPORTS}\n${generation}\n`;
  const tests: TestSpec[] = task.caseTests
    ? task.caseTests.map((code, i) => ({ id: `case/${i}`, kind: 'assert', code }))
    : [{ id: 'test', kind: 'assert', code: task.test }];
  return {
    id,
    program: task.caseTests ? `${head}${task.setup}\n` : head,
    tests,
    limits: { testTimeoutMs: opts.timeoutMs, jobTimeoutMs: opts.jobTimeoutMs },
  };
}
