// SPDX-License-Identifier: Apache-2.0
// sarif_writer.cpp: SARIF 2.1.0 (OASIS) output; the mapping is documented in report/writer.hpp.
//
// Every object written here has `additionalProperties: false` in the SARIF schema, so anything
// iamguard-specific goes into a `properties` bag.
#include <array>
#include <set>

#include <iamguard/entity/entity.hpp>

#include "report/common.hpp"
#include "report/escape.hpp"
#include "report/writers.hpp"

namespace iamguard::report::detail {

namespace {

constexpr std::string_view schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// GitHub code scanning ranks security results by this CVSS-like score (a string property).
constexpr std::array<std::string_view, 5> security_severity{"0.0", "3.0", "5.5", "8.0", "9.5"};

void key(std::string& out, std::string_view k) {
    append_json_string(out, k);
    out += ':';
}

void text_object(std::string& out, std::string_view k, std::string_view text) {
    key(out, k);
    out += "{\"text\":";
    append_json_string(out, text);
    out += '}';
}

// reportingDescriptor.name: a readable identifier, conventionally PascalCase words of the title.
std::string pascal_name(std::string_view title) {
    std::string out;
    bool start = true;
    for (const char c : title) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            start = true;
            continue;
        }
        out += start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        start = false;
    }
    return out;
}

// `"physicalLocation":{...}` for a position in `file`; the region only when the line is known.
void physical_location(std::string& out, std::string_view file, const source_pos& pos) {
    key(out, "physicalLocation");
    out += "{\"artifactLocation\":{\"uri\":";
    append_json_string(out, file_uri(file));
    out += '}';
    if (pos.line != 0) {
        out += ",\"region\":{\"startLine\":";
        out += std::to_string(pos.line);
        out += ",\"startColumn\":";
        out += std::to_string(pos.column == 0 ? 1u : pos.column);
        out += '}';
    }
    out += '}';
}

std::string_view notification_level(severity s) noexcept {
    switch (s) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
    }
    return "error";
}

class sarif_writer final : public writer {
public:
    sarif_writer(sink out, options opts) : out_(std::move(out)), opts_(std::move(opts)) {}

    void begin(std::span<const rules::rule_info* const> listed) override {
        order_.reset(listed);
        std::string buf = "{\"$schema\":";
        append_json_string(buf, schema_uri);
        buf += ",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":";
        append_json_string(buf, opts_.tool_name);
        buf += ",\"version\":";
        append_json_string(buf, opts_.tool_version);
        if (is_absolute_uri(opts_.information_uri)) {
            buf += ",\"informationUri\":";
            append_json_string(buf, opts_.information_uri);
        }
        buf += ",\"rules\":[";
        for (std::size_t i = 0; i < order_.size(); ++i) {
            buf += i == 0 ? "\n" : ",\n";
            write_rule(buf, *order_.at(i));
        }
        buf += order_.size() == 0 ? "]" : "\n]";
        buf += "}},\"results\":[";
        out_(buf);
    }

    void add(std::span<const rules::finding> findings) override {
        std::string buf;
        for (const auto& f : findings) {
            tally_.add(f);
            if (f.result == rules::outcome::pass && !opts_.include_passes) continue;
            buf += written_ == 0 ? "\n" : ",\n";
            ++written_;
            write_result(buf, f);
        }
        if (!buf.empty()) out_(buf);
    }

    void end(const run_summary& run) override {
        std::string buf = written_ == 0 ? "]" : "\n]";
        bool ok = true;
        for (const auto& d : run.input_diagnostics)
            if (d.level == severity::error) ok = false;
        buf += ",\"invocations\":[{\"executionSuccessful\":";
        buf += ok ? "true" : "false";
        if (!run.input_diagnostics.empty()) {
            buf += ",\"toolExecutionNotifications\":[";
            for (std::size_t i = 0; i < run.input_diagnostics.size(); ++i) {
                const auto& d = run.input_diagnostics[i];
                if (i > 0) buf += ',';
                buf += "{\"level\":\"";
                buf += notification_level(d.level);
                buf += "\",";
                text_object(buf, "message", d.message);
                if (!d.file.empty()) {
                    buf += ",\"locations\":[{";
                    physical_location(buf, d.file, d.pos);
                    buf += "}]";
                }
                buf += ",\"properties\":{\"code\":";
                append_json_string(buf, d.code);
                if (!d.path.empty()) {
                    buf += ",\"path\":";
                    append_json_string(buf, d.path);
                }
                buf += "}}";
            }
            buf += ']';
        }
        buf += "}],\"properties\":{\"entities\":";
        buf += std::to_string(run.entities);
        buf += ",\"passed\":";
        buf += std::to_string(tally_.passed);
        buf += ",\"failed\":";
        buf += std::to_string(tally_.failed);
        buf += ",\"errors\":";
        buf += std::to_string(tally_.errors);
        buf += "}}]}\n";
        out_(buf);
    }

private:
    static void write_rule(std::string& buf, const rules::rule_info& r) {
        buf += "{\"id\":";
        append_json_string(buf, r.id);
        const std::string name = pascal_name(r.title);
        if (!name.empty()) {
            buf += ",\"name\":";
            append_json_string(buf, name);
        }
        if (!r.title.empty()) {
            buf += ',';
            text_object(buf, "shortDescription", r.title);
        }
        if (!r.description.empty()) {
            buf += ',';
            text_object(buf, "fullDescription", r.description);
        }
        if (!r.remediation.empty()) {
            buf += ",\"help\":{\"text\":";
            append_json_string(buf, r.remediation);
            buf += ",\"markdown\":";
            append_json_string(buf, r.remediation);
            buf += '}';
        }
        for (const auto& ref : r.references) {
            if (!is_absolute_uri(ref)) continue;
            buf += ",\"helpUri\":";
            append_json_string(buf, ref);
            break;
        }
        buf += ",\"defaultConfiguration\":{\"level\":\"";
        buf += sarif_level(r.severity);
        buf += "\"},\"properties\":{\"severity\":\"";
        buf += rules::to_string(r.severity);
        buf += "\",\"security-severity\":\"";
        buf += security_severity[static_cast<std::size_t>(r.severity)];
        buf += "\",\"tags\":[";
        std::set<std::string_view> seen;  // SARIF tags are unique items
        for (const auto& tag : r.compliance) {
            if (!seen.insert(tag).second) continue;
            if (seen.size() > 1) buf += ',';
            append_json_string(buf, tag);
        }
        buf += "]}}";
    }

