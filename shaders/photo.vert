#version 330 core
// The photo as one quad: unit corners -> photo pixels -> ImGui display coordinates (zoom, pan and
// mirror are all in u_screen_from_photo) -> clip space with the same projection ImGui uses.
layout(location = 0) in vec2 a_unit;

uniform mat3 u_screen_from_photo;
uniform vec2 u_display_pos;
uniform vec2 u_display_size;
uniform vec2 u_photo_size;

out vec2 v_px;  // photo pixel coordinates, origin top-left
out vec2 v_uv;  // texture coordinates (interpolated directly: no division per pixel)

void main() {
  v_px = a_unit * u_photo_size;
  v_uv = a_unit;
  vec2 screen = (u_screen_from_photo * vec3(v_px, 1.0)).xy;
  vec2 ndc = (screen - u_display_pos) / u_display_size * 2.0 - 1.0;
  gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
}
