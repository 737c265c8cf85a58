/**
 * The public API of plum: what notebooks, scripts and the CLI import. Everything else is internal.
 * Each block is owned by one folder of src/.
 */
export * from './errors.js';
export * from './records.js';
export { packageRoot, dataPath } from './paths.js';
export { readJsonl, readJsonlAll, writeJsonlAtomic, openAppendLog, parseJsonlLine } from './io/jsonl.js';
export type { JsonlLine, AppendLog } from './io/jsonl.js';
export { hashOf, shortHash, canonicalJson } from './io/hash.js';

// execution
export type { Job, JobResult, Limits, Progress, ProtectionReport } from './execution/types.js';
export { resolvePython } from './execution/python.js';
export { runPythonTool } from './execution/python-tool.js';
export type { Engine, EngineOptions, RunOptions } from './execution/types.js';
export { createEngine, runJobs, defaultVerdictCacheDir } from './execution/engine.js';
export { openEngine } from './execution/backend.js';
export type { BackendOptions, ExecutionBackend } from './execution/backend.js';
export { DEFAULT_LIMITS, timeLimitFromReference } from './execution/limits.js';
export type { ReferenceTimeOptions } from './execution/limits.js';
export { ENGINE_VERSION } from './execution/version.js';

// problems
export { loadProblems, streamProblems } from './problems/load.js';
export type { LoadedProblems, ProblemStreamItem } from './problems/load.js';
export { ProblemSourceSpec } from './problems/spec.js';
export type { LoadProblemsOptions } from './problems/spec.js';
export { embeddedProblemsPath, EmbeddedProblemRow } from './problems/embedded.js';
export { makeProblem, hashProblemContent } from './problems/make-problem.js';

// viz, notebook display, data frames, run report
export type { Figure, PlotlyTrace, PlotlyLayout } from './viz/figure.js';
export { plotColors, baseLayout, barFigure, binCounts, countBy, sortedCounts, figureHasData } from './viz/figure.js';
export { passRatesByProblem, passRateHistogram, failureKindsChart, labelCountsChart } from './viz/label-charts.js';
export type { LabelLike } from './viz/label-charts.js';
export { pairsPerProblemChart, ktoBalanceChart } from './viz/pair-charts.js';
export { tallyHeuristics, testSurvivalChart, keptTestsPerProblemChart } from './viz/filter-charts.js';
export type { HeuristicTally, DecisionLike } from './viz/filter-charts.js';
export { mutationScoreOf, mutationScoreHistogram } from './viz/mutation-charts.js';
export type { MutationScoreLike } from './viz/mutation-charts.js';
export { newExecutionDigest, addExecution, digestExecutions } from './viz/execution-digest.js';
export type { ExecutionDigest, ExecutionLike, SlowTest } from './viz/execution-digest.js';
export { verdictKindsChart, errorTypesChart, slowestTestsChart } from './viz/execution-charts.js';
export { buildRunFigures } from './viz/run-figures.js';
export type { RunData } from './viz/run-figures.js';
export { escapeHtml, figureHtml, plotlyBundleScript } from './viz/html.js';
export { tableHtml } from './viz/table.js';
export type { Table, TableCell } from './viz/table.js';
export { setNotebookDisplay, showHtml, showMarkdown, initPlots, showFigure, showTable } from './notebook/display.js';
export { flattenRecord, recordsToFrame, loadFrame, frameToTable, frameHtml, showFrame } from './notebook/frame.js';
export type { FrameOptions } from './notebook/frame.js';
export { diffLines, diffHtml, showDiff } from './notebook/diff.js';
export type { DiffLine } from './notebook/diff.js';
export { loadRunData, listRounds } from './report/run-data.js';
export { buildSummaryTables } from './report/summary-tables.js';
export { renderReportHtml } from './report/html-report.js';
export { writeRunReport } from './report/write-report.js';
export type { WriteRunReportOptions, WrittenReport } from './report/write-report.js';
export { taskOutcomes, passAtKChart, taskOutcomesChart } from './viz/eval-charts.js';
export type { EvalResultLike, TaskOutcome } from './viz/eval-charts.js';

