#pragma once
// The fonts of the workstation (Tracy habit: one struct holds them). Noto Sans CJK SC from
// fonts-noto-cjk with the common simplified-Chinese ranges plus every character of the text
// tables, so both the interface and Chinese a reviewer types render.
struct ImFont;

namespace rs::ui {

struct Fonts {
  ImFont* body = nullptr;     // panels, lists, the reason picker
  ImFont* heading = nullptr;  // order number, big figures in the queue panel
  bool cjk = false;           // false: the CJK font file was missing and ImGui's default is used
};

// Builds the atlas; call before the first frame (and again after a DPI change).
Fonts load_fonts(float scale);

}  // namespace rs::ui
