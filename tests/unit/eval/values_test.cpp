// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/eval/base64.hpp>
#include <iamguard/eval/date.hpp>
#include <iamguard/eval/ip.hpp>
#include <iamguard/eval/number.hpp>

using namespace iamguard::eval;

namespace {
int cmp(std::string_view a, std::string_view b) {
    const auto x = parse_decimal(a);
    const auto y = parse_decimal(b);
    BOOST_TEST_REQUIRE(x.has_value());
    BOOST_TEST_REQUIRE(y.has_value());
    return compare(*x, *y);
}
bool in(std::string_view cidr, std::string_view ip) {
    const auto c = parse_cidr(cidr);
    const auto a = parse_ip(ip);
    BOOST_TEST_REQUIRE(c.has_value());
    BOOST_TEST_REQUIRE(a.has_value());
    return contains(*c, *a);
}
std::int64_t secs(std::string_view s) {
    const auto d = parse_date(s);
    BOOST_TEST_REQUIRE(d.has_value());
    return d->seconds;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(values)

BOOST_AUTO_TEST_CASE(decimals_compare_numerically) {
    BOOST_TEST(cmp("10", "10.0") == 0);
    BOOST_TEST(cmp("010.50", "10.5") == 0);
    BOOST_TEST(cmp("9", "10") < 0);
    BOOST_TEST(cmp("100", "99.999") > 0);
    BOOST_TEST(cmp("-1", "1") < 0);
    BOOST_TEST(cmp("-2", "-1") < 0);
    BOOST_TEST(cmp("-0", "0") == 0);
    BOOST_TEST(cmp("0.1", "0.10000") == 0);
    BOOST_TEST(cmp(".5", "0.5") == 0);
    BOOST_TEST(cmp("123456789012345678901234567890", "123456789012345678901234567891") < 0);
}

BOOST_AUTO_TEST_CASE(non_numbers_do_not_parse) {
    BOOST_TEST(!parse_decimal("a"));
    BOOST_TEST(!parse_decimal(""));
    BOOST_TEST(!parse_decimal("1e3"));
    BOOST_TEST(!parse_decimal(" 1"));
    BOOST_TEST(!parse_decimal("."));
    BOOST_TEST(!parse_decimal("1.2.3"));
}

BOOST_AUTO_TEST_CASE(ipv4_cidr_membership) {
    BOOST_TEST(in("192.168.0.0/16", "192.168.10.10"));
    BOOST_TEST(!in("192.168.0.0/16", "192.169.0.1"));
    BOOST_TEST(in("10.10.72.13", "10.10.72.13"));     // bare address is /32
    BOOST_TEST(!in("10.10.72.13", "10.10.72.14"));
    BOOST_TEST(in("0.0.0.0/0", "8.8.8.8"));
    BOOST_TEST(in("10.0.0.1/8", "10.200.0.1"));        // host bits ignored
    BOOST_TEST(in("203.0.113.0/25", "203.0.113.127"));
    BOOST_TEST(!in("203.0.113.0/25", "203.0.113.128"));
}

BOOST_AUTO_TEST_CASE(ipv6_compares_numerically) {
    BOOST_TEST(in("2001:0db8::/32", "2001:db8:85a3::8a2e:370:7334"));
    BOOST_TEST(in("2001:DB8::/32", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
    BOOST_TEST(!in("2001:0db8::/32", "2001:0db9:7335::8a2e:0370:85a3"));
    BOOST_TEST(in("2001:0db8:85a3::8a2e:0370:7334", "2001:db8:85a3:0:0:8a2e:370:7334"));  // /128
    BOOST_TEST(in("::/0", "::1"));
    BOOST_TEST(in("::ffff:0:0/96", "::ffff:192.0.2.1"));
}

BOOST_AUTO_TEST_CASE(address_families_never_match_each_other) {
    BOOST_TEST(!in("192.168.10.10/32", "2001:db8::1"));
    BOOST_TEST(!in("2001:db8::/32", "192.168.10.10"));
    BOOST_TEST(!in("0.0.0.0/0", "::ffff:192.0.2.1"));  // IPv4-mapped stays IPv6
}

BOOST_AUTO_TEST_CASE(malformed_addresses_are_rejected) {
    for (const char* bad : {"abcdeft", "123456789", "123456789012", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04a",
                            "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1:2", "1.2.3.4/", "1.2.3.4/33",
                            "::/129", ""}) {
        BOOST_TEST_CONTEXT(bad) { BOOST_TEST(!parse_cidr(bad)); }
    }
}

BOOST_AUTO_TEST_CASE(dates_in_every_documented_form) {
    BOOST_TEST(secs("1970-01-01T00:00:00Z") == 0);
    BOOST_TEST(secs("2024-01-01") == 1704067200);
    BOOST_TEST(secs("2024") == 1704067200);
    BOOST_TEST(secs("2024-01") == 1704067200);
    BOOST_TEST(secs("2024-01-01T00:00Z") == 1704067200);
    BOOST_TEST(secs("2024-01-01T00:00:00Z") == 1704067200);
    BOOST_TEST(secs("2024-01-01T01:00:00+01:00") == 1704067200);
    BOOST_TEST(secs("2023-12-31T19:00:00-05:00") == 1704067200);
    BOOST_TEST(secs("2000-02-29T12:00:00Z") == 951825600);
    const auto frac = parse_date("2024-01-01T00:00:00.250Z");
    BOOST_TEST_REQUIRE(frac.has_value());
    BOOST_TEST(frac->seconds == 1704067200);
    BOOST_TEST(frac->nanos == 250000000);
    BOOST_TEST((*frac > instant{1704067200, 0}));
}

BOOST_AUTO_TEST_CASE(epoch_values_are_seconds) {
    BOOST_TEST(secs("1704067200") == 1704067200);
    BOOST_TEST(secs("0") == 0);
    BOOST_TEST(secs("-86400") == -86400);
    // Milliseconds are read as seconds (JavaScript tools get this wrong): year ~55970.
    BOOST_TEST(secs("1704067200000") == 1704067200000);
}

BOOST_AUTO_TEST_CASE(malformed_dates_are_rejected) {
    for (const char* bad : {"not a date", "a", "2024-13-01", "2023-02-29", "2024-01-32", "2024-01-01T25:00Z",
                            "2024-01-01T00:00:00", "2024-01-01 00:00:00Z", "2024-1-1", "2024-01-01T00:00:00.Z",
                            "2024-01-01T00:00:00+0100", ""}) {
        BOOST_TEST_CONTEXT(bad) { BOOST_TEST(!parse_date(bad)); }
    }
}

BOOST_AUTO_TEST_CASE(base64_decodes_and_compares_bytes) {
    const auto d = base64_decode("YmFzZUBjbG91ZGNvcGlsb3QuaW8=");
    BOOST_TEST_REQUIRE(d.has_value());
    BOOST_TEST(*d == "base@cloudcopilot.io");
    BOOST_TEST(*base64_decode("TWE") == "Ma");  // padding optional
    BOOST_TEST(!base64_decode("Y!=="));
    BOOST_TEST(!base64_decode("Y"));             // a lone character is not a byte
    BOOST_TEST(base64_equals_bytes("TWE=", "Ma"));
    BOOST_TEST(!base64_equals_bytes("TWE=", "Mb"));
    BOOST_TEST(!base64_equals_bytes("TWE=", "Ma!"));
    BOOST_TEST(!base64_equals_bytes("T!E=", "Ma"));
}

BOOST_AUTO_TEST_SUITE_END()
