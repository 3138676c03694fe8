#version 450
#extension GL_ARB_shader_viewport_layer_array : require

// Mesh vertex.
layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec2 inUv;

// Per instance: one draw record (GpuLayouts.cs, DrawRecordGpu), resolved on the CPU so this shader reads no buffers
// (on lavapipe a buffer read indexed per instance is a gather per lane; those reads were most of the vertex cost).
layout(location = 3) in mat4 iMvp;        // locations 3..6
layout(location = 7) in vec4 iFogRow0;    // model → (world − camera) × fog density, row by row
layout(location = 8) in vec4 iFogRow1;
layout(location = 9) in vec4 iFogRow2;
layout(location = 10) in vec4 iDepthRow;  // model → metres along the view direction
layout(location = 11) in vec4 iNormalRot; // cos yaw, sin yaw, layer inside the render pass
layout(location = 12) in vec4 iInvScale;
layout(location = 13) in vec4 iAmbient;   // albedo × ambient
layout(location = 14) in vec4 iSun;       // albedo × sun colour × intensity
layout(location = 15) in vec4 iSunDir;
layout(location = 16) in vec4 iFogColor;
layout(location = 17) in uvec4 iIds;      // noise seed, class, instance id, noise sigma (float bits)

layout(location = 0) out vec3 vNormal;
layout(location = 1) out vec3 vFog;
layout(location = 2) out float vViewDepth;
layout(location = 3) flat out vec3 vAmbient;
layout(location = 4) flat out vec3 vSun;
layout(location = 5) flat out vec3 vSunDir;
layout(location = 6) flat out vec3 vFogColor;
layout(location = 7) flat out uvec4 vIds;

void main() {
    vec4 p = vec4(inPosition, 1.0);
    // Inverse-transpose of a yaw rotation times a diagonal scale.
    vec3 n = inNormal * iInvScale.xyz;
    float c = iNormalRot.x;
    float s = iNormalRot.y;
    vNormal = vec3(c * n.x - s * n.y, s * n.x + c * n.y, n.z);
    vFog = vec3(dot(iFogRow0, p), dot(iFogRow1, p), dot(iFogRow2, p));
    vViewDepth = dot(iDepthRow, p);
    vAmbient = iAmbient.rgb;
    vSun = iSun.rgb;
    vSunDir = iSunDir.xyz;
    vFogColor = iFogColor.rgb;
    vIds = iIds;
    gl_Position = iMvp * p;
    gl_Layer = int(iNormalRot.z);
}
