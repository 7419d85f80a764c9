// SPDX-License-Identifier: Apache-2.0
// writer.cpp: choosing a writer by format, and whole-report rendering into a string.
#include <iamguard/report/writer.hpp>

#include "report/writers.hpp"

namespace iamguard::report {

std::unique_ptr<writer> make_writer(format f, sink out, const options& opts) {
    switch (f) {
    case format::text: return detail::make_text_writer(std::move(out), opts);
    case format::json: return detail::make_json_writer(std::move(out), opts);
    case format::sarif: return detail::make_sarif_writer(std::move(out), opts);
    case format::junit: return detail::make_junit_writer(std::move(out), opts);
    }
    return detail::make_text_writer(std::move(out), opts);
}

std::string render(format f, std::span<const rules::rule_info* const> rules, std::span<const rules::finding> findings,
                   const run_summary& run, const options& opts) {
    std::string out;
    auto w = make_writer(f, [&out](std::string_view chunk) { out += chunk; }, opts);
    w->begin(rules);
    w->add(findings);
    w->end(run);
    return out;
}

}  // namespace iamguard::report
