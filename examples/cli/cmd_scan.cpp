// SPDX-License-Identifier: Apache-2.0
// cmd_scan.cpp: `iamguard scan [options] INPUT...`: run rules over entities and report findings.
//
// Inputs other than JSON Lines are loaded together with the other inputs of their account, so that
// the joins see all of them (pages of one dump, a dump and its credential report). One account
// (or inputs whose account is unknown): each input read on one of --threads threads, then the
// entities evaluated in chunks on --threads workers. Several accounts (account_units.hpp): each
// account read, joined, evaluated and freed by one worker. Canonical JSON Lines inputs are streamed
// next, in command-line order: read chunk by chunk (bounded memory), each chunk loaded and
// evaluated by a worker. Findings are written in that order whatever the thread count, as soon as
// their chunk is done (text, json, sarif) or at the end (junit). Aggregate rules (`List<T>`) run
// last, over every entity.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <iamguard/entity/codes.hpp>
#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>
#include <iamguard/report/writer.hpp>
#include <iamguard/rules/compile.hpp>

#include "account_units.hpp"
#include "commands.hpp"
#include "io.hpp"
#include "scan_pipeline.hpp"
#include "scan_time.hpp"
#include "unit_inputs.hpp"

#ifndef IAMGUARD_DEFAULT_RULES_DIR
#define IAMGUARD_DEFAULT_RULES_DIR "dsl/rules"
#endif

namespace iamguard::cli {
namespace {

constexpr std::size_t entities_per_chunk = 256;     // a batch of the joined inputs (small: two workers end together)
constexpr std::size_t lines_per_chunk = 256;        // a batch of a JSON Lines input (small: two workers end together)
constexpr std::size_t bytes_per_chunk = 4u << 20;   // ... or fewer lines when they are long

struct scan_options {
    std::vector<std::string> rules;
    std::string params;
    std::string format = "text";
    std::string output;
    unsigned threads = 0;
    std::string fail_on = "low";
    std::string input_format;
    std::string now;
    bool include_passes = false;
    bool no_colour = false;
    std::vector<std::string> inputs;
};

// ---- rules ----

bool has_rule_files(const std::filesystem::path& dir) {
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && it->path().extension() == ".rule") return true;
    return false;
}

// Prints diagnostics with the source line of their file when it can be read.
void print_diagnostics(const std::vector<diagnostic>& diags) {
    std::map<std::string, std::string> sources;
    for (const auto& d : diags) {
        std::string text;
        if (!d.file.empty() && d.file != "-" && d.file != "<stdin>") {
            auto it = sources.find(d.file);
            if (it == sources.end()) {
                std::string why;
                it = sources.emplace(d.file, read_input(d.file, why).value_or("")).first;
            }
            text = it->second;
        }
        std::cerr << render(d, text);
    }
}

std::optional<rules::rule_set> compile_rules(const scan_options& o) {
    rules::compile_options copts;
    if (!o.params.empty()) {
        std::string why;
        const auto text = read_input(o.params, why);
        if (!text) {
            std::cerr << "iamguard scan: " << why << '\n';
            return std::nullopt;
        }
        std::vector<diagnostic> diags;
        copts.params = rules::load_parameters(*text, o.params, diags);
        for (const auto& d : diags) std::cerr << render(d, *text);
        if (has_errors(diags)) return std::nullopt;
    }
    std::vector<std::filesystem::path> paths(o.rules.begin(), o.rules.end());
    if (paths.empty()) {
        const std::filesystem::path pack = IAMGUARD_DEFAULT_RULES_DIR;
        if (!has_rule_files(pack)) {
            std::cerr << "iamguard scan: the shipped rule pack in `" << pack.string()
                      << "` has no rules yet; give rule files or directories with --rules PATH\n";
            return std::nullopt;
        }
        paths.push_back(pack);
    }
    auto compiled = rules::compile_paths(paths, copts);
    print_diagnostics(compiled.diagnostics);
    if (!compiled) {
        std::cerr << "iamguard scan: the rules do not compile\n";
        return std::nullopt;
    }
    if (compiled.rules->empty()) {
        std::cerr << "iamguard scan: no rules found in the given --rules paths\n";
        return std::nullopt;
    }
    return std::move(compiled.rules);
}

// ---- inputs ----

// Shifts positions found in a chunk of a JSON Lines input to positions in the whole input.
// Byte offsets are 32-bit (source_pos): past 4 GiB into one input they stay at the largest value
// rather than wrap, while lines and columns stay exact.
std::uint32_t offset32(std::uint64_t offset) {
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(offset, std::numeric_limits<std::uint32_t>::max()));
}

