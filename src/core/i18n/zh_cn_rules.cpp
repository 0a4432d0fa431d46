// Chinese table, section "rules": the name of every rule the engine reports ("rule.<rule_id>") and
// the causes of "cannot assess" ("cannot_assess.<cause>"). Joined with the other sections by text.cpp.
#include <string_view>
#include <utility>
#include <vector>

namespace rs::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& zh_cn_rules_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> t = {
      // ---- faces and geometry (GA 461) ----
      {"rule.faces.count", "人脸数量"},
      {"rule.faces.second_ratio", "第二人脸占比"},
      {"rule.file.pixel_size", "像素尺寸偏差"},
      {"rule.geometry.face_width", "脸宽"},
      {"rule.geometry.eye_line", "眼线距底边"},
      {"rule.geometry.head_top", "头顶距上边"},
      {"rule.geometry.centring", "水平居中"},
      {"rule.geometry.in_frame", "头部完整入框"},
      {"rule.geometry.head_cut", "头顶被照片边缘裁切"},
      {"rule.geometry.inter_eye", "两眼间距"},
      {"rule.geometry.head_size", "头部大小"},
      // ---- pose, eyes, mouth ----
      {"rule.pose.roll", "头部倾斜（侧倾）"},
      {"rule.pose.yaw", "头部左右转动"},
      {"rule.pose.pitch", "头部俯仰"},
      {"rule.eyes.open", "双眼睁开"},
      {"rule.eyes.visible", "眼睛可见"},
      {"rule.eyes.red", "红眼"},
      {"rule.mouth.closed", "嘴巴闭合"},
      {"rule.mouth.teeth", "露齿"},
      // ---- hair, accessories, occlusion ----
      {"rule.hair.eyebrows", "头发遮挡眉毛"},
      {"rule.hair.ears", "头发遮挡耳朵"},
      {"rule.hair.shoulders", "头发遮挡肩膀"},
      {"rule.accessory.earrings", "耳环等饰品"},
      {"rule.accessory.head_covering", "帽子/头饰"},
      {"rule.accessory.hat_edge", "帽檐/头巾边缘"},
      {"rule.accessory.hair_band", "发箍/发夹"},
      {"rule.accessory.necklace", "项链"},
      {"rule.glasses.present", "佩戴眼镜"},
      {"rule.glasses.glare", "镜片反光"},
      {"rule.face.occlusion", "面部遮挡"},
      // ---- lighting and colour ----
      {"rule.lighting.face_mean", "面部亮度"},
      {"rule.lighting.underexposed", "面部欠曝"},
      {"rule.lighting.overexposed", "面部过曝"},
      {"rule.lighting.uniformity", "左右脸光照均匀"},
      {"rule.lighting.face_shadow", "面部阴影"},
      {"rule.lighting.glare", "面部反光"},
      {"rule.lighting.dynamic_range", "动态范围"},
      {"rule.colour.skin_natural", "肤色自然"},
      {"rule.colour.cast", "偏色"},
      // ---- background ----
      {"rule.background.uniformity", "背景均匀"},
      {"rule.background.spread", "背景颜色不均（渐变）"},
      {"rule.background.colour", "背景颜色"},
      {"rule.background.shadow", "背景阴影"},
      // ---- image quality and retouching ----
      {"rule.quality.sharpness", "清晰度"},
      {"rule.quality.noise", "噪点"},
      {"rule.quality.blockiness", "压缩块效应"},
      {"rule.quality.pixelation", "像素化（放大）"},
      {"rule.retouch.skin_texture", "过度美颜（皮肤纹理）"},
      // ---- file ----
      {"rule.file.format", "文件格式"},
      {"rule.file.jpeg_quality", "JPEG 质量"},
      {"rule.file.size", "文件大小"},
      {"rule.file.colour_depth", "色彩位深"},
      // ---- resubmission ----
      {"rule.resubmission.duplicate", "与上次照片相同"},
      {"rule.resubmission.mirrored", "上次照片的镜像"},
      // ---- cannot assess ----
      {"rule.photo.cannot_assess", "无法评估"},
      {"cannot_assess.empty", "空文件（0 字节）"},
      {"cannot_assess.not_image", "不是图片文件"},
      {"cannot_assess.format", "不支持的图片格式（仅接受 JPEG 和 PNG）"},
      {"cannot_assess.truncated", "文件不完整（被截断）"},
      {"cannot_assess.corrupt", "文件已损坏"},
      {"cannot_assess.cmyk", "CMYK 色彩模式（须为 24 位 RGB）"},
      {"cannot_assess.bit_depth", "位深不符（须为每通道 8 位）"},
      {"cannot_assess.greyscale", "灰度照片（须为彩色）"},
      {"cannot_assess.exif_rotated", "照片带有 EXIF 旋转标记，像素方向不正"},
      {"cannot_assess.too_large", "图片尺寸过大（疑似解压炸弹）"},
      {"cannot_assess.doc_type", "未知的证件类型"},
      {"cannot_assess.other", "无法评估"},
      // what a measure could not judge (findings/cause.hpp)
      {"cannot_assess.not_in_spec_frame", "照片尚未裁成规格尺寸，请先裁剪"},
      {"cannot_assess.face_too_small", "人脸太小"},
      {"cannot_assess.no_skin_reference", "脸颊不可见，没有肤色参照"},
      {"cannot_assess.cheeks_hidden", "脸颊不可见"},
      {"cannot_assess.no_skin_colour", "没有可比较的肤色"},
      {"cannot_assess.skin_or_eyes_hidden", "皮肤或眼睛不可见"},
      {"cannot_assess.half_face_hidden", "半边脸不可见"},
      {"cannot_assess.eyes_too_close", "两眼距离太近，无法测量"},
      {"cannot_assess.eyes_too_small", "眼睛太小"},
      {"cannot_assess.crown_too_small", "头顶区域太小"},
      {"cannot_assess.too_little_neck", "下巴以下的颈部太少"},
      {"cannot_assess.no_background_around_head", "头部周围看不到背景"},
      {"cannot_assess.too_little_background", "头部两侧背景太少"},
      {"cannot_assess.no_clean_background", "没有干净的背景可判断色彩平衡"},
      {"cannot_assess.background_too_dark", "背景太暗，无法判断色彩平衡"},
      {"cannot_assess.no_flat_area", "没有平坦区域可测量噪点"},
      {"cannot_assess.pose_fit_failed", "头部姿态拟合失败"},
      {"cannot_assess.not_jpeg", "不是 JPEG 文件"},
      {"cannot_assess.dark_face_lit_photo", "照片其余部分曝光正常：可能是深色肤色或逆光"},
      {"cannot_assess.hair_or_dark_cap", "边缘上方深色且有纹理：可能是发际线，也可能是深色帽子"},
      {"cannot_assess.flat_bright_skin", "皮肤上有大片平坦的亮区：是过曝，还是妆容或磨皮？"},
      {"cannot_assess.hair_touches_top", "头发碰到照片上边缘：是被裁切还是刚好触边，无法判断"},
      {"cannot_assess.no_hair_colour", "看不到头发，无法取得发色"},
      {"cannot_assess.hair_like_skin", "发色与肤色相近，分不清耳朵和头发"},
      {"cannot_assess.hair_like_background", "发色与背景相近，看不出头发的边界"},
      {"cannot_assess.no_ears_seen", "脸两侧既看不到耳朵，也看不到遮住耳朵的头发"},
      {"cannot_assess.head_tilted", "头部倾斜过大，无法判断脸两侧的情况"},
      {"cannot_assess.head_turned", "头部转动过大，无法按脸的尺寸判断"},
      {"cannot_assess.dark_cover_or_beard", "下半脸偏暗：是浓密胡须、阴影，还是深色遮挡物？"},
  };
  return t;
}
}  // namespace rs::detail
