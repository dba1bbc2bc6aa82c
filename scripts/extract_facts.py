#!/usr/bin/env python3
"""Extracts fact ids, confidence tags and URLs from the shared fact sheet into content/fuentes.toml.

Usage: python3 scripts/extract_facts.py [path/to/hechos.md]
The fact sheet is the only source of facts; this keeps the app's citation list in step with it.
"""
import re
import sys
from pathlib import Path

def short(text, limit=280):
    """Whole sentences up to `limit` characters; a longer first sentence is cut at a word, with "…"."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(". ", 0, limit), text.rfind(": ", 0, limit), text.rfind("; ", 0, limit))
    if cut > limit // 3:
        return text[: cut + 1].rstrip(":;") + ("" if text[cut] == "." else "…")
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + "…"


root = Path(__file__).resolve().parent.parent
src = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "reference" / "hechos.md"
text = src.read_text(encoding="utf-8")

# A fact starts with "- **ID.**" at the start of a line and runs until the next fact or heading.
starts = list(re.finditer(r"^- \*\*([A-Z]{1,2}-\d{1,2}|O-\d)\.\*\*", text, re.M))
facts = []
for i, m in enumerate(starts):
    end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
    body = text[m.end():end]
    body = re.split(r"^(?:#|\*\*Ideas|\*\*Pasos|---)", body, maxsplit=1, flags=re.M)[0]
    tags = re.findall(r"\[(alta|media|baja)([^\]]*)\]", body)
    if not tags:
        sys.exit(f"{m.group(1)}: no confidence tag")
    word, rest = tags[-1]
    # A mixed tag ("[alta/media]", "[alta para la ley; media para las cifras]") is read as the
    # weakest level it names: a scored answer may not rest on a fact whose weaker part it uses.
    named = re.findall(r"\b(alta|media|baja)\b", word + rest)
    level = next(l for l in ("baja", "media", "alta") if l in named)
    urls = []
    for u in re.findall(r"https?://[^\s;)\]]+", body):
        u = u.rstrip(".,")
        if u not in urls:
            urls.append(u)
    same = re.search(r"mismas fuentes que ([A-Z]{1,2}-\d{1,2})", body)
    if not urls and same:
        urls = next((f[2] for f in facts if f[0] == same.group(1)), [])
    summary = re.sub(r"\s+", " ", body.split(" — ")[0]).strip()
    summary = re.sub(r"\*\*", "", summary)
    # Cross-references to the sheet's own topic numbers mean nothing in the app ("ver Tema 4").
    summary = re.sub(r"\s*\((?:ver|véase) [Tt]ema \d[^)]*\)", "", summary)
    facts.append((m.group(1), level, urls, short(summary)))

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

out = ["# Generado por scripts/extract_facts.py desde la ficha de hechos. No editar a mano.", ""]
for fid, level, urls, summary in facts:
    out.append("[[hecho]]")
    out.append(f"id = {q(fid)}")
    out.append(f"confianza = {q(level)}")
    out.append(f"resumen = {q(summary)}")
    out.append("urls = [" + ", ".join(q(u) for u in urls) + "]")
    out.append("")
(root / "content" / "fuentes.toml").write_text("\n".join(out), encoding="utf-8")
print(f"{len(facts)} facts written to content/fuentes.toml")
