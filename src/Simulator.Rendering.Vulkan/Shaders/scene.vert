#version 450
#extension GL_ARB_shader_viewport_layer_array : require
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;

layout(location = 0) out vec3 vWorld;
layout(location = 1) out vec3 vNormal;
layout(location = 2) out vec2 vUv;
layout(location = 3) flat out uint vRecord;

void main() {
    DrawRecord r = records[gl_InstanceIndex];
    float c = r.posCos.w;
    float s = r.scaleSin.w;
    vec3 l = inPosition * r.scaleSin.xyz;
    vec3 world = vec3(c * l.x - s * l.y, s * l.x + c * l.y, l.z) + r.posCos.xyz;
    // Inverse-transpose of a yaw rotation times a diagonal scale.
    vec3 n = inNormal / r.scaleSin.xyz;
    vNormal = vec3(c * n.x - s * n.y, s * n.x + c * n.y, n.z);
    vWorld = world;
    vUv = inUv;
    vRecord = uint(gl_InstanceIndex);
    gl_Position = envs[r.ids.x].viewProj * vec4(world, 1.0);
    gl_Layer = int(envs[r.ids.x].misc.y);
}
