#pragma once
// What a reviewer had on screen when deciding: the overlays and analysis layers that were on, the
// zoom and where the view was centred. Kept per decision (migration 017, table decision_screens)
// so a trainer can replay a working session as the reviewer saw it. Plain data: the workstation
// fills it from its view state, the store keeps it, the replay draws from it.
#include <cstdint>
#include <optional>
#include <string>

namespace rs {

// One bit per overlay (ui::Overlays) and per layer (gfx::PhotoLayers). The numbers are stored:
// a new overlay takes the next free bit, an old bit never changes meaning.
namespace screen_bits {
inline constexpr std::uint32_t kFaceBox = 1u << 0;
inline constexpr std::uint32_t kLandmarks = 1u << 1;
inline constexpr std::uint32_t kEyeLine = 1u << 2;
inline constexpr std::uint32_t kGa461Lines = 1u << 3;
inline constexpr std::uint32_t kHeadTop = 1u << 4;
inline constexpr std::uint32_t kPoseAxes = 1u << 5;
inline constexpr std::uint32_t kFindingShapes = 1u << 6;
inline constexpr std::uint32_t kAllOverlays = (1u << 7) - 1;

inline constexpr std::uint32_t kZebra = 1u << 0;
inline constexpr std::uint32_t kBackground = 1u << 1;
inline constexpr std::uint32_t kFaceLight = 1u << 2;
inline constexpr std::uint32_t kGa461Template = 1u << 3;
inline constexpr std::uint32_t kAllLayers = (1u << 4) - 1;
}  // namespace screen_bits

struct ScreenRecord {
  std::uint32_t overlays = 0;  // screen_bits::kFaceBox ...
  std::uint32_t layers = 0;    // screen_bits::kZebra ...
  bool mirrored = false;
  bool loupe = false;
  bool compare_previous = false;  // a resubmission shown beside its rejected attempt
  // Relative to the whole photo fitted into the view (1: fitted, 2: twice that), so a replay on
  // another screen size shows the same part of the photo.
  double zoom = 1.0;
  double centre_x = 0.5, centre_y = 0.5;  // the photo point at the view's centre, in fractions of its size

  bool operator==(const ScreenRecord&) const = default;
};

// The record as one line of text for the decision's audit row ("overlays,layers,flags,zoom,x,y",
// the reals with 17 significant digits, so what the table reads back prints the same).
std::string screen_record_text(const ScreenRecord& r);

// Why a record cannot be kept (a bit nobody defined, a zoom that is not a positive finite number
// up to 10,000, a centre outside -1..2); nothing when it is fine.
std::optional<std::string> screen_record_problem(const ScreenRecord& r);

}  // namespace rs
