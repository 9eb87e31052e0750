#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Turns a DEN0137 extract (abi.spec, conditions.spec) into C.

One generator for every version of the spec kept in specs/ (DEN0137 = 1.0-rel0,
DEN0137-2.0 = 2.0): an abi.spec may start with a `profile ID PREFIX VERSION...`
line (ID names the header and the C symbols, PREFIX is added after RMI/RSI in
every generated macro so that two versions can be included together, e.g.
RMI2_REC_CREATE_FID); without it the 1.0 names are produced.

Usage: gen.py abi SPEC OUT_H
       gen.py conditions ABI_SPEC COND_SPEC OUT_H OUT_C
       gen.py choices-md ABI_SPEC COND_SPEC OUT_MD|-
Output is stamped as generated; it is never edited by hand.
"""
import sys

STAMP = ("/* SPDX-License-Identifier: BSD-3-Clause */\n"
         "/* GENERATED from DEN0137 {ver} (specs/{dir}/{src}) by gen.py."
         " Do not edit. */\n")


class Profile:
    """How one spec version's names come out in C (see the module doc)."""

    def __init__(self, ident="DEN0137", prefix="", version="1.0-rel0"):
        self.ident = ident              # DEN0137 / DEN0137_2
        self.low = ident.lower()        # den0137 / den0137_2
        self.prefix = prefix            # "" / "2"
        self.version = version
        self.dir = "DEN0137" if ident == "DEN0137" else ident.replace("_", "-", 1) + ".0"

    def name(self, n):
        """RMI_X -> RMI<prefix>_X (and RSI alike); other names unchanged."""
        for i in ("RMI", "RSI"):
            if n.startswith(i + "_"):
                return i + self.prefix + n[len(i):]
        return n

    def stamp(self, src):
        return STAMP.format(ver=self.version, dir=self.dir, src=src.split("/")[-1])


def profile_of(spec):
    for _, r in parse(spec):
        if r[0] == "profile":
            return Profile(r[1], r[2] if r[2] != "-" else "", " ".join(r[3:]))
    return Profile()


def quoted(raw):
    """The first double-quoted text of @raw (quotes included), '' if none."""
    a = raw.find('"')
    b = raw.find('"', a + 1) if a >= 0 else -1
    return raw[a:b + 1] if b > a else ""


def source_of(raw):
    """The trailing '# ...' of a fact line (its source), '' if none."""
    q = quoted(raw)
    parts = (raw.replace(q, '""') if q else raw).split("#", 1)
    return parts[1].strip() if len(parts) == 2 and parts[0].strip() else ""


