// SPDX-License-Identifier: Apache-2.0
// unit_inputs.cpp: see unit_inputs.hpp.
#include "unit_inputs.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <system_error>

#include <iamguard/entity/codes.hpp>

#include "io.hpp"

namespace iamguard::cli {

std::vector<entity::input> load_inputs(const std::vector<unit_input>& inputs) {
    std::vector<entity::input> out;
    out.reserve(inputs.size());
    for (const auto& in : inputs) {
        if (in.path == "-") {
            out.emplace_back(in.name, std::string_view(in.text));
            continue;
        }
        std::error_code ec;
        const std::uintmax_t bytes = std::filesystem::file_size(in.path, ec);
        out.emplace_back(in.name, [&path = in.path](std::string& text, std::string& why) {
            if (read_input_into(path, text, why)) return true;
            why.erase(0, std::min(why.size(), path.size() + 2));  // "PATH: REASON": the diagnostic names the input
            return false;
        }, ec ? 0 : static_cast<std::uint64_t>(bytes));
    }
    return out;
}

std::string_view quoted_sources::text_of(const std::string& name) {
    if (const auto it = texts_.find(name); it != texts_.end()) return it->second;
    std::string text;
    for (const auto& in : inputs_) {
        if (in.name != name) continue;
        std::string why;
        if (in.path == "-") {
            text = in.text;
        } else if (!read_input_into(in.path, text, why)) {
            text.clear();  // no line to quote: the diagnostic is shown alone
        }
        break;
    }
    return texts_.emplace(name, std::move(text)).first->second;
}

bool is_unreadable_input(const diagnostic& d) { return d.code == entity::codes::unreadable && d.pos.line == 0; }

}  // namespace iamguard::cli
