#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# shape_stats.py: the statistics of the AWS managed policies that corpus_gen.cpp's shapes follow.
#
# Reads every policy version of a mamip checkout (../shared/corpora/aws-managed-policies-mamip by
# default) and prints, for the default version of each policy, the distributions the generator
# draws from: statements per document, actions per statement, resources per statement, the share
# of statements with a Condition, the condition operators and keys per clause, Effect/NotAction/
# NotResource shares, and compact document sizes. Only counts are printed; no policy text is copied.
#
#   python3 bench/gen/shape_stats.py [MAMIP_DIR]
import collections
import json
import os
import sys


def quantiles(xs, qs=(0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0)):
    xs = sorted(xs)
    return {q: xs[min(len(xs) - 1, int(q * len(xs)))] for q in qs}


def listify(v):
    return v if isinstance(v, list) else [v]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/corpora/aws-managed-policies-mamip")
    pdir = os.path.join(root, "policies")
    stmts, acts, ress, sizes, keys_per_clause, ops_per_cond, values_per_key = [], [], [], [], [], [], []
    n_stmt = n_cond = n_deny = n_notaction = n_notresource = n_res_star = n_act_star_svc = n_act_list = n_sid = 0
    ops = collections.Counter()
    docs = 0
    for name in sorted(os.listdir(pdir)):
        with open(os.path.join(pdir, name), encoding="utf-8") as f:
            doc = json.load(f)["PolicyVersion"]["Document"]
        docs += 1
        sizes.append(len(json.dumps(doc, separators=(",", ":"))))
        ss = listify(doc.get("Statement", []))
        stmts.append(len(ss))
        for s in ss:
            n_stmt += 1
            n_sid += "Sid" in s
            n_deny += s.get("Effect") == "Deny"
            if "NotAction" in s:
                n_notaction += 1
            a = listify(s.get("Action", s.get("NotAction", [])))
            n_act_list += isinstance(s.get("Action", s.get("NotAction")), list)
            acts.append(len(a))
            n_act_star_svc += sum(1 for x in a if x.endswith(":*") or x == "*")
            if "NotResource" in s:
                n_notresource += 1
            r = listify(s.get("Resource", s.get("NotResource", [])))
            ress.append(len(r))
            n_res_star += r == ["*"]
            c = s.get("Condition")
            if c:
                n_cond += 1
                ops_per_cond.append(len(c))
                for op, kv in c.items():
                    ops[op] += 1
                    keys_per_clause.append(len(kv))
                    for v in kv.values():
                        values_per_key.append(len(listify(v)))
    print(f"documents: {docs}, statements: {n_stmt}")
    print("statements per document (quantile: count):", quantiles(stmts))
    print("actions per statement:", quantiles(acts))
    print("resources per statement:", quantiles(ress))
    print("compact document bytes:", quantiles(sizes), "mean", sum(sizes) // len(sizes))
    print(f"share with Sid: {n_sid / n_stmt:.3f}; Deny: {n_deny / n_stmt:.3f}; NotAction: {n_notaction / n_stmt:.3f}; "
          f"NotResource: {n_notresource / n_stmt:.3f}; Resource exactly '*': {n_res_star / n_stmt:.3f}; "
          f"Action as list: {n_act_list / n_stmt:.3f}")
    print(f"share of statements with Condition: {n_cond / n_stmt:.3f}")
    print("operators per Condition:", quantiles(ops_per_cond))
    print("keys per operator clause:", quantiles(keys_per_clause))
    print("values per key:", quantiles(values_per_key))
    total = sum(ops.values())
    print("condition operators (share of clauses):")
    for op, k in ops.most_common(16):
        print(f"  {op}: {k} ({k / total:.3f})")


if __name__ == "__main__":
    main()
