// SPDX-License-Identifier: Apache-2.0
// yaml.cpp: a YAML CloudFormation template to the located JSON tree the JSON adapter reads.
// Short-form intrinsics become their long form (`!Ref X` -> {"Ref": "X"}, `!GetAtt A.B` ->
// {"Fn::GetAtt": ["A", "B"]}, `!Sub s` -> {"Fn::Sub": s}), as CloudFormation defines them.
#include "entity/detail.hpp"

#include <yaml-cpp/yaml.h>

namespace iamguard::entity::detail {

namespace {

// yaml-cpp's marks can be null, partly negative, or (for errors at the end of the input) past the
// end of the text (found by fuzz_entity_load): such positions are clamped into the input.
source_pos pos_of(const YAML::Mark& m, std::string_view text) {
    if (m.is_null() || m.pos < 0 || m.line < 0 || m.column < 0) return {};
    if (static_cast<std::size_t>(m.pos) > text.size()) return locate(text, static_cast<std::uint32_t>(text.size()));
    return {static_cast<std::uint32_t>(m.pos), static_cast<std::uint32_t>(m.line + 1),
            static_cast<std::uint32_t>(m.column + 1)};
}

class converter {
public:
    explicit converter(loader& ld) : ld_(ld) {}

    bool convert(const YAML::Node& n, json::value& out, std::uint32_t depth) {
        if (depth > ld_.opts.json.max_depth) {
            ld_.report(severity::error, json::codes::too_deep,
                       "YAML nested deeper than " + std::to_string(ld_.opts.json.max_depth) + " levels", pos_of(n.Mark(), ld_.text));
            return false;
        }
        const source_pos p = pos_of(n.Mark(), ld_.text);
        json::value v;
        switch (n.Type()) {
            case YAML::NodeType::Undefined:
            case YAML::NodeType::Null: v = make_null(p); break;
            case YAML::NodeType::Scalar: {
                const std::string& s = n.Scalar();
                if (n.Tag() == "?" && (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" ||
                                       s == "FALSE")) {
                    v = make_bool(s[0] == 't' || s[0] == 'T', p);
                } else if (n.Tag() == "?" && (s == "null" || s == "~" || s == "Null" || s == "NULL")) {
                    v = make_null(p);
                } else {
                    // Numbers stay strings: `111122223333` is an account id, not a quantity.
                    v = make_string(s, p);
                }
                break;
            }
            case YAML::NodeType::Sequence: {
                v = make_array(p);
                for (const auto& item : n) {
                    json::value c;
                    if (!convert(item, c, depth + 1)) return false;
                    v.items.push_back(std::move(c));
                }
                break;
            }
            case YAML::NodeType::Map: {
                v = make_object(p);
                for (const auto& kv : n) {
                    json::member m;
                    m.key = kv.first.Scalar();
                    m.key_pos = pos_of(kv.first.Mark(), ld_.text);
                    if (!convert(kv.second, m.val, depth + 1)) return false;
                    v.members.push_back(std::move(m));
                }
                break;
            }
        }
        const std::string& tag = n.Tag();
        if (!tag.empty() && tag[0] == '!' && tag.size() > 1) {
            std::string fn = tag.substr(1);
            if (fn == "GetAtt" && v.is_string()) {  // `!GetAtt Role.Arn` is `["Role", "Arn"]`
                const std::size_t dot = v.text.find('.');
                json::value arr = make_array(p);
                arr.items.push_back(make_string(v.text.substr(0, dot), p));
                if (dot != std::string::npos) arr.items.push_back(make_string(v.text.substr(dot + 1), p));
                v = std::move(arr);
            }
            json::value wrapped = make_object(p);
            set(wrapped, fn == "Ref" || fn == "Condition" ? fn : "Fn::" + fn, std::move(v));
            v = std::move(wrapped);
        }
        out = std::move(v);
        return true;
    }

private:
    loader& ld_;
};

}  // namespace

bool yaml_to_json(loader& ld, std::string_view text, json::value& out) {
    try {
        YAML::Node root = YAML::Load(std::string(text));
        return converter(ld).convert(root, out, 0);
    } catch (const YAML::Exception& e) {
        // yaml-cpp reports syntax errors by exception; they become a diagnostic here.
        ld.report(severity::error, codes::yaml_syntax, "invalid YAML: " + e.msg, pos_of(e.mark, ld.text));
        return false;
    }
}

}  // namespace iamguard::entity::detail
