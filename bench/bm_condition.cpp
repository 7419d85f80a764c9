// SPDX-License-Identifier: Apache-2.0
// bm_condition.cpp: Condition-block evaluation alone (issue 7; bm_eval times whole decisions).
//
//   BM_managed_conditions        every statement with a Condition in the AWS managed policies
//                                (../shared/corpora/aws-managed-policies-mamip; skipped when absent),
//                                prepared once, checked against one request context
//   BM_operator/<family>         one clause of each operator family (prepared once)
//   BM_baseline_string_equals    the floor for StringEquals: a case-insensitive key lookup in the
//                                same context and a string comparison, written directly
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/policy/parse.hpp>

namespace {

using namespace iamguard;

// A request context with the keys the managed policies' conditions name most often.
eval::request_context context() {
    eval::request_context ctx;
    ctx.set("aws:PrincipalAccount", "111122223333");
    ctx.set("aws:ResourceAccount", "111122223333");
    ctx.set("aws:RequestedRegion", "us-east-1");
    ctx.set("aws:PrincipalArn", "arn:aws:iam::111122223333:role/deploy");
    ctx.set("aws:SourceArn", "arn:aws:lambda:us-east-1:111122223333:function:f");
    ctx.set("aws:SecureTransport", "true");
    ctx.set("aws:MultiFactorAuthPresent", "true");
    ctx.set("aws:SourceIp", "203.0.113.7");
    ctx.set("aws:CurrentTime", "2026-01-01T00:00:00Z");
    ctx.set("aws:MultiFactorAuthAge", "300");
    ctx.set("aws:ResourceTag/env", "prod");
    ctx.set("aws:RequestTag/env", "prod");
    ctx.set("iam:PassedToService", "ec2.amazonaws.com");
    ctx.set("aws:CalledViaFirst", "cloudformation.amazonaws.com");
    ctx.set("s3:prefix", "home/alice/");
    ctx.set_list("aws:TagKeys", {"env", "team"});
    ctx.set_list("aws:CalledVia", {"cloudformation.amazonaws.com"});
    return ctx;
}

struct managed_set {
    std::vector<std::unique_ptr<eval::prepared_policy>> policies;
    std::vector<std::pair<const eval::prepared_policy*, std::size_t>> statements;  // with a Condition
    std::size_t clauses = 0;
};

const managed_set& managed() {
    static const managed_set m = [] {
        managed_set out;
        const std::filesystem::path dir =
            std::filesystem::path(IAMGUARD_SHARED_DIR) / "corpora/aws-managed-policies-mamip/policies";
        std::error_code ec;
        std::vector<std::filesystem::path> files;
        for (const auto& f : std::filesystem::directory_iterator(dir, ec)) files.push_back(f.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
            if (j.is_discarded() || !j.contains("PolicyVersion")) continue;
            auto r = policy::parse(j["PolicyVersion"]["Document"].dump());
            if (!r.doc) continue;
            std::vector<std::size_t> with;
            for (std::size_t i = 0; i < r.doc->statements.size(); ++i) {
                if (r.doc->statements[i].conditions.empty()) continue;
                with.push_back(i);
                out.clauses += r.doc->statements[i].conditions.size();
            }
            if (with.empty()) continue;
            out.policies.push_back(std::make_unique<eval::prepared_policy>(*r.doc, f.stem().string()));
            for (auto i : with) out.statements.emplace_back(out.policies.back().get(), i);
        }
        return out;
    }();
    return m;
}

void BM_managed_conditions(benchmark::State& state) {
    const auto& m = managed();
    if (m.statements.empty()) return state.SkipWithError("../shared/corpora/aws-managed-policies-mamip is absent");
    const auto ctx = context();
    std::size_t held = 0;
    for (auto _ : state) {
        held = 0;
        for (const auto& [p, i] : m.statements) held += eval::conditions_hold(*p, i, ctx) ? 1 : 0;
        benchmark::DoNotOptimize(held);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * m.clauses));
    state.counters["statements"] = static_cast<double>(m.statements.size());
    state.counters["clauses"] = static_cast<double>(m.clauses);
    state.counters["held"] = static_cast<double>(held);
}

