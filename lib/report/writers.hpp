// SPDX-License-Identifier: Apache-2.0
// writers.hpp (private): the factory of each report format, gathered by make_writer().
#pragma once

#include <memory>

#include <iamguard/report/writer.hpp>

namespace iamguard::report::detail {

[[nodiscard]] std::unique_ptr<writer> make_text_writer(sink out, const options& opts);
[[nodiscard]] std::unique_ptr<writer> make_json_writer(sink out, const options& opts);
[[nodiscard]] std::unique_ptr<writer> make_sarif_writer(sink out, const options& opts);
[[nodiscard]] std::unique_ptr<writer> make_junit_writer(sink out, const options& opts);

}  // namespace iamguard::report::detail
