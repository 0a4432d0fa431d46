// libFuzzer target over the photo intake: the bytes of an upload go through read_header and
// decode_photo, and a photo that decodes is analysed by the findings engine, as a workstation
// would. Built only with RS_SANITIZE=ON (clang-14, ASan + UBSan); see README "Fuzzing and sanitizers".
//
// Besides crashes and sanitizer reports, the target aborts when the intake breaks its own contract
// (a header error that still decodes, a decoded image of another size or type, an analysis that
// throws or is assessable with no size), so a wrong answer is found as well as a crash.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>

#include "core/domain/doc_type.hpp"
#include "core/findings/decode.hpp"
#include "core/findings/engine.hpp"

namespace {

using rs::findings::Engine;

// Analysis is capped to photos of at most 1000x1000: an upload is 358x441, the engine runs in
// time linear in the pixels (about 60 ms for 358x441 under ASan), and a mutated header that
// grows the image to the 40-megapixel decode cap would spend seconds per execution on pixels
// rather than on parsing. Header and decode still run on every input, whatever its size.
constexpr int kMaxAnalysedSide = 1000;

// RS_FUZZ_PARSERS_ONLY=1: header and decode only, no engine. Under ASan the engine takes seconds
// per mutated portrait (dlib's detector is instrumented too); a run over the byte parsers alone
// spends its time on the parsers and the decoder instead.
const bool kParsersOnly = [] {
  const char* v = std::getenv("RS_FUZZ_PARSERS_ONLY");
  return v && std::string(v) == "1";
}();

// Loaded once per process (about a second plus the 100 MB landmark model).
const Engine& engine() {
  static const std::unique_ptr<Engine> loaded = Engine::load();
  return *loaded;
}

[[noreturn]] void contract_broken(const char* what) {
  std::fprintf(stderr, "fuzz_intake: intake contract broken: %s\n", what);
  std::abort();
}

void check_decoded(const rs::findings::HeaderResult& header, const rs::findings::DecodedPhoto& photo) {
  if (header.error && !photo.cannot_assess)
    contract_broken("read_header refused the bytes but decode_photo accepted them");
  if (header.error && photo.readable)
    contract_broken("read_header refused the bytes but decode_photo calls them readable");
  if (!photo.readable && !photo.cannot_assess) contract_broken("unreadable bytes without a cause");
  if (photo.cannot_assess) {
    if (!photo.bgr.empty()) contract_broken("a refused photo kept its pixels");
    return;
  }
  if (photo.bgr.type() != CV_8UC3) contract_broken("decoded photo is not 8-bit BGR");
  if (photo.bgr.cols != photo.header.width || photo.bgr.rows != photo.header.height)
    contract_broken("decoded size differs from the header's");
  const rs::findings::DecodeLimits limits;
  if (photo.bgr.cols > limits.max_side || photo.bgr.rows > limits.max_side)
    contract_broken("decoded past the side cap");
}

void check_analysis(const rs::findings::Analysis& a) {
  if (a.assessable) {
    if (a.width <= 0 || a.height <= 0) contract_broken("assessable analysis without a size");
    return;
  }
  if (a.findings.size() != 1 || a.findings.front().rule_id != "photo.cannot_assess")
    contract_broken("an unassessable analysis must hold exactly one photo.cannot_assess finding");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!kParsersOnly) engine();  // the load is not part of any execution's time
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  const rs::findings::HeaderResult header = rs::findings::read_header(bytes);
  const rs::findings::DecodedPhoto photo = rs::findings::decode_photo(bytes);
  check_decoded(header, photo);
  if (kParsersOnly || photo.cannot_assess || photo.bgr.cols > kMaxAnalysedSide || photo.bgr.rows > kMaxAnalysedSide)
    return 0;

  // Every document type's spec in turn (by the input's length), so each spec's measures and
  // thresholds see mutated photos; deterministic, so a crash input replays the same way.
  const auto& types = rs::all_doc_types();
  const std::string doc_type(rs::doc_type_code(types[size % types.size()]));
  // analyse() promises never to throw for bad bytes: an exception escapes and libFuzzer reports it.
  check_analysis(engine().analyse(bytes, doc_type));
  return 0;
}
