"""Task-specific output comparisons (EvalPlus special oracles), owned by the evaluation code.

Placeholder: the engine imports this module at worker start and uses
`ORACLES = {name: fn(args, output, expected, atol) -> bool}` for call tests that set `oracle`.
"""
ORACLES = {}
