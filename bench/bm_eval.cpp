// SPDX-License-Identifier: Apache-2.0
// bm_eval.cpp: request evaluation speed. The requests and policies are those of
// bench/iam-simulate/cases.json, which bench/iam-simulate/bench.mjs runs through
// @cloud-copilot/iam-simulate for the comparison in bench/RESULTS.md.
//
//   BM_condition_clause        one StringEquals clause (conditions_hold)
//   BM_evaluate/<case>         a full decision into a reused trace (the hot path)
//   BM_evaluate_untraced/<case> the same without a trace
//   BM_prepare/<case>          compiling the case's policies (done once per policy, not per request)
#include <benchmark/benchmark.h>

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

struct bench_case {
    std::string name;
    std::vector<std::unique_ptr<eval::prepared_policy>> identity;
    std::unique_ptr<eval::prepared_policy> resource;
    std::vector<std::string> policy_texts;
    eval::policy_set set;
    eval::request req;
    eval::decision expect = eval::decision::allow;
};

eval::prepared_policy prepare_text(const std::string& text, const std::string& name) {
    auto r = policy::parse(text);
    if (!r.doc) throw std::runtime_error("policy does not parse: " + name);
    return eval::prepared_policy(*r.doc, name);
}

const std::vector<bench_case>& cases() {
    static const std::vector<bench_case> all = [] {
        std::ifstream in(std::string(IAMGUARD_SOURCE_DIR) + "/bench/iam-simulate/cases.json");
        std::stringstream ss;
        ss << in.rdbuf();
        const auto j = nlohmann::json::parse(ss.str());
        std::vector<bench_case> out;
        for (const auto& c : j) {
            bench_case b;
            b.name = c["name"].get<std::string>();
            for (const auto& p : c["identity"]) {
                b.policy_texts.push_back(p.dump());
                b.identity.push_back(std::make_unique<eval::prepared_policy>(prepare_text(p.dump(), b.name)));
                b.set.identity.push_back(b.identity.back().get());
            }
            if (!c["resource"].is_null()) {
                b.policy_texts.push_back(c["resource"].dump());
                b.resource = std::make_unique<eval::prepared_policy>(prepare_text(c["resource"].dump(), b.name));
                b.set.resource = b.resource.get();
            }
            const auto& r = c["request"];
            b.req.principal = r["principal"].get<std::string>();
            b.req.action = r["action"].get<std::string>();
            b.req.resource = r["resource"].get<std::string>();
            b.req.resource_account = r["resource_account"].get<std::string>();
            for (const auto& [k, v] : r["context"].items()) b.req.context.set(k, v.get<std::string>());
            const std::string e = c["expect"].get<std::string>();
            b.expect = e == "Allow" ? eval::decision::allow
                     : e == "ExplicitDeny" ? eval::decision::explicit_deny : eval::decision::implicit_deny;
            out.push_back(std::move(b));
        }
        return out;
    }();
    return all;
}

const bench_case* find_case(const std::string& name) {
    for (const auto& c : cases())
        if (c.name == name) return &c;
    return nullptr;
}

void BM_condition_clause(benchmark::State& state) {
    const bench_case* c = find_case("one_clause");
    if (c == nullptr) return state.SkipWithError("cases.json lacks one_clause");
    const auto& p = *c->identity.front();
    for (auto _ : state) {
        const bool ok = eval::conditions_hold(p, 0, c->req.context);
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_evaluate(benchmark::State& state, const std::string& name, bool traced) {
    const bench_case* c = find_case(name);
    if (c == nullptr) return state.SkipWithError("unknown case");
    eval::trace t;
    if (eval::evaluate(c->set, c->req, &t) != c->expect) return state.SkipWithError("unexpected decision");
    for (auto _ : state) {
        const auto d = eval::evaluate(c->set, c->req, traced ? &t : nullptr);
        benchmark::DoNotOptimize(d);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_evaluate_untraced(benchmark::State& state, const std::string& name) { BM_evaluate(state, name, false); }

void BM_prepare(benchmark::State& state, const std::string& name) {
    const bench_case* c = find_case(name);
    if (c == nullptr) return state.SkipWithError("unknown case");
    // shared documents, as a loaded entity's policy slots hold them (compiled without a copy)
    std::vector<std::shared_ptr<const policy::document>> docs;
    for (const auto& text : c->policy_texts) docs.push_back(std::make_shared<const policy::document>(*policy::parse(text).doc));
    for (auto _ : state) {
        for (const auto& d : docs) {
            eval::prepared_policy p(d, name);
            benchmark::DoNotOptimize(p);
        }
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_condition_clause);
BENCHMARK_CAPTURE(BM_evaluate, one_clause, std::string("one_clause"), true);
BENCHMARK_CAPTURE(BM_evaluate, identity_10, std::string("identity_10"), true);
BENCHMARK_CAPTURE(BM_evaluate, trust_external_id_mfa, std::string("trust_external_id_mfa"), true);
BENCHMARK_CAPTURE(BM_evaluate_untraced, one_clause, std::string("one_clause"));
BENCHMARK_CAPTURE(BM_evaluate_untraced, identity_10, std::string("identity_10"));
BENCHMARK_CAPTURE(BM_evaluate_untraced, trust_external_id_mfa, std::string("trust_external_id_mfa"));
BENCHMARK_CAPTURE(BM_prepare, identity_10, std::string("identity_10"));
BENCHMARK_CAPTURE(BM_prepare, trust_external_id_mfa, std::string("trust_external_id_mfa"));

BENCHMARK_MAIN();