// offline generators: test generator (testgen), mutation sampler (sample), mutation score (mutation)
export { generateTests, generateTestsBatch, offlineTestId, selectTests, OFFLINE_TESTGEN_GENERATOR } from './testgen/generate-tests.js';
export type { TestgenProgress } from './testgen/generate-tests.js';
export { defaultOfflineTestgenOptions, resolveOfflineTestgenOptions } from './testgen/options.js';
export type { OfflineTestgenOptions, OfflineTestgenResult, DroppedInput, DropReason } from './testgen/options.js';
export { collectResults } from './testgen/engine-port.js';
export type { JobRunner } from './testgen/engine-port.js';
export { generateCandidateInputs } from './testgen/candidate-inputs.js';
export type { CandidateInput, CandidateInputs, CandidateRequest } from './testgen/candidate-inputs.js';
export { deriveSeed } from './testgen/derive-seed.js';
export { mutantCoverOrder, greedyCover } from './testgen/mutant-cover.js';
export type { CoverRequest } from './testgen/mutant-cover.js';
export { buildEfficiencyTests, isEfficiencyTest, EFFICIENCY_GENERATOR } from './testgen/efficiency-tests.js';
export type { EfficiencyRequest } from './testgen/efficiency-tests.js';
export { comparisonRuleOf, expectedOutputText } from './testgen/comparison-oracle.js';
export type { ComparisonRule } from './testgen/comparison-oracle.js';
export { createReferenceTrust, defaultReferenceTrustOptions } from './pairs/reference-trust.js';
export type { ReferenceTrustOptions } from './pairs/reference-trust.js';
export { sampleMutants, sampleMutantsBatch, mutantSampleId, defaultMutationSamplerOptions, resolveMutationSamplerOptions, MUTATION_SAMPLER_GENERATOR } from './sample/mutation-sampler.js';
export type { MutationSamplerOptions } from './sample/mutation-sampler.js';
export { readSamplesFile, taskResolverFor, fileSampleId, completionPrompt, SAMPLES_FILE_GENERATOR } from './sample/samples-file.js';
export type { SamplesFileRead } from './sample/samples-file.js';
export { mutateReferences, isVariantMutation, isBrokenMutation } from './mutation/mutate-reference.js';
export type { MutateRequest, MutateResult, MutatedProgram } from './mutation/mutate-reference.js';
export { scoreMutants, MUTATION_SCORE_METHOD } from './mutation/score.js';
export { measureMutationScores, defaultMutationScoreOptions, executionOf } from './mutation/measure.js';
export type { MutationScoreItem, MutationScoreOptions } from './mutation/measure.js';

// LLM: one client for OpenAI-compatible endpoints, LLM test generation, policy sampling, rounds
export { LlmConfig, LlmEndpoint, LlmPrices, LlmTestgenConfig, LlmPolicyConfig, LlmRoundOverride, resolveEndpoint, policyForRound, parseLlmConfig, DEFAULT_OPENAI_BASE_URL } from './llm/config.js';
export type { ResolvedEndpoint, LlmConfigInput, LlmEndpointInput } from './llm/config.js';
export { LlmClient, createLlmClient } from './llm/client.js';
export type { ChatRequest, TextCompletionRequest, ChatMessage, Completion, CompleteOptions, LlmClientOptions, TokenUsage } from './llm/client.js';
export { LlmRequestError } from './llm/errors.js';
export type { StageUsage } from './llm/usage.js';
export { estimateCost } from './llm/usage.js';
export { checkEndpoint, checkOneEndpoint } from './llm/check-endpoint.js';
export type { CheckEndpointOptions, EndpointReport } from './llm/check-endpoint.js';
export { extractCodeBlocks, extractProgram, definesName } from './llm/extract-code.js';
export type { CodeBlock, ExtractedProgram } from './llm/extract-code.js';
export { loadPromptTemplate, renderTemplate } from './llm/prompts.js';
export { generateTestsWithLlm, testgenOptionsFromConfig, llmTestId, DEFAULT_LLM_TESTGEN_OPTIONS, LLM_TESTGEN_GENERATOR } from './testgen/llm-testgen.js';
export type { LlmTestgenOptions, LlmTestgenResult } from './testgen/llm-testgen.js';
export { parseTestgenAnswer } from './testgen/llm-parse.js';
export type { ParsedTestgenAnswer, ParsedTest } from './testgen/llm-parse.js';
export { buildTestgenMessages } from './testgen/llm-prompt.js';
export { samplePolicy, policyOptionsFromConfig, llmSampleId, DEFAULT_POLICY_SAMPLING_OPTIONS, LLM_POLICY_GENERATOR } from './sample/llm-policy.js';
export type { PolicySamplingOptions, PolicySamplingResult } from './sample/llm-policy.js';
export { buildPolicyMessages, buildPolicyPrompt } from './sample/llm-prompt.js';
export { compareRounds, compareRoundInputs, readRoundInput, listRoundsWithLabels } from './rounds/compare-rounds.js';
export type { RoundComparison, RoundSummary, RoundTransition, ProblemRounds, RoundInput } from './rounds/compare-rounds.js';
export { formatRoundComparison } from './rounds/format-rounds.js';

