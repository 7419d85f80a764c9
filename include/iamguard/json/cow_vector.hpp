// SPDX-License-Identifier: Apache-2.0
// json/cow_vector.hpp: the element list of a JSON array or object, shared between copies until
// one of them is changed (copy on write).
//
// Why: the entity loader joins every attached managed policy into each identity's
// `combinedPolicies`, so a document attached to ten thousand roles used to be copied ten thousand
// times (node by node, ~80% of the nodes of a loaded account). With this list, copying a
// json::value copies one pointer per level and bumps a reference count; the nodes below are
// shared, read-only, until somebody changes them.
//
// The contract is std::vector's value semantics: a copy behaves exactly as a deep copy would.
// The price is in non-const access: every non-const member that can reach an element (begin(),
// operator[], data(), front(), back(), push_back(), ...) first makes the list unshared by copying
// its elements (one level: the copies share their own children). So, as with Qt's implicit
// sharing, a pointer or reference to an element stays valid, but it may stop being part of this
// list when the list is shared and then changed. Read shared trees through const references.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace iamguard::json {

/// A vector whose copies share their elements until one of them is modified.
/// Iterators are plain pointers (contiguous storage, as std::vector).
/// Thread safety: like std::vector, plus: copies of one list may be read and copied from any
/// number of threads while one thread changes its own copy (the reference count is atomic, and a
/// list is only changed in place when its holder is the only one).
/// Complexity: copy O(1); the first non-const access to a shared list O(n) (it copies the
/// elements, which are themselves O(1) to copy when they hold cow_vectors); everything else as
/// std::vector.
template <class T>
class cow_vector {
public:
    using value_type = T;
    using size_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    using reference = T&;
    using const_reference = const T&;
    using pointer = T*;
    using const_pointer = const T*;
    using iterator = T*;
    using const_iterator = const T*;

    cow_vector() noexcept = default;
    cow_vector(std::initializer_list<T> init) {
        reserve(init.size());
        for (const T& v : init) push_back(v);
    }
    /// Shares `other`'s elements. O(1), never throws.
    cow_vector(const cow_vector& other) noexcept : h_(other.h_) {
        if (h_ != nullptr) h_->refs.fetch_add(1, std::memory_order_relaxed);
    }
    cow_vector(cow_vector&& other) noexcept : h_(std::exchange(other.h_, nullptr)) {}
    cow_vector& operator=(const cow_vector& other) noexcept {
        cow_vector(other).swap(*this);
        return *this;
    }
    cow_vector& operator=(cow_vector&& other) noexcept {
        cow_vector(std::move(other)).swap(*this);
        return *this;
    }
    ~cow_vector() { release(); }

    void swap(cow_vector& other) noexcept { std::swap(h_, other.h_); }
    friend void swap(cow_vector& a, cow_vector& b) noexcept { a.swap(b); }

    // ---- read access: never copies ----

    [[nodiscard]] size_type size() const noexcept { return h_ == nullptr ? 0 : h_->size; }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
    [[nodiscard]] size_type capacity() const noexcept { return h_ == nullptr ? 0 : h_->capacity; }
    [[nodiscard]] const T* data() const noexcept { return h_ == nullptr ? nullptr : elements(h_); }
    [[nodiscard]] const T* begin() const noexcept { return data(); }
    [[nodiscard]] const T* end() const noexcept { return data() + size(); }
    [[nodiscard]] const T* cbegin() const noexcept { return begin(); }
    [[nodiscard]] const T* cend() const noexcept { return end(); }
    /// Precondition: i < size() (not checked, as std::vector).
    [[nodiscard]] const T& operator[](size_type i) const noexcept { return data()[i]; }
    [[nodiscard]] const T& front() const noexcept { return data()[0]; }
    [[nodiscard]] const T& back() const noexcept { return data()[size() - 1]; }

    /// True when another list holds the same elements (a non-const access would copy them).
    [[nodiscard]] bool shared() const noexcept {
        return h_ != nullptr && h_->refs.load(std::memory_order_acquire) != 1;
    }

    // ---- write access: makes the list unshared first ----

    [[nodiscard]] T* data() {
        unshare();
        return h_ == nullptr ? nullptr : elements(h_);
    }
    [[nodiscard]] T* begin() { return data(); }
    [[nodiscard]] T* end() { return data() + size(); }
    [[nodiscard]] T& operator[](size_type i) { return data()[i]; }
    [[nodiscard]] T& front() { return data()[0]; }
    [[nodiscard]] T& back() { return data()[size() - 1]; }

    /// Errors: std::length_error past 2^32-1 elements, std::bad_alloc.
    void reserve(size_type n) {
        if (n > capacity()) {
            reallocate(n);
        } else {
            unshare();
        }
    }

    void push_back(const T& v) { emplace_back(v); }
    void push_back(T&& v) { emplace_back(std::move(v)); }

    /// Appends an element built from `args` (which may refer to an element of this list).
    template <class... Args>
    T& emplace_back(Args&&... args) {
        const size_type n = size();
        if (h_ == nullptr || h_->refs.load(std::memory_order_acquire) != 1 || n == h_->capacity) {
            // Build the new element in the new storage before the old elements move out of the
            // old one: `args` may refer to one of them.
            const size_type cap = capacity();
            header* fresh = allocate(n == cap ? double_of(cap) : cap);
            T* slot = elements(fresh) + n;
            try {
                ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
            } catch (...) {
                deallocate(fresh);
                throw;
            }
            try {
                transfer(fresh, n);
            } catch (...) {
                slot->~T();
                deallocate(fresh);
                throw;
            }
            fresh->size = static_cast<std::uint32_t>(n + 1);
            adopt(fresh);
            return *slot;
        }
        T* slot = elements(h_) + n;
        ::new (static_cast<void*>(slot)) T(std::forward<Args>(args)...);
        ++h_->size;
        return *slot;
    }

