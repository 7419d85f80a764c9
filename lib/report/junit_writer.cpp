// SPDX-License-Identifier: Apache-2.0
// junit_writer.cpp: JUnit XML, one testsuite per rule and one testcase per finding.
//
// A <testsuite> carries its counts as attributes, so nothing can be written before the last
// finding: this writer keeps each rule's testcases (already rendered) until end().
#include "report/common.hpp"
#include "report/escape.hpp"
#include "report/writers.hpp"

namespace iamguard::report::detail {

namespace {

void attribute(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    append_xml(out, value);
    out += '"';
}

struct suite {
    std::size_t tests = 0, failures = 0, errors = 0;
    std::string cases;
};

class junit_writer final : public writer {
public:
    junit_writer(sink out, options opts) : out_(std::move(out)), opts_(std::move(opts)) {}

    void begin(std::span<const rules::rule_info* const> listed) override {
        order_.reset(listed);
        suites_.assign(order_.size(), suite{});
    }

    void add(std::span<const rules::finding> findings) override {
        for (const auto& f : findings) {
            tally_.add(f);
            const std::size_t i = order_.index_of(f.rule);
            if (i >= suites_.size()) suites_.resize(i + 1);
            write_case(suites_[i], f);
        }
    }

    void end(const run_summary& run) override {
        std::size_t input_errors = 0;
        for (const auto& d : run.input_diagnostics)
            if (d.level == severity::error) ++input_errors;
        std::string buf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
        attribute(buf, "name", opts_.tool_name);
        attribute(buf, "tests", std::to_string(tally_.total() + input_errors));
        attribute(buf, "failures", std::to_string(tally_.failed));
        attribute(buf, "errors", std::to_string(tally_.errors + input_errors));
        buf += ">\n";
        for (std::size_t i = 0; i < suites_.size(); ++i) {
            const auto* r = order_.at(i);
            const auto& s = suites_[i];
            buf += "  <testsuite";
            std::string name(rule_id(r));
            if (r != nullptr && !r->title.empty()) name += ": " + r->title;
            attribute(buf, "name", name);
            attribute(buf, "id", std::to_string(i));
            attribute(buf, "tests", std::to_string(s.tests));
            attribute(buf, "failures", std::to_string(s.failures));
            attribute(buf, "errors", std::to_string(s.errors));
            attribute(buf, "skipped", "0");
            buf += ">\n";
            if (r != nullptr) {
                buf += "    <properties>\n      <property";
                attribute(buf, "name", "severity");
                attribute(buf, "value", rules::to_string(r->severity));
                buf += "/>\n";
                for (const auto& tag : r->compliance) {
                    buf += "      <property";
                    attribute(buf, "name", "compliance");
                    attribute(buf, "value", tag);
                    buf += "/>\n";
                }
                buf += "    </properties>\n";
            }
            buf += s.cases;
            buf += "  </testsuite>\n";
        }
        if (input_errors > 0) {
            buf += "  <testsuite";
            attribute(buf, "name", "inputs");
            attribute(buf, "id", std::to_string(suites_.size()));
            attribute(buf, "tests", std::to_string(input_errors));
            attribute(buf, "failures", "0");
            attribute(buf, "errors", std::to_string(input_errors));
            attribute(buf, "skipped", "0");
            buf += ">\n";
            for (const auto& d : run.input_diagnostics) {
                if (d.level != severity::error) continue;
                buf += "    <testcase";
                attribute(buf, "name", d.file.empty() ? std::string_view("(input)") : std::string_view(d.file));
                attribute(buf, "classname", "inputs");
                if (!d.file.empty()) attribute(buf, "file", d.file);
                buf += ">\n      <error";
                attribute(buf, "message", d.message);
                attribute(buf, "type", d.code);
                buf += '>';
                append_xml(buf, render_short(d));
                buf += "</error>\n    </testcase>\n";
            }
            buf += "  </testsuite>\n";
        }
        buf += "</testsuites>\n";
        out_(buf);
    }

private:
    static void write_case(suite& s, const rules::finding& f) {
        ++s.tests;
        std::string& buf = s.cases;
        buf += "    <testcase";
        attribute(buf, "name", entity_label(f));
        attribute(buf, "classname", rule_id(f.rule));
        if (!f.location.file.empty()) {
            attribute(buf, "file", f.location.file);
            if (f.location.pos.line != 0) attribute(buf, "line", std::to_string(f.location.pos.line));
        }
        if (f.result == rules::outcome::pass) {
            buf += "/>\n";
            return;
        }
        const bool fail = f.result == rules::outcome::fail;
        if (fail) ++s.failures;
        else ++s.errors;
        buf += fail ? ">\n      <failure" : ">\n      <error";
        attribute(buf, "message", f.message);
        attribute(buf, "type", rules::to_string(f.rule != nullptr ? f.rule->severity : rules::rule_severity::medium));
        buf += '>';
        std::string body = entity_label(f);
        const std::string where = position_label(f.location.file, f.location.pos);
        if (!where.empty()) body += " at " + where;
        if (!f.message.empty()) body += "\n" + f.message;
        for (const auto& e : f.evidence) {
            body += "\nevidence:";
            if (!e.path.empty()) body += " " + e.path;
            const std::string& file = e.file.empty() ? f.location.file : e.file;
            if (e.pos.line != 0 && !file.empty()) body += " at " + position_label(file, e.pos);
            if (!e.value.empty()) body += ": " + e.value;
        }
        append_xml(buf, body);
        buf += fail ? "</failure>\n    </testcase>\n" : "</error>\n    </testcase>\n";
    }

    sink out_;
    options opts_;
    rule_order order_;
    std::vector<suite> suites_;
};

}  // namespace

std::unique_ptr<writer> make_junit_writer(sink out, const options& opts) {
    return std::make_unique<junit_writer>(std::move(out), opts);
}

}  // namespace iamguard::report::detail