void shift(source_pos& p, std::uint32_t lines, std::uint32_t bytes) {
    if (p.line == 0) return;
    p.line += lines;
    p.offset = offset32(std::uint64_t{p.offset} + bytes);
}

// A rendered diagnostic quotes a line of the input, which may hold anything (a binary file given
// by mistake): control characters other than newline and tab must not reach the terminal.
std::string printable(std::string text) {
    for (char& c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) c = '?';
    }
    return text;
}

// A canonical JSON Lines input: its first line is a whole entity object (not the
// `{"format": ..., "entities": [...]}` document, which may also fit on one line).
bool looks_like_json_lines(std::string_view first_line, const std::optional<entity::input_format>& forced) {
    if (forced && *forced != entity::input_format::canonical) return false;
    std::size_t b = first_line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos || first_line[b] != '{') return false;
    if (!forced && entity::detect_format(first_line) != entity::input_format::canonical) return false;
    const auto parsed = json::parse(first_line);
    return parsed.ok && parsed.root.is_object() && parsed.root.find("entities") == nullptr;
}

struct scan_state {
    const rules::rule_set* rules = nullptr;
    rules::eval_context ctx;
    entity::load_options load;
    bool aggregates = false;  // the rules have aggregates: chunks collect what they need
};

// Evaluates entities [begin, end) of `all` (this job's alone). An aggregate rule that needs an
// entity whole takes it; the others stay in `all` (not freed: see the end of run_scan).
chunk_result evaluate_range(const scan_state& st, std::vector<entity::entity>& all, std::size_t begin,
                            std::size_t end) {
    chunk_result r;
    if (st.aggregates) r.aggregates = rules::aggregate_state(*st.rules, st.ctx);
    std::size_t most = 0;  // one block for the chunk's findings (growing it moved them)
    for (std::size_t i = begin; i < end; ++i) most += st.rules->max_findings(all[i].type);
    r.findings.reserve(most);
    for (std::size_t i = begin; i < end; ++i) {
        entity::entity& e = all[i];
        const std::size_t first = r.findings.size();
        st.rules->evaluate(e, st.ctx, r.findings);
        // Joined parts (a credential-report row, another page) have positions in another input.
        if (!e.field_files.empty()) {
            for (std::size_t k = first; k < r.findings.size(); ++k)
                for (auto& ev : r.findings[k].evidence)
                    if (const std::string& file = e.file_of(ev.path); file != e.from.file) ev.file = file;
        }
        r.aggregates.add(std::move(e));  // kept whole only when an aggregate rule needs it
    }
    r.entities = end - begin;
    return r;
}

