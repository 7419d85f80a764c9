// SPDX-License-Identifier: Apache-2.0
// json/compact_string.hpp: the 16-byte string a JSON value keeps its text and an object member its
// key in.
//
// Why: a loaded account holds about a million values and half a million members, and
// std::string's 32 bytes were a third of each (a value was 64 bytes, a member 112). On the small
// cloud machines iamguard is benchmarked on, the memory a scan touches is what two threads slow
// each other down on (bench/HISTORY.md), so the tree is made smaller rather than faster to walk.
// With this string a value is 48 bytes and a member 80. Strings of up to 15 bytes (keys, actions,
// account ids, most condition values) are stored inline, as std::string does; longer ones (ARNs,
// documents) take one allocation of exactly their size plus a terminating NUL.
//
// It reads like a const std::string: size(), data(), c_str(), iterators, find(), substr(),
// comparisons, and converts implicitly to std::string_view and to std::string. It is not a
// general-purpose string: there is no capacity, so every change reallocates; build text in a
// std::string and assign it once.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace iamguard::json {

/// An immutable-size byte string of 16 bytes (inline up to 15 bytes, else one exact heap block).
/// Value semantics: copy and move freely. Always NUL-terminated (c_str()).
/// Errors: std::bad_alloc; std::length_error past 4 GiB - 1 bytes. Thread safety: as std::string.
/// Complexity: copy and assignment linear in size(); every modifying call reallocates (linear).
class compact_string {
public:
    using value_type = char;
    using size_type = std::size_t;
    using const_iterator = const char*;
    using iterator = const char*;
    static constexpr size_type npos = std::string_view::npos;

    /// The empty string. Never allocates.
    compact_string() noexcept { set_inline_size(0); }
    /// A copy of the given bytes (inline up to 15 bytes, else one allocation). Throws std::bad_alloc,
    /// std::length_error past 4 GiB - 1 bytes.
    compact_string(std::string_view s) { init(s.data(), s.size()); }                 // NOLINT implicit
    compact_string(const std::string& s) { init(s.data(), s.size()); }               // NOLINT implicit
    compact_string(const char* s) { init(s, std::char_traits<char>::length(s)); }    // NOLINT implicit
    compact_string(const char* s, size_type n) { init(s, n); }
    /// A copy owns its bytes (no sharing). Linear in size().
    compact_string(const compact_string& o) { init(o.data(), o.size()); }
    /// Takes the heap block (or the inline bytes); `o` is left empty. Never throws.
    compact_string(compact_string&& o) noexcept {
        std::memcpy(raw_, o.raw_, sizeof raw_);
        o.set_inline_size(0);
    }
    ~compact_string() { release(); }

    /// Replaces the contents (copy: linear in the new size; move: constant, `o` left empty).
    compact_string& operator=(const compact_string& o) {
        if (this != &o) assign(o.data(), o.size());
        return *this;
    }
    compact_string& operator=(compact_string&& o) noexcept {
        if (this != &o) {
            release();
            std::memcpy(raw_, o.raw_, sizeof raw_);
            o.set_inline_size(0);
        }
        return *this;
    }
    /// Replaces the contents with a copy of `s`.
    compact_string& operator=(std::string_view s) { return assign(s.data(), s.size()); }
    compact_string& operator=(const std::string& s) { return assign(s.data(), s.size()); }
    compact_string& operator=(const char* s) { return assign(s, std::char_traits<char>::length(s)); }

    /// Replaces the contents with `n` bytes at `s` (which may point into this string).
    compact_string& assign(const char* s, size_type n) {
        compact_string fresh(s, n);
        *this = std::move(fresh);
        return *this;
    }
    /// Replaces the contents with a copy of `s` (which may be a view of this string).
    compact_string& assign(std::string_view s) { return assign(s.data(), s.size()); }

