// SPDX-License-Identifier: Apache-2.0
// bm_rules.cpp: the rule language's costs (issue 5).
//
//   BM_compile_rules/N          compiling N `.rule` blocks (parse, schema checks, regexes, program)
//   BM_compile_rules_syntax/N   the same with syntax_only (no schema)
//   BM_scan/E                   a 12-rule set over E generated entities (roles, users, policies)
//   BM_walk_baseline/E          baseline: visiting every JSON node of the same entities once
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/compile.hpp>

namespace {

using namespace iamguard;

const std::vector<std::string> templates = {
    "Role where trust.Statement contain [Principal.AWS regexMatch /:root$/] should have trust.Statement with "
    "[Effect = 'Allow'] contain-all [Condition.StringEquals.sts:ExternalId]",
    "Role should not have trust.Statement contain [Effect = 'Allow' and Principal.AWS = '*']",
    "Role should have maxSessionDuration <= {max}",
    "Role should not have roleLastUsed.lastUsedDate before(-90, 'days')",
    "User where passwordEnabled = 'true' should have mfaActive = true",
    "User should not have firstAccessKey.isActive = true and secondAccessKey.isActive = true",
    "User where firstAccessKey.isActive = true should not have firstAccessKey.lastRotated before(-90, 'days')",
    "User where name like '%admin%' should have attachedGroups length() > 0 and inlinePolicies isEmpty()",
    "Policy where attachmentCount > 0 should not have document.Statement contain [Effect = 'Allow' and NotAction]",
    "Policy should not have document.Statement contain-any [Effect = 'Allow' and (Action = '*' or Action contain "
    "[$ = '*']) and (Resource = '*' or Resource contain [$ = '*'])]",
    "Policy should have document.Statement with [Effect = 'Allow' and Action contain [$ regexMatch /AccessKey/]] "
    "contain-all [Condition.Bool.aws:SecureTransport = 'true']",
    "Role where tags contain [key = 'env' and value in ('prod', 'production')] should have permissionsBoundary.arn",
};

std::string rule_file(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += "rule IG.BENCH." + std::to_string(i) + " {\n  title: 'generated rule " + std::to_string(i) +
               "'\n  severity: high\n  param max: number = " + std::to_string(3600 + i) + "\n  logic: " +
               templates[i % templates.size()] + "\n}\n";
    }
    return out;
}

std::vector<entity::entity> account(std::size_t n) {
    std::vector<entity::entity> all;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = std::to_string(i);
        std::string fields;
        entity::entity e;
        switch (i % 3) {
            case 0:
                e.type = entity::entity_type::role;
                fields = R"({"name": "role-)" + id + R"(", "maxSessionDuration": 3600, "assumeRolePolicy": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::2222222222)" + std::to_string(10 + i % 90) + R"(:root"]}, "Action": ["sts:AssumeRole"],
                     "Condition": {"StringEquals": {"sts:ExternalId": ["ext-)" + id + R"("]}}},
                    {"Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"]}]},
                    "roleLastUsed": {"lastUsedDate": "2024-05-01T00:00:00Z"}, "tags": [{"key": "env", "value": "prod"}, {"key": "team", "value": "t)" + id + R"("}]})";
                break;
            case 1:
                e.type = entity::entity_type::user;
                fields = R"({"name": "user-)" + id + R"(", "passwordEnabled": true, "mfaActive": )" + (i % 2 ? "true" : "false") +
                         R"(, "firstAccessKey": {"isActive": true, "lastRotated": "2023-01-01T00:00:00Z", "lastUsedDate": "2024-05-20T00:00:00Z"},
                    "secondAccessKey": {"isActive": false}, "attachedGroups": [{"name": "dev"}], "inlinePolicies": []})";
                break;
            default:
                e.type = entity::entity_type::policy;
                fields = R"({"name": "policy-)" + id + R"(", "attachmentCount": 2, "document": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket-)" + id + R"(/*"]},
                    {"Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": ["*"], "Condition": {"Bool": {"aws:SecureTransport": ["true"]}}},
                    {"Effect": "Deny", "NotAction": ["iam:*"], "Resource": ["*"]}]}})";
        }
        e.name = "e" + id;
        e.fields = json::parse(fields).root;
        all.push_back(std::move(e));
    }
    return all;
}

void BM_compile_rules(benchmark::State& state) {
    const std::string text = rule_file(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto r = rules::compile(text, "bench.rule");
        if (!r) state.SkipWithError("rules do not compile");
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_compile_rules)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_compile_rules_syntax(benchmark::State& state) {
    const std::string text = rule_file(static_cast<std::size_t>(state.range(0)));
    rules::compile_options o;
    o.syntax_only = true;
    for (auto _ : state) {
        auto r = rules::compile(text, "bench.rule", o);
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_compile_rules_syntax)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_scan(benchmark::State& state) {
    const auto entities = account(static_cast<std::size_t>(state.range(0)));
    const auto compiled = rules::compile(rule_file(templates.size()), "bench.rule");
    if (!compiled) {
        state.SkipWithError("rules do not compile");
        return;
    }
    rules::eval_context ctx;
    std::vector<rules::finding> out;
    for (auto _ : state) {
        out.clear();
        for (const auto& e : entities) compiled.rules->evaluate(e, ctx, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.counters["findings"] = static_cast<double>(out.size());
}
BENCHMARK(BM_scan)->Arg(3000)->Unit(benchmark::kMillisecond);

std::size_t walk(const json::value& v) {
    std::size_t n = 1;
    for (const auto& i : v.items) n += walk(i);
    for (const auto& m : v.members) n += walk(m.val);
    return n;
}

void BM_walk_baseline(benchmark::State& state) {
    const auto entities = account(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        std::size_t n = 0;
        for (const auto& e : entities) n += walk(e.fields);
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_walk_baseline)->Arg(3000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
