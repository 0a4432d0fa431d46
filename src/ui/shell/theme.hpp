#pragma once
// Colours with a meaning (verdicts, decisions) and the workstation's ImGui style, in one place.
#include <imgui.h>

#include "core/findings/finding.hpp"

namespace rs::ui::theme {

void apply_style(float scale);

ImVec4 verdict_colour(findings::Verdict v);
ImU32 verdict_u32(findings::Verdict v, float alpha = 1.0f);

// The panels' background. The tiled panels are drawn without their own background (layout.hpp):
// the frame is cleared to this colour instead.
inline const ImVec4 kPanelBg{0.115f, 0.122f, 0.135f, 1.0f};
inline const ImVec4 kApprove{0.20f, 0.62f, 0.33f, 1.0f};
inline const ImVec4 kReject{0.80f, 0.25f, 0.22f, 1.0f};
inline const ImVec4 kSkip{0.35f, 0.38f, 0.42f, 1.0f};
inline const ImVec4 kMuted{0.60f, 0.63f, 0.67f, 1.0f};
inline const ImVec4 kAccent{0.30f, 0.62f, 0.95f, 1.0f};
inline const ImVec4 kError{1.00f, 0.42f, 0.36f, 1.0f};
inline const ImVec4 kWarn{0.96f, 0.72f, 0.22f, 1.0f};

// Overlay colours on the photo (ImDrawList).
inline constexpr ImU32 kFaceBox = IM_COL32(80, 200, 255, 230);
inline constexpr ImU32 kLandmark = IM_COL32(255, 230, 60, 235);
inline constexpr ImU32 kEyeLine = IM_COL32(255, 120, 40, 240);
inline constexpr ImU32 kGuide = IM_COL32(60, 230, 120, 220);
inline constexpr ImU32 kHighlight = IM_COL32(255, 60, 200, 255);

// A button in a given colour (hover/active derived from it). Pair with pop_button_colour().
void push_button_colour(ImVec4 c);
void pop_button_colour();

}  // namespace rs::ui::theme
