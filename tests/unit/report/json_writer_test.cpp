// SPDX-License-Identifier: Apache-2.0
// The JSON findings document (schema version 1): exact layout, every field, escaping.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include <iamguard/report/writer.hpp>

#include "sample_findings.hpp"

using namespace iamguard;

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(exact_document_for_one_rule_and_one_finding) {
    rules::rule_info r;
    r.id = "R1";
    r.title = "T";
    r.compliance = {"C1"};
    r.file = "r.rule";
    r.pos = {0, 2, 1};
    const std::vector<const rules::rule_info*> listed{&r};
    std::vector<rules::finding> fs(1);
    fs[0].rule = &r;
    fs[0].entity_name = "x";
    fs[0].location = {"in.json", {5, 1, 6}, "Roles[0]"};
    fs[0].result = rules::outcome::fail;
    fs[0].message = "m \"q\"";
    fs[0].evidence.push_back({"a.b", "1", {7, 1, 8}, ""});
    report::run_summary run;
    run.entities = 1;
    const std::string expected =
        "{\"version\":1,\"tool\":{\"name\":\"iamguard\",\"version\":\"0.1.0\"},\"rules\":[\n"
        "{\"id\":\"R1\",\"title\":\"T\",\"severity\":\"medium\",\"description\":\"\",\"remediation\":\"\","
        "\"references\":[],\"compliance\":[\"C1\"],\"file\":\"r.rule\",\"line\":2,\"column\":1}\n"
        "],\"findings\":[\n"
        "{\"rule_id\":\"R1\",\"severity\":\"medium\",\"outcome\":\"fail\",\"entity\":{\"type\":\"Role\",\"name\":\"x\","
        "\"arn\":\"\",\"file\":\"in.json\",\"line\":1,\"column\":6,\"path\":\"Roles[0]\"},\"message\":\"m \\\"q\\\"\","
        "\"evidence\":[{\"path\":\"a.b\",\"value\":\"1\",\"file\":\"in.json\",\"line\":1,\"column\":8}]}\n"
        "],\"summary\":{\"entities\":1,\"rules\":1,\"findings\":1,\"passed\":0,\"failed\":1,\"errors\":0,"
        "\"failed_by_severity\":{\"info\":0,\"low\":0,\"medium\":1,\"high\":0,\"critical\":0},"
        "\"errors_by_severity\":{\"info\":0,\"low\":0,\"medium\":0,\"high\":0,\"critical\":0},\"input_errors\":[]}}\n";
    BOOST_TEST(report::render(report::format::json, listed, fs, run) == expected);
}

BOOST_AUTO_TEST_CASE(empty_report_is_valid_json) {
    const std::string out = report::render(report::format::json, {}, {});
    BOOST_TEST(out.find("\"rules\":[],\"findings\":[],\"summary\"") != std::string::npos);
    const auto j = nlohmann::json::parse(out);
    BOOST_TEST(j["version"] == 1);
    BOOST_TEST(j["summary"]["findings"] == 0);
}

BOOST_AUTO_TEST_CASE(sample_report_fields) {
    const test::sample_report s;
    report::run_summary run;
    run.entities = 4;
    diagnostic d;
    d.code = "J001";
    d.file = "bad.json";
    d.pos = {10, 2, 5};
    d.message = "expected `}`";
    run.input_diagnostics.push_back(d);
    const auto j = nlohmann::json::parse(report::render(report::format::json, s.listed, s.findings, run));

    BOOST_TEST(j["version"] == 1);
    BOOST_TEST(j["tool"]["name"] == "iamguard");
    BOOST_TEST_REQUIRE(j["rules"].size() == 3u);
    BOOST_TEST(j["rules"][0]["id"] == "IG.IAM.001");
    BOOST_TEST(j["rules"][0]["severity"] == "high");
    BOOST_TEST(j["rules"][0]["compliance"].size() == 3u);  // as written; SARIF deduplicates tags
    BOOST_TEST(j["rules"][2]["id"] == "IG.IAM.009");

    // passes are left out by default, the other findings keep their order
    const auto& fs = j["findings"];
    BOOST_TEST_REQUIRE(fs.size() == 3u);
    BOOST_TEST(fs[0]["outcome"] == "fail");
    BOOST_TEST(fs[0]["entity"]["arn"] == "arn:aws:iam::111111111111:role/admin");
    BOOST_TEST(fs[0]["entity"]["path"] == "RoleDetailList[0]");
    BOOST_TEST(fs[0]["evidence"][0]["path"] == "assumeRolePolicy.Statement[0]");
    BOOST_TEST(fs[0]["evidence"][0]["value"] == R"({"Effect":"Allow"})");
    BOOST_TEST(fs[0]["evidence"][0]["line"] == 14);
    BOOST_TEST(fs[1]["outcome"] == "error");
    BOOST_TEST(fs[1]["severity"] == "high");
    BOOST_TEST(fs[1]["entity"]["type"] == "Role");
    BOOST_TEST(fs[2]["entity"]["type"] == "User");
    BOOST_TEST(fs[2]["entity"]["name"] == "bob<&\"'>");
    BOOST_TEST(fs[2]["evidence"][0]["line"].is_null());  // unknown position
    BOOST_TEST(fs[2]["evidence"][0]["column"].is_null());

    const auto& sum = j["summary"];
    BOOST_TEST(sum["entities"] == 4);
    BOOST_TEST(sum["rules"] == 3);
    BOOST_TEST(sum["findings"] == 4);
    BOOST_TEST(sum["passed"] == 1);
    BOOST_TEST(sum["failed"] == 2);
    BOOST_TEST(sum["errors"] == 1);
    BOOST_TEST(sum["failed_by_severity"]["high"] == 1);
    BOOST_TEST(sum["failed_by_severity"]["low"] == 1);
    BOOST_TEST(sum["errors_by_severity"]["high"] == 1);
    BOOST_TEST_REQUIRE(sum["input_errors"].size() == 1u);
    BOOST_TEST(sum["input_errors"][0]["file"] == "bad.json");
    BOOST_TEST(sum["input_errors"][0]["line"] == 2);
    BOOST_TEST(sum["input_errors"][0]["column"] == 5);
    BOOST_TEST(sum["input_errors"][0]["code"] == "J001");
    BOOST_TEST(sum["input_errors"][0]["message"] == "expected `}`");
}