eval::prepared_policy one_clause(const std::string& condition) {
    const std::string text = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
                             R"("Resource":"*","Condition":)" + condition + "}]}";
    auto r = policy::parse(text);
    if (!r.doc) throw std::runtime_error("bm_condition: clause does not parse: " + condition);
    return eval::prepared_policy(*r.doc, "clause");
}

void BM_operator(benchmark::State& state, const std::string& condition, bool expect) {
    const auto p = one_clause(condition);
    const auto ctx = context();
    if (eval::conditions_hold(p, 0, ctx) != expect) return state.SkipWithError("unexpected outcome");
    for (auto _ : state) {
        const bool ok = eval::conditions_hold(p, 0, ctx);
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_baseline_string_equals(benchmark::State& state) {
    const auto ctx = context();
    const std::string key = "aws:requestedregion", want = "us-east-1";
    for (auto _ : state) {
        bool ok = false;
        for (const auto& e : ctx.entries()) {
            if (e.key_lower.size() == key.size() && e.key_lower == key) {
                ok = !e.value.multi && e.value.values.size() == 1 && e.value.values.front() == want;
                break;
            }
        }
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_managed_conditions)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_operator, StringEquals, std::string(R"({"StringEquals":{"aws:RequestedRegion":"us-east-1"}})"), true);
BENCHMARK_CAPTURE(BM_operator, StringEquals_3_values,
                  std::string(R"({"StringEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1","us-east-1"]}})"), true);
BENCHMARK_CAPTURE(BM_operator, StringEqualsIgnoreCase,
                  std::string(R"({"StringEqualsIgnoreCase":{"aws:ResourceTag/env":"PROD"}})"), true);
BENCHMARK_CAPTURE(BM_operator, StringLike, std::string(R"({"StringLike":{"s3:prefix":["home/*/","public/*"]}})"), true);
BENCHMARK_CAPTURE(BM_operator, StringLike_variable,
                  std::string(R"({"StringLike":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}})"), true);
BENCHMARK_CAPTURE(BM_operator, ArnLike, std::string(R"({"ArnLike":{"aws:SourceArn":"arn:aws:lambda:*:111122223333:function:*"}})"), true);
BENCHMARK_CAPTURE(BM_operator, Bool, std::string(R"({"Bool":{"aws:SecureTransport":"true"}})"), true);
BENCHMARK_CAPTURE(BM_operator, Null, std::string(R"({"Null":{"aws:RequestTag/owner":"true"}})"), true);
BENCHMARK_CAPTURE(BM_operator, NumericLessThan, std::string(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}})"), true);
BENCHMARK_CAPTURE(BM_operator, DateGreaterThan,
                  std::string(R"({"DateGreaterThan":{"aws:CurrentTime":"2025-06-30T00:00:00Z"}})"), true);
BENCHMARK_CAPTURE(BM_operator, IpAddress, std::string(R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}})"), true);
BENCHMARK_CAPTURE(BM_operator, ForAnyValue_StringLike,
                  std::string(R"({"ForAnyValue:StringLike":{"aws:CalledVia":"*.amazonaws.com"}})"), true);
BENCHMARK_CAPTURE(BM_operator, ForAllValues_StringEquals,
                  std::string(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","owner"]}})"), true);
BENCHMARK_CAPTURE(BM_operator, StringEqualsIfExists_absent,
                  std::string(R"({"StringEqualsIfExists":{"aws:RequestTag/owner":"alice"}})"), true);
BENCHMARK_CAPTURE(BM_operator, three_operators,
                  std::string(R"({"StringEquals":{"aws:PrincipalAccount":"111122223333"},"Bool":{"aws:SecureTransport":"true"},)"
                              R"("IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})"),
                  true);
BENCHMARK(BM_baseline_string_equals);

BENCHMARK_MAIN();
