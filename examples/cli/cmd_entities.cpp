// SPDX-License-Identifier: Apache-2.0
// cmd_entities.cpp: `iamguard entities INPUT...`: load inputs with the adapters and print the
// entities the rules will see, as canonical JSON Lines or as a summary table. The inputs of several
// accounts are loaded account by account, like `iamguard scan` does (account_units.hpp).
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>

#include "account_units.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "unit_inputs.hpp"

namespace iamguard::cli {
namespace {

struct entities_options {
    std::vector<std::string> inputs;
    std::string format = "jsonl";
    std::string input_format;
    std::string account_id;
    std::vector<std::string> types;
    bool no_join = false;
    bool quiet = false;
    unsigned threads = 0;  // 0: one per core
};

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

void print_table(const std::vector<entity::entity>& list) {
    std::size_t wname = 4, wfrom = 4;
    std::vector<std::string> from(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        from[i] = e.from.file + ":" + std::to_string(e.from.pos.line);
        wname = std::max(wname, e.name.size());
        wfrom = std::max(wfrom, from[i].size());
    }
    wname = std::min<std::size_t>(wname, 60);
    std::cout << pad("TYPE", 8) << "  " << pad("NAME", wname) << "  " << pad("ACCOUNT", 12) << "  " << "POLICIES"
              << "  " << "FROM" << '\n';
    std::map<std::string, std::size_t> counts;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        ++counts[std::string(entity::to_string(e.type))];
        std::cout << pad(std::string(entity::to_string(e.type)), 8) << "  " << pad(e.name, wname) << "  "
                  << pad(e.account_id.empty() ? "-" : e.account_id, 12) << "  " << pad(std::to_string(e.policies.size()), 8)
                  << "  " << from[i] << '\n';
    }
    std::cout << list.size() << " entit" << (list.size() == 1 ? "y" : "ies");
    const char* sep = ": ";
    for (const char* t : {"Account", "Role", "User", "Group", "Policy"}) {
        if (counts.count(t) == 0) continue;
        std::cout << sep << counts[t] << ' ' << t;
        sep = ", ";
    }
    std::cout << '\n';
}

int run_entities(const entities_options& o) {
    if (o.format != "jsonl" && o.format != "json" && o.format != "table") {
        std::cerr << "iamguard entities: unknown --format `" << o.format << "` (expected jsonl, json or table)\n";
        return 2;
    }
    entity::load_options lo;
    if (!o.input_format.empty()) {
        lo.format = entity::parse_input_format(o.input_format);
        if (!lo.format) {
            std::cerr << "iamguard entities: unknown --input-format `" << o.input_format
                      << "` (expected authorization-details, get-role, list-roles, credential-report, "
                         "credential-report-response, cloudformation, cloudformation-yaml, terraform-plan or canonical)\n";
            return 2;
        }
    }
    lo.account_id = o.account_id;
    lo.threads = o.threads;  // the output does not depend on it
    lo.join = !o.no_join;
    std::vector<entity::entity_type> only;
    for (const auto& t : o.types) {
        const auto parsed = entity::parse_entity_type(t);
        if (!parsed) {
            std::cerr << "iamguard entities: unknown --type `" << t << "` (expected Account, Role, User, Group or Policy)\n";
            return 2;
        }
        only.push_back(*parsed);
    }
    // The inputs are read one account at a time (account_units.hpp): an organisation's dumps
    // are converted a few hundred MB at a time, not all at once. Without joins, all together.
    bool unreadable = false;
    std::vector<std::string> files;  // a directory stands for the input files below it
    for (const auto& arg : o.inputs) {
        std::string why;
        auto below = expand_directory(arg, input_extensions, why);
        if (!why.empty()) {
            std::cerr << "iamguard entities: " << arg << ": " << why << '\n';
            unreadable = true;
        }
        for (auto& f : below) files.push_back(std::move(f));
    }
    std::vector<std::string> names;      // the readable inputs
    std::vector<account_probe> probes;   // one per name
    std::string stdin_text;              // read once, so kept whole
    for (const auto& name : files) {
        std::string why;
        auto text = name == "-" ? read_input(name, why) : read_prefix(name, account_probe_bytes, why);
        if (!text) {
            std::cerr << "iamguard entities: " << why << '\n';
            unreadable = true;
            continue;
        }
        probes.push_back(probe_account(*text, lo.format));
        if (name == "-") stdin_text = std::move(*text);
        names.push_back(name);
    }
    auto units = lo.join ? join_units(probes) : std::vector<std::vector<std::size_t>>{};
    if (units.empty()) {  // no joins, or no input: one unit (an empty table still says "0 entities")
        units.emplace_back();
        for (std::size_t i = 0; i < names.size(); ++i) units.back().push_back(i);
    }
    const bool colour = use_colour(2);
    bool errors = false;
    std::vector<entity::entity> shown;  // table and json: every unit's, printed at the end
    for (const auto& unit : units) {
        // each file read by the thread that loads it (unit_inputs.hpp)
        std::vector<unit_input> inputs;
        for (const std::size_t i : unit)
            inputs.push_back({display_name(names[i]), names[i], names[i] == "-" ? std::move(stdin_text) : std::string()});
        auto r = entity::load(load_inputs(inputs), lo);
        quoted_sources sources(inputs);
        for (const auto& d : r.diagnostics) {
            if (is_unreadable_input(d)) {
                std::cerr << "iamguard entities: " << d.file << ": " << d.message << '\n';
                unreadable = true;
                continue;
            }
            if (o.quiet && d.level != severity::error) continue;
            std::string rendered = render(d, sources.text_of(d.file));
            if (colour) {
                const std::string tag = std::string(to_string(d.level)) + "[" + d.code + "]";
                const auto at = rendered.find(tag);
                if (at != std::string::npos)
                    rendered.replace(at, tag.size(), paint(tag, d.level == severity::error ? "1;31" : "1;33", true));
            }
            std::cerr << rendered;
        }
        errors = errors || has_errors(r.diagnostics);
        std::vector<entity::entity> kept;
        for (auto& e : r.entities)
            if (only.empty() || std::find(only.begin(), only.end(), e.type) != only.end()) kept.push_back(std::move(e));
        if (o.format == "jsonl") {
            std::string line;  // a line at a time: an account's lines are about five times its pages
            for (const auto& e : kept) {
                line = entity::to_canonical_json(e);
                line += '\n';
                std::cout << line;
            }
        } else {
            for (auto& e : kept) shown.push_back(std::move(e));
        }
    }
    if (o.format == "table") {
        print_table(shown);
    } else if (o.format == "json") {
        std::cout << entity::to_canonical_document(shown);
    }
    if (unreadable) return 2;
    return errors ? 1 : 0;
}

}  // namespace

