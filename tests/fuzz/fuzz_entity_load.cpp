// SPDX-License-Identifier: Apache-2.0
// fuzz_entity_load.cpp: every input adapter. The first byte picks the adapter (or detection by
// content); the rest is the input. Loading never crashes, every diagnostic is located inside the
// input, and what loads writes to canonical JSON that loads back to the same number of entities.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>

namespace {
void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_entity_load: property violated: %s\n", what);
        std::abort();
    }
}

constexpr iamguard::entity::input_format formats[] = {
    iamguard::entity::input_format::canonical,
    iamguard::entity::input_format::authorization_details,
    iamguard::entity::input_format::get_role,
    iamguard::entity::input_format::list_roles,
    iamguard::entity::input_format::credential_report_csv,
    iamguard::entity::input_format::credential_report_response,
    iamguard::entity::input_format::cloudformation_json,
    iamguard::entity::input_format::cloudformation_yaml,
    iamguard::entity::input_format::terraform_plan,
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    iamguard::entity::load_options opts;
    opts.json.max_depth = 64;
    const std::size_t pick = data[0] % (std::size(formats) + 1);
    if (pick < std::size(formats)) opts.format = formats[pick];
    const auto r = iamguard::entity::load(text, "fuzz-input", opts);
    for (const auto& d : r.diagnostics) {
        check(d.pos.offset <= text.size(), "diagnostic offset inside the input");
        check(d.pos.line >= 1 && d.pos.column >= 1, "diagnostic line and column are 1-based");
    }
    if (r.entities.empty()) return 0;
    // Round trip through the canonical form, without joins (they would derive more entities).
    const std::string canonical = iamguard::entity::to_json_lines(r.entities);
    iamguard::entity::load_options again_opts;
    again_opts.format = iamguard::entity::input_format::canonical;
    again_opts.join = false;
    const auto again = iamguard::entity::load(canonical, "canonical", again_opts);
    check(again.entities.size() == r.entities.size(), "canonical output loads back to as many entities");
    return 0;
}
