#pragma once
// Shared by the measures that read the face skin's grey-level histogram (lighting.face_shadow,
// lighting.glare, lighting.underexposed, lighting.overexposed).
#include <array>

#include "core/findings/context.hpp"
#include "core/findings/finding.hpp"

namespace rs::findings {

// Which tail of the histogram a measure looks at: darker than a cut, or brighter than it.
enum class Tail { Dark, Bright };

// The median grey of the face skin (0 without a face).
int skin_median(const std::array<double, 256>& histogram);
// Share of the histogram in [lo, hi] (inclusive, clamped to 0..255).
double histogram_share(const std::array<double, 256>& histogram, int lo, int hi);
// How far each face skin pixel is past `cut` into the tail, 0..1, as a coarse heat map.
ValueMap tail_map(const PhotoContext& ctx, double cut, Tail tail);
// Outlines of the (up to five) largest skin regions past `cut`, added to the finding's geometry.
void add_tail_outlines(const PhotoContext& ctx, double cut, Tail tail, Finding& f);

}  // namespace rs::findings
