#version 450
#extension GL_GOOGLE_include_directive : require
#include "noise.glsl"
#include "outputs.glsl"

layout(location = 0) in vec3 vDir;
layout(location = 1) flat in vec3 vHorizon;
layout(location = 2) flat in vec3 vZenith;
layout(location = 3) flat in uvec4 vIds;
layout(location = 4) flat in float vFar;

void main() {
    vec3 dir = normalize(vDir);
    float t = sqrt(clamp(dir.z, 0.0, 1.0));
    vec3 color = mix(vHorizon, vZenith, t);
    color = addNoise(color, uintBitsToFloat(vIds.w), vIds.x, uvec2(gl_FragCoord.xy));
    writeOutputs(color, vFar, 0u, 0u);
}
