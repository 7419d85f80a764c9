// SPDX-License-Identifier: Apache-2.0
// JUnit XML: well-formed, one testsuite per rule, one testcase per finding, escaping.
#include <boost/test/unit_test.hpp>

#include <iamguard/report/writer.hpp>

#include "sample_findings.hpp"
#include "xml_check.hpp"

using namespace iamguard;

namespace {

test::xml::element parse_xml(const std::string& text) {
    test::xml::reader r(text);
    auto root = r.parse();
    BOOST_TEST_REQUIRE(root.has_value(), r.error());
    return *root;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(junit_writer)

BOOST_AUTO_TEST_CASE(the_xml_checker_rejects_malformed_documents) {
    for (const char* bad : {"<a><b></a>", "<a x=1/>", "<a>x & y</a>", "<a x=\"<\"/>", "<a>&bogus;</a>",
                            "<a>\x01</a>", "<a></a><b/>", "<a x=\"1\" x=\"2\"/>"}) {
        test::xml::reader r(bad);
        BOOST_TEST(!r.parse().has_value(), bad);
    }
    test::xml::reader ok("<?xml version=\"1.0\"?>\n<a x=\"&lt;&#10;\"><b/>t&amp;u</a>\n");
    const auto root = ok.parse();
    BOOST_TEST_REQUIRE(root.has_value(), ok.error());
    BOOST_TEST(root->attributes.at("x") == "<\n");
    BOOST_TEST(root->text == "t&u");
}

BOOST_AUTO_TEST_CASE(one_testsuite_per_rule_one_testcase_per_finding) {
    const test::sample_report s;
    const auto root = parse_xml(report::render(report::format::junit, s.listed, s.findings));
    BOOST_TEST(root.name == "testsuites");
    BOOST_TEST(root.attributes.at("tests") == "4");
    BOOST_TEST(root.attributes.at("failures") == "2");
    BOOST_TEST(root.attributes.at("errors") == "1");
    const auto suites = root.all("testsuite");
    BOOST_TEST_REQUIRE(suites.size() == 3u);  // the rule without findings is still a (empty) suite

    const auto& trust = *suites[0];
    BOOST_TEST(trust.attributes.at("name") == "IG.IAM.001: Cross-account role without an external ID");
    BOOST_TEST(trust.attributes.at("tests") == "2");
    BOOST_TEST(trust.attributes.at("failures") == "1");
    BOOST_TEST(trust.attributes.at("errors") == "1");
    const auto props = trust.all("properties");
    BOOST_TEST_REQUIRE(props.size() == 1u);
    BOOST_TEST(props[0]->children.at(0).attributes.at("name") == "severity");
    BOOST_TEST(props[0]->children.at(0).attributes.at("value") == "high");
    const auto cases = trust.all("testcase");
    BOOST_TEST_REQUIRE(cases.size() == 2u);
    BOOST_TEST(cases[0]->attributes.at("name") == "Role admin (arn:aws:iam::111111111111:role/admin)");
    BOOST_TEST(cases[0]->attributes.at("classname") == "IG.IAM.001");
    BOOST_TEST(cases[0]->attributes.at("file") == "account.json");
    BOOST_TEST(cases[0]->attributes.at("line") == "12");
    const auto failure = cases[0]->all("failure");
    BOOST_TEST_REQUIRE(failure.size() == 1u);
    BOOST_TEST(failure[0]->attributes.at("message") == "the trust policy admits `222222222222` without an external ID");
    BOOST_TEST(failure[0]->attributes.at("type") == "high");
    BOOST_TEST(failure[0]->text ==
               "Role admin (arn:aws:iam::111111111111:role/admin) at account.json:12:7\n"
               "the trust policy admits `222222222222` without an external ID\n"
               "evidence: assumeRolePolicy.Statement[0] at account.json:14:9: {\"Effect\":\"Allow\"}");
    BOOST_TEST(cases[1]->all("error").size() == 1u);
    BOOST_TEST(cases[1]->all("failure").empty());

    const auto keys = suites[1]->all("testcase");
    BOOST_TEST_REQUIRE(keys.size() == 2u);
    BOOST_TEST(keys[0]->children.empty());  // a pass is an empty testcase
    BOOST_TEST(keys[1]->attributes.at("name") == "User bob<&\"'> (arn:aws:iam::111111111111:user/bob)");
    BOOST_TEST(suites[2]->attributes.at("tests") == "0");
}

BOOST_AUTO_TEST_CASE(special_characters_are_escaped) {
    const test::sample_report s;
    const std::string out = report::render(report::format::junit, s.listed, s.findings);
    BOOST_TEST(out.find("name=\"User bob&lt;&amp;&quot;&apos;&gt; (arn:") != std::string::npos);
    std::vector<rules::finding> fs(1);
    fs[0].rule = &s.trust;
    fs[0].result = rules::outcome::fail;
    fs[0].entity_name = std::string("ctl\x01\x1b") + "\xFF" + "]]>";
    fs[0].message = "line1\nline2";
    const std::string odd = report::render(report::format::junit, s.listed, fs);
    const auto root = parse_xml(odd);
    const auto& tc = *root.all("testsuite")[0]->all("testcase")[0];
    BOOST_TEST(tc.attributes.at("name") == "Role ctl\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD]]>");
    BOOST_TEST(tc.all("failure")[0]->attributes.at("message") == "line1\nline2");  // kept through &#10;
}

BOOST_AUTO_TEST_CASE(input_errors_form_their_own_suite) {
    const test::sample_report s;
    report::run_summary run;
    diagnostic d;
    d.code = "J001";
    d.file = "bad.json";
    d.pos = {3, 2, 4};
    d.message = "expected `}`";
    run.input_diagnostics.push_back(d);
    const auto root = parse_xml(report::render(report::format::junit, s.listed, s.findings, run));
    BOOST_TEST(root.attributes.at("tests") == "5");
    BOOST_TEST(root.attributes.at("errors") == "2");
    const auto suites = root.all("testsuite");
    BOOST_TEST_REQUIRE(suites.size() == 4u);
    BOOST_TEST(suites[3]->attributes.at("name") == "inputs");
    const auto& err = *suites[3]->all("testcase")[0]->all("error")[0];
    BOOST_TEST(err.attributes.at("type") == "J001");
    BOOST_TEST(err.text == "bad.json:2:4: error[J001]: expected `}`");
}

BOOST_AUTO_TEST_CASE(nothing_is_written_before_the_end) {
    const test::sample_report s;
    std::vector<std::string> chunks;
    auto w = report::make_writer(report::format::junit, [&](std::string_view c) { chunks.emplace_back(c); });
    w->begin(s.listed);
    w->add(s.findings);
    BOOST_TEST(chunks.empty());
    w->end({});
    BOOST_TEST(chunks.size() == 1u);
    BOOST_TEST(!report::streams(report::format::junit));
}

BOOST_AUTO_TEST_CASE(evidence_from_a_joined_input_names_that_input) {
    const test::sample_report s;
    const auto root = parse_xml(report::render(report::format::junit, s.listed, test::joined_evidence(s.keys)));
    const auto& failure = *root.all("testsuite")[1]->all("testcase")[0]->all("failure")[0];
    BOOST_TEST(failure.text.find("evidence: firstAccessKey.isActive at credential-report.csv:3:40: true") !=
               std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
