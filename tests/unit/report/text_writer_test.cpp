// SPDX-License-Identifier: Apache-2.0
// The text report: grouping by rule, entity labels, evidence, colour, the summary line, streaming.
#include <boost/test/unit_test.hpp>

#include <iamguard/report/writer.hpp>

#include "sample_findings.hpp"

using namespace iamguard;

BOOST_AUTO_TEST_SUITE(text_writer)

BOOST_AUTO_TEST_CASE(groups_failures_by_rule_with_evidence_and_summary) {
    const test::sample_report s;
    report::run_summary run;
    run.entities = 4;
    const std::string out = report::render(report::format::text, s.listed, s.findings, run);
    const std::string expected =
        "IG.IAM.001 [high] Cross-account role without an external ID\n"
        "  fail  Role admin (arn:aws:iam::111111111111:role/admin) at account.json:12:7\n"
        "        the trust policy admits `222222222222` without an external ID\n"
        "        evidence: assumeRolePolicy.Statement[0] at account.json:14:9: {\"Effect\":\"Allow\"}\n"
        "  error Role broken at account.json:40:7\n"
        "        cannot evaluate `trust`: not a policy\n"
        "\n"
        "IG.IAM.003 [low] Users without active access keys\n"
        "  fail  User bob<&\"'> (arn:aws:iam::111111111111:user/bob) at account.json:5:5\n"
        "        access key `AKIA...` is active\n"
        "        evidence: firstAccessKey.isActive: true\n"
        "\n"
        "summary: 2 failed (1 high, 1 low), 1 error, 1 passed; 4 entities, 3 rules\n";
    BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(passes_are_listed_only_when_asked) {
    const test::sample_report s;
    report::options opts;
    opts.include_passes = true;
    const std::string out = report::render(report::format::text, s.listed, s.findings, {}, opts);
    const std::string expected_block =
        "IG.IAM.003 [low] Users without active access keys\n"
        "  pass  User alice (arn:aws:iam::111111111111:user/alice) at account.json:3:5\n"
        "        no active access key\n"
        "  fail  User bob<&\"'>";
    BOOST_TEST(out.find(expected_block) != std::string::npos);
    const std::string without = report::render(report::format::text, s.listed, s.findings);
    BOOST_TEST(without.find("alice") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_to_show_gives_only_the_summary) {
    const test::sample_report s;
    std::vector<rules::finding> passes;
    rules::finding p;
    p.rule = &s.keys;
    p.entity_name = "carol";
    p.result = rules::outcome::pass;
    passes.push_back(std::move(p));
    report::run_summary run;
    run.entities = 1;
    BOOST_TEST(report::render(report::format::text, s.listed, passes, run) ==
               "summary: 0 failed, 0 errors, 1 passed; 1 entity, 3 rules\n");
}

BOOST_AUTO_TEST_CASE(input_errors_are_counted_in_the_summary) {
    const test::sample_report s;
    report::run_summary run;
    diagnostic d;
    d.code = "J001";
    d.file = "bad.json";
    d.message = "expected a value";
    run.input_diagnostics.push_back(d);
    d.level = severity::warning;  // warnings are not input errors
    run.input_diagnostics.push_back(d);
    const std::string out = report::render(report::format::text, s.listed, {}, run);
    BOOST_TEST(out == "summary: 0 failed, 0 errors, 0 passed; 0 entities, 3 rules; 1 input error\n");
}

BOOST_AUTO_TEST_CASE(entity_labels_cover_missing_names_and_positions) {
    const test::sample_report s;
    std::vector<rules::finding> fs(3);
    for (auto& f : fs) {
        f.rule = &s.unused;
        f.result = rules::outcome::fail;
        f.entity_type = entity::entity_type::policy;
    }
    fs[0].entity_arn = "arn:aws:iam::aws:policy/AdministratorAccess";  // ARN only, no file
    fs[1].location.file = "-";                                       // name missing, line unknown
    fs[1].location.pos.line = 0;
    fs[2].entity_name = "p";
    fs[2].evidence.push_back({"", "v", {0, 0, 1}, ""});  // value only
    const std::string out = report::render(report::format::text, s.listed, fs);
    const std::string expected =
        "IG.IAM.009 [medium] Unused rule\n"
        "  fail  Policy arn:aws:iam::aws:policy/AdministratorAccess\n"
        "  fail  Policy (unnamed) at -\n"
        "  fail  Policy p\n"
        "        evidence: v\n"
        "\n"
        "summary: 3 failed (3 medium), 0 errors, 0 passed; 0 entities, 3 rules\n";
    BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(colour_wraps_outcomes_severities_and_counts) {
    const test::sample_report s;
    report::options opts;
    opts.colour = true;
    const std::string out = report::render(report::format::text, s.listed, s.findings, {}, opts);
    BOOST_TEST(out.find("\033[1mIG.IAM.001\033[0m \033[31m[high]\033[0m Cross-account") != std::string::npos);
    BOOST_TEST(out.find("  \033[1;31mfail\033[0m  Role admin") != std::string::npos);
    BOOST_TEST(out.find("  \033[1;35merror\033[0m Role broken") != std::string::npos);
    BOOST_TEST(out.find("\033[36m[low]\033[0m") != std::string::npos);
    BOOST_TEST(out.find("summary: \033[1;31m2 failed\033[0m (1 high, 1 low), \033[1;35m1 error\033[0m, "
                        "\033[32m1 passed\033[0m;") != std::string::npos);
    const std::string plain = report::render(report::format::text, s.listed, s.findings);
    BOOST_TEST(plain.find('\033') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(control_characters_from_inputs_cannot_reach_the_terminal) {
    const test::sample_report s;
    std::vector<rules::finding> fs(1);
    fs[0].rule = &s.trust;
    fs[0].result = rules::outcome::fail;
    fs[0].entity_name = "evil\033[2J\nname";
    fs[0].message = "bad\rmessage";
    const std::string out = report::render(report::format::text, s.listed, fs);
    BOOST_TEST(out.find("Role evil\xEF\xBF\xBD[2J\xEF\xBF\xBDname\n") != std::string::npos);
    BOOST_TEST(out.find("bad\xEF\xBF\xBDmessage") != std::string::npos);
    BOOST_TEST(out.find('\033') == std::string::npos);
    BOOST_TEST(out.find('\r') == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_batch_is_written_when_added) {
    const test::sample_report s;
    std::vector<std::string> chunks;
    auto w = report::make_writer(report::format::text, [&](std::string_view c) { chunks.emplace_back(c); });
    w->begin(s.listed);
    BOOST_TEST(chunks.empty());
    w->add(std::span(s.findings).subspan(0, 1));
    BOOST_TEST_REQUIRE(chunks.size() == 1u);
    BOOST_TEST(chunks[0].starts_with("IG.IAM.001 [high]"));
    w->add(std::span(s.findings).subspan(1, 1));  // a pass only: nothing to write
    BOOST_TEST(chunks.size() == 1u);
    w->add(std::span(s.findings).subspan(2));
    BOOST_TEST_REQUIRE(chunks.size() == 2u);
    BOOST_TEST(chunks[1].starts_with("IG.IAM.001 [high] Cross-account role without an external ID\n  error Role broken"));
    w->end({});
    BOOST_TEST_REQUIRE(chunks.size() == 3u);
    BOOST_TEST(chunks[2].starts_with("summary: 2 failed"));
    BOOST_TEST(w->counts().total() == 4u);
}

BOOST_AUTO_TEST_CASE(findings_of_unlisted_rules_come_after_listed_ones) {
    const test::sample_report s;
    rules::rule_info extra;
    extra.id = "X.1";
    extra.severity = rules::rule_severity::critical;
    std::vector<rules::finding> fs(3);
    fs[0].rule = &extra;
    fs[1].rule = nullptr;
    fs[2].rule = &s.keys;
    for (auto& f : fs) {
        f.result = rules::outcome::fail;
        f.entity_name = "e";
    }
    const std::string out = report::render(report::format::text, s.listed, fs);
    const auto keys = out.find("IG.IAM.003");
    const auto x = out.find("X.1 [critical]\n");
    const auto unknown = out.find("(unknown rule)\n");
    BOOST_TEST(keys < x);
    BOOST_TEST(x < unknown);
    BOOST_TEST(unknown != std::string::npos);
    // the summary counts the listed rules only; a finding without a rule counts as medium
    BOOST_TEST(out.find("3 failed (1 critical, 1 medium, 1 low)") != std::string::npos);
    BOOST_TEST(out.find("3 rules\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(evidence_from_a_joined_input_names_that_input) {
    const test::sample_report s;
    const std::string out = report::render(report::format::text, s.listed, test::joined_evidence(s.keys));
    BOOST_TEST(out.find("  fail  User dave at account.json:7:9\n"
                        "        an access key is active\n"
                        "        evidence: firstAccessKey.isActive at credential-report.csv:3:40: true\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
