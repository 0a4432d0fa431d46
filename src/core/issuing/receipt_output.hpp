#pragma once
// Getting receipt bytes onto disk: the PNG's print resolution and an all-or-nothing file write.
#include <cstdint>
#include <filesystem>
#include <vector>

namespace rs::issuing {

// CRC-32 as PNG chunks use it (ISO 3309, polynomial 0xEDB88320).
std::uint32_t png_crc32(const std::uint8_t* data, std::size_t size);

// Inserts a pHYs chunk right after IHDR so the PNG prints at `dpi` (the photo then comes out at
// 26x32 mm). Throws std::invalid_argument when `png` does not start with a PNG signature + IHDR.
std::vector<std::uint8_t> png_with_dpi(const std::vector<std::uint8_t>& png, double dpi);

// Writes to "<out>.tmp-<pid>-<n>", fsyncs and renames over `out`, so a reader never sees half a
// receipt. Throws std::runtime_error naming the file and the system's reason.
void write_file_atomically(const std::filesystem::path& out, const std::vector<std::uint8_t>& bytes);

}  // namespace rs::issuing
