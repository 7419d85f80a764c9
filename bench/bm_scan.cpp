// SPDX-License-Identifier: Apache-2.0
// bm_scan.cpp: scanning a generated account with the shipped rule pack (issue 7), against
// baselines parsing the same bytes in the same run.
//
//   bm_scan [--corpus DIR] [google-benchmark flags]
//
// DIR is the output of `corpus_gen --out DIR` (authz/page-*.json and entities.jsonl); default
// build/bench/corpus/r10000 (bench/run-all.sh generates it). Suites:
//
//   BM_nlohmann_parse/pages|jsonl   baseline: nlohmann::json::parse of every page / every line
//   BM_simdjson_parse/pages|jsonl   lower bound: simdjson's DOM parser on the same bytes
//   BM_scan/pages|jsonl             end to end: entities loaded (pages: with the joins), every rule
//                                   of the pack run on every entity, aggregates, JSON report written
//                                   (to a counting sink) -- what `iamguard scan -f json` does on one thread
//   BM_scan_per_entity_rules/...    the same without the pack's aggregate rules (`List<T>`)
//   BM_load/pages|jsonl             the loading part alone, as BM_scan loads (`combinedPolicies`
//                                   only when the pack reads it: rule_set::reads_field)
//   BM_load/.../all_joins           the same with every join, `combinedPolicies` included
//   BM_load/pages/threads:2         the pages loaded on two threads (load_options::threads: read, then joined);
//                                   wall time (UseRealTime), what `iamguard scan --threads 2` loads with
//   BM_pack                         the whole pack over entities already loaded
//   BM_rule/<id>                    one rule over entities already loaded
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <iamguard/entity/load.hpp>
#include <iamguard/report/writer.hpp>
#include <iamguard/rules/aggregate_state.hpp>
#include <iamguard/rules/compile.hpp>

namespace {

using namespace iamguard;

std::filesystem::path corpus_dir = std::filesystem::path(IAMGUARD_SOURCE_DIR) / "build/bench/corpus/r10000";

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct corpus {
    std::vector<std::string> pages;       // each page's text
    std::string jsonl;                    // the JSON Lines text
    std::vector<std::string_view> lines;  // its lines
    std::size_t page_bytes = 0;
};

const corpus& data() {
    static const corpus c = [] {
        corpus out;
        std::vector<std::filesystem::path> files;
        std::error_code ec;
        for (const auto& f : std::filesystem::directory_iterator(corpus_dir / "authz", ec))
            if (f.path().extension() == ".json") files.push_back(f.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            out.pages.push_back(slurp(f));
            out.page_bytes += out.pages.back().size();
        }
        out.jsonl = slurp(corpus_dir / "entities.jsonl");
        std::string_view all = out.jsonl;
        while (!all.empty()) {
            const auto nl = all.find('\n');
            out.lines.push_back(all.substr(0, nl));
            all.remove_prefix(nl == std::string_view::npos ? all.size() : nl + 1);
        }
        if (out.pages.empty() || out.lines.empty()) {
            std::cerr << "bm_scan: no corpus in " << corpus_dir.string()
                      << " (generate one: corpus_gen --roles 10000 --out " << corpus_dir.string() << ")\n";
            std::exit(2);
        }
        return out;
    }();
    return c;
}

rules::rule_set compile_pack(const std::vector<std::filesystem::path>& paths) {
    auto r = rules::compile_paths(paths);
    if (!r) {
        std::cerr << "bm_scan: the rule pack does not compile\n";
        std::exit(2);
    }
    return std::move(*r.rules);
}

std::vector<std::filesystem::path> rule_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(std::filesystem::path(IAMGUARD_SOURCE_DIR) / "dsl/rules"))
        if (f.path().extension() == ".rule") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    return files;
}

const rules::rule_set& pack() {
    static const rules::rule_set set = compile_pack({std::filesystem::path(IAMGUARD_SOURCE_DIR) / "dsl/rules"});
    return set;
}

// The pack without its aggregate (`List<T>`) rules, which need every entity in memory at once.
const rules::rule_set& per_entity_pack() {
    static const rules::rule_set set = [] {
        std::vector<std::filesystem::path> keep;
        for (const auto& f : rule_files()) {
            const auto one = compile_pack({f});
            bool aggregate = false;
            for (std::size_t i = 0; i < one.size(); ++i) aggregate = aggregate || one.is_aggregate(i);
            if (!aggregate) keep.push_back(f);
        }
        return compile_pack(keep);
    }();
    return set;
}

rules::eval_context context() {
    rules::eval_context ctx;
    ctx.now = std::chrono::sys_days(std::chrono::year(2026) / 1 / 1);
    return ctx;
}

