// SPDX-License-Identifier: Apache-2.0
// tally.cpp: counting findings.
#include <iamguard/report/tally.hpp>

namespace iamguard::report {

void tally::add(const rules::finding& f) noexcept {
    const auto sev = static_cast<std::size_t>(f.rule != nullptr ? f.rule->severity : rules::rule_severity::medium);
    switch (f.result) {
    case rules::outcome::pass: ++passed; break;
    case rules::outcome::fail: ++failed; ++failed_by_severity[sev]; break;
    case rules::outcome::error: ++errors; ++errors_by_severity[sev]; break;
    }
}

void tally::add_all(std::span<const rules::finding> findings) noexcept {
    for (const auto& f : findings) add(f);
}

void tally::merge(const tally& other) noexcept {
    passed += other.passed;
    failed += other.failed;
    errors += other.errors;
    for (std::size_t i = 0; i < failed_by_severity.size(); ++i) {
        failed_by_severity[i] += other.failed_by_severity[i];
        errors_by_severity[i] += other.errors_by_severity[i];
    }
}

std::size_t tally::failed_at_or_above(rules::rule_severity threshold) const noexcept {
    std::size_t n = 0;
    for (auto i = static_cast<std::size_t>(threshold); i < failed_by_severity.size(); ++i) n += failed_by_severity[i];
    return n;
}

std::size_t tally::errors_at_or_above(rules::rule_severity threshold) const noexcept {
    std::size_t n = 0;
    for (auto i = static_cast<std::size_t>(threshold); i < errors_by_severity.size(); ++i) n += errors_by_severity[i];
    return n;
}

}  // namespace iamguard::report