// filter (heuristics over reference evidence), labels + DPO/KTO pairs, statistics, TRL export
export { filterTests, keptTests } from './filter/filter-tests.js';
export { builtinHeuristics, consistencyHeuristic, duplicateHeuristic, trivialHeuristic, flakyHeuristic, slowHeuristic, minTestsHeuristic } from './filter/builtin-heuristics.js';
export { defaultFilterOptions } from './filter/types.js';
export type { Heuristic, HeuristicInput, Judgement, BuiltinHeuristicOptions, FilterOptions } from './filter/types.js';
export { gatherEvidence } from './filter/gather-evidence.js';
export type { EvidenceEngine, GatherEvidenceOptions } from './filter/gather-evidence.js';
export { analyseTests } from './filter/analyse-tests.js';
export { outcomesOf, analysisOf, fallbackAnalysis, normaliseWhitespace } from './filter/evidence-view.js';
export { labelSample, defaultLabelOptions } from './pairs/label-sample.js';
export type { LabelOptions, LabelInput } from './pairs/label-sample.js';
export { normaliseCode } from './pairs/normalise-code.js';
export { buildTrainingPrompt } from './pairs/prompt.js';
export type { PromptOptions } from './pairs/prompt.js';
export { buildProblemPreferences, completionOf } from './pairs/build-preferences.js';
export { defaultPreferenceOptions } from './pairs/types.js';
export type { LabelledSample, ProblemGroup, PairingStrategy, CompletionSource, PreferenceOptions, ProblemOutcome, ProblemPairsSummary, ProblemPreferenceData } from './pairs/types.js';
export { ktoLossWeights } from './pairs/kto-weights.js';
export type { KtoWeights } from './pairs/kto-weights.js';
export { groupByProblem, labelExecutions, indexLabels, streamPreferences } from './pairs/stream.js';
export type { GroupOptions, ProblemLabelContext, LabelIndex } from './pairs/stream.js';
export { seededRandom, shuffleInPlace } from './pairs/seeded-random.js';
export { createStatsAccumulator } from './stats/collect-stats.js';
export type { StatsAccumulator, StatsOptions, MutationScoreInput } from './stats/collect-stats.js';
export { describeDistribution, rateEdges, countEdges } from './stats/distribution.js';
export type { Distribution as StatsDistribution } from './stats/distribution.js';
export { formatStatsSummary, formatTable as formatTextTable } from './stats/format-stats.js';
export type { PlumRunStats, FilterStats, HeuristicCounts, LabelStats, PassRateStats, PairStats, KtoStats, MutationStats } from './stats/stats-types.js';
export { toTrlDpoRow, toTrlKtoRow } from './export/trl-rows.js';
export type { ChatMessage as TrlChatMessage, TrlDpoRow, TrlKtoRow, TrlRowOptions } from './export/trl-rows.js';
export { buildTrlConfig, renderTrlConfig, defaultTrlTrainingOptions } from './export/trl-config.js';
export type { TrlTrainingOptions } from './export/trl-config.js';
export { renderDatasetCard } from './export/dataset-card.js';
export type { DatasetCardInput } from './export/dataset-card.js';
export { exportTrlDataset } from './export/export-trl.js';
export type { TrlExportOptions, TrlExportResult } from './export/export-trl.js';

