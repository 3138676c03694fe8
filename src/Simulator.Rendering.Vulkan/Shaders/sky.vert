#version 450
#extension GL_ARB_shader_viewport_layer_array : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

// One full-screen triangle per camera at the far plane; instance i draws the sky of env i (the draw's first
// instance is the first env of its render pass). The view ray is linear in NDC, so it is interpolated.
layout(location = 0) out vec3 vDir;
layout(location = 1) flat out vec3 vHorizon; // tinted
layout(location = 2) flat out vec3 vZenith;  // tinted
layout(location = 3) flat out uvec4 vIds;    // x = noise seed, w = noise sigma (float bits)
layout(location = 4) flat out float vFar;

void main() {
    vec2 p = vec2(float((gl_VertexIndex << 1) & 2), float(gl_VertexIndex & 2)) * 2.0 - 1.0;
    uint env = uint(gl_InstanceIndex);
    vDir = envs[env].cameraForward.xyz
        + p.x * envs[env].cameraRight.w * envs[env].cameraRight.xyz
        + p.y * envs[env].cameraDown.w * envs[env].cameraDown.xyz;
    vHorizon = envs[env].skyHorizon.rgb * envs[env].skyTint.rgb;
    vZenith = envs[env].skyZenith.rgb * envs[env].skyTint.rgb;
    vIds = uvec4(envs[env].misc.x, 0u, 0u, floatBitsToUint(envs[env].ambient.w));
    vFar = envs[env].cameraPos.w;
    gl_Position = vec4(p, 1.0, 1.0);
    gl_Layer = int(envs[env].misc.y);
}