void add_entities_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<entities_options>();
    auto* cmd = app.add_subcommand("entities", "Load account data and print the entities the rules will see");
    cmd->add_option("--format", opts->format, "Output: jsonl (canonical JSON Lines), json (one document) or table")
        ->capture_default_str();
    cmd->add_option("--input-format", opts->input_format,
                    "Force the adapter instead of detecting it: authorization-details, get-role, list-roles, "
                    "credential-report, credential-report-response, cloudformation, cloudformation-yaml, "
                    "terraform-plan, canonical");
    cmd->add_option("--account-id", opts->account_id,
                    "Account of inputs that do not say (CloudFormation `AWS::AccountId`, Terraform plans)");
    // One value per --type, so that `--type Role INPUT` does not take INPUT as a second type.
    cmd->add_option("--type", opts->types, "Print only this entity type (Role, User, ...; repeatable)")
        ->allow_extra_args(false);
    cmd->add_flag("--no-join", opts->no_join, "Do not merge and join across inputs");
    cmd->add_option("-j,--threads", opts->threads, "Threads loading the inputs: reading them, then the joins (default: one per core)")
        ->check(CLI::Range(0u, 256u));
    cmd->add_flag("-q,--quiet", opts->quiet, "Print errors only (no warnings)");
    cmd->add_option("INPUT", opts->inputs,
                    "Inputs, those of one account read together: authorization details (pages), credential report, CloudFormation, "
                    "Terraform plan, canonical entities; directories of them (*.json, *.jsonl, *.ndjson, *.yaml, "
                    "*.yml, *.template, *.csv, read in path order); - for stdin")
        ->required();
    cmd->callback([opts, &exit_code] { exit_code = run_entities(*opts); });
}

}  // namespace iamguard::cli
