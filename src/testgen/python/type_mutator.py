"""EvalPlus-style type-aware mutation of one value (ints, floats, bools, strings, lists, tuples,
dicts, sets, nesting) that keeps the domain profile of the seeds (seed_profile.py). Every choice
comes from the random.Random it is given. Imported by mutate_inputs.py, never run directly.
"""
import math
import string

from literals import render, sorted_elems

INT_LIMIT = 10 ** 6
PRINTABLE = string.ascii_letters + string.digits + ' .,!?-_'


class Mutator:
    def __init__(self, rng, profile, max_size):
        self.rng = rng
        self.p = profile
        self.max_size = max_size
        self.relaxed = False  # when set, containers and strings may shrink below the seeds' lengths

    def min_len(self, path):
        return 0 if self.relaxed else self.p.min_len.get(path, 0)

    def ingredient(self, kind):
        pool = self.p.ingredients.get(kind, [])
        return self.rng.choice(pool) if pool else None

    # --- leaves

    def mut_int(self, v, path):
        r = self.rng
        op = r.choice(['+1', '-1', '+1', '-1', 'neg', 'double', 'half', 'ingredient', 'small', 'zero'])
        if op == '+1':
            out = v + 1
        elif op == '-1':
            out = v - 1
        elif op == 'neg':
            out = -v
        elif op == 'double':
            out = v * 2
        elif op == 'half':
            out = v // 2
        elif op == 'ingredient':
            ing = self.ingredient('int')
            out = ing if ing is not None else v + 1
        elif op == 'small':
            out = r.randint(-10, 10)
        else:
            out = 0
        out = max(-INT_LIMIT, min(INT_LIMIT, out))
        # Stay within reach of the seeds' magnitudes (a reference may be exponential in n).
        hi = self.p.int_max.get(path)
        if hi is not None:
            out = min(out, max(2 * hi, hi + 10))
            lo_seen = self.p.ints[path]
            out = max(out, min(2 * lo_seen, lo_seen - 10))
        lo = self.p.ints.get(path)
        if lo is not None and lo >= 0 and out < lo:
            out = lo + abs(out - lo) % (abs(v - lo) + 3)
        return out, 'int.' + op

    def mut_float(self, v, path):
        r = self.rng
        if not math.isfinite(v):
            ing = self.ingredient('float')
            return (ing if ing is not None and math.isfinite(ing) else 0.0), 'float.finite'
        op = r.choice(['+1', '-1', 'neg', 'double', 'half', 'ingredient', 'round', 'jitter'])
        if op == '+1':
            out = v + 1.0
        elif op == '-1':
            out = v - 1.0
        elif op == 'neg':
            out = -v
        elif op == 'double':
            out = v * 2
        elif op == 'half':
            out = v / 2
        elif op == 'ingredient':
            ing = self.ingredient('float')
            out = ing if ing is not None else v + 0.5
        elif op == 'round':
            out = float(round(v))
        else:
            out = round(v + r.uniform(-1, 1), 3)
        if not math.isfinite(out) or abs(out) > INT_LIMIT:
            out = v
        return out, 'float.' + op

    def mut_str(self, v, path):
        r = self.rng
        chars = self.p.chars.get(path) or PRINTABLE
        min_len = self.min_len(path)
        ops = ['insert', 'replace', 'remove', 'repeat', 'ingredient', 'swapcase']
        op = r.choice(ops)
        if op == 'insert' or not v:
            i = r.randint(0, len(v))
            out, op = v[:i] + r.choice(chars) + v[i:], 'insert'
        elif op == 'replace':
            i = r.randrange(len(v))
            out = v[:i] + r.choice(chars) + v[i + 1:]
        elif op == 'remove':
            i = r.randrange(len(v))
            j = r.randint(i + 1, min(len(v), i + 3))
            out = v[:i] + v[j:]
        elif op == 'repeat':
            i = r.randrange(len(v))
            j = r.randint(i + 1, min(len(v), i + 4))
            out = v[:j] + v[i:j] + v[j:]
        elif op == 'ingredient':
            ing = self.ingredient('str')
            out = ing if ing is not None else v + r.choice(chars)
        else:
            letters = [i for i, c in enumerate(v) if c.isalpha()]
            if letters and any(c.isupper() for c in chars) and any(c.islower() for c in chars):
                i = r.choice(letters)
                out = v[:i] + v[i].swapcase() + v[i + 1:]
            else:
                out, op = v[::-1], 'reverse'
        if len(out) < min_len or len(out) > 4 * self.max_size:
            out = v
        return out, 'str.' + op

    # --- containers

    def mut_list(self, v, path):
        r = self.rng
        out = list(v)
        min_len = self.min_len(path)
        ops = ['mutate-elem', 'mutate-elem', 'insert', 'remove', 'duplicate', 'swap']
        op = r.choice(ops)
        desc = op
        if op == 'mutate-elem' and out:
            i = r.randrange(len(out))
            out[i], inner = self.mutate(out[i], path + '[]')
            desc = 'elem[%d].%s' % (i, inner)
        elif op in ('insert', 'mutate-elem') and len(out) < self.max_size:
            elem = self.new_elem(out, path + '[]')
            if elem is None:
                return v, 'list.keep'
            i = r.randint(0, len(out))
            out.insert(i, elem)
            desc = 'insert@%d' % i
        elif op == 'remove' and len(out) > min_len:
            i = r.randrange(len(out))
            del out[i]
            desc = 'remove@%d' % i
        elif op == 'duplicate' and out and len(out) < self.max_size and not self.p.distinct.get(path):
            i = r.randrange(len(out))
            out.insert(r.randint(0, len(out)), out[i])
            desc = 'duplicate@%d' % i
        elif op == 'swap' and len(out) >= 2 and not self.p.sorted.get(path):
            i, j = r.sample(range(len(out)), 2)
            out[i], out[j] = out[j], out[i]
            desc = 'swap@%d,%d' % (i, j)
        elif out:
            i = r.randrange(len(out))
            out[i], inner = self.mutate(out[i], path + '[]')
            desc = 'elem[%d].%s' % (i, inner)
        if self.p.distinct.get(path):
            seen, uniq = set(), []
            for e in out:
                k = render(e)
                if k not in seen:
                    seen.add(k)
                    uniq.append(e)
            out = uniq if len(uniq) >= min_len else out
        if self.p.sorted.get(path):
            try:
                out.sort()
            except TypeError:
                pass
        return out, 'list.' + desc

    def new_elem(self, items, path):
        """A new element for a container: a mutated copy of a sibling, else an ingredient of a type
        seen at this position in another seed."""
        if items:
            return self.mutate(self.rng.choice(items), path)[0]
        kinds = sorted(self.p.kinds.get(path, ()))
        if not kinds:
            return None
        return self.ingredient(self.rng.choice(kinds))

    def mut_tuple(self, v, path):
        lengths = self.p.tuple_len.get(path, {len(v)})
        if len(lengths) > 1 and self.rng.random() < 0.3:
            out, desc = self.mut_list(list(v), path)
            return tuple(out), 'tuple.' + desc[5:]
        if not v:
            return v, 'tuple.keep'
        i = self.rng.randrange(len(v))
        out = list(v)
        out[i], inner = self.mutate(out[i], path + '.' + str(i))
        return tuple(out), 'tuple[%d].%s' % (i, inner)

    def mut_set(self, v, path):
        items = sorted_elems(v)
        r = self.rng
        op = r.choice(['add', 'remove', 'mutate-elem'])
        min_len = self.min_len(path)
        out = list(items)
        if op == 'remove' and len(out) > min_len:
            del out[r.randrange(len(out))]
        elif op == 'mutate-elem' and out:
            i = r.randrange(len(out))
            out[i] = self.mutate(out[i], path + '[]')[0]
        elif len(out) < self.max_size:
            elem = self.new_elem(out, path + '[]')
            if elem is None:
                return v, 'set.keep'
            out.append(elem)
            op = 'add'
        try:
            res = type(v)(out)
        except TypeError:
            return v, 'set.keep'
        return res, 'set.' + op

    def mut_dict(self, v, path):
        r = self.rng
        keys = list(v.keys())
        op = r.choice(['mutate-value', 'mutate-value', 'insert', 'remove'])
        out = dict(v)
        min_len = self.min_len(path)
        if op == 'remove' and len(keys) > min_len:
            del out[keys[r.randrange(len(keys))]]
        elif op == 'mutate-value' and keys:
            k = keys[r.randrange(len(keys))]
            out[k] = self.mutate(out[k], path + '{v}')[0]
        elif len(keys) < self.max_size:
            if keys:
                k = self.mutate(r.choice(keys), path + '{k}')[0]
                val = self.mutate(out[r.choice(keys)], path + '{v}')[0]
            else:
                k, val = self.ingredient('str'), self.ingredient('int')
                if k is None or val is None:
                    return v, 'dict.keep'
            try:
                out[k] = val
            except TypeError:
                return v, 'dict.keep'
            op = 'insert'
        return out, 'dict.' + op

    def mutate(self, v, path):
        if self.relaxed and isinstance(v, (str, list, dict, set, frozenset)) and v and self.rng.random() < 0.1:
            return type(v)(), type(v).__name__ + '.empty'
        if isinstance(v, bool):
            return (not v), 'bool.not'
        if isinstance(v, int):
            return self.mut_int(v, path)
        if isinstance(v, float):
            return self.mut_float(v, path)
        if isinstance(v, str):
            return self.mut_str(v, path)
        if isinstance(v, list):
            return self.mut_list(v, path)
        if isinstance(v, tuple):
            return self.mut_tuple(v, path)
        if isinstance(v, (set, frozenset)):
            return self.mut_set(v, path)
        if isinstance(v, dict):
            return self.mut_dict(v, path)
        return v, type(v).__name__ + '.keep'
