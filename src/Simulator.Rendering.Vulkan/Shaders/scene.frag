#version 450
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"
#include "outputs.glsl"

layout(location = 0) in vec3 vWorld;
layout(location = 1) in vec3 vNormal;
layout(location = 2) in vec2 vUv;
layout(location = 3) flat in uint vRecord;

void main() {
    DrawRecord r = records[vRecord];
    uint env = r.ids.x;
    uint cls = r.ids.y;
    vec3 n = normalize(vNormal);
    // Two-sided lighting: thin geometry (signs, markings) is lit from whichever side the camera sees.
    n = gl_FrontFacing ? n : -n;
    vec3 albedo = r.color.rgb;
    if (cls == CLASS_ROAD) {
        albedo *= envs[env].roadTint.rgb;
    } else if (cls == CLASS_TERRAIN) {
        albedo *= envs[env].grassTint.rgb;
    }
    vec4 sun = envs[env].sunDir;
    vec3 light = envs[env].ambient.rgb + max(dot(n, sun.xyz), 0.0) * sun.w * envs[env].sunColor.rgb;
    vec3 color = albedo * light;
    vec3 fromCamera = vWorld - envs[env].cameraPos.xyz;
    float fog = exp(-envs[env].sunColor.w * length(fromCamera));
    color = mix(envs[env].fogColor.rgb, color, fog);
    color = addNoise(color, env, uvec2(gl_FragCoord.xy));
    writeOutputs(color, dot(fromCamera, envs[env].cameraForward.xyz), cls, r.ids.z);
}