BOOST_AUTO_TEST_CASE(include_passes_lists_them) {
    const test::sample_report s;
    report::options opts;
    opts.include_passes = true;
    const auto j = nlohmann::json::parse(report::render(report::format::json, s.listed, s.findings, {}, opts));
    BOOST_TEST_REQUIRE(j["findings"].size() == 4u);
    BOOST_TEST(j["findings"][1]["outcome"] == "pass");
    BOOST_TEST(j["findings"][1]["entity"]["name"] == "alice");
}

BOOST_AUTO_TEST_CASE(one_finding_per_line_while_streaming) {
    const test::sample_report s;
    std::vector<std::string> chunks;
    auto w = report::make_writer(report::format::json, [&](std::string_view c) { chunks.emplace_back(c); });
    w->begin(s.listed);
    w->add(std::span(s.findings).subspan(0, 1));
    w->add(std::span(s.findings).subspan(1));
    w->end({});
    BOOST_TEST_REQUIRE(chunks.size() == 4u);  // header, batch 1, batch 2 (pass left out), summary
    BOOST_TEST(chunks[1].starts_with("\n{\"rule_id\":\"IG.IAM.001\""));
    BOOST_TEST(chunks[2].starts_with(",\n{\"rule_id\":\"IG.IAM.001\",\"severity\":\"high\",\"outcome\":\"error\""));
    std::string all;
    for (const auto& c : chunks) all += c;
    std::size_t finding_lines = 0;
    std::size_t start = 0;
    while (start < all.size()) {
        const auto end = all.find('\n', start);
        const std::string line = all.substr(start, end - start);
        if (line.starts_with("{\"rule_id\"")) {
            ++finding_lines;
            const std::string object = line.back() == ',' ? line.substr(0, line.size() - 1) : line;
            BOOST_TEST(nlohmann::json::parse(object).is_object());  // each line stands alone
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    BOOST_TEST(finding_lines == 3u);
    BOOST_TEST(nlohmann::json::parse(all).is_object());
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_and_made_valid_utf8) {
    rules::rule_info r;
    r.id = "R";
    const std::vector<const rules::rule_info*> listed{&r};
    std::vector<rules::finding> fs(1);
    fs[0].rule = &r;
    fs[0].result = rules::outcome::fail;
    fs[0].entity_name = std::string("a\"b\\c\n\t\x01", 8) + "\xC3\xA9" + "\xFF" + "\xE2\x82";
    const std::string out = report::render(report::format::json, listed, fs);
    BOOST_TEST(out.find("\"name\":\"a\\\"b\\\\c\\n\\t\\u0001\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"") !=
               std::string::npos);
    const auto j = nlohmann::json::parse(out);  // throws on invalid UTF-8
    BOOST_TEST(j["findings"][0]["entity"]["name"] ==
               std::string("a\"b\\c\n\t\x01", 8) + "\xC3\xA9\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(evidence_from_a_joined_input_names_that_input) {
    const test::sample_report s;
    const auto j = nlohmann::json::parse(report::render(report::format::json, s.listed, test::joined_evidence(s.keys)));
    const auto& ev = j["findings"][0]["evidence"][0];
    BOOST_TEST(ev["file"] == "credential-report.csv");
    BOOST_TEST(ev["line"] == 3);
    BOOST_TEST(j["findings"][0]["entity"]["file"] == "account.json");
    // without a file of its own, evidence is in the entity's input
    const auto k = nlohmann::json::parse(report::render(report::format::json, s.listed, s.findings));
    BOOST_TEST(k["findings"][0]["evidence"][0]["file"] == "account.json");
}

BOOST_AUTO_TEST_SUITE_END()
