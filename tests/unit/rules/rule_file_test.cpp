// SPDX-License-Identifier: Apache-2.0
// rule_file_test.cpp: the .rule file format (metadata, parameters, several rules, comments) and
// compile_paths over files and directories.
#include <filesystem>
#include <fstream>

#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"

namespace rules = iamguard::rules;
namespace fs = std::filesystem;

namespace {

const char* const two_rules = R"(# Cross-account trust, the iamguard way.
rule IG.IAM.001 {
  title: 'Cross-account roles require an external ID'
  severity: critical   # the seed's risk level
  description: 'A role that another account can assume
without an external ID is open to the confused-deputy problem.'
  remediation: 'Add a `sts:ExternalId` condition; it''s free.'
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for_user_externalid.html']
  compliance: ['AWS WA SEC03-BP09', 'NIST4',]
  param trusted: list = ['111122223333']
  param minLength: number = 16
  param strict: bool = true
  param label: string = 'x'
  logic: Role where trust.Statement contain [Principal.AWS]
         should have trust.Statement with [Principal.AWS] contain-all [Condition.StringEquals.sts:ExternalId]
}

rule IG.IAM.002 { logic: User should not have firstAccessKey.isActive = true }
)";

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_file_format)

BOOST_AUTO_TEST_CASE(metadata_and_parameters_are_read) {
    const auto out = rules::parse(two_rules, "pack.rule");
    BOOST_TEST(out.diagnostics.empty(), iamguard::test::dump(out.diagnostics));
    BOOST_TEST_REQUIRE(out.rules.size() == 2u);
    const auto& r = out.rules[0];
    BOOST_TEST(r.info.id == "IG.IAM.001");
    BOOST_TEST(r.info.title == "Cross-account roles require an external ID");
    BOOST_TEST((r.info.severity == rules::rule_severity::critical));
    BOOST_TEST(r.info.description == "A role that another account can assume\nwithout an external ID is open to the confused-deputy problem.");
    BOOST_TEST(r.info.remediation == "Add a `sts:ExternalId` condition; it's free.");
    BOOST_TEST(r.info.references.size() == 1u);
    BOOST_TEST((r.info.compliance == std::vector<std::string>{"AWS WA SEC03-BP09", "NIST4"}));
    BOOST_TEST(r.info.file == "pack.rule");
    BOOST_TEST(r.info.pos.line == 2u);
    BOOST_TEST(r.info.logic.rfind("Role where trust.Statement", 0) == 0u);
    BOOST_TEST_REQUIRE(r.params.size() == 4u);
    BOOST_TEST((r.params[0].default_value == rules::param_value{std::vector<std::string>{"111122223333"}}));
    BOOST_TEST((r.params[1].default_value == rules::param_value{16.0}));
    BOOST_TEST((r.params[2].default_value == rules::param_value{true}));
    BOOST_TEST((r.params[3].default_value == rules::param_value{std::string("x")}));
    const auto& q = out.rules[1];
    BOOST_TEST(q.info.id == "IG.IAM.002");
    BOOST_TEST(q.info.title == "IG.IAM.002");  // the id stands in for a missing title
    BOOST_TEST((q.info.severity == rules::rule_severity::medium));
}

BOOST_AUTO_TEST_CASE(several_rules_compile_and_run_on_their_types) {
    const auto rs = iamguard::test::compile_ok(two_rules);
    BOOST_TEST(rs.size() == 2u);
    BOOST_TEST((rs.target(0) == iamguard::entity::entity_type::role));
    BOOST_TEST((rs.target(1) == iamguard::entity::entity_type::user));
    BOOST_TEST(!rs.is_aggregate(0));
    const auto u = iamguard::test::make_entity(iamguard::entity::entity_type::user, "u",
                                               R"({"firstAccessKey": {"isActive": true}})");
    std::vector<rules::finding> out;
    rs.evaluate(u, iamguard::test::fixed_now(), out);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    BOOST_TEST(out[0].rule->id == "IG.IAM.002");
    BOOST_TEST((out[0].result == rules::outcome::fail));
}

BOOST_AUTO_TEST_CASE(compile_paths_reads_directories_recursively_in_order) {
    const fs::path dir = fs::temp_directory_path() / "iamguard_rule_file_test";
    fs::remove_all(dir);
    fs::create_directories(dir / "sub");
    std::ofstream(dir / "b.rule") << "rule B { logic: Role should have name }\n";
    std::ofstream(dir / "sub" / "a.rule") << "rule A { logic: User should have name }\n";
    std::ofstream(dir / "notes.txt") << "not a rule\n";
    auto r = rules::compile_paths({dir});
    BOOST_TEST_REQUIRE(static_cast<bool>(r), iamguard::test::dump(r.diagnostics));
    BOOST_TEST_REQUIRE(r.rules->size() == 2u);
    BOOST_TEST(r.rules->rules()[0].id == "B");  // sorted by path: b.rule < sub/a.rule
    BOOST_TEST(r.rules->rules()[1].id == "A");
    // the same id in two files
    std::ofstream(dir / "c.rule") << "\nrule A { logic: Policy should have name }\n";
    r = rules::compile_paths({dir / "b.rule", dir / "c.rule", dir / "sub"});
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(r.diagnostics[0].code == "R010");
    BOOST_TEST(r.diagnostics[0].file == (dir / "sub" / "a.rule").string());
    BOOST_TEST(r.diagnostics[0].help == "first defined at " + (dir / "c.rule").string() + ":2");
    // every file's errors are reported, and a missing path too
    std::ofstream(dir / "d.rule") << "rule D { logic: Role should have nme }\n";
    r = rules::compile_paths({dir / "d.rule", dir / "missing.rule", dir / "b.rule"});
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 2u, iamguard::test::dump(r.diagnostics));
    BOOST_TEST(r.diagnostics[0].code == "R004");  // read errors while loading, then compile errors
    BOOST_TEST(r.diagnostics[1].code == "R021");
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(rule_set_of_nothing_is_empty) {
    const auto rs = iamguard::test::compile_ok("# only a comment\n\n");
    BOOST_TEST(rs.empty());
    rules::rule_set none;
    std::vector<rules::finding> out;
    none.evaluate(iamguard::test::make_entity(iamguard::entity::entity_type::role, "r", "{}"), {}, out);
    BOOST_TEST(out.empty());
    BOOST_TEST(!none.target(0).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
