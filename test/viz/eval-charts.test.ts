/** Eval charts: per-task outcomes from HumanEval and HumanEval+ result records, pass@k bars. */
import { describe, expect, it } from 'vitest';
import { passAtKChart, taskOutcomes, taskOutcomesChart } from '../../src/viz/eval-charts.js';

describe('eval charts', () => {
  it('counts passes per task for HumanEval and HumanEval+ results', () => {
    expect(taskOutcomes([{ task_id: 'A', passed: true }, { task_id: 'A', passed: false }, { task_id: 'B', passed: true }])).toEqual([
      { taskId: 'A', samples: 2, passed: 1 },
      { taskId: 'B', samples: 1, passed: 1 },
    ]);
    expect(taskOutcomes([{ task_id: 'A', base_passed: true, plus_passed: false }, { task_id: 'A', base_passed: true, plus_passed: true }])).toEqual([
      { taskId: 'A', samples: 2, passed: 1, basePassed: 2, plusPassed: 1 },
    ]);
    const fig = taskOutcomesChart([{ task_id: 'A', passed: true }, { task_id: 'A', passed: false }]);
    expect(fig.data.map((t) => t.y)).toEqual([[1], [1]]);
  });
  it('groups pass@k bars by k', () => {
    const fig = passAtKChart({ base: { 'pass@1': 0.5, 'pass@10': 0.9 }, 'base + plus': { 'pass@1': 0.4 }, missing: undefined });
    expect(fig.data).toHaveLength(2);
    expect(fig.data[0].x).toEqual(['pass@1', 'pass@10']);
    expect(fig.data[1].y).toEqual([0.4, null]);
  });
});
