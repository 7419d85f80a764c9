// SPDX-License-Identifier: Apache-2.0
// json_writer.cpp: iamguard's findings document (schema version 1, see report/writer.hpp).
#include <iamguard/entity/entity.hpp>

#include "report/common.hpp"
#include "report/escape.hpp"
#include "report/writers.hpp"

namespace iamguard::report::detail {

namespace {

void key(std::string& out, std::string_view k) {
    append_json_string(out, k);
    out += ':';
}

void string_member(std::string& out, std::string_view k, std::string_view v, bool comma = true) {
    key(out, k);
    append_json_string(out, v);
    if (comma) out += ',';
}

// `"line":L,"column":C` with nulls when the line is unknown (0).
void position_members(std::string& out, const source_pos& pos) {
    if (pos.line == 0) {
        out += "\"line\":null,\"column\":null";
        return;
    }
    out += "\"line\":";
    out += std::to_string(pos.line);
    out += ",\"column\":";
    out += std::to_string(pos.column);
}

void string_array(std::string& out, const std::vector<std::string>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ',';
        append_json_string(out, items[i]);
    }
    out += ']';
}

void severity_counts(std::string& out, const std::array<std::size_t, 5>& counts) {
    out += '{';
    for (std::size_t s = 0; s < counts.size(); ++s) {
        if (s > 0) out += ',';
        key(out, rules::to_string(static_cast<rules::rule_severity>(s)));
        out += std::to_string(counts[s]);
    }
    out += '}';
}

class json_writer final : public writer {
public:
    json_writer(sink out, options opts) : out_(std::move(out)), opts_(std::move(opts)) {}

    void begin(std::span<const rules::rule_info* const> listed) override {
        order_.reset(listed);
        std::string buf = "{\"version\":1,\"tool\":{";
        string_member(buf, "name", opts_.tool_name);
        string_member(buf, "version", opts_.tool_version, false);
        buf += "},\"rules\":[";
        for (std::size_t i = 0; i < order_.size(); ++i) {
            buf += i == 0 ? "\n" : ",\n";
            write_rule(buf, *order_.at(i));
        }
        buf += order_.size() == 0 ? "]" : "\n]";
        buf += ",\"findings\":[";
        out_(buf);
    }

    void add(std::span<const rules::finding> findings) override {
        std::string buf;
        for (const auto& f : findings) {
            tally_.add(f);
            if (f.result == rules::outcome::pass && !opts_.include_passes) continue;
            buf += written_ == 0 ? "\n" : ",\n";
            ++written_;
            write_finding(buf, f);
        }
        if (!buf.empty()) out_(buf);
    }

    void end(const run_summary& run) override {
        std::string buf = written_ == 0 ? "]" : "\n]";
        buf += ",\"summary\":{\"entities\":";
        buf += std::to_string(run.entities);
        buf += ",\"rules\":";
        buf += std::to_string(order_.listed_count());
        buf += ",\"findings\":";
        buf += std::to_string(tally_.total());
        buf += ",\"passed\":";
        buf += std::to_string(tally_.passed);
        buf += ",\"failed\":";
        buf += std::to_string(tally_.failed);
        buf += ",\"errors\":";
        buf += std::to_string(tally_.errors);
        buf += ",\"failed_by_severity\":";
        severity_counts(buf, tally_.failed_by_severity);
        buf += ",\"errors_by_severity\":";
        severity_counts(buf, tally_.errors_by_severity);
        buf += ",\"input_errors\":[";
        bool first = true;
        for (const auto& d : run.input_diagnostics) {
            if (d.level != severity::error) continue;
            if (!first) buf += ',';
            first = false;
            buf += '{';
            string_member(buf, "file", d.file);
            position_members(buf, d.pos);
            buf += ',';
            string_member(buf, "code", d.code);
            string_member(buf, "message", d.message, false);
            buf += '}';
        }
        buf += "]}}\n";
        out_(buf);
    }

private:
    static void write_rule(std::string& buf, const rules::rule_info& r) {
        buf += '{';
        string_member(buf, "id", r.id);
        string_member(buf, "title", r.title);
        string_member(buf, "severity", rules::to_string(r.severity));
        string_member(buf, "description", r.description);
        string_member(buf, "remediation", r.remediation);
        key(buf, "references");
        string_array(buf, r.references);
        buf += ',';
        key(buf, "compliance");
        string_array(buf, r.compliance);
        buf += ',';
        string_member(buf, "file", r.file);
        position_members(buf, r.pos);
        buf += '}';
    }

    static void write_finding(std::string& buf, const rules::finding& f) {
        buf += '{';
        string_member(buf, "rule_id", f.rule != nullptr ? std::string_view(f.rule->id) : std::string_view());
        string_member(buf, "severity",
                      rules::to_string(f.rule != nullptr ? f.rule->severity : rules::rule_severity::medium));
        string_member(buf, "outcome", rules::to_string(f.result));
        buf += "\"entity\":{";
        string_member(buf, "type", entity::to_string(f.entity_type));
        string_member(buf, "name", f.entity_name);
        string_member(buf, "arn", f.entity_arn);
        string_member(buf, "file", f.location.file);
        position_members(buf, f.location.pos);
        buf += ',';
        string_member(buf, "path", f.location.path, false);
        buf += "},";
        string_member(buf, "message", f.message);
        buf += "\"evidence\":[";
        for (std::size_t i = 0; i < f.evidence.size(); ++i) {
            const auto& e = f.evidence[i];
            if (i > 0) buf += ',';
            buf += '{';
            string_member(buf, "path", e.path);
            string_member(buf, "value", e.value);
            string_member(buf, "file", e.file.empty() ? f.location.file : e.file);
            position_members(buf, e.pos);
            buf += '}';
        }
        buf += "]}";
    }

    sink out_;
    options opts_;
    rule_order order_;
    std::size_t written_ = 0;
};

}  // namespace

std::unique_ptr<writer> make_json_writer(sink out, const options& opts) {
    return std::make_unique<json_writer>(std::move(out), opts);
}

}  // namespace iamguard::report::detail