    /// Precondition: !empty().
    void pop_back() {
        unshare();
        elements(h_)[h_->size - 1].~T();
        --h_->size;
    }

    /// Removes every element (a shared list is let go of, not copied).
    void clear() noexcept {
        if (h_ == nullptr) return;
        if (h_->refs.load(std::memory_order_acquire) != 1) {
            release();
            h_ = nullptr;
            return;
        }
        destroy_elements(h_);
        h_->size = 0;
    }

    /// Removes [first, last) (iterators of this list, from either begin()); returns an iterator
    /// to the element after the removed ones.
    T* erase(const T* first, const T* last) {
        const size_type from = static_cast<size_type>(first - cbegin());
        const size_type to = static_cast<size_type>(last - cbegin());
        T* base = data();
        if (from == to) return base + from;
        T* out = std::move(base + to, base + size(), base + from);
        for (T* p = out; p != base + size(); ++p) p->~T();
        h_->size = static_cast<std::uint32_t>(out - base);
        return base + from;
    }
    T* erase(const T* pos) { return erase(pos, pos + 1); }

    /// Inserts `v` before `pos` (an iterator of this list); returns an iterator to it.
    T* insert(const T* pos, T v) {
        const size_type at = static_cast<size_type>(pos - cbegin());
        emplace_back(std::move(v));
        T* base = data();
        std::rotate(base + at, base + size() - 1, base + size());
        return base + at;
    }

    /// Replaces the contents with the elements of [first, last) (input iterators).
    template <class It>
    void assign(It first, It last) {
        clear();
        if constexpr (std::is_base_of_v<std::forward_iterator_tag, typename std::iterator_traits<It>::iterator_category>)
            reserve(static_cast<size_type>(std::distance(first, last)));
        for (; first != last; ++first) emplace_back(*first);
    }

private:
    struct header {
        std::atomic<std::uint32_t> refs;
        std::uint32_t size;
        std::uint32_t capacity;
    };

    header* h_ = nullptr;

    // The elements follow the header in the same allocation (one allocation per list, as std::vector).
    static constexpr std::size_t element_offset() noexcept {
        return (sizeof(header) + alignof(T) - 1) / alignof(T) * alignof(T);
    }
    static T* elements(header* h) noexcept {
        return std::launder(reinterpret_cast<T*>(reinterpret_cast<unsigned char*>(h) + element_offset()));
    }
    static const T* elements(const header* h) noexcept {
        return std::launder(reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(h) + element_offset()));
    }

    static header* allocate(size_type capacity) {
        static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "over-aligned elements are not supported");
        if (capacity > UINT32_MAX) throw std::length_error("json::cow_vector: more than 2^32-1 elements");
        void* raw = ::operator new(element_offset() + capacity * sizeof(T));
        header* h = ::new (raw) header{{1}, 0, static_cast<std::uint32_t>(capacity)};
        return h;
    }
    static void deallocate(header* h) noexcept {
        h->~header();
        ::operator delete(static_cast<void*>(h));
    }
    static void destroy_elements(header* h) noexcept {
        T* e = elements(h);
        for (std::uint32_t i = h->size; i > 0; --i) e[i - 1].~T();
    }

    void release() noexcept {
        if (h_ == nullptr) return;
        // A count of 1 means this is the only holder: no other thread can be changing the count
        // (that would need a copy of this list), so the atomic read-modify-write is skipped; the
        // acquire load still sees every write made before the other holders let go.
        if (h_->refs.load(std::memory_order_acquire) == 1 || h_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            destroy_elements(h_);
            deallocate(h_);
        }
    }

    // Replaces the storage by `fresh` (which holds the elements now).
    void adopt(header* fresh) noexcept {
        release();
        h_ = fresh;
    }

    // Moves (when this list is the only holder) or copies the first `n` elements into `fresh`.
    // On an exception the elements already built in `fresh` are destroyed, `*this` is unchanged
    // (copies) or holds moved-from elements only when T's move constructor threw (it does not:
    // json::value's is noexcept).
    void transfer(header* fresh, size_type n) {
        if (n == 0) return;
        T* src = elements(h_);
        T* dst = elements(fresh);
        const bool unique = h_->refs.load(std::memory_order_acquire) == 1;
        size_type built = 0;
        try {
            for (; built < n; ++built) {
                if (unique && std::is_nothrow_move_constructible_v<T>) {
                    ::new (static_cast<void*>(dst + built)) T(std::move(src[built]));
                } else {
                    ::new (static_cast<void*>(dst + built)) T(src[built]);
                }
            }
        } catch (...) {
            for (; built > 0; --built) dst[built - 1].~T();
            throw;
        }
    }

    void reallocate(size_type capacity) {
        const size_type n = size();
        header* fresh = allocate(capacity);
        try {
            transfer(fresh, n);
        } catch (...) {
            deallocate(fresh);
            throw;
        }
        fresh->size = static_cast<std::uint32_t>(n);
        adopt(fresh);
    }

    static size_type double_of(size_type n) noexcept { return n < 4 ? 4 : n * 2; }

    void unshare() {
        if (h_ != nullptr && h_->refs.load(std::memory_order_acquire) != 1) reallocate(h_->size);
    }

};

}  // namespace iamguard::json
