#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Turns the DEN0137 1.0-rel0 extract (abi.spec, conditions.spec) into C.

Usage: gen.py abi SPEC OUT_H
       gen.py conditions ABI_SPEC COND_SPEC OUT_H OUT_C
       gen.py choices-md ABI_SPEC COND_SPEC OUT_MD|-
Output is stamped as generated; it is never edited by hand.
"""
import sys

STAMP = ("/* SPDX-License-Identifier: BSD-3-Clause */\n"
         "/* GENERATED from DEN0137 1.0-rel0 (specs/DEN0137/{src}) by gen.py."
         " Do not edit. */\n")


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
    lines = [STAMP.format(src=spec.split("/")[-1]),
             "#ifndef DEN0137_ABI_H", "#define DEN0137_ABI_H", "",
             "/* Usable from C and from assembly (.S): no integer suffixes there. */",
             "#ifdef __ASSEMBLER__",
             "#define DEN0137_U(x) x", "#define DEN0137_ULL(x) x",
             "#else",
             "#define DEN0137_U(x) x##U", "#define DEN0137_ULL(x) x##ULL",
             "#endif", ""]
    structs = {}
    for n, r in rows:
        kind = r[0]
        try:
            if kind == "fid":
                name, fid, n_in, n_out = r[1], int(r[2], 0), int(r[3]), int(r[4])
                lines.append(f"#define {name}_FID DEN0137_ULL(0x{fid:08X})")
                lines.append(f"#define {name}_NUM_IN DEN0137_U({n_in})")
                lines.append(f"#define {name}_NUM_OUT DEN0137_U({n_out})")
            elif kind == "status":
                lines.append(f"#define {r[2]} DEN0137_U({int(r[3], 0)})")
            elif kind == "enum":
                lines.append(f"#define {r[2]} DEN0137_ULL(0x{int(r[3], 0):X})")
            elif kind == "struct":
                structs[r[1]] = int(r[2], 0)
                lines.append(f"#define {c_ident(r[1])}_SIZE DEN0137_U(0x{int(r[2], 0):X})")
            elif kind == "field":
                st, name, off, size = r[1], r[2], int(r[3], 0), int(r[4], 0)
                count = int(r[5], 0) if len(r) > 5 else 1
                if st not in structs:
                    raise ValueError(f"field of unknown struct {st}")
                if off + size * count > structs[st]:
                    raise ValueError(f"{st}.{name} beyond the structure's size")
                p = f"{c_ident(st)}_{name.upper()}"
                lines.append(f"#define {p}_OFFSET DEN0137_U(0x{off:X})")
                lines.append(f"#define {p}_SIZE DEN0137_U({size})")
                if count > 1:
                    lines.append(f"#define {p}_COUNT DEN0137_U({count})")
            elif kind == "choice":
                lines.append(f"/* choice {r[1]}: {' '.join(r[2:])} */")
            else:
                raise ValueError(f"unknown line kind '{kind}'")
        except (IndexError, ValueError) as e:
            sys.exit(f"{spec}:{n}: {e}")
    lines += ["", "#endif /* DEN0137_ABI_H */", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# Result codes a condition may report, per interface (RMI_ERROR_* / RSI_ERROR_*).
STATUSES = {"RMI": ("INPUT", "REALM", "REC", "RTT"),
            "RSI": ("INPUT", "STATE", "UNKNOWN")}
INDEX_KINDS = {"0": "DEN0137_INDEX_0", "1": "DEN0137_INDEX_1",
               "3": "DEN0137_INDEX_3", "walk_level": "DEN0137_INDEX_WALK_LEVEL",
               "level": "DEN0137_INDEX_LEVEL",
               "level-1": "DEN0137_INDEX_LEVEL_MINUS_1"}


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
                if iface(r[1]) not in STATUSES:
                    raise ValueError(f"command {r[1]} is neither RMI_ nor RSI_")
                cmds.append((r[1], fids[r[1]], [], [], []))
                continue
            if not cmds:
                raise ValueError("line before the first command")
            _, _, conds, pairs, choices = cmds[-1]
            labels = [c[0] for c in conds]
            if r[0] == "cond":
                label, status, index = r[1], r[2], r[3]
                if status not in STATUSES[iface(cmds[-1][0])]:
                    raise ValueError(f"unknown status {status} for {iface(cmds[-1][0])}")
                if index not in INDEX_KINDS:
                    raise ValueError(f"unknown index {index}")
                if iface(cmds[-1][0]) == "RSI" and index != "0":
                    raise ValueError("RSI status codes carry no index: use 0")
                if label in labels or label == "success":
                    raise ValueError(f"label {label} repeated or reserved")
                conds.append((label, status, index))
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
    stamp = STAMP.format(src=cond_spec.split("/")[-1])
    h = [stamp, "#ifndef DEN0137_CONDITIONS_H", "#define DEN0137_CONDITIONS_H",
         "", "#include <stddef.h>", "#include <stdint.h>", "",
         "/* How the index of a failure's return code is formed. */",
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
          "};", "",
          f"#define DEN0137_NUM_COMMANDS {len(cmds)}U",
          f"#define DEN0137_NUM_CONDITIONS {sum(len(c[2]) for c in cmds)}U",
          f"#define DEN0137_NUM_PAIRS {sum(len(c[3]) for c in cmds)}U",
          "extern const struct den0137_command den0137_commands[DEN0137_NUM_COMMANDS];",
          "",
          "/* The command called @name (e.g. \"RMI_DATA_CREATE\"), NULL if none. */",
          "const struct den0137_command *den0137_command_find(const char *name);",
          "/* The condition @label of @cmd, NULL if none. */",
          "const struct den0137_condition *den0137_condition_find("
          "const struct den0137_command *cmd, const char *label);",
          "", "#endif /* DEN0137_CONDITIONS_H */", ""]
    c = [stamp, "#include <string.h>", "", '#include "den0137_abi.h"',
         '#include "den0137_conditions.h"', ""]
    for name, _, conds, pairs, choices in cmds:
        low = name.lower()
        if conds:
            c.append(f"static const struct den0137_condition {low}_conds[] = {{")
            for i, (label, status, index) in enumerate(conds, 1):
                c.append(f"\t{{ {i}, {c_str(label)}, {iface(name)}_ERROR_{status}, "
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
    c += ["", "const struct den0137_command den0137_commands[DEN0137_NUM_COMMANDS] = {"]
    for name, fid, conds, pairs, choices in cmds:
        low = name.lower()
        arr = lambda xs, suf: (f"{low}_{suf}, {len(xs)}" if xs else "NULL, 0")
        c.append(f"\t{{ {c_str(name)}, {name}_FID, DEN0137_IFACE_{iface(name)}, "
                 f"{arr(conds, 'conds')}, "
                 f"{arr(pairs, 'pairs')}, {arr(choices, 'choices')} }},")
    c += ["};", "",
          "const struct den0137_command *den0137_command_find(const char *name)",
          "{", "\tfor (size_t i = 0; i < DEN0137_NUM_COMMANDS; i++) {",
          "\t\tif (strcmp(den0137_commands[i].name, name) == 0) {",
          "\t\t\treturn &den0137_commands[i];", "\t\t}", "\t}",
          "\treturn NULL;", "}", "",
          "const struct den0137_condition *den0137_condition_find("
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
