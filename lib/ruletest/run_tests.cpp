// SPDX-License-Identifier: Apache-2.0
// run_tests.cpp: running the tests that ship beside rules, case by case.
#include <iamguard/rules/rule_test.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include <iamguard/rules/compile.hpp>

namespace iamguard::rules {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view tests_suffix = ".tests.json";

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::optional<std::string> read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return ss.str();
}

diagnostic make_diag(severity level, std::string_view code, std::string file, std::string message) {
    diagnostic d;
    d.level = level;
    d.code = std::string(code);
    d.file = std::move(file);
    d.message = std::move(message);
    return d;
}

bool names_entity(const entity::entity& e, std::string_view key) {
    if (e.name == key) return true;
    return std::string(entity::to_string(e.type)) + ":" + e.name == key;
}

test_outcome outcome_of(outcome o) {
    switch (o) {
        case outcome::pass: return test_outcome::pass;
        case outcome::fail: return test_outcome::fail;
        case outcome::error: return test_outcome::error;
    }
    return test_outcome::error;
}

// One unit of work: a rule file and its tests file (either may be missing).
struct pairing {
    std::string rule_file;
    std::string tests_file;
};

std::vector<pairing> collect(const std::vector<fs::path>& paths, std::vector<diagnostic>& diags) {
    std::map<std::string, pairing> by_stem;  // sorted: stable output order
    auto add_file = [&](const fs::path& p) {
        const std::string s = p.string();
        if (ends_with(s, tests_suffix)) {
            const std::string stem = s.substr(0, s.size() - tests_suffix.size());
            by_stem[stem].tests_file = s;
            std::error_code ec;
            if (by_stem[stem].rule_file.empty() && fs::exists(stem + ".rule", ec)) by_stem[stem].rule_file = stem + ".rule";
        } else {
            const std::string stem = p.extension() == ".rule" ? s.substr(0, s.size() - 5) : s;
            by_stem[stem].rule_file = s;
            std::error_code ec;
            if (by_stem[stem].tests_file.empty() && fs::exists(stem + std::string(tests_suffix), ec))
                by_stem[stem].tests_file = stem + std::string(tests_suffix);
        }
    };
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
                if (!it->is_regular_file(ec)) continue;
                const std::string s = it->path().string();
                if (it->path().extension() == ".rule" || ends_with(s, tests_suffix)) add_file(it->path());
            }
            if (ec) diags.push_back(make_diag(severity::error, test_codes::unreadable, path.string(),
                                              "cannot read directory: " + ec.message()));
        } else if (fs::exists(path, ec)) {
            add_file(path);
        } else {
            diags.push_back(make_diag(severity::error, test_codes::unreadable, path.string(), "no such file or directory"));
        }
    }
    std::vector<pairing> out;
    for (auto& [_, p] : by_stem) out.push_back(std::move(p));
    return out;
}

class runner {
public:
    runner(const test_run_options& opts, test_report& report) : opts_(opts), report_(report) {}

    void run(const pairing& p) {
        if (p.rule_file.empty()) {
            report_.diagnostics.push_back(make_diag(severity::error, test_codes::unreadable, p.tests_file,
                                                    "no rule file beside the tests file (expected `" +
                                                        p.tests_file.substr(0, p.tests_file.size() - tests_suffix.size()) +
                                                        ".rule`)"));
            return;
        }
        ++report_.rule_files;
        const auto source = read_text(p.rule_file);
        if (!source) {
            report_.diagnostics.push_back(make_diag(severity::error, test_codes::unreadable, p.rule_file, "cannot read the rule file"));
            return;
        }
        compile_options co;
        co.functions = opts_.functions;
        auto compiled = compile(*source, p.rule_file, co);
        append(compiled.diagnostics);
        if (!compiled) return;
        if (p.tests_file.empty()) {
            report_.diagnostics.push_back(make_diag(severity::warning, test_codes::no_tests, p.rule_file,
                                                    "the rules of this file have no tests (expected `" +
                                                        p.rule_file.substr(0, p.rule_file.size() - 5) +
                                                        std::string(tests_suffix) + "` beside it)"));
            ++report_.failed;
            return;
        }
        const auto text = read_text(p.tests_file);
        if (!text) {
            report_.diagnostics.push_back(make_diag(severity::error, test_codes::unreadable, p.tests_file, "cannot read the tests file"));
            return;
        }
        auto parsed = parse_rule_tests(*text, p.tests_file);
        append(parsed.diagnostics);
        std::set<std::string> ids;
        for (const auto& r : compiled.rules->rules()) ids.insert(r.id);
        for (auto& c : parsed.tests.cases) run_case_checked(*source, p.rule_file, *compiled.rules, ids, c, parsed.tests.file);
    }

private:
    void append(std::vector<diagnostic>& diags) {
        for (auto& d : diags) report_.diagnostics.push_back(std::move(d));
    }

