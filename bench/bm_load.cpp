// SPDX-License-Identifier: Apache-2.0
// bm_load.cpp: loading a get-account-authorization-details dump into entities (adapters, policy
// parsing and normalisation, joins) against nlohmann::json::parse of the same bytes, same run.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>

namespace {

// The 824 KB lab account of the cloudsplaining corpus when ../shared is present, else the
// sample account of examples/data (both are authorization-details dumps).
const std::string& dump() {
    static const std::string text = [] {
        const std::filesystem::path shared =
            std::filesystem::path(IAMGUARD_SHARED_DIR) / "corpora/authz-details-cloudsplaining/examples__files__example.json";
        const std::filesystem::path sample =
            std::filesystem::path(IAMGUARD_SOURCE_DIR) / "examples/data/account-authorization-details.json";
        std::ifstream in(std::filesystem::exists(shared) ? shared : sample, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }();
    return text;
}

void BM_nlohmann_parse(benchmark::State& state) {
    const std::string& text = dump();
    for (auto _ : state) {
        auto j = nlohmann::json::parse(text);
        benchmark::DoNotOptimize(j);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_nlohmann_parse)->Unit(benchmark::kMillisecond);

void BM_iamguard_json(benchmark::State& state) {
    const std::string& text = dump();
    for (auto _ : state) {
        auto r = iamguard::json::parse(text);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_iamguard_json)->Unit(benchmark::kMillisecond);

void BM_iamguard_load(benchmark::State& state) {
    const std::string& text = dump();
    iamguard::entity::load_options opts;
    opts.join = state.range(0) != 0;
    std::size_t entities = 0;
    for (auto _ : state) {
        auto r = iamguard::entity::load(text, "dump.json", opts);
        entities = r.entities.size();
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["entities"] = static_cast<double>(entities);
}
BENCHMARK(BM_iamguard_load)->Arg(0)->Arg(1)->ArgName("join")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