// pipeline: config, run directory, stages, runner, progress
export { PipelineConfigSchema } from './pipeline/config.js';
export type { PipelineConfig, PipelineConfigInput } from './pipeline/config.js';
export { loadPipelineConfig, parsePipelineConfig, resolveRoundConfig } from './pipeline/load-config.js';
export { runPipeline, stageFingerprints } from './pipeline/run-pipeline.js';
export type { RunPipelineOptions, PipelineReport, StageOutcome } from './pipeline/run-pipeline.js';
export { STAGES, STAGE_NAMES, stageDefinition, stageKey } from './pipeline/stage-registry.js';
export type { StageName, StageDefinition } from './pipeline/stage-registry.js';
export { createStageContext } from './pipeline/context.js';
export type { StageContext, StageResult, StageFunction, StageContextOptions } from './pipeline/context.js';
export { runResumable } from './pipeline/resumable.js';
export type { ResumableOptions, ResumableOutput, ResumableReport } from './pipeline/resumable.js';
export { readRunState } from './pipeline/run-state.js';
export type { RunState, StageState } from './pipeline/run-state.js';
export { formatRunSummary } from './pipeline/summary.js';
export { runProblemsStage } from './pipeline/stages/problems.js';
export { runTestgenStage } from './pipeline/stages/testgen.js';
export { runFilterStage } from './pipeline/stages/filter.js';
export { runSampleStage } from './pipeline/stages/sample.js';
export { runExecuteStage } from './pipeline/stages/execute.js';
export { runMutationStage } from './pipeline/stages/mutation.js';
export { runLabelStage } from './pipeline/stages/label.js';
export { runPairsStage } from './pipeline/stages/pairs.js';
export { runStatsStage } from './pipeline/stages/stats.js';
export { runExportStage } from './pipeline/stages/export.js';
export { runPaths, ensureRunDir, defaultRunDir } from './io/run-dir.js';
export type { RunPaths, RoundPaths } from './io/run-dir.js';
export { createProgress } from './io/progress.js';
export type { ProgressBar, ProgressOptions } from './io/progress.js';

// evaluation: plum eval (one descriptor per dataset), pass@k, summary, EvalPlus's result file, reference checks
export { evaluateSamples, defaultResultsPath, judgePrograms } from './eval/evaluate.js';
export type { EvaluateOptions, EvaluationReport, ProgramToJudge } from './eval/evaluate.js';
export { EVAL_DATASETS, evalDataset } from './eval/datasets.js';
export type { EvalDataset, EvalGroupName, EvalMetricKind, PreparedDataset, PrepareContext } from './eval/datasets.js';
export { summaryPathFor, metricsOf, breakdownsOf, writeEvalSummary } from './eval/summary.js';
export { evalPlusJsonText, writeEvalPlusJson, evalPlusStatus, evalPlusDatasetHash } from './eval/evalplus-json.js';
export { checkReferences } from './eval/references.js';
export type { ReferenceReport, ReferenceFailure, CheckReferencesOptions } from './eval/references.js';
export { passAtK, meanPassAtK, passAtKTable, reportableKs, DEFAULT_KS as DEFAULT_PASS_AT_KS } from './eval/pass-at-k.js';
export type { PassCounts } from './eval/pass-at-k.js';
export { readSamples, readSamplesResolved, sampleProgram } from './eval/samples.js';
export type { EvalSample, TaskResolver, ReadSamplesOptions, ResolvedSamples } from './eval/samples.js';
export { sanitizeSample } from './eval/samples.js';
export type { SanitizeMode } from './eval/samples.js';
export { sanitize, isChatStyle } from './eval/sanitize.js';
export type { SanitizeOptions, SanitizeResult } from './eval/sanitize.js';
export { sanitizeSamplesFile, defaultSanitizedPath } from './eval/sanitize-samples.js';
export type { SanitizeSamplesOptions, SanitizeSamplesReport } from './eval/sanitize-samples.js';
export { expectedOutputsFor, defaultExpectedCacheDir } from './eval/expected-outputs.js';
export type { ExpectedOutput, TaskExpected, ExpectedOutputsOptions } from './eval/expected-outputs.js';
export { passAtKOf, summarizeGroup, humanEvalResultText, firstFailure, failureReason } from './eval/results.js';
export { findBenchmarkFile, loadBenchmark, loadHumanEval, loadHumanEvalPlus, loadMbppPlus, loadEvalPlus, BENCHMARK_DOWNLOADS, BENCHMARK_FILE_NAMES } from './problems/benchmarks.js';
export type { BenchmarkName, BenchmarkFile, HumanEvalTask, HumanEvalPlusTask, MbppPlusTask, EvalPlusTask, EvalPlusBenchmark, EvalPlusVariant } from './problems/benchmarks.js';
export { deserializeMbppInputs, isDeserializedMbppTask, pythonOfJson } from './problems/mbpp-plus-inputs.js';
export { specialOracle, mbppOracle } from './eval/special-oracles.js';
export { preparePlusTests, plusProgramJobs } from './eval/plus-tests.js';
export type { PlusTaskTests } from './eval/plus-tests.js';
// contest datasets of plum eval: leetcode (DeepSeek-Coder), leetcodedataset, lcb (LiveCodeBench)
export { CONTEST_DATASETS, LEETCODE_DATASET, LEETCODEDATASET_DATASET, LCB_DATASET } from './eval/contest-datasets.js';
export { loadLeetCodeContest, LEETCODE_CONTEST_FILE } from './problems/leetcode-contest.js';
export type { LeetCodeContestTask } from './problems/leetcode-contest.js';
export { loadLeetCodeDataset, LEETCODEDATASET_FILE } from './problems/leetcodedataset.js';
export type { LeetCodeDatasetTask } from './problems/leetcodedataset.js';
export { loadLiveCodeBench, liveCodeBenchId, LIVECODEBENCH_FILE } from './problems/livecodebench.js';
export type { LiveCodeBenchTask } from './problems/livecodebench.js';
export type { ContestTask, ContestCase } from './problems/contest-task.js';
export { findNamedFile } from './problems/find-data-file.js';
export type { NamedDataFile } from './problems/find-data-file.js';

