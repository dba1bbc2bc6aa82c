"""Test-wise readers on the real banks: for each word (folded), a reader who prefers options
containing it (random among them, or among all if none has it) — and one who prefers options
WITHOUT it. Prints, per bank, the key's length-rank counts and the six best such readers.

  cargo run -q -p curriculum -- export content > /tmp/curso.json && python3 scripts/bank_cues.py /tmp/curso.json

With many words some reach 35 % by chance; a word in many questions that lifts the score is a cue
(the key's phrasing, person-centred or urgent words used only in keys)."""
import json, sys, unicodedata, re, collections
c = json.load(open(sys.argv[1]))
def fold(s): return ''.join(ch for ch in unicodedata.normalize('NFD', s.lower()) if unicodedata.category(ch) != 'Mn')
for t in c['topics']:
    qs = [q for q in t['questions'] if q['kind'] in ('single', 'case')]
    n = len(qs)
    # length ranks
    ranks = collections.Counter()
    for q in qs:
        L = [len(o['text']) for o in q['options']]
        r = [o for o in q['options'] if o['correct']][0]
        ranks[sorted(L, reverse=True).index(len(r['text']))] += 1
    words = collections.Counter()
    for q in qs:
        ws = set()
        for o in q['options']:
            ws |= set(re.findall(r'\w+', fold(o['text'])))
        words.update(ws)
    res = []
    for w, cnt in words.items():
        if cnt < 4: continue
        for prefer in (True, False):
            score = 0
            for q in qs:
                has = [w in re.findall(r'\w+', fold(o['text'])) for o in q['options']]
                pool = [o for o, h in zip(q['options'], has) if h == prefer] or q['options']
                score += sum(o['correct'] for o in pool) / len(pool)
            res.append((score * 100 / n, ('+' if prefer else '-') + w, cnt))
    res.sort(reverse=True)
    print(f"{t['id']}: {n} single; key length rank counts {dict(sorted(ranks.items()))}; top cue readers:",
          ', '.join(f"{w} {s:.0f}% ({cnt}q)" for s, w, cnt in res[:6]))
