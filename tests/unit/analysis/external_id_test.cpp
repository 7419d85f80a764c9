// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/analysis/external_id.hpp>

using namespace iamguard::analysis;
using w = external_id_weakness;

namespace {
bool has(const std::vector<w>& v, w x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(external_id_quality)

BOOST_AUTO_TEST_CASE(uuids_pass) {
    BOOST_TEST(external_id_weaknesses("7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47").empty());
    BOOST_TEST(external_id_weaknesses("7F3C2A9E-4B1D-4C8E-9A6F-2D5E8B1C0F47").empty());
    BOOST_TEST(is_uuid("7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"));
    BOOST_TEST(!is_uuid("7f3c2a9e4b1d4c8e9a6f2d5e8b1c0f47"));
    BOOST_TEST(external_id_weaknesses("Xk9#pQ2vLm7RtZ4wNb8c").empty());  // random enough, long enough
}

BOOST_AUTO_TEST_CASE(account_ids_and_phone_numbers) {
    BOOST_TEST(has(external_id_weaknesses("123456789012"), w::account_id));
    BOOST_TEST(has(external_id_weaknesses("+1 (555) 010-4477"), w::phone_number));
    BOOST_TEST(has(external_id_weaknesses("5550104477"), w::phone_number));
    BOOST_TEST(!has(external_id_weaknesses("123456789012"), w::phone_number));
}

BOOST_AUTO_TEST_CASE(short_low_entropy_and_words) {
    BOOST_TEST(has(external_id_weaknesses("ideo5"), w::too_short));
    BOOST_TEST(external_id_weaknesses("ideo5", 4).empty());  // long enough for that minimum
    BOOST_TEST(has(external_id_weaknesses("aaaaaaaaaaaaaaaaaaaa"), w::low_entropy));
    BOOST_TEST(has(external_id_weaknesses("abcabcabcabcabcabc"), w::low_entropy));  // a repeated pattern
    BOOST_TEST(has(external_id_weaknesses("ab12ab12ab12ab13ab12"), w::low_entropy));  // under 2.5 bits per character
    BOOST_TEST(has(external_id_weaknesses("ExternalId"), w::common_word));
    BOOST_TEST(has(external_id_weaknesses("acme-corporation"), w::common_word));  // a name
}

BOOST_AUTO_TEST_CASE(wildcards) {
    BOOST_TEST(has(external_id_weaknesses("*"), w::wildcard));
    BOOST_TEST(has(external_id_weaknesses("7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f4?"), w::wildcard));
}

BOOST_AUTO_TEST_CASE(names_of_weaknesses) {
    BOOST_TEST(to_string(w::phone_number) == "phone number");
    BOOST_TEST(to_string(w::too_short) == "too short");
}

BOOST_AUTO_TEST_SUITE_END()
