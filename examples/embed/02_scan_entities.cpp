// SPDX-License-Identifier: Apache-2.0
// 02_scan_entities.cpp: compile rules once, load entities from what the host has, evaluate.
// Usage: 02_scan_entities RULES_DIR INPUT...
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/functions.hpp>
#include <iamguard/rules/rule_set.hpp>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: 02_scan_entities RULES_DIR INPUT...\n";
        return 2;
    }
    iamguard::rules::compile_options opts;
    opts.params.set("trustedAccounts", {std::vector<std::string>{"444455556666"}});  // host-set parameter
    const auto compiled = iamguard::rules::compile_paths({argv[1]}, opts);  // once, at start-up
    for (const auto& d : compiled.diagnostics) std::cerr << iamguard::render_short(d) << '\n';
    if (!compiled) return 2;

    std::vector<std::filesystem::path> inputs(argv + 2, argv + argc);
    iamguard::entity::load_options lo;
    lo.combined_policies = compiled.rules->reads_field("combinedPolicies");  // build only what the rules read
    const auto loaded = iamguard::entity::load_files(inputs, lo);  // adapter chosen by content
    for (const auto& d : loaded.diagnostics) std::cerr << iamguard::render_short(d) << '\n';

    iamguard::rules::eval_context ctx;
    ctx.now = *iamguard::rules::parse_date("2024-06-30T00:00:00Z");  // reproducible date rules
    std::vector<iamguard::rules::finding> findings;
    for (const auto& e : loaded.entities) compiled.rules->evaluate(e, ctx, findings);  // const, thread-safe
    compiled.rules->evaluate_aggregates(loaded.entities, ctx, findings);

    std::size_t failed = 0;
    for (const auto& f : findings) {
        if (f.result != iamguard::rules::outcome::fail) continue;
        ++failed;
        std::cout << f.rule->id << ' ' << iamguard::rules::to_string(f.rule->severity) << ' '
                  << iamguard::entity::to_string(f.entity_type) << ' ' << f.entity_name << ": " << f.message << '\n';
    }
    std::cout << findings.size() << " findings, " << failed << " failed\n";
    return 0;
}
