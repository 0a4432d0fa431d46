#include "core/issuing/receipt_output.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

namespace rs::issuing {
namespace {
constexpr std::array<std::uint8_t, 8> kPngSignature = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr std::size_t kIhdrEnd = 8 + 4 + 4 + 13 + 4;  // signature, length, type, data, crc

void put_be32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int shift = 24; shift >= 0; shift -= 8) v.push_back(static_cast<std::uint8_t>(x >> shift));
}

[[noreturn]] void fail_write(const std::filesystem::path& out, const char* step) {
  throw std::runtime_error("cannot write receipt " + out.string() + " (" + step + "): " + std::strerror(errno));
}
}  // namespace

std::uint32_t png_crc32(const std::uint8_t* data, std::size_t size) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    c ^= data[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

std::vector<std::uint8_t> png_with_dpi(const std::vector<std::uint8_t>& png, double dpi) {
  bool ok = png.size() > kIhdrEnd && std::equal(kPngSignature.begin(), kPngSignature.end(), png.begin()) &&
            std::memcmp(png.data() + 12, "IHDR", 4) == 0;
  if (!ok) throw std::invalid_argument("png_with_dpi: the data is not a PNG starting with IHDR");
  const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::vector<std::uint8_t> chunk;  // type + data, the part the CRC covers
  for (char ch : std::string("pHYs")) chunk.push_back(static_cast<std::uint8_t>(ch));
  put_be32(chunk, per_metre);
  put_be32(chunk, per_metre);
  chunk.push_back(1);  // unit: metre
  std::vector<std::uint8_t> out(png.begin(), png.begin() + kIhdrEnd);
  put_be32(out, 9);
  out.insert(out.end(), chunk.begin(), chunk.end());
  put_be32(out, png_crc32(chunk.data(), chunk.size()));
  out.insert(out.end(), png.begin() + kIhdrEnd, png.end());
  return out;
}

void write_file_atomically(const std::filesystem::path& out, const std::vector<std::uint8_t>& bytes) {
  // pid + counter: two processes or two threads writing the same receipt never share a temp file.
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path tmp =
      out.string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail_write(out, "create");
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      errno = saved;
      fail_write(out, "write");
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  int saved = errno;
  const bool closed = ::close(fd) == 0;
  if (synced && !closed) saved = errno;
  if (!synced || !closed) {
    ::unlink(tmp.c_str());
    errno = saved;
    fail_write(out, synced ? "close" : "fsync");
  }
  if (::rename(tmp.c_str(), out.c_str()) != 0) {
    saved = errno;
    ::unlink(tmp.c_str());
    errno = saved;
    fail_write(out, "rename");
  }
}

}  // namespace rs::issuing
