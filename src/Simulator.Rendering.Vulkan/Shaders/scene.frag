#version 450
#extension GL_GOOGLE_include_directive : require
#include "noise.glsl"
#include "outputs.glsl"

layout(location = 0) in vec3 vNormal;
layout(location = 1) in vec3 vFog;
layout(location = 2) in float vViewDepth;
layout(location = 3) flat in vec3 vAmbient;
layout(location = 4) flat in vec3 vSun;
layout(location = 5) flat in vec3 vSunDir;
layout(location = 6) flat in vec3 vFogColor;
layout(location = 7) flat in uvec4 vIds;

void main() {
    vec3 n = normalize(vNormal);
    // Two-sided lighting: thin geometry (signs, markings) is lit from whichever side the camera sees.
    n = gl_FrontFacing ? n : -n;
    vec3 color = vAmbient + max(dot(n, vSunDir), 0.0) * vSun;
    color = mix(vFogColor, color, exp(-length(vFog)));
    color = addNoise(color, uintBitsToFloat(vIds.w), vIds.x, uvec2(gl_FragCoord.xy));
    writeOutputs(color, vViewDepth, vIds.y, vIds.z);
}