// Loads the inputs of a unit together, with the joins (on up to `threads` threads); each file is
// read by the thread that parses it, into a buffer that thread reuses, and let go once parsed.
// Their problems go to `problems`, rendered with their source line (a file with problems is read
// again for it: problems are rare, texts are large); an input that cannot be read, or gives no
// entity and has errors, counts as unreadable.
std::vector<entity::entity> load_unit(const scan_state& st, const std::vector<unit_input>& inputs, unsigned threads,
                                      chunk_result& problems) {
    const std::vector<entity::input> texts = load_inputs(inputs);
    if (texts.empty()) return {};
    entity::load_options lo = st.load;
    lo.threads = threads;  // the inputs are read (parsed) in parallel, then joined
    auto loaded = entity::load(texts, lo);
    quoted_sources sources(inputs);
    std::map<std::string, bool> file_errors;
    for (auto& diag : loaded.diagnostics) {
        if (diag.level == severity::error) file_errors[diag.file] = true;
        if (is_unreadable_input(diag)) {
            problems.rendered.push_back("iamguard scan: " + diag.file + ": " + diag.message + "\n");
        } else {
            problems.rendered.push_back(printable(render(diag, sources.text_of(diag.file))));
        }
    }
    // An input that gave no entity and has errors could not be read at all. (Counted only when
    // there are errors: a string lookup per entity is a millisecond of a 10^4-role account.)
    if (!file_errors.empty()) {
        std::map<std::string, std::size_t> per_file;
        for (const auto& e : loaded.entities) ++per_file[e.from.file];
        for (const auto& t : texts)
            if (file_errors.contains(std::string(t.name)) && per_file[std::string(t.name)] == 0) ++problems.unreadable_inputs;
    }
    for (auto& diag : loaded.diagnostics)
        if (diag.level == severity::error) problems.diagnostics.push_back(std::move(diag));
    return std::move(loaded.entities);
}

// Loads and evaluates a chunk of JSON Lines that starts at `first_line` (1-based) and byte
// `first_byte` of the input. Each line is loaded on its own: a broken line does not hide the
// others, and the cost stays linear (positions are computed within the line, then shifted).
chunk_result evaluate_lines(const scan_state& st, const std::string& name, const std::string& text,
                            std::uint32_t first_line, std::uint64_t first_byte) {
    entity::load_options lo = st.load;
    lo.format = entity::input_format::canonical;
    lo.join = false;  // canonical lines carry their joins; joining a chunk would invent Account entities
    chunk_result r;
    if (st.aggregates) r.aggregates = rules::aggregate_state(*st.rules, st.ctx);
    bool any_error = false;
    std::uint32_t line_no = first_line;
    for (std::size_t at = 0; at < text.size(); ++line_no) {
        std::size_t nl = text.find('\n', at);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view line = std::string_view(text).substr(at, nl - at);
        const auto byte = offset32(first_byte + at);
        at = nl + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        auto loaded = entity::load(line, name, lo);
        const std::uint32_t lines = line_no - 1;
        for (auto& d : loaded.diagnostics) {
            if (d.file.empty()) d.file = name;
            d.pos.line += lines;  // the caret is drawn from the offset, which still points into `line`
            r.rendered.push_back(printable(render(d, line)));
            d.pos.offset = offset32(std::uint64_t{d.pos.offset} + byte);
            any_error = any_error || d.level == severity::error;
            r.diagnostics.push_back(std::move(d));
        }
        const std::size_t before = r.findings.size();
        for (const auto& e : loaded.entities) st.rules->evaluate(e, st.ctx, r.findings);
        for (std::size_t i = before; i < r.findings.size(); ++i) {
            auto& f = r.findings[i];
            shift(f.location.pos, lines, byte);
            for (auto& ev : f.evidence) shift(ev.pos, lines, byte);
        }
        r.entities += loaded.entities.size();
        // digests of what the aggregate rules need, so that the entities can go (bounded memory)
        for (auto& e : loaded.entities) r.aggregates.add(std::move(e), lines, byte);
    }
    if (r.entities == 0 && any_error && first_line == 1) r.unreadable_inputs = 1;
    return r;
}

// ---- progress ----

// The line `scanning: N entities, M findings` on a terminal's standard error, redrawn at most
// five times a second, and the messages written to standard error during the scan (print()).
// Thread-safe, and the only writer of standard error while the pool runs (the streams are not
// synchronised with stdio, so not safe to share): its consumer prints on a worker, and the
// report writer clears the line there, while this thread reports an input it cannot read.
class progress {
public:
    explicit progress(bool on) : on_(on), start_(std::chrono::steady_clock::now()) {}
    void update(std::size_t entities, std::size_t findings) {
        if (!on_) return;
        const std::lock_guard lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        shown_ = true;
        std::cerr << "\r\033[Kscanning: " << entities << " entities, " << findings << " findings" << std::flush;
    }
    void clear() {
        if (!on_) return;
        const std::lock_guard lock(mutex_);
        clear_line();
    }
    /// Writes `text` to standard error, below the progress line (cleared first).
    void print(std::string_view text) {
        const std::lock_guard lock(mutex_);
        clear_line();
        std::cerr << text;
    }

private:
    void clear_line() {
        if (!shown_) return;
        std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }

