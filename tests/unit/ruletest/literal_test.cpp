// SPDX-License-Identifier: Apache-2.0
// literal_test.cpp: the GSL-literal versions of the seed rules (CloudGuard D9.AWS.IAM.86 as
// published, D9.AWS.IAM.61 as published, and a literal external-ID/MFA check in its style) run over
// the test cases of the IAM-aware rules. The cases' expectations say what IAM actually allows (the
// pack test checks that iamguard's rules meet them); every verdict where a literal rule disagrees
// goes into the table of dsl/rules/README.md, which this test generates.
#include <boost/test/unit_test.hpp>

#include <map>
#include <sstream>

#include <iamguard/analysis/functions.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_test.hpp>

#include "docs_section.hpp"
#include "test_paths.hpp"

namespace rules = iamguard::rules;
namespace fs = std::filesystem;

namespace {

const fs::path pack = IAMGUARD_PACK_DIR;

// As published (../shared/seeds/002_*.txt, "GSL LOGIC"), misspelt `iam:ResyncMFADevicem` included.
const std::string iam86_logic =
    "IamPolicy where attachmentCount >0 should not have document.Statement contain [ Effect='Allow' and "
    "(Action='iam:DeactivateMFADevice' or Action='iam:EnableMFADevice' or Action='iam:ResyncMFADevicem' or "
    "Action='iam:DeleteVirtualMFADevice' or Action='iam:CreateVirtualMFADevice' or Action='iam:ListMFADevices' or "
    "Action='iam:ListVirtualMFADevices') ]";

// As published (../shared/conformance/gsl/gsl-rules.tsv).
const std::string iam61_logic =
    "IamRole should not have assumeRolePolicy.Statement contain-any [ Action='sts:AssumeRole' and Effect = 'Allow' "
    "and Principal.AWS regexMatch /(root)|(user)/ and (Condition.StringEquals isEmpty() and "
    "Condition.StringLike isEmpty())]";

// The seed-000 check written the literal way: every Allow statement naming an account, user or role
// must carry an `sts:ExternalId` condition or an MFA condition, spelt as the documentation spells them.
const std::string literal_extid_mfa_logic =
    "IamRole where assumeRolePolicy.Statement contain [ Effect='Allow' and Principal.AWS regexMatch "
    "/:(root|user|role|assumed-role)/ ] should have assumeRolePolicy.Statement with [ Effect='Allow' and "
    "Principal.AWS regexMatch /:(root|user|role|assumed-role)/ ] contain-all [ Condition.StringEquals.sts:ExternalId "
    "or Condition.Bool.aws:MultiFactorAuthPresent='true' ]";

struct literal_rule {
    std::string id;     // the id the literal rule is known by
    std::string logic;
    std::string pack_rule;  // the iamguard rule whose cases it runs over
};

const std::vector<literal_rule>& literal_rules() {
    static const std::vector<literal_rule> all = {
        {"D9.AWS.IAM.86", iam86_logic, "IG.IAM.003"},
        {"D9.AWS.IAM.61", iam61_logic, "IG.IAM.001"},
        {"literal external ID or MFA", literal_extid_mfa_logic, "IG.IAM.001"},
    };
    return all;
}

bool flagged(rules::test_outcome o) { return o == rules::test_outcome::fail; }

std::string cell(std::string s) {
    for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
    return s;
}

struct disagreement {
    std::string literal;
    std::string pack_rule;
    std::string case_name;
    std::string description;
    std::string entity;
    rules::test_outcome expected;
    rules::test_outcome literal_actual;
    rules::test_outcome iamguard_actual;
};

struct comparison {
    std::vector<disagreement> rows;
    std::map<std::string, std::pair<int, int>> totals;  // literal id -> (verdicts, wrong)
};

comparison compare_all() {
    comparison out;
    const auto functions = iamguard::analysis::standard_functions();
    rules::compile_options co;
    co.functions = &functions;
    for (const auto& lit : literal_rules()) {
        const std::string source = "rule " + (lit.id.find(' ') == std::string::npos ? lit.id : std::string("LITERAL.1")) +
                                   " {\n  logic: " + lit.logic + "\n}\n";
        const std::string lit_id = lit.id.find(' ') == std::string::npos ? lit.id : "LITERAL.1";
        const auto literal = rules::compile(source, lit.id, co);
        BOOST_REQUIRE_MESSAGE(literal, lit.id << " compiles");
        const fs::path rule_file = pack / (lit.pack_rule + ".rule");
        const auto semantic = rules::compile(iamguard::test::read_file(rule_file), rule_file.string(), co);
        BOOST_REQUIRE(semantic);
        const fs::path tests = pack / (lit.pack_rule + ".tests.json");
        const auto parsed = rules::parse_rule_tests(iamguard::test::read_file(tests), tests.string());
        BOOST_REQUIRE(parsed.ok());
        for (const auto& c : parsed.tests.cases) {
            if (!c.params.empty()) continue;  // literal rules have no parameters
            const std::vector<std::string> lit_ids = {lit_id};
            const std::vector<std::string> sem_ids = {lit.pack_rule};
            const auto lit_results = rules::run_case(*literal.rules, c, lit_ids);
            const auto sem_results = rules::run_case(*semantic.rules, c, sem_ids);
            BOOST_REQUIRE_EQUAL(lit_results.size(), sem_results.size());
            for (std::size_t i = 0; i < lit_results.size(); ++i) {
                rules::test_outcome expected = rules::test_outcome::skip;
                for (const auto& e : c.expect)
                    if (e.entity == lit_results[i].entity) expected = e.expected;
                if (expected == rules::test_outcome::skip && lit_results[i].actual == rules::test_outcome::skip)
                    continue;  // neither rule looks at this entity
                auto& t = out.totals[lit.id];
                ++t.first;
                if (flagged(expected) == flagged(lit_results[i].actual)) continue;
                ++t.second;
                out.rows.push_back({lit.id, lit.pack_rule, c.name, c.description, lit_results[i].entity, expected,
                                    lit_results[i].actual, sem_results[i].actual});
            }
        }
    }
    return out;
}

std::string table(const comparison& cmp) {
    std::ostringstream md;
    md << "| literal rule | case (from the tests of) | entity | IAM semantics | literal rule says | iamguard says |\n"
       << "|---|---|---|---|---|---|\n";
    for (const auto& r : cmp.rows) {
        md << "| " << r.literal << " | " << cell(r.case_name) << " (" << r.pack_rule << "): " << cell(r.description)
           << " | `" << r.entity << "` | " << (flagged(r.expected) ? "**fail**" : std::string(rules::to_string(r.expected)))
           << " | " << (flagged(r.literal_actual) ? "fail" : std::string(rules::to_string(r.literal_actual)))
           << (flagged(r.expected) ? " (missed)" : " (false alarm)") << " | "
           << (flagged(r.iamguard_actual) ? "**fail**" : std::string(rules::to_string(r.iamguard_actual))) << " |\n";
    }
    md << "\n";
    for (const auto& [id, t] : cmp.totals)
        md << "- " << id << ": wrong on " << t.second << " of " << t.first << " verdicts\n";
    return md.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(literal_versus_iam_aware)

BOOST_AUTO_TEST_CASE(the_typed_literal_rules_are_the_published_ones) {
    if (!iamguard::test::shared_available("seeds")) return;
    bool found = false;
    for (const auto& e : fs::directory_iterator(iamguard::test::shared_dir() / "seeds"))
        if (e.path().filename().string().starts_with("002_"))
            found = iamguard::test::read_file(e.path()).find(iam86_logic) != std::string::npos;
    BOOST_TEST(found);
    if (!iamguard::test::shared_available("conformance/gsl/gsl-rules.tsv")) return;
    const auto tsv = iamguard::test::read_file(iamguard::test::shared_dir() / "conformance/gsl/gsl-rules.tsv");
    BOOST_TEST(tsv.find("D9.AWS.IAM.61\t") != std::string::npos);
    BOOST_TEST(tsv.find(iam61_logic) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(iamguard_is_right_wherever_a_literal_rule_is_wrong) {
    const auto cmp = compare_all();
    for (const auto& r : cmp.rows)
        BOOST_TEST((r.iamguard_actual == r.expected), r.pack_rule << " `" << r.case_name << "` " << r.entity);
    // the literal rules are fooled by the syntactic variants the issue names
    auto wrong = [&](const std::string& lit, const std::string& case_name) {
        return std::any_of(cmp.rows.begin(), cmp.rows.end(),
                           [&](const disagreement& d) { return d.literal == lit && d.case_name == case_name; });
    };
    BOOST_TEST(wrong("D9.AWS.IAM.86", "iam:*"));
    BOOST_TEST(wrong("D9.AWS.IAM.86", "all actions"));
    BOOST_TEST(wrong("D9.AWS.IAM.86", "NotAction s3:*"));
    BOOST_TEST(wrong("D9.AWS.IAM.86", "misspelt action"));
    BOOST_TEST(wrong("literal external ID or MFA", "BoolIfExists MFA present") == false);
    BOOST_TEST(wrong("literal external ID or MFA", "lowercase sts:externalid"));
    BOOST_TEST(wrong("literal external ID or MFA", "Deny without MFA"));
    BOOST_TEST(wrong("D9.AWS.IAM.61", "StringLike external id *"));
}

BOOST_AUTO_TEST_CASE(the_readme_table_is_generated) {
    const fs::path readme = pack / "README.md";
    const std::string generated = table(compare_all());
    if (iamguard::test::updating_docs()) {
        BOOST_REQUIRE(iamguard::test::write_section(readme, "literal-vs-iamguard", generated));
        return;
    }
    BOOST_TEST(iamguard::test::read_section(readme, "literal-vs-iamguard") == generated,
               "dsl/rules/README.md is out of date: run test_ruletest with IAMGUARD_UPDATE_DOCS=1");
}

BOOST_AUTO_TEST_SUITE_END()
