// SPDX-License-Identifier: Apache-2.0
// 03_stream_json_lines.cpp: scan a JSON Lines stream of any length in bounded memory. Each line
// is loaded, checked by the per-entity rules and dropped; the aggregate rules (`List<T>`) keep
// only a digest of what they need (aggregate_state), evaluated once at the end.
// Usage: 03_stream_json_lines RULES_DIR FILE.jsonl   (e.g. what `iamguard entities` writes)
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/rules/aggregate_state.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace {

void print_failures(const std::vector<iamguard::rules::finding>& findings, std::size_t& failed) {
    for (const auto& f : findings) {
        if (f.result != iamguard::rules::outcome::fail) continue;
        ++failed;
        std::cout << f.rule->id << ' ' << iamguard::rules::to_string(f.rule->severity) << ' '
                  << iamguard::entity::to_string(f.entity_type) << ' ' << f.entity_name << " line "
                  << f.location.pos.line << ": " << f.message << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: 03_stream_json_lines RULES_DIR FILE.jsonl\n";
        return 2;
    }
    const auto compiled = iamguard::rules::compile_paths({argv[1]});
    for (const auto& d : compiled.diagnostics) std::cerr << iamguard::render_short(d) << '\n';
    if (!compiled) return 2;
    const iamguard::rules::rule_set& rules = *compiled.rules;

    std::ifstream in(argv[2], std::ios::binary);
    if (!in) {
        std::cerr << argv[2] << ": cannot open\n";
        return 2;
    }
    iamguard::entity::load_options lo;
    lo.format = iamguard::entity::input_format::canonical;
    lo.join = false;  // each line already carries its joins
    lo.combined_policies = rules.reads_field("combinedPolicies");  // else dropped unparsed

    iamguard::rules::eval_context ctx;
    ctx.now = *iamguard::rules::parse_date("2024-06-30T00:00:00Z");
    iamguard::rules::aggregate_state aggregates(rules, ctx);
    std::vector<iamguard::rules::finding> findings;
    std::size_t entities = 0, failed = 0;
    std::uint32_t line_no = 0, offset = 0;
    for (std::string line; std::getline(in, line); offset += static_cast<std::uint32_t>(line.size() + 1)) {
        ++line_no;
        auto loaded = iamguard::entity::load(line, argv[2], lo);
        for (const auto& d : loaded.diagnostics) std::cerr << "line " << line_no << ": " << iamguard::render_short(d) << '\n';
        for (auto& e : loaded.entities) {
            findings.clear();
            rules.evaluate(e, ctx, findings);
            for (auto& f : findings) f.location.pos.line = line_no;  // the line in the whole file
            print_failures(findings, failed);
            aggregates.add(std::move(e), line_no - 1, offset);  // a digest; the entity goes
            ++entities;
        }
    }
    findings.clear();
    aggregates.evaluate(findings);
    print_failures(findings, failed);
    std::cout << entities << " entities, " << failed << " failed; the aggregates kept " << aggregates.kept()
              << " digests\n";
    return 0;
}
