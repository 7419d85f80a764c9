// SPDX-License-Identifier: Apache-2.0
// entity/codes.hpp: stable diagnostic codes of the input adapters (L = load).
//
// A code never changes meaning. Problems inside policy documents keep the policy parser's codes
// (P0xx/P1xx, policy/codes.hpp) and JSON syntax errors the JSON layer's (J0xx, json/value.hpp).
#pragma once

#include <string_view>

namespace iamguard::entity::codes {
inline constexpr std::string_view unreadable = "L001";         ///< a file that cannot be read
inline constexpr std::string_view unknown_format = "L002";     ///< content no adapter recognises
inline constexpr std::string_view wrong_type = "L003";         ///< e.g. an object where a list is expected
inline constexpr std::string_view missing_field = "L004";      ///< e.g. a role without `RoleName`
inline constexpr std::string_view csv_missing_column = "L005"; ///< a credential report without a required column
inline constexpr std::string_view csv_short_row = "L006";      ///< a row with fewer cells than the header
inline constexpr std::string_view invalid_base64 = "L007";     ///< GetCredentialReport content that is not base64
inline constexpr std::string_view unknown_resource_type = "L008";  ///< warning: a CloudFormation type we do not know
inline constexpr std::string_view unresolved_intrinsic = "L009";   ///< warning: `Ref`, `Fn::Sub`... kept unresolved
inline constexpr std::string_view yaml_syntax = "L010";        ///< a YAML template that does not parse
inline constexpr std::string_view invalid_value = "L011";      ///< e.g. `true`/`false` expected, a bad date
inline constexpr std::string_view unknown_field = "L012";      ///< warning: canonical input with a field the schema lacks
inline constexpr std::string_view unknown_entity_type = "L013"; ///< canonical input with an unknown `type`
inline constexpr std::string_view unknown_reference = "L014";  ///< warning: attachment to an identity not loaded
}  // namespace iamguard::entity::codes
