#version 450
#extension GL_ARB_shader_viewport_layer_array : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

// One full-screen triangle per camera at the far plane; instance i draws the sky of env i (the draw's first
// instance is the first env of its render pass).
layout(location = 0) out vec2 vNdc;
layout(location = 1) flat out uint vEnv;

void main() {
    vec2 p = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2)) * 2.0 - 1.0;
    vNdc = p;
    vEnv = uint(gl_InstanceIndex);
    gl_Position = vec4(p, 1.0, 1.0);
    gl_Layer = int(envs[gl_InstanceIndex].misc.y);
}