def parse(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                rows.append((n, line.split()))
    return rows


def c_ident(s):
    out = []
    for i, ch in enumerate(s):
        if ch.isupper() and i and (s[i - 1].islower() or s[i - 1].isdigit()):
            out.append("_")
        out.append(ch.upper())
    return "".join(out)


def gen_abi(spec, out):
    rows = parse(spec)
    pf = profile_of(spec)
    with open(spec, encoding="utf-8") as f:
        raws = f.read().split("\n")
    I = pf.ident
    lines = [pf.stamp(spec),
             f"#ifndef {I}_ABI_H", f"#define {I}_ABI_H", "",
             "/* Usable from C and from assembly (.S): no integer suffixes there. */",
             "#ifdef __ASSEMBLER__",
             f"#define {I}_U(x) x", f"#define {I}_ULL(x) x",
             "#else",
             f"#define {I}_U(x) x##U", f"#define {I}_ULL(x) x##ULL",
             "#endif", ""]
    structs = {}
    for n, r in rows:
        kind = r[0]
        if pf.ident != "DEN0137" and source_of(raws[n - 1]) and kind != "profile":
            lines.append(f"/* {r[1] if kind != 'field' else r[1] + '.' + r[2]}: "
                         f"{source_of(raws[n - 1]).replace('*/', '* /')} */")
        try:
            if kind == "profile":
                continue
            if kind == "fid":
                name, fid = pf.name(r[1]), int(r[2], 0)
                lines.append(f"#define {name}_FID {I}_ULL(0x{fid:08X})")
                # '-' '-': FID listed only (register use not in the sheet).
                if r[3] != "-" or r[4] != "-":
                    n_in, n_out = int(r[3]), int(r[4])
                    lines.append(f"#define {name}_NUM_IN {I}_U({n_in})")
                    lines.append(f"#define {name}_NUM_OUT {I}_U({n_out})")
            elif kind == "status":
                lines.append(f"#define {pf.name(r[2])} {I}_U({int(r[3], 0)})")
            elif kind == "enum":
                lines.append(f"#define {pf.name(r[2])} {I}_ULL(0x{int(r[3], 0):X})")
            elif kind == "struct":
                structs[r[1]] = int(r[2], 0)
                lines.append(f"#define {pf.name(c_ident(r[1]))}_SIZE {I}_U(0x{int(r[2], 0):X})")
            elif kind == "field":
                st, name, off, size = r[1], r[2], int(r[3], 0), int(r[4], 0)
                count = int(r[5], 0) if len(r) > 5 else 1
                if st not in structs:
                    raise ValueError(f"field of unknown struct {st}")
                if off + size * count > structs[st]:
                    raise ValueError(f"{st}.{name} beyond the structure's size")
                p = f"{pf.name(c_ident(st))}_{name.upper()}"
                lines.append(f"#define {p}_OFFSET {I}_U(0x{off:X})")
                lines.append(f"#define {p}_SIZE {I}_U({size})")
                if count > 1:
                    lines.append(f"#define {p}_COUNT {I}_U({count})")
            elif kind == "string":
                # A text constant (C only: assembly has no use for it).
                text = quoted(raws[n - 1])
                if not text:
                    raise ValueError("string value must be in double quotes")
                lines += ["#ifndef __ASSEMBLER__", f"#define {pf.name(r[1])} {text}", "#endif"]
            elif kind == "choice":
                lines.append(f"/* choice {r[1]}: {' '.join(r[2:])} */")
            else:
                raise ValueError(f"unknown line kind '{kind}'")
        except (IndexError, ValueError) as e:
            sys.exit(f"{spec}:{n}: {e}")
    lines += ["", f"#endif /* {I}_ABI_H */", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# Result codes a condition may report: a `status` of abi.spec, written
# without its interface prefix and ERROR_ (INPUT = RMI_ERROR_INPUT, BUSY = RMI_BUSY).
INDEX_KINDS = {"0": "DEN0137_INDEX_0", "1": "DEN0137_INDEX_1",
               "3": "DEN0137_INDEX_3", "walk_level": "DEN0137_INDEX_WALK_LEVEL",
               "level": "DEN0137_INDEX_LEVEL",
               "level-1": "DEN0137_INDEX_LEVEL_MINUS_1"}


def status_names(abi_spec):
    """{'RMI': {'INPUT': 'RMI_ERROR_INPUT', 'BUSY': 'RMI_BUSY', ...}, 'RSI': {...}}"""
    out = {"RMI": {}, "RSI": {}}
    for _, r in parse(abi_spec):
        if r[0] == "status" and r[1] in out and not r[2].endswith("_SUCCESS"):
            short = r[2][len(r[1]) + 1:]
            short = short[len("ERROR_"):] if short.startswith("ERROR_") else short
            out[r[1]][short] = r[2]
    return out


def iface(name):
    """RMI or RSI: the interface of command @name, from its prefix."""
    return name.split("_", 1)[0]


def choice_affects(spec, labels):
    """'a>b,c' -> '#1 a > #2 b, #3 c': the conditions (numbered in this
    command's order) or pairs a choice decides, validated against @labels."""
    out = []
    for item in spec.split(","):
        parts = item.split(">")
        if len(parts) > 2 or any(p not in labels for p in parts):
            raise ValueError(f"affects={spec}: '{item}' is not a label or a pair of labels")
        out.append(" > ".join(f"#{labels.index(p) + 1} {p}" for p in parts))
    return ", ".join(out)


def parse_conditions(abi_spec, cond_spec):
    """Returns [(name, fid, conds, pairs, choices)] in file order, validated."""
    fids = {r[1]: int(r[2], 0) for _, r in parse(abi_spec) if r[0] == "fid"}
    statuses = status_names(abi_spec)
    cmds = []
    with open(cond_spec, encoding="utf-8") as f:
        lines = [(n, raw) for n, raw in enumerate(f, 1)]
    for n, raw in lines:
        # Choice texts may contain '#'-free prose only; strip comments first.
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        r = line.split()
        try:
            if r[0] == "command":
                if r[1] not in fids:
                    raise ValueError(f"command {r[1]} not in abi.spec")
                if any(c[0] == r[1] for c in cmds):
                    raise ValueError(f"command {r[1]} listed twice")
                if iface(r[1]) not in statuses:
                    raise ValueError(f"command {r[1]} is neither RMI_ nor RSI_")
                cmds.append((r[1], fids[r[1]], [], [], []))
                continue
            if not cmds:
                raise ValueError("line before the first command")
            _, _, conds, pairs, choices = cmds[-1]
            labels = [c[0] for c in conds]
            if r[0] == "cond":
                label, status, index = r[1], r[2], r[3]
                if status not in statuses[iface(cmds[-1][0])]:
                    raise ValueError(f"unknown status {status} for {iface(cmds[-1][0])}")
                if index not in INDEX_KINDS:
                    raise ValueError(f"unknown index {index}")
                if iface(cmds[-1][0]) == "RSI" and index != "0":
                    raise ValueError("RSI status codes carry no index: use 0")
                if label in labels or label == "success":
                    raise ValueError(f"label {label} repeated or reserved")
                conds.append((label, statuses[iface(cmds[-1][0])][status], index))
            elif r[0] == "pair":
                a, b = r[1], r[2]
                if a not in labels or b not in labels:
                    raise ValueError(f"pair {a} {b}: unknown label")
                if labels.index(a) >= labels.index(b):
                    raise ValueError(f"pair {a} {b} contradicts the order")
                pairs.append((a, b))
            elif r[0] == "choice":
                words = r[2:]
                affects = ""
                if words and words[0].startswith("affects="):
                    affects = choice_affects(words[0][len("affects="):], labels)
                    words = words[1:]
                choices.append((r[1], " ".join(words), affects))
            else:
                raise ValueError(f"unknown line kind '{r[0]}'")
        except (IndexError, ValueError) as e:
            sys.exit(f"{cond_spec}:{n}: {e}")
    return cmds


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen_conditions(abi_spec, cond_spec, out_h, out_c):
    cmds = parse_conditions(abi_spec, cond_spec)
    pf = profile_of(abi_spec)
    I, low_id = pf.ident, pf.low
    stamp = pf.stamp(cond_spec)
    h = [stamp, f"#ifndef {I}_CONDITIONS_H", f"#define {I}_CONDITIONS_H",
         "", "#include <stddef.h>", "#include <stdint.h>", ""]
    if I == "DEN0137":
        h += ["/* How the index of a failure's return code is formed. */",
              "enum den0137_index_kind {"]
        h += [f"\t{v}," for v in INDEX_KINDS.values()]
        h += ["};", "",
              "/* The interface a command belongs to (its status codes are RMI_* or RSI_*). */",
              "enum den0137_iface {", "\tDEN0137_IFACE_RMI,", "\tDEN0137_IFACE_RSI,", "};", "",
              "/* One failure condition; status is an RMI_ERROR_* or RSI_ERROR_* value. */",
              "struct den0137_condition {",
              "\tunsigned order;", "\tconst char *label;", "\tunsigned status;",
              "\tenum den0137_index_kind index;", "};", "",
              "/* When both hold, first is reported. */",
              "struct den0137_pair {", "\tconst char *first;",
              "\tconst char *second;", "};", "",
              "/* A decision taken where the fact sheet is unsure. */",
              "struct den0137_choice {", "\tconst char *id;", "\tconst char *text;",
              "\t/* The conditions / pairs it decides (\"#12 ipa_align > #14 realm_state\"), or \"\". */",
              "\tconst char *affects;", "};", "",
              "struct den0137_command {", "\tconst char *name;", "\tuint64_t fid;",
              "\tenum den0137_iface iface;",
              "\tconst struct den0137_condition *conds;", "\tsize_t num_conds;",
              "\tconst struct den0137_pair *pairs;", "\tsize_t num_pairs;",
              "\tconst struct den0137_choice *choices;", "\tsize_t num_choices;",
              "};", ""]
    else:
        h += ["/* The table types are those of the 1.0 table (den0137_conditions.h). */",
              '#include "den0137_conditions.h"', ""]
    h += [f"#define {I}_NUM_COMMANDS {len(cmds)}U",
          f"#define {I}_NUM_CONDITIONS {sum(len(c[2]) for c in cmds)}U",
          f"#define {I}_NUM_PAIRS {sum(len(c[3]) for c in cmds)}U",
          f"extern const struct den0137_command {low_id}_commands[{I}_NUM_COMMANDS];",
          "",
          "/* The command called @name (e.g. \"RMI_DATA_CREATE\"), NULL if none. */",
          f"const struct den0137_command *{low_id}_command_find(const char *name);"]
    if I == "DEN0137":
        h += ["/* The condition @label of @cmd, NULL if none. */",
              "const struct den0137_condition *den0137_condition_find("
              "const struct den0137_command *cmd, const char *label);"]
    h += ["", f"#endif /* {I}_CONDITIONS_H */", ""]
    c = [stamp, "#include <string.h>", "", f'#include "{low_id}_abi.h"',
         f'#include "{low_id}_conditions.h"', ""]
    for name, _, conds, pairs, choices in cmds:
        low = name.lower()
        if conds:
            c.append(f"static const struct den0137_condition {low}_conds[] = {{")
            for i, (label, status, index) in enumerate(conds, 1):
                c.append(f"\t{{ {i}, {c_str(label)}, {pf.name(status)}, "
                         f"{INDEX_KINDS[index]} }},")
            c.append("};")
        if pairs:
            c.append(f"static const struct den0137_pair {low}_pairs[] = {{")
            c += [f"\t{{ {c_str(a)}, {c_str(b)} }}," for a, b in pairs]
            c.append("};")
        if choices:
            c.append(f"static const struct den0137_choice {low}_choices[] = {{")
            c += [f"\t{{ {c_str(i)}, {c_str(t)}, {c_str(a)} }}," for i, t, a in choices]
            c.append("};")
    c += ["", f"const struct den0137_command {low_id}_commands[{I}_NUM_COMMANDS] = {{"]
    for name, fid, conds, pairs, choices in cmds:
        low = name.lower()
        arr = lambda xs, suf: (f"{low}_{suf}, {len(xs)}" if xs else "NULL, 0")
        c.append(f"\t{{ {c_str(name)}, {pf.name(name)}_FID, DEN0137_IFACE_{iface(name)}, "
                 f"{arr(conds, 'conds')}, "
                 f"{arr(pairs, 'pairs')}, {arr(choices, 'choices')} }},")
    c += ["};", "",
          f"const struct den0137_command *{low_id}_command_find(const char *name)",
          "{", f"\tfor (size_t i = 0; i < {I}_NUM_COMMANDS; i++) {{",
          f"\t\tif (strcmp({low_id}_commands[i].name, name) == 0) {{",
          f"\t\t\treturn &{low_id}_commands[i];", "\t\t}", "\t}",
          "\treturn NULL;", "}", ""]
    if I == "DEN0137":
        c += ["const struct den0137_condition *den0137_condition_find("
              "const struct den0137_command *cmd, const char *label)",
              "{", "\tfor (size_t i = 0; i < cmd->num_conds; i++) {",
              "\t\tif (strcmp(cmd->conds[i].label, label) == 0) {",
              "\t\t\treturn &cmd->conds[i];", "\t\t}", "\t}",
              "\treturn NULL;", "}", ""]
    with open(out_h, "w", encoding="utf-8") as f:
        f.write("\n".join(h))
    with open(out_c, "w", encoding="utf-8") as f:
        f.write("\n".join(c))


def gen_choices_md(abi_spec, cond_spec, out):
    """The CHOICE lines as a Markdown table (pasted into docs/conformance.md)."""
    rows = ["| command | choice | affects (condition #, order of conditions.spec) | decision |",
            "| --- | --- | --- | --- |"]
    for name, _, _, _, choices in parse_conditions(abi_spec, cond_spec):
        rows += [f"| {name} | {i} | {a} | {t.replace('|', '/')} |" for i, t, a in choices]
    text = "\n".join(rows) + "\n"
    if out == "-":
        sys.stdout.write(text)
    else:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "choices-md":
        gen_choices_md(*sys.argv[2:5])
    elif len(sys.argv) == 4 and sys.argv[1] == "abi":
        gen_abi(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 6 and sys.argv[1] == "conditions":
        gen_conditions(*sys.argv[2:6])
    else:
        sys.exit("usage: gen.py abi SPEC OUT_H | "
                 "gen.py conditions ABI_SPEC COND_SPEC OUT_H OUT_C | "
                 "gen.py choices-md ABI_SPEC COND_SPEC OUT_MD|-")


if __name__ == "__main__":
    main()
