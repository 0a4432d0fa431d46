#pragma once
// Bounds-checked reads from untrusted bytes (photo headers, EXIF/TIFF, PNG chunks, model files).
// Offsets and lengths are 64-bit and every check is written as `n <= size - at`, which cannot wrap
// (the EXIF crash of issue 13 was `ifd + 2 > size` with a 32-bit offset near 2^32). A read past the
// end returns nullopt instead of touching memory; callers decide what that means.
#include <cstdint>
#include <optional>
#include <span>

namespace rs {

class ByteReader {
 public:
  enum class Order { Big, Little };
  explicit ByteReader(std::span<const std::uint8_t> bytes, Order order = Order::Big) : b_(bytes), order_(order) {}

  std::uint64_t size() const { return b_.size(); }
  void set_order(Order o) { order_ = o; }
  // True when [at, at + n) lies inside the bytes.
  bool has(std::uint64_t at, std::uint64_t n) const { return at <= b_.size() && n <= b_.size() - at; }

  std::optional<std::uint8_t> u8(std::uint64_t at) const {
    if (!has(at, 1)) return std::nullopt;
    return b_[at];
  }
  std::optional<std::uint16_t> u16(std::uint64_t at) const {
    if (!has(at, 2)) return std::nullopt;
    const unsigned a = b_[at], c = b_[at + 1];
    return static_cast<std::uint16_t>(order_ == Order::Big ? (a << 8) | c : (c << 8) | a);
  }
  std::optional<std::uint32_t> u32(std::uint64_t at) const {
    if (!has(at, 4)) return std::nullopt;
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const std::uint32_t byte = b_[at + (order_ == Order::Big ? k : 3 - k)];
      v = (v << 8) | byte;
    }
    return v;
  }
  // The n bytes at `at`, or nullopt when they run past the end.
  std::optional<std::span<const std::uint8_t>> slice(std::uint64_t at, std::uint64_t n) const {
    if (!has(at, n)) return std::nullopt;
    return b_.subspan(static_cast<std::size_t>(at), static_cast<std::size_t>(n));
  }
  // True when the bytes at `at` equal `sig`.
  bool matches(std::uint64_t at, std::span<const std::uint8_t> sig) const {
    if (!has(at, sig.size())) return false;
    for (std::size_t i = 0; i < sig.size(); ++i)
      if (b_[at + i] != sig[i]) return false;
    return true;
  }

 private:
  std::span<const std::uint8_t> b_;
  Order order_;
};

}  // namespace rs
