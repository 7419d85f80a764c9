// SPDX-License-Identifier: Apache-2.0
// bm_parse.cpp: parsing the AWS managed-policy corpus into the policy AST, against nlohmann's
// parse of the same bytes (the baseline) in the same run. Each benchmark reports MB/s.
//
// The corpus is ../shared/corpora/aws-managed-policies-mamip/policies (1,523 documents); the
// policy documents are extracted once, minified, so that every parser sees the same bytes.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <iamguard/json/value.hpp>
#include <iamguard/policy/parse.hpp>

namespace {

std::vector<std::string> load_corpus() {
    std::vector<std::string> docs;
    const std::filesystem::path dir =
        std::filesystem::path(IAMGUARD_SHARED_DIR) / "corpora/aws-managed-policies-mamip/policies";
    if (!std::filesystem::exists(dir)) return docs;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
        if (j.is_discarded() || !j.contains("PolicyVersion")) continue;
        docs.push_back(j["PolicyVersion"]["Document"].dump(4));  // pretty, as IAM returns them
    }
    return docs;
}

const std::vector<std::string>& corpus() {
    static const std::vector<std::string> docs = load_corpus();
    return docs;
}

std::int64_t corpus_bytes() {
    std::int64_t n = 0;
    for (const auto& d : corpus()) n += static_cast<std::int64_t>(d.size());
    return n;
}

bool require_corpus(benchmark::State& state) {
    if (!corpus().empty()) return true;
    state.SkipWithError("../shared/corpora/aws-managed-policies-mamip is absent");
    return false;
}

// Baseline: nlohmann::json::parse of the same bytes (a DOM, no positions, no duplicate check).
void BM_nlohmann_parse(benchmark::State& state) {
    if (!require_corpus(state)) return;
    for (auto _ : state) {
        for (const auto& d : corpus()) {
            auto j = nlohmann::json::parse(d);
            benchmark::DoNotOptimize(j);
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus_bytes());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}
BENCHMARK(BM_nlohmann_parse)->Unit(benchmark::kMillisecond);

// iamguard's located JSON tree alone (positions, duplicate-key detection, UTF-8 check).
void BM_iamguard_json(benchmark::State& state) {
    if (!require_corpus(state)) return;
    for (auto _ : state) {
        for (const auto& d : corpus()) {
            auto r = iamguard::json::parse(d);
            benchmark::DoNotOptimize(r);
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus_bytes());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}
BENCHMARK(BM_iamguard_json)->Unit(benchmark::kMillisecond);

// The full job: text to the policy AST with positions and structural diagnostics.
void BM_iamguard_policy_parse(benchmark::State& state) {
    if (!require_corpus(state)) return;
    for (auto _ : state) {
        for (const auto& d : corpus()) {
            auto r = iamguard::policy::parse(d);
            benchmark::DoNotOptimize(r);
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus_bytes());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}
BENCHMARK(BM_iamguard_policy_parse)->Unit(benchmark::kMillisecond);

// The same, plus the identity-policy validation a linter would run.
void BM_iamguard_policy_parse_validate(benchmark::State& state) {
    if (!require_corpus(state)) return;
    iamguard::policy::parse_options o;
    o.kind = iamguard::policy::policy_kind::identity;
    for (auto _ : state) {
        for (const auto& d : corpus()) {
            auto r = iamguard::policy::parse(d, o);
            benchmark::DoNotOptimize(r);
        }
    }
    state.SetBytesProcessed(state.iterations() * corpus_bytes());
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(corpus().size()));
}
BENCHMARK(BM_iamguard_policy_parse_validate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
