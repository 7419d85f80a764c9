// SPDX-License-Identifier: Apache-2.0
// policy/codes.hpp: stable diagnostic codes of the policy parser and validator.
//
// A code never changes meaning. P0xx: decoding; P1xx: structure (any kind); P2xx: kind-specific
// and value checks. The JSON layer uses J0xx (json/value.hpp).
#pragma once

#include <string_view>

namespace iamguard::policy::codes {
// ---- decoding ----
inline constexpr std::string_view undecodable = "P001";        ///< a string that is neither JSON nor URL-encoded JSON
inline constexpr std::string_view not_an_object = "P002";      ///< the policy is not a JSON object
// ---- structure ----
inline constexpr std::string_view unknown_element = "P101";    ///< e.g. `Actions`, `Resources`
inline constexpr std::string_view wrong_type = "P102";         ///< e.g. Effect is a number
inline constexpr std::string_view missing_statement = "P103";
inline constexpr std::string_view empty_statement = "P104";    ///< warning: `Statement: []`
inline constexpr std::string_view missing_effect = "P105";
inline constexpr std::string_view invalid_effect = "P106";     ///< anything but Allow / Deny
inline constexpr std::string_view action_and_not_action = "P107";
inline constexpr std::string_view missing_action = "P108";
inline constexpr std::string_view resource_and_not_resource = "P109";
inline constexpr std::string_view principal_and_not_principal = "P110";
inline constexpr std::string_view empty_array = "P111";        ///< an element given `[]`
inline constexpr std::string_view invalid_version = "P112";
inline constexpr std::string_view missing_version = "P113";    ///< warning: 2008 semantics, no variables
inline constexpr std::string_view unknown_principal_type = "P114";  ///< a principal map key not AWS/Service/Federated/CanonicalUser
inline constexpr std::string_view invalid_condition_value = "P115"; ///< null, object or nested array
inline constexpr std::string_view unknown_operator = "P116";
inline constexpr std::string_view null_if_exists = "P117";     ///< `NullIfExists` is not an operator
inline constexpr std::string_view invalid_sid = "P118";        ///< warning: IAM accepts [A-Za-z0-9] only
inline constexpr std::string_view principal_string_form = "P119";   ///< `"Principal": "arn:..."` (not grammatical)
inline constexpr std::string_view empty_condition = "P120";    ///< warning: an operator with no keys
inline constexpr std::string_view too_many_statements = "P121"; ///< beyond parse_options::max_statements
inline constexpr std::string_view too_many_values = "P122";     ///< beyond parse_options::max_values
inline constexpr std::string_view value_too_long = "P123";      ///< beyond parse_options::max_pattern_length
// ---- kind-specific and values ----
inline constexpr std::string_view principal_not_allowed = "P201";   ///< Principal in identity/boundary/session/SCP
inline constexpr std::string_view principal_required = "P202";      ///< trust/resource statement without Principal
inline constexpr std::string_view not_principal_with_allow = "P203";
inline constexpr std::string_view not_principal_in_trust = "P204";
inline constexpr std::string_view resource_in_trust = "P205";       ///< warning: trust policies have no Resource
inline constexpr std::string_view missing_resource = "P206";        ///< identity/resource statement without Resource
inline constexpr std::string_view id_not_allowed = "P207";          ///< warning: Id in an identity policy
inline constexpr std::string_view invalid_action = "P208";          ///< not `service:Name` or `*`
inline constexpr std::string_view wildcard_service = "P209";        ///< `*:Get*`, never matches
inline constexpr std::string_view malformed_arn = "P210";
inline constexpr std::string_view variable_not_allowed = "P211";    ///< `${...}` in Action, Principal, ARN before the resource part, ...
inline constexpr std::string_view partial_principal_wildcard = "P212";
inline constexpr std::string_view invalid_principal = "P213";       ///< not an ARN, account id or `*`
inline constexpr std::string_view duplicate_sid = "P214";           ///< warning
inline constexpr std::string_view rcp_principal = "P215";           ///< RCP statements need `Principal: "*"`
inline constexpr std::string_view invalid_operator_value = "P216";  ///< a value the operator cannot parse
inline constexpr std::string_view variables_without_version = "P217"; ///< warning: `${` under 2008 / no Version
inline constexpr std::string_view service_principal_format = "P218";  ///< warning
}  // namespace iamguard::policy::codes
