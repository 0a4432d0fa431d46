#pragma once
// Shared by pose.yaw and pose.pitch: the fitted head's axes drawn from the nose tip.
#include "core/findings/measure.hpp"
#include "core/findings/pose.hpp"

namespace rs::findings {

// x and y axes, and the z axis labelled with the measured angle.
inline void add_pose_axes(Finding& f, const HeadPose& hp, double degrees) {
  f.geometry.push_back(line_shape(hp.origin, hp.x_axis, "x"));
  f.geometry.push_back(line_shape(hp.origin, hp.y_axis, "y"));
  f.geometry.push_back(line_shape(hp.origin, hp.z_axis, fmt(degrees) + "°"));
}

}  // namespace rs::findings
