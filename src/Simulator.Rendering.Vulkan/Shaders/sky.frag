#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
#include "outputs.glsl"

layout(location = 0) in vec2 vNdc;
layout(location = 1) flat in uint vEnv;

void main() {
    uint env = vEnv;
    vec3 dir = normalize(envs[env].cameraForward.xyz
        + vNdc.x * envs[env].cameraRight.w * envs[env].cameraRight.xyz
        + vNdc.y * envs[env].cameraDown.w * envs[env].cameraDown.xyz);
    float t = sqrt(clamp(dir.z, 0.0, 1.0));
    vec3 color = mix(envs[env].skyHorizon.rgb, envs[env].skyZenith.rgb, t) * envs[env].skyTint.rgb;
    color = addNoise(color, env, uvec2(gl_FragCoord.xy));
    writeOutputs(color, envs[env].cameraPos.w, 0u, 0u);
}
