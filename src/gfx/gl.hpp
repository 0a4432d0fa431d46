#pragma once
// OpenGL 3.3 core declarations for our own GL code. Linux's libOpenGL (glvnd) exports every core
// entry point, so the prototypes are used directly; GLFW is always included with GLFW_INCLUDE_NONE
// so no other GL header competes with this one.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/glcorearb.h>
