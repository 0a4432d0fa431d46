#pragma once
// The fonts of the workstation (Tracy habit: one object holds them). Noto Sans CJK SC from
// fonts-noto-cjk with the common simplified-Chinese ranges, every character of the text tables,
// the cities and document types. Text from the database (applicants' names) or typed by the
// reviewer may hold rarer characters: want() notes them and the atlas is rebuilt between frames.
#include <set>
#include <string_view>

struct ImFont;

namespace rs::ui {

class Fonts {
 public:
  // Builds the atlas; before the first frame (the backend uploads it on its first NewFrame).
  void build(float scale);
  // Notes characters that must render; those the atlas lacks are added at the next rebuild.
  void want(std::string_view utf8);
  // Between frames: rebuilds the atlas and its GL texture when want() found new characters.
  bool rebuild_if_needed();

  ImFont* body = nullptr;     // panels, lists, the reason picker
  ImFont* heading = nullptr;  // order number, big figures
  bool cjk = false;           // false: the CJK font file was missing and ImGui's default is used

 private:
  void load();
  float scale_ = 1;
  std::set<unsigned> extra_;  // code points beyond the built-in ranges
  bool dirty_ = false;
};

}  // namespace rs::ui
