"""Broken candidates, as a policy sometimes produces them: a program cut off mid-line (the answer hit
the token limit, so it does not compile) or one whose entry function has another name. Made from a
mutant's code; every choice comes from the random.Random given. Imported by mutate_code.py.
"""
import re


def truncate(code, rng):
    """Cut the program inside one of its later lines so that it no longer compiles; None if it can't."""
    lines = code.splitlines(keepends=True)
    # Answers run out at the end: cut in the second half of the program.
    body = [i for i in range(max(1, len(lines) // 2), len(lines)) if lines[i].strip()]
    rng.shuffle(body)
    for i in body[:8]:
        line = lines[i].rstrip('\n')
        stripped = len(line) - len(line.lstrip())
        if len(line) - stripped < 4:
            continue
        cut = rng.randint(stripped + 2, len(line) - 1)
        text = ''.join(lines[:i]) + line[:cut]
        try:
            compile(text, '<truncated>', 'exec')
        except SyntaxError:
            return text, i + 1
    return None


def rename_entry(code, entry, rng):
    """Give the entry function another name (its callers in the program keep the old one)."""
    if not entry:
        return None
    new = rng.choice(['solution', 'solve', 'main_function', entry + '_impl'])
    text, n = re.subn(r'\bdef\s+%s\s*\(' % re.escape(entry), 'def %s(' % new, code, count=1)
    return (text, new) if n else None


def break_candidate(cand, entry, rng):
    """A broken version of a candidate (dict with code, mutation), or None when none could be made."""
    if rng.random() < 0.5:
        made = truncate(cand['code'], rng)
        if made:
            return {'code': made[0], 'mutation': 'broken:truncated@L%d' % made[1], 'correct': False, 'broken': 'syntax'}
    made = rename_entry(cand['code'], entry, rng)
    if made:
        return {'code': made[0], 'mutation': 'broken:renamed-entry(%s -> %s)' % (entry, made[1]), 'correct': False,
                'broken': 'missing-entry-point'}
    return None
