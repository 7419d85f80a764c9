// SPDX-License-Identifier: Apache-2.0
// cmd_compile.cpp: `iamguard compile [--syntax-only] [--params FILE] [--list] PATH...`: check rule
// files and report every diagnostic with a caret under the problem.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <iamguard/rules/compile.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace iamguard::cli {
namespace {

struct compile_cli_options {
    std::vector<std::string> paths;
    std::string params_file;
    bool syntax_only = false;
    bool skip_unknown = false;
    bool list = false;
};

std::string colour_of(severity s) {
    switch (s) {
        case severity::error: return "1;31";
        case severity::warning: return "1;33";
        case severity::note: return "1;36";
    }
    return "0";
}

int run_compile(const compile_cli_options& o) {
    const bool colour = use_colour(1);
    rules::compile_options opts;
    opts.syntax_only = o.syntax_only;
    opts.skip_unknown_entities = o.skip_unknown;
    std::size_t errors = 0, warnings = 0, files = 0, compiled_rules = 0;
    bool unreadable = false;
    auto print = [&](diagnostic d, std::string_view source) {
        (d.level == severity::error ? errors : warnings) += 1;
        std::string text = render(d, source);
        if (colour) {
            const std::string word = std::string(to_string(d.level)) + "[" + d.code + "]";
            if (const auto at = text.find(word); at != std::string::npos)
                text.replace(at, word.size(), paint(word, colour_of(d.level), true));
        }
        std::cout << text;
    };
    std::string params_text;
    if (!o.params_file.empty()) {
        std::string why;
        const auto text = read_input(o.params_file, why);
        if (!text) {
            std::cerr << "iamguard compile: " << why << '\n';
            return 2;
        }
        params_text = *text;
        std::vector<diagnostic> diags;
        opts.params = rules::load_parameters(params_text, display_name(o.params_file), diags);
        for (auto& d : diags) print(std::move(d), params_text);
    }
    std::vector<rules::rule_set> compiled;  // with --params, every file's: to find the parameters none uses
    std::map<std::string, std::string> first_seen;  // rule id -> file:line, across files
    for (const auto& path : o.paths) {
        std::string listing;
        const auto expanded = expand_directory(path, rule_extensions, listing);
        if (!listing.empty()) std::cerr << "iamguard compile: " << path << ": " << listing << '\n';
        for (const auto& input : expanded) {
            const std::string file = display_name(input);
            std::string why;
            const auto text = read_input(input, why);
            if (!text) {
                std::cerr << "iamguard compile: " << why << '\n';
                unreadable = true;
                continue;
            }
            ++files;
            auto res = rules::compile(*text, file, opts);
            for (const auto& d : res.diagnostics) print(d, *text);
            if (!res) continue;
            for (const auto& info : res.rules->rules()) {
                const std::string where = file + ":" + std::to_string(info.pos.line);
                if (auto [it, fresh] = first_seen.emplace(info.id, where); !fresh) {
                    diagnostic d;
                    d.code = std::string(rules::codes::duplicate_rule);
                    d.file = file;
                    d.pos = info.pos;
                    d.message = "duplicate rule id `" + info.id + "`";
                    d.help = "first defined at " + it->second;
                    print(d, *text);
                    continue;
                }
                ++compiled_rules;
                if (o.list) {
                    std::cout << info.id << "  " << rules::to_string(info.severity) << "  " << info.title << '\n';
                }
            }
            if (!o.params_file.empty()) compiled.push_back(std::move(*res.rules));
        }
    }
    if (!o.params_file.empty() && errors == 0) {
        std::vector<const rules::rule_set*> sets;
        for (const auto& set : compiled) sets.push_back(&set);
        for (auto& d : rules::unused_parameters(opts.params, sets)) print(std::move(d), params_text);
    }
    std::cout << files << " file" << (files == 1 ? "" : "s") << ", " << compiled_rules << " rule"
              << (compiled_rules == 1 ? "" : "s") << " compiled" << (o.syntax_only ? " (syntax only)" : "") << ", "
              << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
              << (warnings == 1 ? "" : "s") << '\n';
    if (unreadable) return 2;
    return errors > 0 ? 1 : 0;
}

}  // namespace

void add_compile_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<compile_cli_options>();
    auto* cmd = app.add_subcommand("compile", "Check .rule files (or bare GSL lines) and report diagnostics");
    cmd->add_option("paths", opts->paths, "Rule files or directories (searched for *.rule); - for stdin")->required();
    cmd->add_flag("--syntax-only", opts->syntax_only,
                  "Parse only: accept entity types and functions iamguard does not model");
    cmd->add_flag("--skip-unknown-types", opts->skip_unknown,
                  "Check rules on modelled types fully; rules on other types only warn (R020) and never run");
    cmd->add_option("--params", opts->params_file, "Parameter file (JSON or YAML) overriding rule defaults");
    cmd->add_flag("--list", opts->list, "Print the id, severity and title of every compiled rule");
    cmd->callback([opts, &exit_code] { exit_code = run_compile(*opts); });
}

}  // namespace iamguard::cli
