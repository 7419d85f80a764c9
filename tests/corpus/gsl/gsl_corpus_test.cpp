// SPDX-License-Identifier: Apache-2.0
// gsl_corpus_test.cpp: compatibility with 315 published GSL rules (../shared/conformance/gsl).
//
// Every rule parses with syntax_only (the only warning allowed is R005, CloudGuard's tolerated
// unbalanced `)` at the end). Rules on entity types iamguard models also compile against the
// schema and evaluate on an entity of their type without an error outcome.
#define BOOST_TEST_MODULE corpus_gsl
#include <boost/test/unit_test.hpp>

#include <sstream>

#include <iamguard/entity/entity.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/rules/compile.hpp>

#include "test_paths.hpp"

namespace rules = iamguard::rules;

namespace {

struct row {
    std::string id;
    std::string logic;
};

std::vector<row> load() {
    const std::string text = iamguard::test::read_file(iamguard::test::shared_dir() / "conformance/gsl/gsl-rules.tsv");
    std::vector<row> rows;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto t1 = line.find('\t');
        const auto t2 = line.find('\t', t1 + 1);
        const auto t3 = line.find('\t', t2 + 1);
        if (t1 == std::string::npos || t2 == std::string::npos) continue;
        rows.push_back({line.substr(0, t1), line.substr(t2 + 1, t3 == std::string::npos ? std::string::npos : t3 - t2 - 1)});
    }
    return rows;
}

std::string dump(const std::vector<iamguard::diagnostic>& diags, const std::string& source) {
    std::string out;
    for (const auto& d : diags) out += iamguard::render(d, source);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_published_rule_parses_with_syntax_only) {
    if (!iamguard::test::shared_available("conformance/gsl/gsl-rules.tsv")) return;
    const auto rows = load();
    BOOST_TEST(rows.size() == 315u);
    std::size_t warned = 0;
    for (const auto& r : rows) {
        rules::compile_options o;
        o.syntax_only = true;
        const auto res = rules::compile(r.logic, r.id, o);
        BOOST_TEST(static_cast<bool>(res), r.id << " does not parse:\n" << dump(res.diagnostics, r.logic));
        for (const auto& d : res.diagnostics) {
            BOOST_TEST(d.code == "R005", r.id << ": unexpected " << iamguard::render_short(d));
            ++warned;
            BOOST_TEST_MESSAGE(r.id << ": " << iamguard::render_short(d));
        }
        if (res) BOOST_TEST(res.rules->size() == 1u);
    }
    BOOST_TEST_MESSAGE(rows.size() << " rules parsed, " << warned << " with a warning");
}

BOOST_AUTO_TEST_CASE(rules_on_modelled_types_compile_and_evaluate) {
    if (!iamguard::test::shared_available("conformance/gsl/gsl-rules.tsv")) return;
    std::size_t modelled = 0;
    for (const auto& r : load()) {
        const auto parsed = rules::parse(r.logic, r.id);
        if (parsed.rules.size() != 1u) continue;
        const auto type = iamguard::entity::parse_entity_type(parsed.rules[0].body.subject.name);
        if (!type) continue;
        ++modelled;
        const auto res = rules::compile(r.logic, r.id);
        BOOST_TEST(static_cast<bool>(res), r.id << " does not compile against the schema:\n"
                                                << dump(res.diagnostics, r.logic));
        if (!res) continue;
        // an entity with no fields: every rule must still give pass or fail (missing data is not an error)
        iamguard::entity::entity e;
        e.type = *type;
        e.name = "empty";
        e.fields = iamguard::json::parse("{}").root;
        std::vector<rules::finding> out;
        rules::eval_context ctx;
        res.rules->evaluate(e, ctx, out);
        for (const auto& f : out) BOOST_TEST((f.result != rules::outcome::error), r.id << ": " << f.message);
    }
    BOOST_TEST_MESSAGE(modelled << " rules on modelled entity types compiled");
    BOOST_TEST(modelled > 30u);
}
