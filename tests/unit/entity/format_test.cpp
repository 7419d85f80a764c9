// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/load.hpp>

using namespace iamguard::entity;

BOOST_AUTO_TEST_SUITE(entity_format)

BOOST_AUTO_TEST_CASE(detects_json_shapes_by_top_level_keys) {
    BOOST_TEST((detect_format(R"({"UserDetailList": [], "RoleDetailList": []})") == input_format::authorization_details));
    BOOST_TEST((detect_format(R"({"Policies": [{"PolicyName": "x"}]})") == input_format::authorization_details));
    BOOST_TEST((detect_format(R"([{"RoleDetailList": []}, {"Policies": []}])") == input_format::authorization_details));
    BOOST_TEST((detect_format(R"({"Role": {"RoleName": "r"}})") == input_format::get_role));
    BOOST_TEST((detect_format(R"({"Roles": [], "IsTruncated": false})") == input_format::list_roles));
    BOOST_TEST((detect_format(R"({"Content": "dXNlcg==", "ReportFormat": "text/csv"})") ==
                input_format::credential_report_response));
    BOOST_TEST((detect_format(R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}})") ==
                input_format::cloudformation_json));
    BOOST_TEST((detect_format(R"({"format_version": "1.2", "planned_values": {}})") == input_format::terraform_plan));
    BOOST_TEST((detect_format(R"({"format": "iamguard-entities/1", "entities": []})") == input_format::canonical));
    BOOST_TEST((detect_format("{\"type\":\"Role\",\"name\":\"a\"}\n{\"type\":\"User\",\"name\":\"b\"}\n") ==
                input_format::canonical));
}

BOOST_AUTO_TEST_CASE(nested_keys_do_not_confuse_detection) {
    // "Resources" inside a role's description string or a nested object is not a template.
    const char* text = R"({"RoleDetailList": [{"RoleName": "r", "Description": "{\"Resources\": 1}",
                          "Tags": [{"Key": "Resources", "Value": "x"}]}]})";
    BOOST_TEST((detect_format(text) == input_format::authorization_details));
}

BOOST_AUTO_TEST_CASE(truncated_json_is_still_recognised) {
    BOOST_TEST((detect_format(R"({"UserDetailList": [{"UserName": "al)") == input_format::authorization_details));
}

BOOST_AUTO_TEST_CASE(detects_csv_and_yaml) {
    BOOST_TEST((detect_format("user,arn,user_creation_time,password_enabled\n") == input_format::credential_report_csv));
    BOOST_TEST((detect_format("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: AWS::IAM::Role\n") ==
                input_format::cloudformation_yaml));
    BOOST_TEST((detect_format("# comment\nResources:\n  R:\n    Type: AWS::IAM::Role\n") ==
                input_format::cloudformation_yaml));
}

BOOST_AUTO_TEST_CASE(unknown_content) {
    BOOST_TEST(!detect_format("").has_value());
    BOOST_TEST(!detect_format("hello world").has_value());
    BOOST_TEST(!detect_format(R"({"Something": 1})").has_value());
    BOOST_TEST(!detect_format(R"({"type": "FeatureCollection", "features": []})").has_value());  // no name
    BOOST_TEST(!detect_format(R"({"type": 3, "name": "x"})").has_value());
}

BOOST_AUTO_TEST_CASE(a_misspelt_entity_type_is_still_canonical) {
    // So that the adapter names the type it does not know, instead of "cannot tell what kind".
    BOOST_TEST((detect_format(R"({"type": "Rol", "name": "r1"})") == input_format::canonical));
    auto r = load("{\"type\": \"Rol\", \"name\": \"r1\"}\n{\"type\": \"Role\", \"name\": \"r2\"}\n", "e.jsonl");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(iamguard::render_short(r.diagnostics[0]) == "e.jsonl:1:10: error[L013]: unknown entity type `Rol` (at type)");
    BOOST_TEST_REQUIRE(r.entities.size() == 1u);  // the next line is still read
    BOOST_TEST(r.entities[0].name == "r2");
}

BOOST_AUTO_TEST_CASE(unknown_content_is_a_diagnostic) {
    auto r = load("hello world\n", "notes.txt");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(iamguard::render_short(r.diagnostics[0]) ==
               "notes.txt:1:1: error[L002]: cannot tell what kind of input this is");
    BOOST_TEST(r.entities.empty());
}

BOOST_AUTO_TEST_CASE(an_empty_input_is_said_to_be_empty) {
    // Not "cannot tell what kind of input this is": there is nothing to tell. The position is
    // the end of the white space.
    auto r = load(" \n\n", "blank.json");
    BOOST_TEST_REQUIRE(r.diagnostics.size() == 1u);
    BOOST_TEST(iamguard::render_short(r.diagnostics[0]) == "blank.json:3:1: error[J006]: the input is empty");
    BOOST_TEST(load("", "empty.json").diagnostics.at(0).code == "J006");
}

BOOST_AUTO_TEST_CASE(format_names_round_trip) {
    for (auto f : {input_format::canonical, input_format::authorization_details, input_format::get_role,
                   input_format::list_roles, input_format::credential_report_csv,
                   input_format::credential_report_response, input_format::cloudformation_json,
                   input_format::cloudformation_yaml, input_format::terraform_plan, input_format::account_settings})
        BOOST_TEST((parse_input_format(to_string(f)) == f));
    BOOST_TEST((parse_input_format("jsonl") == input_format::canonical));
    BOOST_TEST((parse_input_format("csv") == input_format::credential_report_csv));
    BOOST_TEST(!parse_input_format("xml").has_value());
}

BOOST_AUTO_TEST_CASE(explicit_format_overrides_detection) {
    // A list-roles page that detection would read as list-roles anyway, forced to authorization
    // details: nothing is read as a role (no RoleDetailList), showing the override is used.
    load_options opts;
    opts.format = input_format::authorization_details;
    auto r = load(R"({"Roles": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})", "x.json", opts);
    BOOST_TEST(r.count(entity_type::role) == 0u);
    auto d = load(R"({"Roles": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})", "x.json");
    BOOST_TEST(d.count(entity_type::role) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