// plum generate (samples from a model, in each benchmark's prompt style) and plum compare (evaluations side by side)
export { generateSamples, defaultSamplesPath, defaultGenerateCacheDir, DEFAULT_GENERATE_OPTIONS } from './generate/generate.js';
export type { GenerateOptions, GenerateReport, FailedTask } from './generate/generate.js';
export { buildGenerationRequest, codeFromAnswer, completionPromptOf, completionStops, evalplusInstruction, lcbInstruction, leetcodeInstruction, EVALPLUS_INSTRUCTION_PREFIX, EVALPLUS_EOS, LCB_SYSTEM_MESSAGE } from './generate/prompts.js';
export type { GenerationTask, GenerationRequest, GeneratedCode, PromptStyle, PromptFamily } from './generate/prompts.js';
export { loadGenerationTasks, parseGenerateDataset, GENERATE_DATASETS, PROMPT_FAMILY } from './generate/tasks.js';
export type { GenerateDataset } from './generate/tasks.js';
export { compareFiles } from './compare/compare-files.js';
export type { CompareFilesOptions } from './compare/compare-files.js';
export { compareEvaluations, columnLabels, benchmarkOf, BENCHMARK_ORDER } from './compare/compare.js';
export type { Comparison, CompareColumn, CompareCell, CompareChange, CompareRow, TaskFlip } from './compare/compare.js';
export { loadEvaluations, summaryPathOf } from './compare/load-evaluations.js';
export type { LoadedEvaluation, MetricName } from './compare/load-evaluations.js';
export { formatComparison, comparisonTable, comparisonHtml, flipLines, comparisonNotes } from './compare/format-compare.js';
export { comparePassChart, compareFlipsChart } from './viz/compare-charts.js';

// label audit: plum audit (plum's labels judged by HumanEval+ / MBPP+)
export { auditRound, auditRecordOf, sampleSource, AUDIT_ORACLES } from './audit/audit-round.js';
export type { AuditOptions, AuditResult } from './audit/audit-round.js';
export { summariseAudit, labelQuality, scoredRecords } from './audit/summarise.js';
export type { SummariseAuditOptions } from './audit/summarise.js';
export { judgeWithOracle, firstFailureOf } from './audit/judge.js';
export type { OracleInput, OracleVerdict, JudgeOptions } from './audit/judge.js';
export { formatAuditSummary, formatRate } from './audit/format-audit.js';
export { auditFigures, auditPrecisionByProblemChart, falseChosenByProblemChart, falseChosenBySourceChart } from './viz/audit-charts.js';