    void write_result(std::string& buf, const rules::finding& f) {
        const std::size_t index = order_.index_of(f.rule);
        const auto sev = f.rule != nullptr ? f.rule->severity : rules::rule_severity::medium;
        buf += "{\"ruleId\":";
        append_json_string(buf, rule_id(f.rule));
        if (order_.listed(index)) {
            buf += ",\"ruleIndex\":";
            buf += std::to_string(index);
        }
        // SARIF §3.27.9: a level other than "none" requires kind "fail".
        switch (f.result) {
        case rules::outcome::fail:
            buf += ",\"kind\":\"fail\",\"level\":\"";
            buf += sarif_level(sev);
            buf += '"';
            break;
        case rules::outcome::error: buf += ",\"kind\":\"review\",\"level\":\"none\""; break;
        case rules::outcome::pass: buf += ",\"kind\":\"pass\",\"level\":\"none\""; break;
        }
        buf += ',';
        std::string text = f.message;
        if (text.empty()) {
            text = entity_label(f);
            text += f.result == rules::outcome::pass ? " passes " : " does not pass ";
            text += rule_id(f.rule);
        }
        text_object(buf, "message", text);

        const bool physical = !f.location.file.empty();
        const bool logical = !f.entity_name.empty() || !f.entity_arn.empty();
        if (physical || logical) {
            buf += ",\"locations\":[{";
            if (physical) physical_location(buf, f.location.file, f.location.pos);
            if (logical) {
                if (physical) buf += ',';
                buf += "\"logicalLocations\":[{";
                bool comma = false;
                if (!f.entity_name.empty()) {
                    buf += "\"name\":";
                    append_json_string(buf, f.entity_name);
                    comma = true;
                }
                if (!f.entity_arn.empty()) {
                    if (comma) buf += ',';
                    buf += "\"fullyQualifiedName\":";
                    append_json_string(buf, f.entity_arn);
                }
                buf += ",\"kind\":\"resource\"}]";
            }
            buf += "}]";
        }
        if (!f.evidence.empty()) {
            buf += ",\"relatedLocations\":[";
            for (std::size_t i = 0; i < f.evidence.size(); ++i) {
                const auto& e = f.evidence[i];
                if (i > 0) buf += ',';
                buf += "{\"id\":";
                buf += std::to_string(i);  // ids keep the items unique, as the schema requires
                const std::string& file = e.file.empty() ? f.location.file : e.file;
                if (!file.empty() && e.pos.line != 0) {
                    buf += ',';
                    physical_location(buf, file, e.pos);
                }
                std::string what = e.path;
                if (!e.value.empty()) {
                    if (!what.empty()) what += " = ";
                    what += e.value;
                }
                if (what.empty()) what = "evidence";
                buf += ',';
                text_object(buf, "message", what);
                buf += '}';
            }
            buf += ']';
        }
        std::string fingerprint(rule_id(f.rule));
        fingerprint += '|';
        if (!f.entity_arn.empty()) {
            fingerprint += f.entity_arn;
        } else {
            fingerprint += entity::to_string(f.entity_type);
            fingerprint += '/';
            fingerprint += f.entity_name;
        }
        buf += ",\"partialFingerprints\":{\"iamguard/v1\":";
        append_json_string(buf, fingerprint);
        buf += "},\"properties\":{\"outcome\":\"";
        buf += rules::to_string(f.result);
        buf += "\",\"severity\":\"";
        buf += rules::to_string(sev);
        buf += "\",\"entityType\":\"";
        buf += entity::to_string(f.entity_type);
        buf += "\"}}";
    }

    sink out_;
    options opts_;
    rule_order order_;
    std::size_t written_ = 0;
};

}  // namespace

std::unique_ptr<writer> make_sarif_writer(sink out, const options& opts) {
    return std::make_unique<sarif_writer>(std::move(out), opts);
}

}  // namespace iamguard::report::detail

namespace iamguard::report {

std::string_view sarif_level(rules::rule_severity s) noexcept {
    switch (s) {
    case rules::rule_severity::critical:
    case rules::rule_severity::high: return "error";
    case rules::rule_severity::medium: return "warning";
    case rules::rule_severity::low:
    case rules::rule_severity::info: return "note";
    }
    return "warning";
}

}  // namespace iamguard::report
