// reviewstation crop IN OUT
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>

#include "cli/command.hpp"
#include "core/findings/face_locator.hpp"
#include "core/photo/crop.hpp"
#include "core/util/paths.hpp"

namespace {
int run_crop(const rs::cli::Args& args) {
  if (args.positional().size() != 2) throw rs::cli::UsageError("name IN and OUT");
  const std::string& in = args.positional()[0];
  const std::string& out = args.positional()[1];
  std::error_code ec;
  if (!std::filesystem::is_regular_file(in, ec)) {
    std::fprintf(stderr, "crop: '%s' does not exist or is not a file\n", in.c_str());
    return 1;
  }
  cv::Mat img = cv::imread(in, cv::IMREAD_COLOR);
  if (img.empty()) {
    std::fprintf(stderr, "crop: '%s' cannot be read as an image\n", in.c_str());
    return 1;
  }
  rs::findings::FaceLocator locator(rs::landmark_model_path());
  auto faces = locator.locate(img);
  if (faces.empty()) {
    std::fprintf(stderr, "crop: no face found in '%s'\n", in.c_str());
    return 1;
  }
  if (faces.size() > 1) std::fprintf(stderr, "crop: %zu faces in '%s'; using the largest\n", faces.size(), in.c_str());
  cv::Mat spec = rs::photo::crop_to_spec(img, faces[0]);
  auto bytes = rs::photo::encode_jpeg(spec);
  std::ofstream f(out, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!f) {
    std::fprintf(stderr, "crop: cannot write '%s'\n", out.c_str());
    return 1;
  }
  std::printf("crop: %s -> %s (358x441, %zu bytes)\n", in.c_str(), out.c_str(), bytes.size());
  return 0;
}
}  // namespace

RS_COMMAND("crop", "put a portrait into the GA 461 spec geometry",
           "usage: reviewstation crop IN OUT\n\n"
           "Finds the face and its landmarks, levels the eye line and scales, shifts and crops the photo\n"
           "to 358x441 px with face width 207 px, the head top about 14 px below the top edge and the eye\n"
           "line at least 207 px above the bottom; OUT is a JPEG.",
           {}, run_crop);
