// reviewstation crop IN OUT
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "cli/command.hpp"
#include "core/findings/decode.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/spec.hpp"
#include "core/photo/crop.hpp"
#include "core/util/file_read.hpp"
#include "core/util/paths.hpp"

namespace {
int run_crop(const rs::cli::Args& args) {
  if (args.positional().size() != 2) throw rs::cli::UsageError("name IN and OUT");
  const std::string& in = args.positional()[0];
  const std::string& out = args.positional()[1];
  // The upload is read as intake reads it (regular files only, 20 MB), and its header is checked
  // against intake's pixel caps before OpenCV allocates anything for it.
  const std::string shown = rs::util::printable_path(in);
  const auto file = rs::util::read_regular_file(in, rs::util::kMaxPhotoBytes);
  if (!file.ok()) {
    std::fprintf(stderr, "crop: %s\n", file.error.c_str());
    return 1;
  }
  const auto header = rs::findings::read_header(file.bytes);
  const rs::findings::DecodeLimits caps;
  const long long pixels = static_cast<long long>(header.header.width) * header.header.height;
  if (header.error || header.header.width > caps.max_side || header.header.height > caps.max_side ||
      pixels > caps.max_pixels) {
    const std::string why =
        header.error.value_or(std::to_string(header.header.width) + "x" + std::to_string(header.header.height) +
                              " px is more than the decoder is allowed");
    std::fprintf(stderr, "crop: '%s' cannot be read as an image: %s\n", shown.c_str(), why.c_str());
    return 1;
  }
  // IMREAD_COLOR (orientation applied, grey made colour), as imread gave before.
  const cv::Mat encoded(1, static_cast<int>(file.bytes.size()), CV_8UC1, const_cast<std::uint8_t*>(file.bytes.data()));
  cv::Mat img;
  try {
    img = cv::imdecode(encoded, cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    img.release();
  }
  if (img.empty()) {
    std::fprintf(stderr, "crop: '%s' cannot be read as an image\n", shown.c_str());
    return 1;
  }
  rs::findings::FaceLocator locator(rs::landmark_model_path());
  auto faces = locator.locate(img);
  if (faces.empty()) {
    std::fprintf(stderr, "crop: no face found in '%s'\n", shown.c_str());
    return 1;
  }
  if (faces.size() > 1)
    std::fprintf(stderr, "crop: %zu faces in '%s'; using the largest\n", faces.size(), shown.c_str());
  // The ID card's frame (every document type's spec gives one; they share GA 461's today).
  const auto frame = rs::findings::load_spec(rs::data_dir() / "db" / "spec", "id_card").frame;
  cv::Mat spec = rs::photo::crop_to_spec(img, faces[0], frame);
  auto bytes = rs::photo::encode_jpeg(spec, frame.jpeg_quality);
  std::ofstream f(out, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!f) {
    std::fprintf(stderr, "crop: cannot write '%s'\n", rs::util::printable_path(out).c_str());
    return 1;
  }
  std::printf("crop: %s -> %s (%dx%d, %zu bytes)\n", shown.c_str(), rs::util::printable_path(out).c_str(), frame.width,
              frame.height, bytes.size());
  return 0;
}
}  // namespace

RS_COMMAND(
    "crop", "put a portrait into the GA 461 spec geometry",
    "Finds the face and its landmarks, levels the eye line and scales, shifts and crops the photo\n"
    "to the ID card's frame in db/spec (its pixel size, face width, head top and eye line); OUT is\n"
    "a JPEG at the spec's ideal quality (file.jpeg_quality).",
    [](rs::cli::Args& a) { a.positionals("IN_OUT", "the portrait IN and the JPEG OUT", 2, 2); }, run_crop);