    /// Appends (reallocates: build long text in a std::string instead).
    compact_string& append(const char* s, size_type n) {
        std::string joined;
        joined.reserve(size() + n);
        joined.append(data(), size()).append(s, n);
        return assign(joined.data(), joined.size());
    }
    /// As append(const char*, size_type).
    compact_string& append(std::string_view s) { return append(s.data(), s.size()); }
    compact_string& operator+=(std::string_view s) { return append(s.data(), s.size()); }
    compact_string& operator+=(char c) { return append(&c, 1); }
    void push_back(char c) { append(&c, 1); }
    /// Empties the string and frees its heap block. Never throws.
    void clear() noexcept {
        release();
        set_inline_size(0);
    }

    /// Bytes of the string, without the terminating NUL. Constant time.
    [[nodiscard]] size_type size() const noexcept {
        if (is_heap()) {
            std::uint32_t n;
            std::memcpy(&n, raw_ + 8, sizeof n);
            return n;
        }
        return inline_capacity - static_cast<unsigned char>(raw_[15]);
    }
    [[nodiscard]] size_type length() const noexcept { return size(); }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
    [[nodiscard]] const char* data() const noexcept { return is_heap() ? heap_ptr() : raw_; }
    [[nodiscard]] const char* c_str() const noexcept { return data(); }
    [[nodiscard]] const_iterator begin() const noexcept { return data(); }
    [[nodiscard]] const_iterator end() const noexcept { return data() + size(); }
    [[nodiscard]] char operator[](size_type i) const noexcept { return data()[i]; }
    [[nodiscard]] char front() const noexcept { return data()[0]; }
    [[nodiscard]] char back() const noexcept { return data()[size() - 1]; }

    /// Read access as std::string has it: data() and c_str() are NUL-terminated and stay valid until
    /// the string is changed, moved from or destroyed; begin()/end() are plain pointers.
    /// operator[], front() and back() do not check their index (front/back need a non-empty string).
    [[nodiscard]] std::string_view view() const noexcept { return {data(), size()}; }
    operator std::string_view() const noexcept { return view(); }        // NOLINT implicit
    operator std::string() const { return std::string(data(), size()); }  // NOLINT implicit
    [[nodiscard]] std::string str() const { return std::string(data(), size()); }

    /// Searches as std::string_view does (npos when not found). Linear.
    [[nodiscard]] size_type find(std::string_view s, size_type pos = 0) const noexcept { return view().find(s, pos); }
    [[nodiscard]] size_type find(char c, size_type pos = 0) const noexcept { return view().find(c, pos); }
    [[nodiscard]] size_type rfind(std::string_view s, size_type pos = npos) const noexcept { return view().rfind(s, pos); }
    [[nodiscard]] size_type rfind(char c, size_type pos = npos) const noexcept { return view().rfind(c, pos); }
    [[nodiscard]] size_type find_first_of(std::string_view s, size_type pos = 0) const noexcept {
        return view().find_first_of(s, pos);
    }
    [[nodiscard]] size_type find_first_not_of(std::string_view s, size_type pos = 0) const noexcept {
        return view().find_first_not_of(s, pos);
    }
    [[nodiscard]] bool starts_with(std::string_view s) const noexcept { return view().starts_with(s); }
    [[nodiscard]] bool starts_with(char c) const noexcept { return view().starts_with(c); }
    [[nodiscard]] bool ends_with(std::string_view s) const noexcept { return view().ends_with(s); }
    [[nodiscard]] bool ends_with(char c) const noexcept { return view().ends_with(c); }
    /// As std::string::substr: a copy. Throws std::out_of_range when pos > size().
    [[nodiscard]] std::string substr(size_type pos = 0, size_type n = npos) const {
        return std::string(view().substr(pos, n));
    }
    /// Byte-wise three-way comparison, as std::string::compare.
    [[nodiscard]] int compare(std::string_view s) const noexcept { return view().compare(s); }