    void run_case_checked(const std::string& source, const std::string& rule_file, const rule_set& base,
                          const std::set<std::string>& ids, test_case& c, const std::string& tests_file) {
        std::vector<std::string> rule_ids = c.rule_ids;
        if (rule_ids.empty()) rule_ids.assign(ids.begin(), ids.end());
        for (const auto& id : rule_ids) {
            if (ids.count(id) == 0) {
                diagnostic d = make_diag(severity::error, test_codes::unknown_rule, tests_file,
                                         "case `" + c.name + "` names rule `" + id + "`, which `" + rule_file +
                                             "` does not define");
                d.pos = c.pos;
                report_.diagnostics.push_back(std::move(d));
                ++report_.failed;
                return;
            }
        }
        std::optional<compile_result> with_params;
        const rule_set* rules = &base;
        if (!c.params.empty()) {
            compile_options co;
            co.functions = opts_.functions;
            co.params = c.params;
            with_params = compile(source, rule_file, co);
            for (auto& d : with_params->diagnostics) {
                d.message += " (with the parameters of case `" + c.name + "`)";
                report_.diagnostics.push_back(std::move(d));
            }
            if (!*with_params) {
                ++report_.failed;
                return;
            }
            rules = &*with_params->rules;
        }
        const auto results = run_case(*rules, c, rule_ids);
        bool ok = true;
        auto fail = [&](const entity_result& r, test_outcome expected, source_pos at) {
            ok = false;
            report_.failures.push_back(
                {r.rule_id, c.name, tests_file, at, r.entity, expected, r.actual, r.message, r.evidence});
        };
        for (const auto& r : results) {
            const test_expectation* e = nullptr;
            for (const auto& x : c.expect) {
                const bool match = x.entity == r.entity ||
                                   std::any_of(c.entities.begin(), c.entities.end(), [&](const entity::entity& en) {
                                       return names_entity(en, x.entity) &&
                                              (en.name == r.entity ||
                                               std::string(entity::to_string(en.type)) + ":" + en.name == r.entity);
                                   });
                if (match) {
                    e = &x;
                    break;
                }
            }
            const test_outcome expected = e != nullptr ? e->expected : test_outcome::skip;
            if (r.actual != expected) fail(r, expected, e != nullptr ? e->pos : c.pos);
        }
        // an expected aggregate finding that did not come
        for (const auto& x : c.expect) {
            if (!x.entity.starts_with("List<") || x.expected == test_outcome::skip) continue;
            for (const auto& id : rule_ids) {
                const bool seen = std::any_of(results.begin(), results.end(),
                                              [&](const entity_result& r) { return r.rule_id == id && r.entity == x.entity; });
                if (!seen) fail({id, x.entity, test_outcome::skip, {}, {}}, x.expected, x.pos);
            }
        }
        ++(ok ? report_.passed : report_.failed);
    }

    const test_run_options& opts_;
    test_report& report_;
};

}  // namespace

std::vector<entity_result> run_case(const rule_set& rules, const test_case& c, std::span<const std::string> rule_ids) {
    eval_context ctx;
    ctx.now = c.now;
    std::vector<finding> findings;
    for (const auto& e : c.entities) rules.evaluate(e, ctx, findings);
    rules.evaluate_aggregates(c.entities, ctx, findings);
    std::vector<entity_result> out;
    for (const auto& id : rule_ids) {
        // entities named twice (a role and a user both called `x`) are told apart by their type
        std::map<std::string, int> seen;
        for (const auto& e : c.entities) ++seen[e.name];
        for (const auto& e : c.entities) {
            entity_result r;
            r.rule_id = id;
            r.entity = seen[e.name] > 1 ? std::string(entity::to_string(e.type)) + ":" + e.name : e.name;
            for (const auto& f : findings) {
                if (f.rule == nullptr || f.rule->id != id || f.entity_type != e.type || f.entity_name != e.name) continue;
                r.actual = outcome_of(f.result);
                r.message = f.message;
                r.evidence = f.evidence;
                break;
            }
            out.push_back(std::move(r));
        }
        for (const auto& f : findings) {
            if (f.rule == nullptr || f.rule->id != id || !f.entity_name.starts_with("List<")) continue;
            out.push_back({id, f.entity_name, outcome_of(f.result), f.message, f.evidence});
        }
    }
    return out;
}

test_report run_rule_tests(const std::vector<std::filesystem::path>& paths, const test_run_options& opts) {
    test_report report;
    const auto pairs = collect(paths, report.diagnostics);
    runner r(opts, report);
    for (const auto& p : pairs) r.run(p);
    return report;
}

}  // namespace iamguard::rules