void set_bytes(benchmark::State& state, bool pages) {
    const auto bytes = pages ? data().page_bytes : data().jsonl.size();
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

// ---- baselines ----

void BM_nlohmann_parse(benchmark::State& state, bool pages) {
    const auto& c = data();
    for (auto _ : state) {
        if (pages) {
            for (const auto& p : c.pages) benchmark::DoNotOptimize(nlohmann::json::parse(p));
        } else {
            for (auto l : c.lines) benchmark::DoNotOptimize(nlohmann::json::parse(l));
        }
    }
    set_bytes(state, pages);
}

void BM_simdjson_parse(benchmark::State& state, bool pages) {
    const auto& c = data();
    simdjson::dom::parser parser;
    // simdjson reads SIMDJSON_PADDING bytes past the end: padded copies, made once, not timed.
    std::vector<simdjson::padded_string> padded;
    if (pages) {
        for (const auto& p : c.pages) padded.emplace_back(p);
    } else {
        padded.emplace_back(c.jsonl);
    }
    for (auto _ : state) {
        if (pages) {
            for (const auto& p : padded) {
                auto doc = parser.parse(p);
                if (doc.error()) state.SkipWithError("simdjson parse error");
                benchmark::DoNotOptimize(doc.value_unsafe());
            }
        } else {
            auto stream = parser.parse_many(padded.front());
            for (auto doc : stream) {
                if (doc.error()) state.SkipWithError("simdjson parse error");
                benchmark::DoNotOptimize(doc.value_unsafe());
            }
        }
    }
    set_bytes(state, pages);
}

// ---- iamguard ----

// `combined`: build `combinedPolicies`; BM_scan passes what `iamguard scan` passes,
// rule_set::reads_field("combinedPolicies").
entity::load_result load_pages(const corpus& c, unsigned threads = 1, bool combined = true) {
    std::vector<entity::input> in;
    std::vector<std::string> names;
    names.reserve(c.pages.size());
    for (std::size_t i = 0; i < c.pages.size(); ++i) {
        names.push_back("page-" + std::to_string(i + 1) + ".json");
        in.push_back({names.back(), c.pages[i]});
    }
    entity::load_options o;
    o.threads = threads;
    o.combined_policies = combined;
    return entity::load(in, o);
}

// The canonical lines, each loaded on its own (as `iamguard scan` streams them); `each` gets the
// entities of every line.
template <class F>
void load_lines(const corpus& c, F&& each, bool combined = true) {
    entity::load_options lo;
    lo.combined_policies = combined;
    lo.format = entity::input_format::canonical;
    lo.join = false;
    for (auto l : c.lines) {
        auto r = entity::load(l, "entities.jsonl", lo);
        each(r);
    }
}

// What the pack needs loaded: `combinedPolicies` only when one of its rules reads it.
bool pack_reads_combined() { return pack().reads_field("combinedPolicies"); }

void BM_load(benchmark::State& state, bool pages, bool all_joins) {
    const auto& c = data();
    const bool combined = all_joins || pack_reads_combined();
    for (auto _ : state) {
        if (pages) {
            benchmark::DoNotOptimize(load_pages(c, 1, combined));
        } else {
            load_lines(c, [](entity::load_result& r) { benchmark::DoNotOptimize(r); }, combined);
        }
    }
    set_bytes(state, pages);
}

void BM_load_threads(benchmark::State& state, unsigned threads) {
    const auto& c = data();
    const bool combined = pack_reads_combined();
    for (auto _ : state) benchmark::DoNotOptimize(load_pages(c, threads, combined));
    set_bytes(state, true);
}

void BM_scan(benchmark::State& state, bool pages, bool whole_pack) {
    const auto& c = data();
    const auto& set = whole_pack ? pack() : per_entity_pack();
    auto ctx = context();
    ctx.describe_passes = false;  // as `iamguard scan -f json`: passes are counted, not listed
    std::vector<const rules::rule_info*> listed;
    for (const auto& r : set.rules()) listed.push_back(&r);
    const bool combined = set.reads_field("combinedPolicies");
    std::size_t findings = 0, report_bytes = 0;
    for (auto _ : state) {
        report_bytes = 0;
        auto writer = report::make_writer(report::format::json, [&](std::string_view s) { report_bytes += s.size(); });
        writer->begin(listed);
        report::run_summary run;
        std::vector<rules::finding> out;
        findings = 0;
        auto evaluate = [&](const std::vector<entity::entity>& all) {
            for (const auto& e : all) set.evaluate(e, ctx, out);
            run.entities += all.size();
            findings += out.size();
            writer->add(out);
            out.clear();
        };
        if (pages) {
            // as `iamguard scan` evaluates joined inputs: each entity leaves a digest for the
            // aggregates, and its findings are written per chunk of 256 entities, as the CLI's
            // jobs do. Each entity is then freed (while its nodes are still in the cache): the
            // CLI, which exits after the report, does not free them, but a host that scans
            // accounts one after another must, so the benchmark pays for it.
            constexpr std::size_t chunk = 256;
            auto loaded = load_pages(c, 1, combined);
            rules::aggregate_state digests(set, ctx);
            for (std::size_t i = 0; i < loaded.entities.size(); ++i) {
                if (i % chunk == 0) {  // as the CLI reserves for each chunk
                    std::size_t most = 0;
                    for (std::size_t k = i; k < std::min(i + chunk, loaded.entities.size()); ++k)
                        most += set.max_findings(loaded.entities[k].type);
                    out.reserve(most);
                }
                entity::entity& e = loaded.entities[i];
                set.evaluate(e, ctx, out);
                digests.add(std::move(e));
                entity::entity spent = std::move(e);
                if ((i + 1) % chunk == 0 || i + 1 == loaded.entities.size()) {
                    findings += out.size();
                    writer->add(out);
                    out.clear();
                }
            }
            run.entities += loaded.entities.size();
            digests.evaluate(out);
        } else {
            // as `iamguard scan` streams: each line's entities leave a digest for the aggregates
            rules::aggregate_state digests(set, ctx);
            load_lines(c, [&](entity::load_result& r) {
                evaluate(r.entities);
                for (auto& e : r.entities) digests.add(std::move(e));
            }, combined);
            digests.evaluate(out);
        }
        findings += out.size();
        writer->add(out);
        writer->end(run);
    }
    set_bytes(state, pages);
    state.counters["findings"] = static_cast<double>(findings);
    state.counters["report_MB"] = static_cast<double>(report_bytes) / 1e6;
}

const std::vector<entity::entity>& loaded_entities() {
    static const std::vector<entity::entity> all = load_pages(data()).entities;
    return all;
}

void BM_pack(benchmark::State& state) {
    const auto& all = loaded_entities();
    const auto& set = pack();
    const auto ctx = context();
    std::vector<rules::finding> out;
    for (auto _ : state) {
        out.clear();
        for (const auto& e : all) set.evaluate(e, ctx, out);
        set.evaluate_aggregates(all, ctx, out);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["entities"] = static_cast<double>(all.size());
    state.counters["findings"] = static_cast<double>(out.size());
}

void BM_rule(benchmark::State& state, const std::filesystem::path& file) {
    const auto set = compile_pack({file});
    const auto& all = loaded_entities();
    const auto ctx = context();
    std::vector<rules::finding> out;
    for (auto _ : state) {
        out.clear();
        for (const auto& e : all) set.evaluate(e, ctx, out);
        set.evaluate_aggregates(all, ctx, out);
        benchmark::DoNotOptimize(out.data());
    }
    std::size_t failed = 0;
    for (const auto& f : out) failed += f.result == rules::outcome::fail ? 1 : 0;
    state.counters["findings"] = static_cast<double>(out.size());
    state.counters["failed"] = static_cast<double>(failed);
}

}  // namespace

int main(int argc, char** argv) {
    // --corpus DIR is ours; the rest goes to Google Benchmark.
    std::vector<char*> rest;
    for (int i = 0; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--corpus" && i + 1 < argc) {
            corpus_dir = argv[++i];
        } else if (a.rfind("--corpus=", 0) == 0) {
            corpus_dir = std::string(a.substr(9));
        } else {
            rest.push_back(argv[i]);
        }
    }
    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    for (bool pages : {true, false}) {
        const char* form = pages ? "pages" : "jsonl";
        benchmark::RegisterBenchmark((std::string("BM_nlohmann_parse/") + form).c_str(), BM_nlohmann_parse, pages)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((std::string("BM_simdjson_parse/") + form).c_str(), BM_simdjson_parse, pages)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((std::string("BM_load/") + form).c_str(), BM_load, pages, false)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((std::string("BM_load/") + form + "/all_joins").c_str(), BM_load, pages, true)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((std::string("BM_scan/") + form).c_str(), BM_scan, pages, true)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((std::string("BM_scan_per_entity_rules/") + form).c_str(), BM_scan, pages, false)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("BM_load/pages/threads:2", BM_load_threads, 2u)->Unit(benchmark::kMillisecond)->UseRealTime();
    benchmark::RegisterBenchmark("BM_pack", BM_pack)->Unit(benchmark::kMillisecond);
    for (const auto& f : rule_files())
        benchmark::RegisterBenchmark(("BM_rule/" + f.stem().string()).c_str(), BM_rule, f)->Unit(benchmark::kMillisecond);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