    /// Equality and ordering are byte-wise, as std::string's, against compact strings,
    /// std::string, std::string_view and C strings, on either side.

    friend bool operator==(const compact_string& a, const compact_string& b) noexcept { return a.view() == b.view(); }
    friend bool operator==(const compact_string& a, std::string_view b) noexcept { return a.view() == b; }
    friend bool operator==(const compact_string& a, const std::string& b) noexcept { return a.view() == b; }
    friend bool operator==(const compact_string& a, const char* b) noexcept { return a.view() == b; }
    friend std::strong_ordering operator<=>(const compact_string& a, const compact_string& b) noexcept {
        return a.view() <=> b.view();
    }
    friend std::strong_ordering operator<=>(const compact_string& a, std::string_view b) noexcept {
        return a.view() <=> b;
    }
    friend std::strong_ordering operator<=>(const compact_string& a, const std::string& b) noexcept {
        return a.view() <=> std::string_view(b);
    }
    friend std::strong_ordering operator<=>(const compact_string& a, const char* b) noexcept {
        return a.view() <=> std::string_view(b);
    }

    /// Concatenation gives a std::string (a compact_string is not built up piece by piece).
    friend std::string operator+(const compact_string& a, std::string_view b) { return concat(a.view(), b); }
    friend std::string operator+(const compact_string& a, const std::string& b) { return concat(a.view(), b); }
    friend std::string operator+(const compact_string& a, const char* b) { return concat(a.view(), b); }
    friend std::string operator+(const compact_string& a, char b) { return concat(a.view(), {&b, 1}); }
    friend std::string operator+(std::string_view a, const compact_string& b) { return concat(a, b.view()); }
    friend std::string operator+(const std::string& a, const compact_string& b) { return concat(a, b.view()); }
    friend std::string operator+(std::string&& a, const compact_string& b) { return std::move(a.append(b.view())); }
    friend std::string operator+(const char* a, const compact_string& b) { return concat(a, b.view()); }
    friend std::string operator+(char a, const compact_string& b) { return concat({&a, 1}, b.view()); }

    /// Writes the bytes, as for std::string.
    friend std::ostream& operator<<(std::ostream& os, const compact_string& s) { return os << s.view(); }

private:
    static constexpr size_type inline_capacity = 15;
    static constexpr unsigned char heap_tag = 0x80;

    // raw_[15] is the tag: 0..15 is inline with size 15 - tag (so a 15-byte string's tag is its
    // NUL); heap_tag means bytes 0-7 hold the block's address and bytes 8-11 the size.
    alignas(8) char raw_[16];

    [[nodiscard]] bool is_heap() const noexcept { return static_cast<unsigned char>(raw_[15]) == heap_tag; }
    [[nodiscard]] char* heap_ptr() const noexcept {
        char* p;
        std::memcpy(&p, raw_, sizeof p);
        return p;
    }
    void set_inline_size(size_type n) noexcept {
        raw_[n] = '\0';
        raw_[15] = static_cast<char>(inline_capacity - n);
    }
    void init(const char* s, size_type n) {
        if (n <= inline_capacity) {
            if (n != 0) std::memcpy(raw_, s, n);
            set_inline_size(n);
            return;
        }
        if (n > UINT32_MAX - 1) throw std::length_error("json::compact_string: longer than 4 GiB");
        char* p = new char[n + 1];
        std::memcpy(p, s, n);
        p[n] = '\0';
        const auto size32 = static_cast<std::uint32_t>(n);
        std::memcpy(raw_, &p, sizeof p);
        std::memcpy(raw_ + 8, &size32, sizeof size32);
        raw_[15] = static_cast<char>(heap_tag);
    }
    void release() noexcept {
        if (is_heap()) delete[] heap_ptr();
    }
    static std::string concat(std::string_view a, std::string_view b) {
        std::string out;
        out.reserve(a.size() + b.size());
        out.append(a).append(b);
        return out;
    }
};

}  // namespace iamguard::json