    std::mutex mutex_;
    bool on_;
    bool shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

int run_scan(const scan_options& o) {
    // Standard input may be a long JSON Lines stream: read it through the iostream buffer rather
    // than character by character in step with C stdio (nothing here uses C stdio).
    std::ios_base::sync_with_stdio(false);

    // ---- options ----
    const auto fmt = report::parse_format(o.format);
    if (!fmt) {
        std::cerr << "iamguard scan: unknown --format `" << o.format << "` (expected text, json, sarif or junit)\n";
        return 2;
    }
    std::optional<rules::rule_severity> threshold;
    if (o.fail_on != "none") {
        threshold = rules::parse_severity(o.fail_on);
        if (!threshold) {
            std::cerr << "iamguard scan: unknown --fail-on `" << o.fail_on
                      << "` (expected info, low, medium, high, critical or none)\n";
            return 2;
        }
    }
    scan_state st;
    // Passes are only counted unless they are listed (JUnit lists every test case).
    st.ctx.describe_passes = o.include_passes || *fmt == report::format::junit;
    if (!o.input_format.empty()) {
        st.load.format = entity::parse_input_format(o.input_format);
        if (!st.load.format) {
            std::cerr << "iamguard scan: unknown --input-format `" << o.input_format << "`\n";
            return 2;
        }
    }
    if (!o.now.empty()) {
        const auto t = parse_iso8601(o.now);
        if (!t) {
            std::cerr << "iamguard scan: --now `" << o.now
                      << "` is not an ISO 8601 time with a zone (e.g. 2026-01-31T12:00:00Z or 2026-01-31)\n";
            return 2;
        }
        st.ctx.now = *t;
    }
    std::size_t stdin_uses = 0;
    for (const auto& in : o.inputs) stdin_uses += in == "-" ? 1 : 0;
    if (stdin_uses > 1) {
        std::cerr << "iamguard scan: `-` (standard input) may be given once\n";
        return 2;
    }

    // ---- rules ----
    const auto compiled = compile_rules(o);
    if (!compiled) return 2;
    const rules::rule_set& rule_set = *compiled;
    st.rules = &rule_set;
    st.aggregates = rule_set.has_aggregates();
    // The largest part of a joined account; the shipped pack does not read it.
    st.load.combined_policies = rule_set.reads_field("combinedPolicies");
    std::vector<const rules::rule_info*> listed;
    for (const auto& r : rule_set.rules()) listed.push_back(&r);

    // ---- output ----
    std::ofstream file_out;
    if (!o.output.empty()) {
        file_out.open(o.output, std::ios::binary | std::ios::trunc);
        if (!file_out) {
            std::cerr << "iamguard scan: " << o.output << ": cannot open for writing: " << std::strerror(errno) << '\n';
            return 2;
        }
    }
    std::ostream& out = o.output.empty() ? std::cout : file_out;
    const bool to_terminal = o.output.empty() && isatty(1) != 0;
    progress prog(isatty(2) != 0);
    report::options ropts;
    ropts.colour = *fmt == report::format::text && !o.no_colour && o.output.empty() && use_colour(1);
    ropts.include_passes = o.include_passes;
    auto writer = report::make_writer(*fmt, [&](std::string_view chunk) {
        if (to_terminal) prog.clear();
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        out.flush();
    }, ropts);
    writer->begin(listed);

    // ---- scan ----
    report::run_summary run;
    std::size_t fatal_inputs = 0;
    rules::aggregate_state aggregates(rule_set, st.ctx);  // in input order, chunk after chunk
    std::vector<std::string> spare_buffers;  // chunk texts handed back, to be filled again
    // The pool's consumer runs on its workers (one at a time); what it shares with this thread
    // (the run's input problems, the spare buffers) is taken under this lock, standard error
    // through `prog`.
    std::mutex shared;
    // One account's entities, which the pool's jobs read: declared before the pool, so that
    // when an exception leaves this function, the pool (which waits for its jobs) goes first.
    std::vector<entity::entity> joined;
    const unsigned threads = o.threads != 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    ordered_pool pool(threads, 2 * static_cast<std::size_t>(threads) + 1, [&](chunk_result&& r) {
        for (const auto& text : r.rendered) prog.print(text);
        writer->add(r.findings);
        aggregates.append(std::move(r.aggregates));
        const std::lock_guard lock(shared);
        // Only errors go to the report: warnings were printed, and keeping one per line of a long
        // JSON Lines input would defeat the bounded memory of streaming.
        for (auto& diag : r.diagnostics)
            if (diag.level == severity::error) run.input_diagnostics.push_back(std::move(diag));
        fatal_inputs += r.unreadable_inputs;
        run.entities += r.entities;
        if (r.spent_input.capacity() != 0) spare_buffers.push_back(std::move(r.spent_input));
        prog.update(run.entities, writer->counts().total());
    });

    auto input_error = [&](const std::string& name, const std::string& why) {
        diagnostic d;
        d.code = std::string(entity::codes::unreadable);
        d.file = name;
        d.pos.line = 0;
        d.message = why;
        prog.print("iamguard scan: " + name + ": " + why + "\n");
        const std::lock_guard lock(shared);
        run.input_diagnostics.push_back(std::move(d));
        ++fatal_inputs;
    };

    // Pass 1: look at the inputs. JSON Lines inputs stay open, to be streamed after the others;
    // of the others only the first bytes are read, which say the account (account_units.hpp).
    struct stream_input {
        std::string name;
        std::unique_ptr<std::ifstream> file;  // null for standard input
        std::string first;                    // the first line, already read (with its newline)
    };
    std::vector<stream_input> streams;
    std::vector<unit_input> whole;
    std::vector<account_probe> probes;  // one per `whole` input
    std::vector<std::string> paths;  // a directory stands for the input files below it
    for (const auto& arg : o.inputs) {
        std::string why;
        auto files = expand_directory(arg, input_extensions, why);
        if (!why.empty()) input_error(arg, why);
        for (auto& f : files) paths.push_back(std::move(f));
    }
    for (const auto& path : paths) {
        const std::string name = display_name(path);
        auto fin = std::make_unique<std::ifstream>();
        std::istream* in = &std::cin;
        if (path != "-") {
            fin->open(path, std::ios::binary);
            if (!*fin) {
                input_error(name, std::string("cannot open: ") + std::strerror(errno));
                continue;
            }
            in = fin.get();
        }
        std::string first;
        std::getline(*in, first);
        if (in->bad()) {
            input_error(name, "read error");
            continue;
        }
        const bool had_newline = !in->eof();
        if (looks_like_json_lines(first, st.load.format)) {
            if (had_newline) first += '\n';
            streams.push_back({name, path == "-" ? nullptr : std::move(fin), std::move(first)});
            continue;
        }
        std::string text = std::move(first);
        if (had_newline) text += '\n';
        if (path == "-") {  // read once, so kept whole
            if (!append_rest(*in, text)) {
                input_error(name, "read error");
                continue;
            }
        } else if (text.size() < account_probe_bytes && had_newline) {
            const std::size_t had = text.size();
            text.resize(account_probe_bytes);
            in->read(text.data() + had, static_cast<std::streamsize>(account_probe_bytes - had));
            text.resize(had + static_cast<std::size_t>(in->gcount()));
        }
        probes.push_back(probe_account(text, st.load.format));
        if (path != "-") text = std::string();  // read again when its unit is loaded
        whole.push_back({name, path, std::move(text)});
    }

    // Pass 2: the other inputs, one unit at a time: the inputs of one account are loaded together
    // (the joins see all of them). One unit (one account, or inputs whose account is unknown):
    // its inputs are read on --threads threads, joined, then evaluated in chunks. Several: each
    // unit is read, joined and evaluated by one worker, and freed, so memory holds a few accounts.
    const auto units = join_units(probes);
    if (units.size() == 1) {
        chunk_result problems;
        auto loaded = load_unit(st, whole, threads, problems);
        whole.clear();  // the entities keep what they need
        // the load's problems first, in order with the findings (a job: the pool's jobs are copyable)
        pool.submit([p = std::make_shared<chunk_result>(std::move(problems))] { return std::move(*p); });
        joined = std::move(loaded);
        for (std::size_t b = 0; b < joined.size(); b += entities_per_chunk) {
            const std::size_t e = std::min(joined.size(), b + entities_per_chunk);
            pool.submit([&st, &joined, b, e] { return evaluate_range(st, joined, b, e); });
        }
    } else {
        for (const auto& unit : units) {
            std::vector<unit_input> inputs;
            for (const std::size_t i : unit) inputs.push_back(std::move(whole[i]));
            pool.submit([&st, inputs = std::move(inputs)]() mutable {
                chunk_result r;
                auto entities = load_unit(st, inputs, 1, r);
                inputs.clear();
                chunk_result evaluated = evaluate_range(st, entities, 0, entities.size());
                evaluated.rendered = std::move(r.rendered);
                evaluated.diagnostics = std::move(r.diagnostics);
                evaluated.unreadable_inputs = r.unreadable_inputs;
                return evaluated;  // the unit's entities are freed here, on the thread that made them
            });
        }
        whole.clear();
    }

    // Pass 3: JSON Lines inputs, streamed chunk by chunk in bounded memory.
    for (auto& si : streams) {
        std::istream& in = si.file ? static_cast<std::istream&>(*si.file) : std::cin;
        const std::string name = si.name;
        std::uint32_t line_no = 1;  // where the next chunk starts
        std::uint64_t byte_no = 0;
        // Submits bytes [from, from + n) of `buf` (below) as a chunk of `lines` lines, copied into
        // a buffer a finished chunk handed back when there is one.
        auto submit = [&](const std::string& buf, std::size_t from, std::size_t n, std::size_t lines) {
            std::string text;
            {
                const std::lock_guard lock(shared);
                if (!spare_buffers.empty()) {
                    text = std::move(spare_buffers.back());
                    spare_buffers.pop_back();
                }
            }
            text.assign(buf, from, n);
            const std::uint32_t l = line_no;
            const std::uint64_t b = byte_no;
            line_no += static_cast<std::uint32_t>(lines);
            byte_no += n;
            pool.submit([&st, name, text = std::move(text), l, b]() mutable {
                chunk_result r = evaluate_lines(st, name, text, l, b);
                r.spent_input = std::move(text);
                return r;
            });
        };
        // Read in blocks and cut chunks at newlines (lines_per_chunk lines, or fewer that reach
        // bytes_per_chunk): this thread also consumes the results, and the workers wait for it.
        constexpr std::size_t block = 1u << 20;
        std::string buf = std::move(si.first);  // read, not yet submitted from `start` on
        std::size_t start = 0;                  // the chunk being formed: [start, end), `lines` lines
        std::size_t end = 0;
        std::size_t lines = 0;
        bool at_eof = false;
        for (;;) {
            while (lines < lines_per_chunk && end - start < bytes_per_chunk) {
                const void* nl = std::memchr(buf.data() + end, '\n', buf.size() - end);
                if (nl == nullptr) break;
                end = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
                ++lines;
            }
            if (lines >= lines_per_chunk || end - start >= bytes_per_chunk) {
                submit(buf, start, end - start, lines);
                start = end;
                lines = 0;
                if (start >= bytes_per_chunk) {  // keep the buffer about one chunk long
                    buf.erase(0, start);
                    end -= start;
                    start = 0;
                }
                continue;
            }
            if (at_eof) break;
            const std::size_t had = buf.size();
            buf.resize(had + block);
            in.read(buf.data() + had, static_cast<std::streamsize>(block));
            buf.resize(had + static_cast<std::size_t>(in.gcount()));
            at_eof = !in;
        }
        if (in.bad()) input_error(name, "read error");
        // the rest: complete lines, then a last line without a newline
        if (start < buf.size()) submit(buf, start, buf.size() - start, lines + (end < buf.size() ? 1 : 0));
        si.file.reset();
    }
    pool.finish();
    // The joined entities are not freed: the process ends right after the report. Freeing a
    // loaded account node by node took 10-15% of a scan of authorization-details pages, and more
    // with two threads, whose workers freed blocks the reading threads had allocated (glibc then
    // takes the other arena's lock for each block): bench/HISTORY.md. They stay reachable (no
    // leak report under LeakSanitizer).
    static auto* const kept_until_exit = new std::vector<std::vector<entity::entity>>();
    kept_until_exit->push_back(std::move(joined));

    // Aggregates (`List<T> should ...`) see every entity at once.
    if (st.aggregates) {
        std::vector<rules::finding> agg;
        aggregates.evaluate(agg);
        writer->add(agg);
    }
    prog.clear();
    writer->end(run);
    if (!out) {
        std::cerr << "iamguard scan: " << (o.output.empty() ? std::string("standard output") : o.output)
                  << ": write error\n";
        return 2;
    }

    // ---- exit code ----
    if (fatal_inputs > 0) return 2;
    const auto& t = writer->counts();
    const bool findings_fail =
        threshold && (t.failed_at_or_above(*threshold) + t.errors_at_or_above(*threshold) > 0);
    return findings_fail || has_errors(run.input_diagnostics) ? 1 : 0;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<scan_options>();
    auto* cmd = app.add_subcommand("scan", "Run rules over IAM entities (AWS CLI output, credential reports, "
                                           "CloudFormation, Terraform plans, canonical JSON/JSON Lines) and report findings");
    // One value per --rules, so that `--rules a.rule INPUT` does not take INPUT as a rule file.
    cmd->add_option("--rules", opts->rules,
                    "A .rule file or a directory of them (repeatable); default: the shipped rule pack")
        ->allow_extra_args(false);
    cmd->add_option("--params", opts->params, "A parameter file (JSON object or YAML mapping) overriding rule defaults");
    cmd->add_option("-f,--format", opts->format, "Output format: text, json, sarif or junit")->capture_default_str();
    cmd->add_option("-o,--output", opts->output, "Write the report to FILE instead of standard output");
    cmd->add_option("-j,--threads", opts->threads, "Worker threads (default: one per core)")
        ->check(CLI::Range(0u, 256u));
    cmd->add_option("--fail-on", opts->fail_on,
                    "Exit 1 when a rule of at least this severity fails or errs: info, low, medium, high, critical, "
                    "or none")
        ->capture_default_str();
    cmd->add_option("--input-format", opts->input_format,
                    "Force the input adapter (canonical, authorization-details, get-role, list-roles, "
                    "credential-report, credential-report-response, cloudformation, cloudformation-yaml, terraform-plan)");
    cmd->add_option("--now", opts->now, "Evaluation time for date rules, ISO 8601 (e.g. 2026-01-31T00:00:00Z)");
    cmd->add_flag("--include-passes", opts->include_passes, "List passing findings too (JUnit always does)");
    cmd->add_flag("--no-color", opts->no_colour, "Never colour the text report");
    cmd->add_option("INPUT", opts->inputs,
                    "Input files, or directories of them (*.json, *.jsonl, *.ndjson, *.yaml, *.yml, *.template, "
                    "*.csv, read in path order); - for standard input")
        ->required();
    cmd->callback([opts, &exit_code] { exit_code = run_scan(*opts); });
}

}  // namespace iamguard::cli
