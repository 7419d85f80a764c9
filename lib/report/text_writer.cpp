// SPDX-License-Identifier: Apache-2.0
// text_writer.cpp: the report for people: findings grouped by rule, then a summary line.
#include "report/writers.hpp"

#include <array>

#include "report/common.hpp"

namespace iamguard::report::detail {

namespace {

// ANSI SGR codes. Severity colours rise with severity; outcomes use the usual red/magenta/green.
constexpr std::array<std::string_view, 5> severity_colour{"2", "36", "33", "31", "1;31"};
constexpr std::string_view fail_colour = "1;31";
constexpr std::string_view error_colour = "1;35";
constexpr std::string_view pass_colour = "32";
constexpr std::string_view rule_colour = "1";

// Text taken from inputs may hold terminal control sequences; a report must not let an entity
// name move the cursor or recolour the terminal, so control characters are shown as U+FFFD.
void append_plain(std::string& out, std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) out += "\xEF\xBF\xBD";
        else out += c;
    }
}

class text_writer final : public writer {
public:
    text_writer(sink out, options opts) : out_(std::move(out)), opts_(std::move(opts)) {}

    void begin(std::span<const rules::rule_info* const> listed) override { order_.reset(listed); }

    void add(std::span<const rules::finding> findings) override {
        std::vector<std::vector<const rules::finding*>> groups(order_.size());
        for (const auto& f : findings) {
            tally_.add(f);
            if (f.result == rules::outcome::pass && !opts_.include_passes) continue;
            const std::size_t i = order_.index_of(f.rule);
            if (i >= groups.size()) groups.resize(i + 1);
            groups[i].push_back(&f);
        }
        std::string buf;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            if (groups[i].empty()) continue;
            write_header(buf, order_.at(i));
            for (const auto* f : groups[i]) write_finding(buf, *f);
            buf += '\n';
        }
        if (!buf.empty()) out_(buf);
    }

    void end(const run_summary& run) override {
        std::string line = "summary: ";
        line += paint(std::to_string(tally_.failed) + " failed", tally_.failed > 0 ? fail_colour : "");
        std::string by_severity;
        for (std::size_t s = tally_.failed_by_severity.size(); s-- > 0;) {
            if (tally_.failed_by_severity[s] == 0) continue;
            if (!by_severity.empty()) by_severity += ", ";
            by_severity += std::to_string(tally_.failed_by_severity[s]);
            by_severity += ' ';
            by_severity += rules::to_string(static_cast<rules::rule_severity>(s));
        }
        if (!by_severity.empty()) line += " (" + by_severity + ")";
        line += ", ";
        line += paint(count_of(tally_.errors, "error", "errors"), tally_.errors > 0 ? error_colour : "");
        line += ", ";
        line += paint(std::to_string(tally_.passed) + " passed", tally_.passed > 0 ? pass_colour : "");
        line += "; ";
        line += count_of(run.entities, "entity", "entities");
        line += ", ";
        line += count_of(order_.listed_count(), "rule", "rules");
        std::size_t input_errors = 0;
        for (const auto& d : run.input_diagnostics)
            if (d.level == severity::error) ++input_errors;
        if (input_errors > 0) {
            line += "; ";
            line += paint(count_of(input_errors, "input error", "input errors"), error_colour);
        }
        line += '\n';
        out_(line);
    }

private:
    [[nodiscard]] std::string paint(std::string_view text, std::string_view code) const {
        std::string out;
        if (!opts_.colour || code.empty()) {
            out = text;
            return out;
        }
        out += "\033[";
        out += code;
        out += 'm';
        out += text;
        out += "\033[0m";
        return out;
    }

    void write_header(std::string& buf, const rules::rule_info* r) const {
        std::string id;
        append_plain(id, rule_id(r));
        buf += paint(id, rule_colour);
        if (r == nullptr) {
            buf += '\n';
            return;
        }
        buf += ' ';
        const auto sev = static_cast<std::size_t>(r->severity);
        buf += paint("[" + std::string(rules::to_string(r->severity)) + "]", severity_colour[sev]);
        if (!r->title.empty()) {
            buf += ' ';
            append_plain(buf, r->title);
        }
        buf += '\n';
    }

    void write_finding(std::string& buf, const rules::finding& f) const {
        constexpr std::string_view indent = "        ";  // lines up under the entity
        buf += "  ";
        switch (f.result) {
        case rules::outcome::fail: buf += paint("fail", fail_colour); buf += "  "; break;
        case rules::outcome::error: buf += paint("error", error_colour); buf += ' '; break;
        case rules::outcome::pass: buf += paint("pass", pass_colour); buf += "  "; break;
        }
        append_plain(buf, entity_label(f));
        const std::string where = position_label(f.location.file, f.location.pos);
        if (!where.empty()) {
            buf += " at ";
            append_plain(buf, where);
        }
        buf += '\n';
        if (!f.message.empty()) {
            buf += indent;
            append_plain(buf, f.message);
            buf += '\n';
        }
        for (const auto& e : f.evidence) {
            buf += indent;
            buf += "evidence:";
            bool labelled = false;  // a path or position precedes the value
            if (!e.path.empty()) {
                buf += ' ';
                append_plain(buf, e.path);
                labelled = true;
            }
            const std::string& file = e.file.empty() ? f.location.file : e.file;
            if (e.pos.line != 0 && !file.empty()) {
                buf += " at ";
                append_plain(buf, position_label(file, e.pos));
                labelled = true;
            }
            if (!e.value.empty()) {
                buf += labelled ? ": " : " ";
                append_plain(buf, e.value);
            }
            buf += '\n';
        }
    }

    sink out_;
    options opts_;
    rule_order order_;
};

}  // namespace

std::unique_ptr<writer> make_text_writer(sink out, const options& opts) {
    return std::make_unique<text_writer>(std::move(out), opts);
}

}  // namespace iamguard::report::detail
