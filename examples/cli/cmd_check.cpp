// SPDX-License-Identifier: Apache-2.0
// cmd_check.cpp: `iamguard check [--kind K] FILE...`: parse and validate policy documents.
#include <iostream>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include <iamguard/policy/parse.hpp>
#include <iamguard/policy/print.hpp>
#include <iamguard/policy/validate.hpp>

#include "commands.hpp"
#include "io.hpp"

namespace iamguard::cli {
namespace {

struct check_options {
    std::string kind = "auto";
    std::vector<std::string> files;
    bool lenient = false;
    bool quiet = false;
    bool print_normalized = false;
    bool exit_zero = false;
};

std::string severity_colour(severity s) {
    switch (s) {
        case severity::error: return "1;31";
        case severity::warning: return "1;33";
        case severity::note: return "1;36";
    }
    return "0";
}

int run_check(const check_options& o) {
    const bool infer = o.kind == "auto";
    const auto kind = infer ? std::optional<policy::policy_kind>{} : policy::parse_policy_kind(o.kind);
    if (!infer && !kind) {
        std::cerr << "iamguard check: unknown --kind `" << o.kind
                  << "` (expected auto, identity, trust, resource, boundary, session, scp or rcp)\n";
        return 2;
    }
    const bool colour = use_colour(1);
    std::size_t errors = 0, warnings = 0, bad_policies = 0, unreadable = 0;
    for (const auto& path : o.files) {
        const std::string file = display_name(path);
        std::string why;
        const auto text = read_input(path, why);
        if (!text) {
            std::cerr << "iamguard check: " << why << '\n';
            ++unreadable;
            continue;
        }
        policy::parse_options po;
        po.lenient_principal_string = o.lenient;
        auto r = policy::parse(*text, po);
        if (r.doc) {
            // Structural diagnostics first, then those of the kind (given or inferred).
            const auto k = kind ? *kind : policy::infer_kind(*r.doc);
            auto more = policy::validate(*r.doc, k);
            r.diagnostics.insert(r.diagnostics.end(), more.begin(), more.end());
            if (infer) {
                const auto name = policy::to_string(k);
                std::cout << file << ": checked as " << (name == "identity" ? "an " : "a ") << name << " policy\n";
            }
        }
        bool policy_has_error = false;
        for (auto d : r.diagnostics) {
            d.file = file;
            if (d.level == severity::error) {
                ++errors;
                policy_has_error = true;
            } else if (d.level == severity::warning) {
                ++warnings;
            }
            if (o.quiet && d.level != severity::error) continue;
            std::string rendered = render(d, *text);
            if (colour) {
                // Colour only the "severity[CODE]" word of the first line.
                const std::string tag = std::string(to_string(d.level)) + "[" + d.code + "]";
                const auto at = rendered.find(tag);
                if (at != std::string::npos) rendered.replace(at, tag.size(), paint(tag, severity_colour(d.level), true));
            }
            std::cout << rendered;
        }
        if (policy_has_error) ++bad_policies;
        if (o.print_normalized && r.doc) std::cout << policy::print(*r.doc, {.pretty = true, .normalized = true});
    }
    std::cout << o.files.size() - unreadable << " polic" << (o.files.size() - unreadable == 1 ? "y" : "ies")
              << " checked: " << bad_policies << " with errors, " << errors << " error"
              << (errors == 1 ? "" : "s") << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
    if (unreadable > 0) std::cout << ", " << unreadable << " unreadable";
    std::cout << '\n';
    if (unreadable > 0) return 2;
    return (bad_policies > 0 && !o.exit_zero) ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<check_options>();
    auto* cmd = app.add_subcommand("check", "Parse and validate IAM policy documents, printing located diagnostics");
    cmd->add_option("--kind", opts->kind,
                    "Policy kind: auto (inferred per file), identity, trust, resource, boundary, session, scp, rcp")
        ->capture_default_str();
    cmd->add_flag("--lenient", opts->lenient, "Accept \"Principal\": \"arn:...\" (a warning instead of an error)");
    cmd->add_flag("-q,--quiet", opts->quiet, "Print errors only");
    cmd->add_flag("--print", opts->print_normalized, "Also print each policy in normalised form");
    cmd->add_flag("--exit-zero", opts->exit_zero, "Exit 0 even when policies have errors (unreadable files still exit 2)");
    cmd->add_option("FILE", opts->files, "Policy files (JSON, a JSON string, or URL-encoded; - for stdin)")->required();
    cmd->callback([opts, &exit_code] { exit_code = run_check(*opts); });
}

}  // namespace iamguard::cli
