#pragma once
// The photo of a replayed case as the reviewer had it on screen: the shader's layers that were
// on, the zoom and the view's centre (relative to the fitted photo, so it reads the same on any
// screen), mirrored if it was, and the vector overlays that were on (face box, landmarks, eye
// line, GA 461 guides, head top, pose axes, the failing findings' shapes from the engine run
// again on the photo). GL only through PhotoCanvas, on the main thread.
#include <imgui.h>

#include "core/domain/screen_record.hpp"
#include "core/findings/finding.hpp"
#include "core/review/display_image.hpp"
#include "gfx/gl_texture.hpp"
#include "ui/photo/photo_canvas.hpp"

namespace rs::ui::train {

struct StagePhoto {
  const gfx::GlTexture* texture = nullptr;
  const review::DisplayImage* image = nullptr;
  const findings::Analysis* analysis = nullptr;  // null until the engine has run on it
};

// Fills `size` at the cursor (an ImGui item).
void draw_stage(PhotoCanvas& canvas, const StagePhoto& photo, const ScreenRecord& screen, ImVec2 size);

}  // namespace rs::ui::train
